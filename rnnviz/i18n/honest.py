"""Catalog: honest."""

STRINGS: dict[str, tuple[str, str]] = {
}
