"""Catalog: the figures of a name classifier (rnnviz.figures.classify) and the checks of its
evaluation (rnnviz.analysis.class_eval)."""

STRINGS: dict[str, tuple[str, str]] = {
    # axes, hover and legends shared by the classifier's figures
    "fig.classify.class": ("class", "类别"),
    "fig.classify.letter": ("letter", "字母"),
    "fig.classify.probability": ("probability", "概率"),
    "fig.classify.examples": ("examples", "样本数"),
    "fig.classify.train": ("train", "训练集"),
    "fig.classify.val": ("validation", "验证集"),
    "fig.classify.test": ("test", "测试集"),
    "fig.classify.true": ("true class", "真实类别"),
    "fig.classify.predicted": ("predicted class", "预测类别"),
    "fig.classify.count": ("names", "名字数"),
    "fig.classify.share": ("share of the true class", "占真实类别的比例"),
    "fig.classify.unit": ("hidden unit", "隐藏单元"),
    "fig.classify.value": ("value", "数值"),
    "fig.classify.influence": ("gradient norm", "梯度范数"),
    "fig.classify.accuracy": ("test accuracy", "测试准确率"),
    # titles
    "fig.classify.balance_title": ("Names per class", "每个类别的名字数"),
    "fig.classify.strip_title": (
        "Class probabilities after each letter",
        "读到每个字母之后的类别概率",
    ),
    "fig.classify.confusion_title": ("Confusion matrix", "混淆矩阵"),
    "fig.classify.hidden_title": (
        "Hidden state after each letter",
        "读到每个字母之后的隐藏状态",
    ),
    "fig.classify.gates_title": ("Gates at each letter", "每个字母处的门"),
    "fig.classify.influence_title": (
        "How strongly each letter drives the decision",
        "每个字母对判断的影响有多大",
    ),
    "fig.classify.accuracy_title": ("Accuracy on the test names", "测试集上的准确率"),
    # errors
    "fig.classify.err_letters": (
        "{n} letters were given for {steps} rows of values.",
        "给出了 {n} 个字母，但数值有 {steps} 行。",
    ),
    "fig.classify.err_counts": (
        "The counts have {rows} rows for {classes} classes.",
        "计数有 {rows} 行，但类别有 {classes} 个。",
    ),
    "class_eval.err_shapes": (
        "The two arrays have different shapes: {a} and {b}.",
        "两个数组的形状不同：{a} 和 {b}。",
    ),
    "class_eval.err_range": (
        "Class indices must lie between 0 and {top}.",
        "类别编号必须在 0 到 {top} 之间。",
    ),
}
