"""Strings of what a model file's saved data must mean before its run is rebuilt. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
