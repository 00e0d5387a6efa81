"""Streamlit glue: session state, cached loaders, shared widgets, the job registry.

Imported by app.py and by every page, so it is where the server's runtime hooks are
installed, once per process (rnnviz.ui.server_hooks). The page scripts live in views/, not
pages/: Streamlit would take a pages/ folder for a legacy multipage app and run a page
alone, without app.py, on a server's first visit.
"""

from rnnviz.ui import server_hooks

server_hooks.install()
