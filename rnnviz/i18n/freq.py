"""Catalog: how often a series' rows come (rnnviz.data.frequency)."""

STRINGS: dict[str, tuple[str, str]] = {
    "freq.hourly": ("hourly", "每小时"),
    "freq.daily": ("daily", "每日"),
    "freq.business": ("business days", "工作日"),
    "freq.weekly": ("weekly", "每周"),
    "freq.monthly": ("monthly", "每月"),
    "freq.quarterly": ("quarterly", "每季度"),
    "freq.yearly": ("yearly", "每年"),
    "freq.irregular": ("irregular", "不规则"),
    "freq.none": ("no dates", "无日期"),
    "freq.with_season": ("{name}, season {season}", "{name}，季节长度 {season}"),
}
