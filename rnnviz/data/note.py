"""A note: something reading changed that the user should know, kept as a catalog key and
its parameters so it is translated when shown and follows a change of language."""

from __future__ import annotations

from dataclasses import dataclass, field
from numbers import Number

from rnnviz.i18n import t

MOST_NAMES = 10  # names shown in one note; the rest are counted ("and 3 more")


@dataclass(frozen=True)
class Note:
    """A catalog key and its parameters; `text` translates it."""

    key: str
    params: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.format(str)

    def format(self, escape) -> str:
        """The text with each parameter passed through `escape` first (``safe.md`` where it
        is shown as Markdown: a column name is the user's text). Numbers pass as they are,
        so an entry may format them ("{cells:,}"); a tuple or list of names is joined in
        the language in force when it is shown."""
        return t(self.key, **{k: _shown(v, escape) for k, v in self.params.items()})


def _shown(value, escape):
    if isinstance(value, Number) and not isinstance(value, bool):
        return value
    if isinstance(value, (tuple, list)):
        shown = t("safe.separator").join(escape(v) for v in value[:MOST_NAMES])
        rest = len(value) - MOST_NAMES
        return shown + t("safe.more", n=rest) if rest > 0 else shown
    return escape(value)
