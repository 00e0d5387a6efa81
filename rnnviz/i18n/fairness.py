"""Strings of fair training on a shared server: per-browser job caps, the wall-clock limit of a run, the whole server's memory. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
