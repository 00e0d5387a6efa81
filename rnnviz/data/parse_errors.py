"""pandas' parser errors retold in rnnviz's words, in the user's language.

pandas words its errors for programmers, in English ("Error tokenizing data. C error:
Expected 1 fields in line 10, saw 2"); a Chinese sentence around that text reads as two
languages. What helps the user (the line, the field counts, the separator) is kept; the
rest is said by the catalog. Line numbers count the lines cut before the header, so they
are the file's own.
"""

from __future__ import annotations

import re

from rnnviz.i18n import t

FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
OPEN_QUOTE = re.compile(
    r"EOF inside string(?: starting (?:at|with) (?:row|line) (\d+))?"
    r"|unexpected end of data|EOF while scanning|new-line character seen",
    re.IGNORECASE,
)


def delimiter_name(delimiter: str) -> str:
    return t("parse.tab") if delimiter == "\t" else repr(delimiter)


def retold(error: Exception, delimiter: str, skipped: int = 0) -> str:
    """The message for a parser error; `skipped`: lines cut above the text pandas read."""
    text, shown = str(error), delimiter_name(delimiter)
    hint = t("parse.export_hint")
    fields = FIELDS.search(text)
    if fields:
        expected, line, saw = (int(g) for g in fields.groups())
        return t(
            "parsing.fields",
            line=line + skipped,
            expected=expected,
            saw=saw,
            delimiter=shown,
            hint=hint,
        )
    quote = OPEN_QUOTE.search(text)
    if quote:
        row = quote.group(1)
        if row is not None:  # pandas counts rows from 0 at the header
            return t("parsing.open_quote_at", line=int(row) + 1 + skipped, hint=hint)
        return t("parsing.open_quote", hint=hint)
    return t("parsing.unreadable", delimiter=shown, hint=hint)
