"""Widgets drawn from the settings schema (rnnviz/session/schema.py): label, help, range, choices
and key come from a setting's one declaration.

Each widget shows any valid value as it is: a select slider's options are its marks plus
the current value, number boxes and sliders take the schema's range. The value is passed
only while the session holds none for the widget's key: a value set through the Session
State API (a data set or a link loading) wins, and passing both makes Streamlit warn.
"""

from __future__ import annotations

from rnnviz.i18n import t
from rnnviz.session.schema import Setting
from rnnviz.ui import state


def initial(key: str, **value) -> dict:
    """A widget's initial value, unless the session already holds one for its key."""
    return {} if state.widget(key).held() else value


def _help(s: Setting) -> str | None:
    return t(s.help) if s.help else None


def _in_range(s: Setting, value):
    """A guard, not a choice: values reach the state checked (links, lessons, files), and a
    widget given a value outside its range raises instead of drawing."""
    return min(max(value, s.lo), s.hi)


def number(where, s: Setting, value, label: str | None = None, **kw):
    label = label or t(s.label)
    common = dict(key=s.widget, help=_help(s), **kw)
    cast = int if s.kind == "int" else float
    value = cast(_in_range(s, value))
    if s.marks:
        held = state.widget(s.widget).get()
        options = sorted({*s.marks, value, *([held] if isinstance(held, (int, float)) else [])})
        return where.select_slider(label, options, **initial(s.widget, value=value), **common)
    lo, hi, step = cast(s.lo), cast(s.hi), cast(s.step)
    if s.slider:
        return where.slider(label, lo, hi, step=step, **initial(s.widget, value=value), **common)
    fmt = "%g" if s.kind == "float" else None  # shown exactly: 0.25 is not "0.2"
    # The box refuses a typed value out of range with only a red icon: its help says the
    # range (a window of 1 "silently kept 30").
    allowed = t("settings.range", lo=format(lo, ",g"), hi=format(hi, ",g"))
    common["help"] = f"{common['help']} {allowed}" if common["help"] else allowed
    return where.number_input(
        label, lo, hi, step=step, format=fmt, **initial(s.widget, value=value), **common
    )


def toggle(where, s: Setting, value: bool, **kw) -> bool:
    return where.toggle(
        t(s.label), key=s.widget, help=_help(s), **initial(s.widget, value=bool(value)), **kw
    )


def choice(where, s: Setting, value, style: str = "selectbox", label: str | None = None, **kw):
    """A choice of the setting's stable codes, each shown by its translated label."""
    label = label or t(s.label)
    names = {c: t(f"{s.choice_label}{c}") for c in s.choices}  # here: format_func may run
    options = list(s.choices)  # on another thread
    common = dict(format_func=names.get, key=s.widget, help=_help(s), **kw)
    if style == "segmented":
        return where.segmented_control(
            label, options, required=True, **initial(s.widget, default=value), **common
        )
    index = options.index(value) if value in options else 0
    if style == "radio":
        return where.radio(
            label, options, horizontal=True, **initial(s.widget, index=index), **common
        )
    return where.selectbox(label, options, **initial(s.widget, index=index), **common)
