"""Catalog: what the network predicts, the time axis' frequency, and their messages."""

STRINGS: dict[str, tuple[str, str]] = {
    "transform.label": ("The network predicts", "网络预测的是"),
    "transform.help": (
        "The level itself, or the change from the last value, from one season back, or of "
        "the logarithm. Every prediction is turned back into the target's own units.",
        "数值本身，或相对上一个值的变化、相对一个季节前的变化、对数的变化。所有预测都换算回目标的原始单位。",
    ),
    "transform.choice.level": ("the level", "数值本身"),
    "transform.choice.diff": ("the change from the last value", "相对上一个值的变化"),
    "transform.choice.seasonal_diff": ("the change from one season back", "相对一个季节前的变化"),
    "transform.choice.log_diff": ("the change of the logarithm", "对数的变化"),
    "transform.season": ("Season (steps)", "季节长度（步）"),
    "transform.season_help": (
        "Steps in one season of the time axis (12 for months, 7 for days, 24 for hours); 0: none.",
        "时间轴一个季节包含的步数（月度 12，日度 7，小时 24）；0 表示没有季节。",
    ),
    "transform.log_fallback": (
        "The change of the logarithm needs values above zero (the smallest is {value:g}): "
        "the network predicts the change from the last value instead.",
        "对数的变化要求所有数值大于零（最小值为 {value:g}）：网络改为预测相对上一个值的变化。",
    ),
    "transform.season_fallback": (
        "A change from one season back needs a season of at least 2 steps, at least the "
        "horizon, and three seasons of rows (season: {season}): the network predicts the "
        "change from the last value instead.",
        "相对一个季节前的变化要求季节至少 2 步、不短于预测步长，且数据至少有三个季节（当前季节："
        "{season}）："
        "网络改为预测相对上一个值的变化。",
    ),
    "transform.constant": (
        "'{name}' changes by the same amount every step ({transform}: always {value:g}): "
        "there is nothing to learn. Let the network predict the level instead.",
        "“{name}”每一步的变化都相同（{transform}：始终为 {value:g}）：没有什么可学的。"
        "请让网络预测数值本身。",
    ),
    "transform.gaps": (
        "{rows} rows with missing values were dropped: a change across a dropped row spans "
        "more than one step. Filling the gaps (interpolate) keeps every change one step long.",
        "已删除 {rows} 行缺失值：跨越被删除行的变化不止一步。"
        "选择插值填补缺口可以让每个变化都只跨一步。",
    ),
    "transform.inside_units": (
        "The input row shows what the network reads: {transform} of {columns}, in original "
        "units; the network reads it scaled ({scaling}).",
        "输入行显示网络读到的内容：{columns} 的{transform}，以原始单位表示；"
        "网络读取的是缩放后的数值，缩放方式为{scaling}。",
    ),
    "transform.inside_units_none": (
        "The input row shows what the network reads: {transform} of {columns}, in original "
        "units, the very numbers the network reads: there is no scaling.",
        "输入行显示网络读到的内容：{columns} 的{transform}，以原始单位表示，也就是网络读取的"
        "数值本身：没有缩放。",
    ),
    "transform.calc_original": (
        "; what the network reads is {transform}: [{shown}] in original units",
        "；网络读到的是{transform}：原始单位为 [{shown}]",
    ),
    "transform.typed_unread": (
        "This model predicts how '{target}' changes, but it does not read '{target}': a "
        "typed sequence cannot give the level back. Train it on the level, or with "
        "'{target}' among the inputs.",
        "该模型预测“{target}”的变化，却不读取“{target}”：输入的序列无法还原出数值本身。"
        "请让它预测数值本身，或把“{target}”加入输入。",
    ),
    "transform.typed_short": (
        "This model reads changes over {lag} steps: type more than {lag} values (you typed "
        "{steps}).",
        "该模型读取跨 {lag} 步的变化：请输入多于 {lag} 个数值（当前为 {steps} 个）。",
    ),
    "transform.typed_log": (
        "This model reads the change of the logarithm: type values above zero.",
        "该模型读取对数的变化：请输入大于零的数值。",
    ),
    "roles.loss.robust": (
        "Loss: mean squared error (MSE) on robustly scaled values (the training rows' median "
        "at 0, their interquartile range 1), not in the target's own units.",
        "损失：在稳健缩放后的数值（训练部分的中位数为 0、四分位距为 1）上计算的均方误差（MSE），"
        "不是目标列的原始单位。",
    ),
    "transform.horizon_test": (
        "The horizon ({horizon} steps) is longer than the test part ({rows} rows): every test "
        "prediction is made from rows before the test part, and the forecast past the end "
        "reaches {horizon} steps ahead from the last window. A larger test share or a "
        "shorter horizon tests the model on what it will be asked.",
        "预测步长（{horizon} 步）比测试部分（{rows} 行）还长："
        "每个测试预测都只读取测试部分之前的行，"
        "超出末尾的预测也从最后一个窗口向前 {horizon} 步。增大测试比例或缩短预测步长，"
        "才能测试模型真正要做的事。",
    ),
}
