"""rnnviz: train a recurrent network on your own data and watch what happens inside it."""

import streamlit as st

from rnnviz.ui import share
from rnnviz.ui.sidebar import sidebar

st.set_page_config(page_title="rnnviz", page_icon=":material/sync:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", url_path="", default=True),
    st.Page("pages/data.py", title="1 · Data", icon=":material/table_chart:", url_path="data"),
    st.Page("pages/model.py", title="2 · Model", icon=":material/account_tree:", url_path="model"),
    st.Page("pages/train.py", title="3 · Train", icon=":material/model_training:", url_path="train"),
    st.Page("pages/inside.py", title="4 · Inside", icon=":material/biotech:", url_path="inside"),
    st.Page("pages/predict.py", title="5 · Predict", icon=":material/trending_up:", url_path="predict"),
    st.Page("pages/compare.py", title="Compare RNN · LSTM · GRU", icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page("pages/lab.py", title="Lab: memory & gradients", icon=":material/science:", url_path="lab"),
]

page = st.navigation(PAGES)
share.restore()  # once per session: the settings a shared link carries
slot = st.sidebar.container()
# The URL holds the settings: written before the page (catching up on a run that a page
# ended early with st.stop or st.switch_page) and after it (what this run changed).
link = share.sync()
try:
    page.run()
finally:
    sidebar(slot)  # after the page, so it shows what this run changed (also after st.stop)
share.sync(link)
