"""Strings of the bounded readers: caps on typed input and on uploads, and a parse that ran too long. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
}
