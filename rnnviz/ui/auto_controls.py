"""The Data page's forecast settings: the time axis' frequency, what the network predicts,
and Auto, which chooses the preparation on the validation split and says why."""

from __future__ import annotations

import streamlit as st

from rnnviz.data import frequency
from rnnviz.data.prep import SeriesConfig
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.session.schema import get
from rnnviz.train import auto
from rnnviz.ui import fields, state

# The choice is shown only beside the data set it was made on (its digest is kept with it).
RESULT = state.AUTO_RESULT


def transform_box(where, cfg: SeriesConfig) -> str:
    """What the network predicts: the level or a change of it (rnnviz.data.transforms)."""
    return fields.choice(where, get(SeriesConfig, "target_transform"), cfg.target_transform)


def season_box(where, cfg: SeriesConfig) -> int | None:
    """The season in steps; 0 is none (the schema's lowest is 1: one step is no season)."""
    s = get(SeriesConfig, "season")
    season = where.number_input(
        t(s.label),
        0,
        int(s.hi),
        key=s.widget,
        help=t(s.help),
        **fields.initial(s.widget, value=int(cfg.season or 0)),
    )
    return int(season) or None


def frequency_line(data, cfg: SeriesConfig) -> None:
    """The time axis' frequency, the season it implies, and the season set when it differs
    (a sample of daily temperatures names a year of 365 days)."""
    freq = frequency.detect(data.index)
    if cfg.season and cfg.season != freq.season:
        st.caption(t("auto.frequency_other", frequency=frequency.describe(freq), season=cfg.season))
    else:
        st.caption(t("auto.frequency", frequency=frequency.describe(freq)))


def choose(ds) -> None:
    """Run Auto on the current data set, with progress, and apply its choice."""
    base = state.prep_cfg()
    if ds is None or ds.kind != "series" or not isinstance(base, SeriesConfig):
        return
    with st.status(t("auto.title"), expanded=False) as box:
        bar = st.progress(0.0)

        def progress(done: int, total: int) -> None:
            bar.progress(min(1.0, done / max(1, total)), t("auto.running", done=done, total=total))

        try:
            result = auto.search(
                ds.table, base, state.model_cfg(), state.train_cfg(), progress=progress
            )
            state.set_dataset(ds, result.cfg)  # the widgets show the choice
        except DataError as err:
            box.update(label=t("auto.failed", error=err), state="error")
            return
        box.update(label=t("auto.done", seconds=f"{result.seconds:.1f}"), state="complete")
    RESULT.set((ds.digest, result))


def show_result(ds, cfg: SeriesConfig) -> None:
    """Auto's choice and its reason in words, or that the settings now differ from it."""
    held = RESULT.get()
    if held is None or held[0] != ds.digest:
        if st.button(t("auto.run"), key="auto_run", help=t("auto.help")):
            choose(ds)
            st.rerun()
        return
    result = held[1]
    if result.cfg == cfg or not result.searched:
        st.info(result.reason, icon=":material/auto_awesome:")
    else:
        st.caption(t("auto.changed"))
        if st.button(t("auto.run"), key="auto_run", help=t("auto.help")):
            choose(ds)
            st.rerun()
