"""Strings of rnnviz: model. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
