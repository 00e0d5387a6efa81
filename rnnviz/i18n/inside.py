"""Strings of rnnviz: inside. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
