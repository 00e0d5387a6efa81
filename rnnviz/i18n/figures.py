"""Strings of rnnviz: figures. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
