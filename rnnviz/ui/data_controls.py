"""Widget groups of the Data page: upload handling, series choices, text choices."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import figures, i18n
from rnnviz.data import roles
from rnnviz.data.prep import SeriesConfig, SeriesData
from rnnviz.data.reader import DataError, datetime_columns, numeric_columns
from rnnviz.data.text import TextConfig
from rnnviz.i18n import t
from rnnviz.safe_text import md, names
from rnnviz.server.limits import MAX_ROWS
from rnnviz.session.schema import get
from rnnviz.session.workspace import digest
from rnnviz.ui import actions, auto_controls, fields, figcache, reading_controls, state
from rnnviz.ui.fields import initial


def stable_choice(keys) -> tuple[list[str], Callable[[str], str]]:
    """Options whose values are the English texts of `keys`, shown in the user's language.

    A value that stays the same in both languages keeps a widget's choice when the
    language changes (Streamlit drops a value no longer among the options), and it is
    the value tests and older sessions know ("Upload", "Keep every k-th row"). The labels
    are translated here, not in format_func: Streamlit may call it on another thread.
    """
    labels = {i18n.CATALOG[key][0]: t(key) for key in keys}
    return list(labels), labels.get


def handle_upload(up) -> None:
    if up is None:
        return
    raw = up.getvalue()
    key = digest(raw) + up.name
    last = state.LAST_UPLOAD.get()
    if last is None or last[0] != key:
        last = (key, actions.use_upload(up.name, raw))
        state.LAST_UPLOAD.set(last)
        if last[1] is None:  # a new table: Auto chooses its preparation
            auto_controls.choose(state.dataset())
    if last[1]:
        st.error(last[1])


def _apply(cfg) -> None:
    try:
        state.set_prep_cfg(cfg)
    except DataError as err:
        st.error(t("data.kept_settings", error=err))


def series_section(ds) -> None:
    table, cfg = ds.table, state.prep_cfg()
    with st.expander(t("data.preview", rows=len(table), cols=len(table.columns)), expanded=False):
        st.dataframe(table.head(200), width="stretch")
    new = _column_choices(table, cfg)
    new = _row_choices(new, len(table))
    new = _window_choices(new, len(table))
    _apply(new)
    st.info(reads_line(state.prep_cfg()), icon=":material/arrow_forward:")
    auto_controls.frequency_line(state.prepared(), state.prep_cfg())
    for note in state.prepared().notes:  # a transform's fallback, gaps under a change
        st.caption(note)
    auto_controls.show_result(ds, state.prep_cfg())
    show_role_warnings(ds)
    _series_charts()


def _column_choices(table: pd.DataFrame, cfg: SeriesConfig) -> SeriesConfig:
    numbers, dates = numeric_columns(table), datetime_columns(table)
    cfg = reading_controls.series_choice(table, cfg)
    found = column_roles(state.dataset())
    shown = _role_names(found, numbers)  # made here: format_func may run on another thread
    a, b = st.columns(2)
    c = st.container()  # the inputs on a row of their own: five chips did not fit a third
    date_opts = [None, *dates]
    row_number = t("data.row_number")
    s = get(SeriesConfig, "date_column")
    date = a.selectbox(
        t(s.label),
        date_opts,
        **initial(
            s.widget, index=date_opts.index(cfg.date_column) if cfg.date_column in date_opts else 0
        ),
        format_func=lambda v: row_number if v is None else v,
        key=s.widget,
    )
    s = get(SeriesConfig, "target")
    target = b.selectbox(
        t(s.label),
        numbers,
        **initial(s.widget, index=numbers.index(cfg.target) if cfg.target in numbers else 0),
        key=s.widget,
        format_func=shown.get,
        on_change=_on_target,
    )
    s = get(SeriesConfig, "features")
    feats = c.multiselect(
        t(s.label),
        numbers,
        **initial(s.widget, default=[f for f in cfg.inputs if f in numbers]),
        key=s.widget,
        help=t(s.help),
        format_func=shown.get,
        on_change=_on_features,
    )
    extra = _extra_targets(c, numbers, target, cfg, shown)
    reading_controls.left_out_lines(table, found)
    holes = int(table[list(dict.fromkeys([*feats, target, *extra]))].isna().sum().sum())
    missing = cfg.missing
    if holes:
        s = get(SeriesConfig, "missing")
        missing = fields.choice(st, s, cfg.missing, style="radio", label=t(s.label, holes=holes))
    return replace(
        cfg,
        date_column=date,
        target=target,
        features=tuple(feats or [target]),
        missing=missing,
        extra_targets=tuple(extra),
    )


def _extra_targets(
    where, numbers: list[str], target: str, cfg: SeriesConfig, shown: dict[str, str]
) -> list[str]:
    """More columns to predict beside the target: one model output per column."""
    s = get(SeriesConfig, "extra_targets")
    options = [c for c in numbers if c != target]
    if not options:  # one numeric column: nothing else to predict (and no empty box)
        return []
    held = state.widget(s.widget).get()
    if held is not None and any(c not in options for c in held):  # a target picked since
        state.widget(s.widget).set([c for c in held if c in options])
    return where.multiselect(
        t(s.label),
        options,
        **initial(s.widget, default=[c for c in cfg.extra_targets if c in options]),
        key=s.widget,
        help=t(s.help),
        format_func=shown.get,
    )


# ---------------------------------------------------------------- column roles


@dataclass
class _Choice:
    """What the Data page knows of one data set's columns: their roles, and whether the
    user has picked the inputs (then a new target joins them, unless the user took it
    out: `removed`)."""

    dataset: weakref.ref
    roles: roles.Roles
    chosen: bool
    removed: set = field(default_factory=set)


_CHOICE = state.COLUMN_CHOICE  # the current data set's _Choice


def _choice() -> _Choice | None:
    """The record of the current data set, made anew when the data set changed (loaded
    again, too: a fresh load starts from the first guess)."""
    ds, rec = state.dataset(), _CHOICE.get()
    if ds is None or ds.kind != "series":
        return None
    if rec is None or rec.dataset() is not ds:
        cfg = state.prep_cfg()
        # A link or a lesson naming other inputs than the target has chosen them.
        chosen = cfg is not None and tuple(cfg.inputs) != (cfg.target,)
        rec = _Choice(weakref.ref(ds), roles.default_roles(ds.table), chosen)
        _CHOICE.set(rec)
    return rec


def column_roles(ds) -> roles.Roles | None:
    rec = _choice()
    return rec.roles if rec is not None and rec.dataset() is ds else None


def _role_names(found: roles.Roles | None, columns) -> dict[str, str]:
    """A column as the choices show it: its name, and its role where that is not a plain
    measurement ("No (row counter)"), so a counter is not picked by mistake."""
    shown = {c: c for c in columns}
    for c in columns:
        role = found.role(c) if found is not None else None
        if role not in (None, "measure"):
            shown[c] = f"{c} ({t(f'roles.role.{role}')})"
    return shown


_TARGET, _FEATURES = get(SeriesConfig, "target").widget, get(SeriesConfig, "features").widget


def _on_target() -> None:
    """Inputs follow the target until the user picks inputs; then a new target joins them
    unless the user took it out."""
    rec, target = _choice(), state.widget(_TARGET).get()
    if rec is None or target is None:
        return
    feats = list(state.widget(_FEATURES).get() or [])
    if not rec.chosen:
        feats = [target]
    elif target not in feats and target not in rec.removed:
        feats.append(target)
    state.widget(_FEATURES).set(feats)


def _on_features() -> None:
    rec, cfg = _choice(), state.prep_cfg()
    if rec is None:
        return
    new = set(state.widget(_FEATURES).get() or [])
    before = set(cfg.inputs) if isinstance(cfg, SeriesConfig) else set()
    rec.chosen = True
    rec.removed = (rec.removed | (before - new)) - new


def reads_line(cfg: SeriesConfig) -> str:
    """ "The model reads: … and predicts: …", in plain words."""
    predicted = names(cfg.outputs) if cfg.extra_targets else md(cfg.target)
    return t("roles.reads", inputs=names(cfg.inputs), target=predicted)


def role_warnings(ds=None, data=None) -> list[str]:
    """What looks wrong in the current choice of columns and window, as Markdown (user
    text escaped); empty for text or without data."""
    ds, data = ds or state.dataset(), data or state.prepared()
    if ds is None or ds.kind != "series" or not isinstance(data, SeriesData):
        return []
    found = column_roles(ds) or roles.default_roles(ds.table)
    cfg = data.cfg
    return [
        w.format(md)
        for w in [
            *roles.check_choice(
                ds.table,
                found,
                cfg.target,
                cfg.inputs,
                cfg.window,
                int(data.boundaries[0]),
                cfg.horizon,
            ),
            *roles.repeated_dates(data.index),
        ]
    ]


def show_role_warnings(ds=None, data=None) -> None:
    for text in role_warnings(ds, data):
        st.warning(text, icon=":material/warning:")


def _row_choices(cfg: SeriesConfig, rows: int) -> SeriesConfig:
    """A table longer than the cap trains on a cut of it: the newest rows, or every k-th."""
    if rows <= MAX_ROWS:
        return replace(cfg, last_rows=None, every_nth=1)
    st.warning(t("data.rows_cap", rows=rows, cap=MAX_ROWS))
    options, label = stable_choice(("data.rows.newest", "data.rows.every"))
    pick = st.radio(
        t("data.rows_which"),
        options,
        index=int(cfg.every_nth > 1),
        horizontal=True,
        format_func=label,
        key="row_choice",
    )
    if pick == options[0]:
        n = st.number_input(
            t("data.rows_newest_n"),
            100,
            MAX_ROWS,
            min(cfg.last_rows or MAX_ROWS, MAX_ROWS),
            key="last_rows",
        )
        return replace(cfg, last_rows=int(n), every_nth=1)
    k = st.number_input(
        t("data.rows_every_n"), 2, 10_000, max(2, -(-rows // MAX_ROWS)), key="every_nth"
    )
    if rows / k > MAX_ROWS:
        st.error(t("data.rows_too_many", k=k, left=rows // k, least=-(-rows // MAX_ROWS)))
        k = -(-rows // MAX_ROWS)
    return replace(cfg, last_rows=None, every_nth=int(k))


def _window_choices(cfg: SeriesConfig, rows: int) -> SeriesConfig:
    """The window, what the network predicts from it, and the splits: three columns a row,
    so Chinese labels fit at a projector's 1280 pixels."""
    a, b, c = st.columns(3)
    window = fields.number(a, get(SeriesConfig, "window"), cfg.window)
    horizon = fields.number(b, get(SeriesConfig, "horizon"), cfg.horizon)
    season = auto_controls.season_box(c, cfg)
    d, e, f = st.columns([2, 1.2, 1], vertical_alignment="bottom")
    transform = auto_controls.transform_box(d, cfg)
    scaling = fields.choice(e, get(SeriesConfig, "scaling"), cfg.scaling)
    m2m = fields.toggle(f, get(SeriesConfig, "many_to_many"), cfg.many_to_many)
    g, h = st.columns(2)
    val = fields.number(g, get(SeriesConfig, "val_frac"), cfg.val_frac)
    test = fields.number(h, get(SeriesConfig, "test_frac"), cfg.test_frac)
    return replace(
        cfg,
        window=int(window),
        horizon=int(horizon),
        scaling=scaling,
        many_to_many=m2m,
        val_frac=val,
        test_frac=test,
        season=season,
        target_transform=transform,
    )


