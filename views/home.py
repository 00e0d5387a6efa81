"""Home: what rnnviz shows, a one-click start, and the path through the pages."""

import streamlit as st

from rnnviz.i18n import t
from rnnviz.session.lessons import LESSONS
from rnnviz.ui import actions, lesson_actions

st.title(t("home.title"))
st.markdown(t("home.intro"))

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("home.path_title"))
    st.markdown(t("home.path"))
with right:
    st.subheader(t("home.quick_title"))
    st.markdown(t("home.quick_text"))
    if st.button(
        t("home.quick_button"), key="quick_start", type="primary", icon=":material/play_arrow:"
    ):
        actions.quick_start()
        st.switch_page("views/train.py")

st.divider()
st.subheader(t("home.lessons_title"))
st.markdown(t("home.lessons_text"))
PAGE_NAMES = {
    "views/train.py": "home.page.train",
    "views/model.py": "home.page.model",
    "views/lab.py": "home.page.lab",
    "views/compare.py": "home.page.compare",
}
for row in range(0, len(LESSONS), 3):
    # the last row may hold fewer than three lessons: its spare columns stay empty
    for col, lesson in zip(
        st.columns(3, gap="medium"), list(LESSONS.values())[row : row + 3], strict=False
    ):
        with col.container(border=True, height="stretch"):
            with st.container(key=f"lesson_watch_{lesson.key}"):  # large type when presenting
                st.markdown(f"**{lesson.title}**")
                if lesson.tutorial:
                    st.caption(t("lesson.tutorial", number=lesson.tutorial))
                st.markdown(lesson.what_to_watch)
            page = t(PAGE_NAMES.get(lesson.start_page, "home.page.other"))
            if st.button(
                t("home.open", page=page), key=f"lesson_{lesson.key}", icon=":material/school:"
            ):
                st.switch_page(lesson_actions.apply_lesson(lesson.key))
