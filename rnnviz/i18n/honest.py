"""Catalog: Predict, told honestly (why a baseline wins, and the fix)."""

STRINGS: dict[str, tuple[str, str]] = {
    "honest.outside": (
        "{share} of the test targets lie outside the range of the training part.",
        "测试目标中有 {share} 落在训练部分的范围之外。",
    ),
    "honest.outside_many": (
        "**{share} of the test targets lie outside the range of the training part**: a model "
        "of the level has never seen such values.",
        "**测试目标中有 {share} 落在训练部分的范围之外**：预测数值本身的模型从未见过这样的值。",
    ),
    "honest.outside_changes": (
        "{share} of the test targets lie outside the range of the training part; this network "
        "predicts each step's change, so it can follow them there.",
        "测试目标中有 {share} 落在训练部分的范围之外；这个网络预测每一步的变化，所以仍能跟上它们。",
    ),
    "honest.cause.range": (
        "Why: {share} of the test part lies past anything the training part holds. A network "
        "that predicts the level can only repeat values it has seen; predicting each step's "
        "change carries it past them.",
        "原因：测试部分有 {share} 超出了训练部分的范围。预测数值本身的网络只能重复见过的值；"
        "改为预测每一步的变化，就能越过这些值。",
    ),
    "honest.fix.range": ("Predict the change instead", "改为预测变化"),
    "honest.cause.season": (
        "Why: the seasonal baseline copies the value from {season} steps back, but the window "
        "shows only {window} steps: the model never sees one season back.",
        "原因：季节性基线复制 {season} 步之前的值，但窗口只有 {window} 步："
        "模型从未看到一个季节之前。",
    ),
    "honest.fix.season": (
        "Widen the window to one season plus one step",
        "把窗口加宽到一个季节再加一步",
    ),
    "honest.cause.few_windows": (
        "Why: only {windows} training windows. A network this size learns them by heart within "
        "a few epochs; keeping the best-validation weights (Train page) keeps it from drifting "
        "past its best.",
        "原因：只有 {windows} 个训练窗口。这样大小的网络几个轮次内就会把它们背下来；"
        "在训练页面保留验证损失最低时的权重，可以避免越过最佳点。",
    ),
    "honest.loses_frozen": (
        "The model loses to **{baseline}** on the test set (RMSE {model} against {best}): its "
        "learning rate is too small for its weights to move, so it still answers as it did "
        "before training.",
        "在测试集上，模型输给了 **{baseline}**（RMSE {model}，对比 {best}）："
        "它的学习率太小，权重根本动不了，所以它的回答和训练前一样。",
    ),
    "honest.cause.frozen": (
        "Why: Adam moves each weight by about the learning rate a step, so {steps} steps at "
        "learning rate {lr} moved a weight by {reach} at most, while the weights start as "
        "large as ±{start}: more steps at this rate will not help. Set the learning rate to "
        "0.01 on the Train page and train again.",
        "原因：Adam 每一步大约把每个权重移动一个学习率，所以以学习率 {lr} 训练 {steps} "
        "步，权重最多只移动了 {reach}，而权重的初始值可达 ±{start}：用这个学习率再多训练"
        "也无济于事。请在训练页面把学习率改为 0.01 后重新训练。",
    ),
    "honest.fixed": (
        "The Data page's settings were changed: train a new model to use them.",
        "数据页面的设置已更改：请训练一个新模型来使用它们。",
    ),
    "honest.fix_failed": (
        "The settings could not be changed ({error}); they stay as they were.",
        "无法更改设置（{error}）；设置保持不变。",
    ),
    "honest.go_train": ("Train a new model", "训练新模型"),
}
