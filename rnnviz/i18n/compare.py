"""Strings of rnnviz: compare. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
