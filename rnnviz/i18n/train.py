"""Strings of rnnviz: train. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
