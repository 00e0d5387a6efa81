"""Downloads for class: any figure as one standalone HTML file that plays offline.

plotly.js is embedded (about 4 MB per file), so the file works on a classroom PC with no
network. The bytes are generated only when the button is clicked: Streamlit 1.67 takes
a callable for `data` and runs it on that click, so a page with four animations does not
build 16 MB of HTML on every rerun. A page with several charts gives each tab one menu
(`download_menu`), not a link under every chart.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from rnnviz.i18n import t


def html_bytes(fig: go.Figure) -> bytes:
    """A full HTML page with plotly.js inlined; animations wait for Play (no autoplay)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False).encode("utf-8")


def html_download(fig: go.Figure, file_name: str, key: str, label: str | None = None) -> None:
    """A download button for `fig` as standalone HTML, built lazily on click.

    on_click="ignore": downloading must not rerun the page (that would cost a rerun
    for nothing and could move widgets under the teacher's pointer)."""
    st.download_button(
        label or t("export.html_label"),
        data=lambda: html_bytes(fig),
        file_name=file_name,
        mime="text/html",
        key=key,
        on_click="ignore",
        icon=":material/download:",
        type="tertiary",
        help=t("export.html_help"),
    )


def download_menu(charts: list[tuple[go.Figure, str]], key: str) -> None:
    """One small "Download" menu for a tab's charts: pick a chart (by its title), then one
    button saves it as standalone HTML. `charts` holds (figure, file name) pairs."""
    if not charts:
        return
    with st.popover(t("inside.dl_menu"), icon=":material/download:"):
        titles = [fig.layout.title.text or name for fig, name in charts]
        pick = 0
        if len(charts) > 1:
            pick = st.selectbox(
                t("inside.dl_pick"),
                range(len(charts)),
                format_func=titles.__getitem__,
                key=f"{key}_pick",
            )
        fig, file_name = charts[pick]
        html_download(fig, file_name, key=key)
