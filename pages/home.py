"""Home: what rnnviz shows, a one-click start, and the path through the pages."""

import streamlit as st

from rnnviz.lessons import LESSONS
from rnnviz.ui import actions

st.title("rnnviz — see inside a recurrent network")
st.markdown(
    "Upload a time series or a text (or pick a sample), choose an **RNN**, **LSTM** or **GRU**, "
    "train it live on your CPU or GPU, and watch its **hidden states** and **gates** change "
    "step by step, and as it learns."
)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("The path")
    st.markdown(
        "1. **Data** — pick a sample or upload a CSV/TXT; choose the target, the window and the splits.\n"
        "2. **Model** — cell type, size, layers, direction; the equations, parameter counts and tensor shapes.\n"
        "3. **Train** — train live and watch the loss fall; stop, resume, reset.\n"
        "4. **Inside** — hidden states and gates animated over time steps and over training.\n"
        "5. **Predict** — forecasts against naive baselines, or generated text."
    )
with right:
    st.subheader("Start in one click")
    st.markdown("A 32-unit LSTM that reads 30 days of Melbourne's minimum temperature "
                "and predicts the next day.")
    if st.button("Temperature forecaster", key="quick_start", type="primary", icon=":material/play_arrow:"):
        actions.quick_start()
        st.switch_page("pages/train.py")

st.divider()
st.subheader("Lessons")
st.markdown("Each lesson sets up the data, the model and the training in one click and opens "
            "the page where it happens. Read out what to watch, then press Train (or Start).")
PAGE_NAMES = {"pages/train.py": "Train", "pages/lab.py": "Lab", "pages/compare.py": "Compare"}
for row in range(0, len(LESSONS), 3):
    for col, lesson in zip(st.columns(3, gap="medium"), list(LESSONS.values())[row:row + 3]):
        with col.container(border=True, height="stretch"):
            st.markdown(f"**{lesson.title}**")
            st.markdown(lesson.what_to_watch)
            if st.button(f"Open on {PAGE_NAMES.get(lesson.start_page, 'its page')}",
                         key=f"lesson_{lesson.key}", icon=":material/school:"):
                st.switch_page(actions.apply_lesson(lesson.key))
