"""Strings of rnnviz: lab. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
