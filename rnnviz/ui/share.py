"""The session's settings in the address bar (st.query_params), as TensorFlow Playground does.

app.py calls `restore()` once per session (a shared link opens a new session) and
`sync()` before and after the page runs: a page may stop early (st.stop, st.switch_page),
so the call before the page writes what the previous run settled on, and the call after
it what this run changed.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import streamlit as st

from rnnviz import i18n
from rnnviz.data.reader import DataError, numeric_columns
from rnnviz.data.samples import SAMPLES
from rnnviz.i18n import t
from rnnviz.session import links
from rnnviz.ui import actions, lang, present, state


def current_params() -> dict[str, str]:
    """The link's settings, or {} when the data are not a bundled sample."""
    ds = state.dataset()
    if ds is None or ds.sample is None:
        return {}
    return links.to_params(ds.sample.key, state.prep_cfg(), state.model_cfg(), state.train_cfg())


def restore() -> None:
    """Once per session: load the sample and settings a shared link carries."""
    if state.SHARE_RESTORED.get():
        return
    state.SHARE_RESTORED.set(True)
    params = st.query_params.to_dict()
    if not links.carries_settings(params):
        return
    warnings = _apply(params)  # each warning escapes the link's values it quotes (share.py)
    if not warnings:
        st.toast(t("share.opened"), icon=":material/link:")
    else:
        st.warning(
            t("share.ignored", warnings=t("list.separator").join(warnings)),
            icon=":material/link_off:",
        )


def _apply(params: dict) -> list[str]:
    """Load the link's sample and settings. Its preparation goes in through
    state.set_dataset, which also gives the Data page's widgets the link's values: through
    set_prep_cfg alone the widgets kept the sample's defaults, and the Data page put them
    back (and the address bar with them)."""
    key = str(params.get(links.SAMPLE_KEY, ""))
    columns = None
    if key in SAMPLES:
        actions.use_sample(key)  # the sample's defaults (a text sample's GRU) before the link's
        ds = state.dataset()
        columns = numeric_columns(ds.table) if ds.table is not None else None
    defaults = links.Setup(
        key if key in SAMPLES else None, state.prep_cfg(), state.model_cfg(), state.train_cfg()
    )
    settings, warnings = links.from_params(params, defaults, columns)
    if settings.prep is not None and settings.prep != defaults.prep:
        try:
            state.set_dataset(state.dataset(), settings.prep)
        except DataError as err:  # e.g. a window longer than the series
            warnings.append(t("share.prep_unfit", error=err))
    state.set_model_cfg(settings.model)
    state.set_train_cfg(settings.train)
    return warnings


def _write(params: dict[str, str]) -> None:
    """Change only what differs: every write is a message to the browser."""
    current = st.query_params.to_dict()
    for key in (*links.KEYS, present.KEY):
        if key in current and key not in params:
            del st.query_params[key]
    changed = {k: v for k, v in params.items() if current.get(k) != v}
    if changed:
        st.query_params.update(changed)


def _language() -> dict[str, str]:
    """The link always carries the language, so a shared link opens in the sharer's, and
    presentation mode while it is on (present=1), so a class opens the teacher's view."""
    return {lang.KEY: i18n.language()} | present.link_params()


def _link(params: dict[str, str]) -> str:
    """The address of this setup, for a Markdown link: the page address comes from the
    browser, so anything that could end the link's "(...)" is percent-encoded."""
    base = quote(st.context.url or "", safe=":/%#@&+,;=~-._")  # no ( ) < > [ ] $ or spaces
    query = urlencode(params | _language(), safe=",")  # quote_plus: values are encoded
    return f"{base}?{query}"


def _hint(params: dict[str, str]) -> None:
    if params:
        link = _link(params)
        st.caption(t("share.hint_link", link=link))
    elif state.dataset() is not None:
        st.caption(t("share.hint_upload"))
    else:
        st.caption(t("share.hint_none"))


def sync(slot=None):
    """Write the settings into the URL and the share hint into the sidebar slot.

    Pass the slot a previous call returned to update its hint in place.
    """
    params = current_params()
    _write(params | _language())
    slot = slot if slot is not None else st.sidebar.empty()
    with slot.container():
        _hint(params)
    return slot
