"""Catalog: the pages of a name classifier (labelled texts: which language a name comes from)."""

STRINGS: dict[str, tuple[str, str]] = {
    "sample.names.title": (
        "Surnames of 18 languages (classification)",
        "18 种语言的姓氏（分类）",
    ),
    "sample.names.description": (
        "18,827 surnames, each labelled with one of 18 languages, from PyTorch's "
        '"classifying names with a character-level RNN" tutorial: read a name letter by '
        "letter, end in a language.",
        "18,827 个姓氏，每个都标有 18 种语言之一，来自 PyTorch 教程《用字符级 RNN 给名字分类》："
        "逐个字母读入一个名字，最后给出语言。",
    ),
    "labels.text_col": ("Text column", "文本列"),
    "labels.label_col": ("Class column", "类别列"),
    "labels.max_len_label": ("Characters read of each text", "每个文本读取的字符数"),
    "labels.max_len_help": (
        "Longer texts are cut to this many characters: the first letters still tell.",
        "更长的文本会截到这个长度：开头的字母已经足以判断。",
    ),
    "labels.weight": ("Weight the loss by class", "按类别给损失加权"),
    "labels.weight_help": (
        "A rare class's mistakes cost more, so the model does not just learn the big "
        "classes. Accuracy may fall a little; the rare classes' recall rises.",
        "少数类别的错误代价更高，模型就不会只学会大类别。准确率可能略降，少数类别的召回率会上升。",
    ),
    "names.mode": (
        "Many-to-one: the whole name is read, then the state after its last letter (both "
        "ends, bidirectional) goes through a Linear layer to one score per class; "
        "softmax makes them probabilities.",
        "多对一：读完整个名字后，最后一个字母之后的隐藏状态（双向时取两端）"
        "经过一个 `nn.Linear` 层，"
        "得到每个类别一个分数；softmax 把它们变成概率。",
    ),
    "names.read_as_labels": (
        "{name} holds words, not numbers to forecast: read as labelled texts, one class a row.",
        "{name} 中是文字而不是可预测的数值：已按带类别的文本读取，每行一个类别。",
    ),
    "names.files_label": (
        "…or a folder of class files: one .txt per class, one example a line",
        "……或者一组类别文件：每个类别一个 .txt 文件，每行一个样本",
    ),
    "names.files_help": (
        "As PyTorch's tutorial ships its names (data/names/Arabic.txt, Chinese.txt, …): "
        "select all the files at once. Each file's name is its class.",
        "与 PyTorch 教程提供名字数据的方式相同（`data/names/Arabic.txt`、`Chinese.txt`……）："
        "一次选中所有文件。每个文件名就是它的类别。",
    ),
    "names.files_name": ("{n} class files", "{n} 个类别文件"),
    "names.read_button": ("Read as labelled texts (classification)", "按带类别的文本读取（分类）"),
    "names.read_help": (
        "A text column and a column naming each row's class (name,language): the model reads "
        "the text letter by letter and ends in a class, instead of forecasting a number.",
        "一列文本加一列写明每行类别（如 `name,language`）：模型逐个字母读入文本，最后给出一个类别，"
        "而不是预测一个数值。",
    ),
    "names.summary": (
        "{examples:,} texts in {classes} classes, {chars} distinct characters, up to "
        "{longest} characters each; split by class into {train:,} for training, {val:,} for "
        "validation and {test:,} for the test.",
        "共 {examples:,} 个文本、{classes} 个类别、{chars} 种字符，每个最多 {longest} 个字符；"
        "按类别分层划分为训练 {train:,} 个、验证 {val:,} 个、测试 {test:,} 个。",
    ),
    "names.balance_caption": (
        "The classes are not balanced: {big} has {big_n:,} examples, {small} only "
        "{small_n:,}. Always answering {big} is already right {share:.0%} of the time: "
        "that is the majority baseline Predict compares with.",
        "各类别并不均衡：{big} 有 {big_n:,} 个样本，{small} 只有 {small_n:,} 个。"
        "总是回答 {big} 就已经有 {share:.0%} 的正确率：这就是预测页比较的多数类基线。",
    ),
    "names.embed": ("Letters enter as", "字母的输入方式"),
    "names.embed.embedding": (
        "an embedding (nn.Embedding, 32 numbers)",
        "嵌入（nn.Embedding，32 个数）",
    ),
    "names.embed.one_hot": ("one-hot (the tutorial's)", "独热编码（教程的做法）"),
    "names.embed_help": (
        "One-hot: a letter is a vector of zeros with a single 1, as long as the alphabet, "
        "as PyTorch's names tutorial feeds it. An embedding learns 32 numbers per letter "
        "instead: fewer inputs, and letters that behave alike end up close.",
        "独热编码：每个字母是一个与字母表等长、只有一个 1 的向量，"
        "PyTorch 的名字教程就是这样输入的。"
        "嵌入则为每个字母学习 32 个数：输入更少，作用相近的字母会靠在一起。",
    ),
    "names.part": ("Part", "部分"),
    "names.shape": ("Weights", "权重形状"),
    "names.count": ("Parameters", "参数量"),
    "names.part.embed": (
        "Embedding: one row per letter, and the padding's",
        "嵌入层：每个字母一行，另加填充符一行",
    ),
    "names.part.rnn": (
        "Recurrent layers (W_ih, W_hh, b_ih, b_hh)",
        "循环层（W_ih、W_hh、b_ih、b_hh）",
    ),
    "names.part.head": (
        "Linear: the final state to one score per class",
        "`nn.Linear` 层：最终隐藏状态到每个类别一个分数",
    ),
    "names.params_caption": (
        "On these data: {chars} distinct letters, {classes} classes; the recurrent layers "
        "read {inputs} numbers per letter.",
        "在这份数据上：{chars} 种字母、{classes} 个类别；循环层每个字母读入 {inputs} 个数。",
    ),
    "names.baselines_wait": (
        "Fitting the bigram baseline (logistic regression on letters and letter pairs)…",
        "正在拟合二元组基线（基于字母和字母对的逻辑回归）……",
    ),
    "names.baselines_late": (
        "The baselines are still being fitted; this page shows them when you come back.",
        "基线仍在拟合中；稍后回到本页即可看到。",
    ),
    "names.acc_model": ("Your model, test accuracy", "你的模型（测试准确率）"),
    "names.acc_majority": ("Majority class", "多数类基线"),
    "names.acc_bigram": ("Letter bigrams + logistic regression", "字母二元组 + 逻辑回归"),
    "names.beats": (
        "The network beats the bigram baseline by {gain:.1%}: reading the letters in order "
        "tells it more than counting letter pairs.",
        "网络比二元组基线高 {gain:.1%}：按顺序读字母，比只数字母对能学到更多。",
    ),
    "names.below_bigram": (
        "The network is {gap:.1%} below the bigram baseline: counting letter pairs still "
        "does better.",
        "网络比二元组基线低 {gap:.1%}：只数字母对反而更好。",
    ),
    "names.below_majority": (
        "The network does no better than always answering the biggest class: it has not "
        "learned yet. Train for more epochs, or raise the learning rate.",
        "网络并不比总是回答最大类别更好：它还没学会。请增加训练轮数，或提高学习率。",
    ),
    "names.confusion_title": ("Confusion matrix (test)", "混淆矩阵（测试集）"),
    "names.confusion_caption": (
        "Each row is a true class, each column what the model answered; a row's cells are "
        "shares of that class's test names, so the diagonal is each class's recall.",
        "每行是真实类别，每列是模型的回答；每格是该类别测试样本中的占比，对角线就是各类别的召回率。",
    ),
    "names.pairs_title": ("Most confused pairs", "最容易混淆的类别对"),
    "names.no_confusion": ("No test name was misread.", "没有测试样本被分错。"),
    "names.col_true": ("True class", "真实类别"),
    "names.col_pred": ("Answered", "模型回答"),
    "names.col_count": ("Names", "个数"),
    "names.col_examples": ("Examples", "例子"),
    "names.typed_title": ("Type a name", "输入一个名字"),
    "names.typed_label": ("A name, read letter by letter", "一个名字（逐个字母读入）"),
    "names.typed_empty": (
        "Type a name to see its three most likely classes and how they change letter by letter.",
        "输入一个名字，查看最可能的三个类别，以及它们如何随每个字母变化。",
    ),
    "names.unknown_chars": (
        "Never seen in training, so left out: {chars}.",
        "训练中从未出现过，因此略去：{chars}。",
    ),
    "names.typed_cut": (
        "Only the first {cap} characters are read, as in training.",
        "与训练时一样，只读取前 {cap} 个字符。",
    ),
    "names.typed_nothing": (
        "None of these characters occurs in the training data: type a name in the "
        "alphabet of the data set.",
        "这些字符都没有在训练数据中出现过：请用数据集所用的字母输入名字。",
    ),
    "names.settles": (
        "The answer {label} is on top from “{prefix}” on.",
        "从“{prefix}”起，{label} 一直排在第一。",
    ),
    "names.loss_caption": (
        "The loss is the cross-entropy of the true class, in nats: a model guessing all "
        "{classes} classes evenly scores ln {classes}, the dotted line.",
        "损失是真实类别的交叉熵（单位：奈特）："
        "对 {classes} 个类别平均猜测的模型得分为 ln {classes}，即虚线。",
    ),
    "names.file_cap": (
        "{field} is {value:,}, above this server's cap of {cap:,}",
        "{field} 为 {value:,}，超过本服务器上限 {cap:,}",
    ),
    "names.file_classes": (
        "the file's class names are not {n} different short texts",
        "文件中的类别名不是 {n} 个互不相同的短文本",
    ),
    "names.file_vocab": (
        "the file's alphabet is not {n} different characters",
        "文件中的字母表不是 {n} 个互不相同的字符",
    ),
    "names.file_not_classifier": (
        "This file holds a forecaster or a text model, not a classifier of names. Load it "
        "on the Model page with a time series or a text loaded.",
        "这个文件保存的是预测模型或文本模型，不是名字分类器。请先载入时间序列或文本，再在模型页载入它。",
    ),
    "names.file_is_classifier": (
        "This file holds a classifier of names. Load labelled texts (the names sample) on "
        "the Data page first, then load it on the Model page.",
        "这个文件保存的是名字分类器。请先在数据页载入带类别的文本（如姓氏样例），再在模型页载入它。",
    ),
    "names.script_caption": (
        "The script carries the names, classes and split the app trained on and repeats its "
        "training exactly: the same losses, step by step.",
        "脚本带有应用训练时所用的名字、类别和数据划分，并完全重复其训练：每一步的损失都相同。",
    ),
    "lesson.names.title": ("Which language is this name?", "这个名字来自哪种语言？"),
    "lesson.names.watch": (
        "18,827 surnames of 18 languages are read one letter at a time by a bidirectional "
        "GRU that ends in one class (many-to-one). Train it, then watch on Inside the class "
        "probabilities change letter by letter (`Nakamura` turns Japanese at `-mura`, "
        "`Ivanov` Russian at `-ov`), and on Predict how it compares with always answering "
        "the biggest class and with counting letter pairs.",
        "一个双向 GRU 逐个字母读入 18 种语言的 18,827 个姓氏，最后给出一个类别（多对一）。"
        "训练后，在“内部”页观察类别概率如何随每个字母变化（`Nakamura` 读到 `-mura` 时"
        "变成日语，`Ivanov` 读到 `-ov` 时变成俄语），并在预测页看它与总是回答最大类别、"
        "以及统计字母对的方法相比如何。",
    ),
    "lesson.names.expect": (
        "a test accuracy near 81% on Predict after the 12 epochs (81.4% on two cores), level "
        "with the bigram baseline's 81.2% and far above the majority class's 49.9%.",
        "训练 12 轮后，预测页上的测试准确率约为 81%（双核机器上为 81.4%），"
        "与二元组基线的 81.2% 持平，远高于多数类基线的 49.9%。",
    ),
    "names.inside_pick": ("A name from the data", "数据中的一个名字"),
    "names.inside_type": ("…or type one", "……或者输入一个"),
    "names.inside_snapshot": ("The model at training step", "模型所处的训练步"),
    "names.inside_snapshot_help": (
        "{n} snapshots of the weights, from before training to the end: slide to see the "
        "same name read by the model as it was then.",
        "共 {n} 个权重快照，从训练前到训练结束：拖动滑块，查看当时的模型如何读同一个名字。",
    ),
    "names.inside_strip_title": (
        "The class probabilities after each letter of “{name}” (step {step})",
        "读到“{name}”的每个字母后各类别的概率（第 {step} 步）",
    ),
    "names.inside_bi_note": (
        "A bidirectional model's answer after a letter is its answer to the name cut there: "
        "the backward direction starts from that letter.",
        "双向模型在某个字母处的回答，是它对截到该字母的名字的回答：反向部分从这个字母开始往回读。",
    ),
    "names.inside_layer": ("Layer", "层"),
    "names.inside_direction": ("Direction", "方向"),
    "names.inside_states_title": (
        "Hidden states and gates over the letters",
        "各字母处的隐藏状态和门",
    ),
    "names.inside_h": ("Hidden state h after each letter", "每个字母之后的隐藏状态 h"),
    "names.inside_gates.lstm": (
        "i: input gate, f: forget gate, g: candidate, o: output gate, c: cell state. A forget "
        "gate near 1 keeps what the earlier letters wrote.",
        "i：输入门，f：遗忘门，g：候选值，o：输出门，c：细胞状态。"
        "遗忘门接近 1 时，会保留前面字母写入的内容。",
    ),
    "names.inside_gates.gru": (
        "r: reset gate, z: update gate, n: candidate. An update gate near 1 keeps the state "
        "as it was: the letter is let pass.",
        "r：重置门，z：更新门，n：候选值。更新门接近 1 时隐藏状态保持不变：这个字母被放过。",
    ),
    "names.inside_influence_title": ("Which letters drove the decision", "哪些字母决定了答案"),
    "names.inside_influence_caption": (
        "The size of the gradient of the answer's score with respect to each letter's input: "
        "how much a small change of that letter would move the answer. Endings such as "
        "`-ov` or `-mura` usually stand out.",
        "答案得分对每个字母输入的梯度大小：这个字母稍有变化，答案会变动多少。"
        "像 `-ov` 或 `-mura` 这样的结尾通常最突出。",
    ),
    "names.load_unfit": (
        "This classifier was trained on other data ({classes} classes, {chars} letters): "
        "load the data it was trained on, then the file again.",
        "这个分类器是在其他数据上训练的（{classes} 个类别、{chars} 种字母）："
        "请先载入它训练时所用的数据，再载入这个文件。",
    ),
    "names.load_fits": (
        "A {cell} classifier of {hidden} units that knows these classes and letters.",
        "一个有 {hidden} 个单元的 {cell} 分类器，认识这些类别和字母。",
    ),
    "names.val_acc": (
        "**Validation accuracy:** {acc:.1%} after epoch {epoch}.",
        "**验证准确率：** 第 {epoch} 轮后为 {acc:.1%}。",
    ),
    "names.ties": (
        "The network and the bigram baseline tie ({gap:.1%} apart, less than another seed "
        "or split moves them): which letter pairs a surname holds already tells most of its "
        "language. What the network adds is reading them in order: Inside shows where each "
        "name turns. A bidirectional GRU with dropout ends a little above the baseline.",
        "网络与二元组基线打成平手（相差 {gap:.1%}，小于换一个随机种子或数据划分带来的变化）："
        "姓氏中出现了哪些字母对，已经足以说明它的大部分语言特征。网络多做的是按顺序读这些字母："
        "“内部”页显示每个名字在哪里转向。带 `dropout` 的双向 GRU 最终会略高于基线。",
    ),
    "names.advice_bi": (
        "Try a bidirectional GRU with `dropout=0.3`: it reads the ending, where much of a "
        "language shows, first as well as last.",
        "试试 `dropout=0.3` 的双向 GRU：它既从头也从尾读名字，而结尾最能看出语言。",
    ),
    "names.advice_longer": (
        "This is already the architecture that does best here: train for more epochs (12 "
        "reach the baseline on the names sample).",
        "这已经是这里效果最好的结构：请增加训练轮数（在姓氏样例上训练 12 轮即可追上基线）。",
    ),
    "names.settles_last": (
        "{label} takes the lead only at the last letter.",
        "{label} 直到最后一个字母才排到第一。",
    ),
}
