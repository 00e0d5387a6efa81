"""rnnviz's own date rules, copied into a script that reads its file itself.

A script too large to carry its rows (rnnviz.script.table) sorts the file's rows by date.
pandas reads dates one cell at a time and gets day-first dates and month labels wrong, so
the script gets the rules rnnviz reads them by: the source of rnnviz.data.dates, a module that
imports nothing of rnnviz, taken with inspect when the script is written. A change to the
rules reaches the next exported script by itself.
"""

from __future__ import annotations

import ast
import inspect

from rnnviz.data import dates

IMPORTS = ("itertools", "re", "warnings")  # what rnnviz.data.dates imports besides numpy, pandas


def _body(module) -> str:
    """A module's source after its docstring and imports (the script imports those)."""
    source = inspect.getsource(module)
    tree = ast.parse(source)
    first = next(
        node
        for node in tree.body
        if not isinstance(node, (ast.Import, ast.ImportFrom))
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    )
    return "\n".join(source.splitlines()[first.lineno - 1 :]).strip() + "\n"


SORT = '''\
def dates_of(cells):
    """A date column as rnnviz reads it: by the rules above over the whole column, else as
    pandas reads each cell."""
    text = cells.str.strip()
    read = read_month_labels(text, named_as_date=True) or read_day_month(text)
    if read is not None:
        return read[0]
    years = to_number(text)
    if is_year_axis(years):
        return years_as_dates(years)
    return pd.to_datetime(text, errors="coerce", format="mixed")


'''


def dates_section() -> str:
    """The date rules and dates_of, which sorts by them (section 2, before the file is read)."""
    return "\n".join(
        [
            "# ---- rnnviz's date rules: rnnviz/data/dates.py, copied when this was exported",
            '# pandas reads dates one cell at a time: "03/04/2020" next to "13/04/2020" is read',
            "# month-first, then day-first, and the rows are jumbled. rnnviz chooses one order for",
            '# the whole column, reads month labels such as "1-01" and lone years; so does this.',
            _body(dates),
            "",
            SORT,
        ]
    )
