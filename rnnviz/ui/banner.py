"""The open lesson's banner: its title, what to watch and the number to look for, on every
page the lesson touches, until the learner closes it or opens another lesson.

Drawn by app.py above the page, so a lesson's words are still there after "Open on Train"
moved on to Inside or Predict (the Home page's card is gone by then).
"""

from __future__ import annotations

import streamlit as st

from rnnviz.experiments import tutorial003
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.session.lessons import LESSONS
from rnnviz.ui import lesson_actions, present, state


def _close() -> None:
    state.LESSON.pop()


def show(page_path: str) -> None:
    """The banner, when the open lesson touches this page (a path like "views/train.py")."""
    lesson = LESSONS.get(state.LESSON.get() or "")
    if lesson is None or page_path not in lesson.pages:
        return
    # Keyed lesson_watch_*: presentation mode prints it large (rnnviz/ui/present.html).
    with st.container(border=True, key="lesson_watch_banner"):
        title, close = st.columns([6, 1], vertical_alignment="center")
        if lesson.tutorial:  # the tutorial it follows, so its numbers can be checked there
            heading = t("lesson.banner_tutorial", title=lesson.title, number=lesson.tutorial)
        else:
            heading = t("lesson.banner", title=lesson.title)
        title.markdown(f"**{heading}**")
        close.button(
            t("lesson.close"),
            key="lesson_close",
            icon=":material/close:",
            type="tertiary",
            on_click=_close,
            help=t("lesson.close_help"),
        )
        st.markdown(f"**{t('lesson.expect_label')}** {lesson.expect}")
        if (own := lesson_actions.own_export(lesson)) and state.prep_cfg() == own[1]:
            columns = t("list.separator").join(md(c) for c in tutorial003.named_columns())
            st.info(t("lesson.bitcoin_93.upload", columns=columns), icon=":material/upload:")
        # The two sentences in full where the lesson starts (and for a class, always);
        # folded on the other pages so the page itself stays above the fold.
        with st.expander(
            t("lesson.watch_label"), expanded=present.on() or page_path == lesson.start_page
        ):
            st.markdown(lesson.what_to_watch)
            if lesson.tutorial == "003":  # the tutorial's own cell, and its two slips
                st.caption(tutorial003.scratch_caption())
                st.caption(tutorial003.batch_first_note())
