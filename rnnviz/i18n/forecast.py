"""Catalog: what the network predicts, the time axis' frequency, and their messages."""

STRINGS: dict[str, tuple[str, str]] = {
    "transform.label": ("The network predicts", "网络预测的是"),
    "transform.help": (
        "The level itself, or the change from the last value, from one season back, or of "
        "the logarithm. Every prediction is turned back into the target's own units.",
        "数值本身，或相对上一个值的变化、相对一个季节前的变化、对数的变化。所有预测都换算回目标的原始单位。"),
    "transform.choice.level": ("the level", "数值本身"),
    "transform.choice.diff": ("the change from the last value", "相对上一个值的变化"),
    "transform.choice.seasonal_diff": ("the change from one season back", "相对一个季节前的变化"),
    "transform.choice.log_diff": ("the change of the logarithm", "对数的变化"),
    "transform.season": ("Season (steps)", "季节长度（步）"),
    "transform.season_help": (
        "Steps in one season of the time axis (12 for months, 7 for days, 24 for hours); 0: none.",
        "时间轴一个季节包含的步数（月度 12，日度 7，小时 24）；0 表示没有季节。"),
}
