"""Catalog: Auto, the preparation chosen on the validation split, and why."""

STRINGS: dict[str, tuple[str, str]] = {
    "auto.label": ("Choose the preparation automatically (Auto)", "自动选择数据准备方式"),
    "auto.help": (
        "Tries what the network predicts, the scaling and the window on the validation part, "
        "each briefly with a fixed seed, and keeps the best. Every choice can be changed.",
        "在验证集上尝试不同的预测目标、缩放方式和窗口，每种都用固定种子短暂训练，保留最好的一种。"
        "每一项都可以手动修改。",
    ),
    "auto.run": ("Run Auto", "运行自动选择"),
    "auto.running": (
        "Auto is trying candidates: {done}/{total}",
        "自动选择正在尝试候选设置：{done}/{total}",
    ),
    "auto.applied": (
        "Auto chose: {transform}, {scaling} scaling, window {window}.",
        "自动选择的结果：{transform}，缩放方式为{scaling}，窗口 {window}。",
    ),
    "auto.failed": (
        "Auto could not finish ({error}); the settings stay as they are.",
        "自动选择未能完成（{error}）；设置保持不变。",
    ),
    "auto.lesson": (
        "A lesson's settings are its own: Auto leaves them as the lesson set them.",
        "课程的设置属于课程本身：自动选择不会改动它们。",
    ),
    "auto.wait": (
        "Auto is still choosing the preparation: train once it has finished.",
        "自动选择仍在选择数据准备方式：请在它完成后再训练。",
    ),
    "auto.too_short": (
        "The series has {rows} rows, fewer than the {most} Auto needs to choose on the "
        "validation part: the default preparation is kept.",
        "该序列只有 {rows} 行，少于自动选择在验证集上做选择所需的 {most} 行：保留默认设置。",
    ),
    "auto.none_fit": (
        "No candidate could be prepared: the default preparation is kept.",
        "没有可用的候选设置：保留默认设置。",
    ),
    "auto.summary": (
        "Tried {tried} settings on the validation part; the best has validation MAE "
        "{mae:.4g} (last value: {naive:.4g}).",
        "在验证集上尝试了 {tried} 种设置；最好的一种验证 MAE 为 {mae:.4g}（“上一个值”为 "
        "{naive:.4g}）。",
    ),
    "auto.why.level": (
        "The series stays within the range the training part spans, so the network "
        "predicts the level itself.",
        "序列保持在训练部分覆盖的范围内，因此网络直接预测数值本身。",
    ),
    "auto.why.diff": (
        "Each step's change was easier to predict than the level, so the network predicts "
        "the change from the last value.",
        "每一步的变化比数值本身更容易预测，因此网络预测相对上一个值的变化。",
    ),
    "auto.why.range": (
        "This series moves past anything in the training part ({share} of the validation "
        "part lies outside its range): a network predicting the level could only repeat "
        "values it has seen.",
        "这个序列超出了训练部分见过的范围（验证部分有 {share} 落在范围之外）："
        "预测数值本身的网络只能重复见过的值。",
    ),
    "auto.why.seasonal": (
        "The series repeats every {season} steps, so the network predicts the change from "
        "one season back.",
        "序列每 {season} 步重复一次，因此网络预测相对一个季节前的变化。",
    ),
    "auto.why.log": (
        "The series grows by similar proportions rather than similar amounts, so the "
        "network predicts the change of the logarithm.",
        "序列按相近的比例而不是相近的数量增长，因此网络预测对数的变化。",
    ),
    "auto.why.scaling_minmax": (
        "Min-max scaling won on validation.",
        "验证集上最小-最大缩放效果最好。",
    ),
    "auto.why.scaling_robust": (
        "Robust scaling (median and IQR) won on validation: a few extreme values would "
        "squeeze the rest under min-max.",
        "验证集上稳健缩放（中位数和四分位距）效果最好：少数极端值会让最小-最大缩放挤压其余数值。",
    ),
    "auto.why.scaling_standard": (
        "Standard scaling won on validation.",
        "验证集上标准化缩放效果最好。",
    ),
    "auto.why.scaling_none": ("The values are not scaled.", "数值未经缩放。"),
    "auto.why.window": (
        "The window of {window} steps covers one season ({season}) plus one step.",
        "{window} 步的窗口覆盖一个季节（{season}）再加一步。",
    ),
    "auto.title": (
        "Auto: choosing the preparation on the validation part",
        "自动选择：在验证集上选择数据准备方式",
    ),
    "auto.done": (
        "Auto chose the preparation in {seconds} s",
        "自动选择用 {seconds} 秒选好了数据准备方式",
    ),
    "auto.changed": (
        "These settings differ from Auto's choice: yours are used. Run Auto again to choose "
        "for them.",
        "当前设置与自动选择的结果不同：将使用你的设置。可再次运行自动选择。",
    ),
    "auto.frequency": ("Time axis: {frequency}.", "时间轴：{frequency}。"),
    "auto.frequency_other": (
        "Time axis: {frequency}; the season set here: {season} steps.",
        "时间轴：{frequency}；这里设置的季节长度：{season} 步。",
    ),
    "auto.why.scaling_changes": (
        "The changes are scaled robustly (median and IQR): a network that has learned little "
        "predicts about the median change, close to the naive forecast.",
        "变化量采用稳健缩放（中位数和四分位距）：学得还不多的网络会预测接近中位数的变化，接近朴素预测。",
    ),
}
