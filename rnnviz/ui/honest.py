"""Predict, told honestly: how much of the test part lies past what training saw, why a
baseline wins, and the one click that changes the preparation to fix it."""

from __future__ import annotations

import streamlit as st

from rnnviz.analysis import diagnose
from rnnviz.data.reader import DataError
from rnnviz.i18n import t
from rnnviz.ui import state

ZOOM_POINTS = 200  # test points the chart opens on: 6,800 in one view cannot be read
FIXED = state.HONEST_FIXED


def outside_line(data) -> None:
    share = diagnose.outside_share(data)
    key = "honest.outside_many" if share >= diagnose.OUTSIDE else "honest.outside"
    if key == "honest.outside_many" and data.cfg.target_transform != "level":
        key = "honest.outside_changes"  # predicting changes is the answer to it
    st.caption(t(key, share=f"{share:.0%}"))


def zoom_points(data) -> int | None:
    """How many of the newest test points the chart opens on (None: all of them)."""
    n = data.windows.count("test")
    return ZOOM_POINTS if n > ZOOM_POINTS else None


def frozen(run) -> float | None:
    """How far the run's weights moved at most, when its learning rate was too small for
    them to move (rnnviz.analysis.diagnose.frozen_reach); None when they could move."""
    cfg = run.job.cfg
    return diagnose.frozen_reach(cfg.optimizer, cfg.lr, run.job.status().step)


def loses_key(run) -> str:
    """The catalog key of "the model loses to a baseline": a learning rate too small to
    move the weights is the reason then, not too few steps."""
    return "honest.loses_frozen" if frozen(run) is not None else "roles.loses"


def causes_section(run, winner: str, season: int | None) -> None:
    """Each cause found, in words, with a button applying its fix on the Data page."""
    if message := FIXED.get():
        FIXED.pop()
        st.success(message)
        st.page_link("views/train.py", label=t("honest.go_train"), icon=":material/school:")
    if (reach := frozen(run)) is not None:  # first: no preparation helps weights that stay
        st.markdown(t("honest.cause.frozen", **frozen_values(run, reach)))
    for i, cause in enumerate(diagnose.causes(run.data, winner, season)):
        st.markdown(t(f"honest.cause.{cause.code}", **cause.values))
        if cause.fix is not None:
            st.button(
                t(f"honest.fix.{cause.code}"),
                key=f"honest_fix_{i}",
                on_click=_apply,
                args=(run, cause),
                disabled=not _same_data(run),
            )


def frozen_values(run, reach: float) -> dict:
    """The numbers of the frozen-weights message: the rate, the steps and their reach."""
    return {
        "lr": f"{run.job.cfg.lr:g}",
        "steps": f"{run.job.status().step:,}",
        "reach": f"{reach:.1e}",
        "start": f"{run.job.model.cfg.hidden_size**-0.5:.2g}",  # torch's init: ±1/√H
    }


def _same_data(run) -> bool:
    """The fix changes the Data page's settings: only for the data this run came from."""
    ds = state.dataset()
    return ds is not None and ds.kind == "series" and ds.digest == run.origin.digest


def _apply(run, cause) -> None:
    try:
        state.set_dataset(state.dataset(), cause.fix)
    except DataError as err:  # the settings stay and the reason is shown
        FIXED.set(t("honest.fix_failed", error=err))
        return
    FIXED.set(t("honest.fixed"))
