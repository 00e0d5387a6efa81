"""Strings of the server itself: refused client messages, upload caps, a page that failed. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
