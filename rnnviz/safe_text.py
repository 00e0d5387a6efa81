"""User- and link-supplied text made safe to show inside Streamlit Markdown.

Streamlit renders messages (st.markdown, st.warning, captions, widget labels...) as
GitHub Markdown plus its own extras: LaTeX between `$`, emoji and `:material/icon:`
shortcodes, `:red[...]`-style directives, autolinked URLs. A file name, column name or
link value formatted into such a message could show a link to another site, make every
visitor's browser fetch an image, or draw a formula. `md()` is the one function that
every such value passes through on its way into a message; the message itself (a
translated catalog entry) stays Markdown.

Rule: escape where user text is formatted into a message (`t(key, name=md(name))`);
a message made that way is safe and is never escaped again (that would show backslashes).
Plotly is not Markdown: it reads a few HTML tags (`<a href>` among them) and the figures
escape those themselves (`rnnviz.figures._anim.escape`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from rnnviz.i18n import t

ELLIPSIS = "…"
# CommonMark lets a backslash escape any ASCII punctuation and nothing else, so escaping
# all of it is safe (the text reads the same) and covers every construct at once: links,
# images, emphasis, code, HTML/autolinks, tables, headings, LaTeX `$`, directives `:x[`.
_PUNCTUATION = frozenset(string.punctuation)
# Line breaks would start block constructs (headings, lists, code); control and bidi
# characters could hide or reorder what the reader sees.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
# Some constructs are matched in the text after escapes are resolved, so escaping alone
# leaves them working: emoji and icon shortcodes (`\:smile\:` still reads `:smile:`),
# autolinked addresses (`https\://x`, `www\.x\.org`, `me\@x\.org`) and typographic
# arrows (`\-\>` still becomes "→"). An invisible word joiner (U+2060) splits each of
# them where its pattern cannot match (checked in Chromium), and only there, so a name
# such as "my_data.csv" reads and copies as itself.
_WORD_JOINER = "\u2060"
_JOINS = re.compile(r"(?<=:)|(?=@)|(?i:(?<=www)(?=\.))|(?<=[-<>~])(?=[-<>=])")


def _escape(char: str) -> str:
    return "\\" + char if char in _PUNCTUATION else char


def md(text, limit: int | None = 60) -> str:
    """`text` (anything: str() is taken) to show literally inside Markdown: cut to `limit`
    characters with an ellipsis (None: no cut), on one line, every special character
    escaped."""
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + ELLIPSIS  # cut before escaping, so no escape is split
    text = _JOINS.sub(_WORD_JOINER, _BREAKS.sub(" ", text))
    return "".join(map(_escape, text))


def names(items: Iterable, limit: int | None = 40, most: int = 10, quote: str = "") -> str:
    """Several user names (columns, characters) escaped with `md` and joined: at most
    `most` of them, then "and N more" (a table may have thousands of columns)."""
    items = list(items)
    shown = t("safe.separator").join(f"{quote}{md(item, limit)}{quote}" for item in items[:most])
    rest = len(items) - most
    return shown + t("safe.more", n=rest) if rest > 0 else shown