def _series_charts() -> None:
    data = state.prepared()
    ws = data.windows
    st.markdown(
        t(
            "data.pairs",
            train=ws.count("train"),
            val=ws.count("val"),
            test=ws.count("test"),
            window=data.cfg.window,
            features=data.input_size,
        )
    )
    st.plotly_chart(
        figures.series_figure(
            data.index, {data.cfg.target: data.raw_target}, split_at=list(data.boundaries)
        ),
        width="stretch",
    )
    st.subheader(t("data.slides"))
    st.plotly_chart(_window_figure(data), width="stretch", key="window_anim")


def _window_figure(data):
    def build():
        n, w, h = len(data.raw_target), data.cfg.window, data.cfg.horizon
        span = min(n, max(6 * w, 120))
        starts = np.unique(np.linspace(0, max(span - w - h, 0), 24).astype(int))
        return figures.window_animation(
            data.index[:span],
            data.raw_target[:span],
            w,
            h,
            starts=starts,
            many_to_many=data.cfg.many_to_many,
        )

    return figcache.cached("window", (state.dataset().digest, data.cfg), build)


def text_section(ds) -> None:
    cfg: TextConfig = state.prep_cfg()
    a, b = st.columns([3, 1])
    seq = fields.number(a, get(TextConfig, "seq_len"), cfg.seq_len)
    chars = fields.number(b, get(TextConfig, "max_chars"), cfg.max_chars or 0)
    lower, flat = st.columns(2)
    lowercase = fields.toggle(lower, get(TextConfig, "lowercase"), cfg.lowercase)
    drop_newlines = fields.toggle(flat, get(TextConfig, "drop_newlines"), cfg.drop_newlines)
    _apply(
        replace(
            cfg,
            seq_len=int(seq),
            max_chars=int(chars) or None,  # 0: the whole text
            lowercase=bool(lowercase),
            drop_newlines=bool(drop_newlines),
        )
    )
    data = state.prepared()
    a, b, c = st.columns(3)
    a.metric(
        t("data.chars_used"), f"{len(data.ids):,}", help=t("data.chars_help", total=len(ds.text))
    )
    b.metric(t("data.vocab"), t("data.vocab_size", n=len(data.vocab)))
    c.metric(t("data.train_seqs"), f"{data.windows.count('train'):,}")
    # repr shows a newline or tab as \n, \t; md shows "$", "*", "[" as themselves
    shown = " ".join(md(repr(ch)[1:-1]) for ch in data.vocab.chars[:120])
    st.markdown(t("data.vocab_list", chars=shown))
    st.subheader(t("data.text_pairs"))
    x, y = data.windows.batch("train", np.arange(min(5, data.windows.count("train"))))
    pairs = pd.DataFrame(
        {
            t("data.col_input"): [data.vocab.decode(r) for r in x],
            t("data.col_target"): [data.vocab.decode(r) for r in y],
        }
    )
    st.dataframe(pairs, width="stretch", hide_index=True)
