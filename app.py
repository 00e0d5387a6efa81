"""rnnviz: train a recurrent network on your own data and watch what happens inside it."""

import logging

import streamlit as st
from streamlit.errors import FragmentHandledException

from rnnviz.i18n import t
from rnnviz.ui import banner, lang, persist, present, share
from rnnviz.ui.sidebar import workspace

present.apply()  # before any figure is built: the mode sets their text sizes for this run
st.set_page_config(
    page_title="rnnviz",
    page_icon=":material/sync:",
    layout="wide",
    initial_sidebar_state=present.sidebar_state(),
)
lang.apply()  # before anything is written: every string below is in the session's language

PAGES = [  # (file, title key, icon, url_path): the paths stay English in both languages
    ("home", "nav.home", ":material/home:", ""),
    ("data", "nav.data", ":material/table_chart:", "data"),
    ("model", "nav.model", ":material/account_tree:", "model"),
    ("train", "nav.train", ":material/model_training:", "train"),
    ("inside", "nav.inside", ":material/biotech:", "inside"),
    ("predict", "nav.predict", ":material/trending_up:", "predict"),
    ("compare", "nav.compare", ":material/compare_arrows:", "compare"),
    ("lab", "nav.lab", ":material/science:", "lab"),
]

page = st.navigation(
    [
        st.Page(f"views/{name}.py", title=t(title), icon=icon, url_path=path, default=not path)
        for name, title, icon, path in PAGES
    ]
)
persist.restore()  # once per session: this browser's saved work, found by its cookie
share.restore()  # once per session: the settings a shared link carries (over saved work)
with st.sidebar:
    persist.cookie()  # a script only, drawn nothing: first, so a page that stops early keeps it
    lang.switch()
    present.switch()
present.css()
summary = st.sidebar.empty()
# Drawn before the page, for a page that ends early: st.stop() drops what a run draws
# after it. Drawn again after the page, so it shows what this run changed.
workspace(summary)
# The URL holds the settings: written before the page (catching up on a run that a page
# ended early with st.stop or st.switch_page) and after it (what this run changed).
link = share.sync()
FILES = {path: f"views/{name}.py" for name, _, _, path in PAGES}
banner.show(FILES.get(page.url_path, ""))  # the open lesson's words, above the page
persist.notes()  # what a restore brought back (or could not), until the work changes
persist.save()  # catching up on a run a page ended early (st.stop, st.switch_page)


def _details_hidden() -> bool:
    """Whether this server hides error details from users (client.showErrorDetails "none",
    or the older false)."""
    return str(st.get_option(key="client.showErrorDetails")).lower() in ("none", "false")


try:
    page.run()
except FragmentHandledException:
    raise  # a fragment's failure: Streamlit has logged it and shown its own words in place
except Exception:  # st.rerun, st.stop and st.switch_page raise BaseExceptions: they pass
    logging.getLogger("rnnviz.app").exception("page %r failed", page.url_path or "home")
    if not _details_hidden():
        raise  # developers and tests (AppTest's at.exception) see the traceback
    st.error(t("app.page_failed"), icon=":material/error:")  # no traceback, no server paths
finally:
    workspace(summary)
share.sync(link)
persist.save()  # only when the work changed since the last save
with st.sidebar:
    persist.forget_button()
