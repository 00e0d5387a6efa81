"""Streamlit glue: session state, cached loaders, shared widgets, the job registry.

Imported by app.py and by every page, so it is also where a page that Streamlit ran on its
own is sent back through app.py (see `_through_app`), and where the server's runtime hooks
are installed, once per process (rnnviz.ui.server_hooks).
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from rnnviz.ui import server_hooks


def _through_app() -> None:
    """Run app.py (navigation, sidebar, the link's settings) even on a server's first visit.

    Streamlit treats an app with a pages/ folder as a legacy multipage app until some
    session runs st.navigation: the first visitor after a server start who opens a shared
    link such as /train?s=airline got the page alone, with no link restored and no
    navigation. The flag is process-wide; clearing it and rerunning sends this run (and
    every later one) through app.py, which routes by the address.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


server_hooks.install()
_through_app()
