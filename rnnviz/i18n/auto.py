"""Catalog: auto."""

STRINGS: dict[str, tuple[str, str]] = {
}
