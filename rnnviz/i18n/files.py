"""Strings of what a model file's saved data must mean before its run is rebuilt.
{key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    "files.not_finite": (
        "The model file's `{field}` holds values that are not finite numbers (NaN or "
        "infinity). Save the model again from rnnviz.",
        "模型文件中的 `{field}` 含有非有限数值（NaN 或无穷大）。请在 rnnviz 中重新保存模型。",
    ),
    "files.too_large": (
        "The model file's `{field}` holds values beyond ±{most}, too large to compute with. "
        "Save the model again from rnnviz.",
        "模型文件中的 `{field}` 含有超出 ±{most} 的数值，太大而无法计算。请在 rnnviz "
        "中重新保存模型。",
    ),
    "files.index_unit": (
        "The model file's `{field}` counts its dates in a unit rnnviz does not know. Save the "
        "model again from rnnviz.",
        "模型文件中的 `{field}` 用 rnnviz 不认识的单位记录日期。请在 rnnviz 中重新保存模型。",
    ),
    "files.index_dates": (
        "The model file's `{field}` holds dates that are missing or outside the years 1 to "
        "9999 (1677 to 2262 for nanoseconds). Save the model again from rnnviz.",
        "模型文件中的 `{field}` 含有缺失的日期，或超出公元 1 至 9999 年（纳秒精度为 1677 至 "
        "2262 年）的日期。请在 rnnviz 中重新保存模型。",
    ),
    "files.index_rows": (
        "The model file's `{field}` holds row numbers too large to draw. Save the model "
        "again from rnnviz.",
        "模型文件中的 `{field}` 含有过大的行号，无法绘制。请在 rnnviz 中重新保存模型。",
    ),
    "files.index_order": (
        "The model file's `{field}` does not run strictly forward (repeated or out-of-order "
        "rows). Save the model again from rnnviz.",
        "模型文件中的 `{field}` 不是严格递增的（有重复或顺序错乱的行）。请在 rnnviz "
        "中重新保存模型。",
    ),
    "files.scaler_kind": (
        "The model file's `{field}` does not match the scaling its settings name. Save the "
        "model again from rnnviz.",
        "模型文件中的 `{field}` 与其设置中的缩放方式不符。请在 rnnviz 中重新保存模型。",
    ),
    "files.scale_positive": (
        "The model file's `{field}` holds a zero or negative scale: values cannot be "
        "divided by it. Save the model again from rnnviz.",
        "模型文件中的 `{field}` 含有零或负的缩放系数，无法用它来除。请在 rnnviz 中重新保存模型。",
    ),
}
