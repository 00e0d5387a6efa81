"""The Data page for labelled texts (which language a name comes from): the two columns, the
length cap, class weights, the class balance, and the folder-of-files upload."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz.data.labels import LabelConfig, LabelledData, read_class_files
from rnnviz.data.reader import DataError
from rnnviz.figures import classify as class_figs
from rnnviz.i18n import t
from rnnviz.safe_text import md
from rnnviz.session.schema import get
from rnnviz.session.workspace import digest
from rnnviz.ui import actions, fields, state
from rnnviz.ui.fields import initial

PREVIEW_ROWS = 200


def class_files_upload() -> None:
    """One .txt per class, one example a line (the tutorial's data/names/*.txt)."""
    files = st.file_uploader(
        t("names.files_label"),
        # No type filter: Streamlit refuses another extension with an exception (and in
        # English only); read_class_files names the file and says what to upload.
        accept_multiple_files=True,
        key="class_files",
        help=t("names.files_help"),
    )
    if not files:
        return
    pairs = [(f.name, f.getvalue()) for f in files]
    key = digest(b"".join(digest(raw).encode() + name.encode() for name, raw in pairs))
    last = state.LAST_CLASS_FILES.get()
    if last is None or last[0] != key:
        last = (key, _read_files(pairs))
        state.LAST_CLASS_FILES.set(last)
    if last[1]:
        st.error(last[1])


def _read_files(pairs) -> str | None:
    try:
        table, notes = read_class_files(pairs)
    except DataError as err:
        key = "data.upload_failed" if state.dataset() else "filekind.upload_failed_first"
        return t(key, error=err)
    return actions.read_as_labels(table, t("names.files_name", n=len(pairs)), notes)


def offer_labels(ds) -> None:
    """Under a table read as a series: read it as labelled texts instead (a table with a
    text column and a column of few repeated values)."""
    if ds.kind != "series" or ds.table is None or ds.typed:
        return
    if all(pd.api.types.is_numeric_dtype(d) for d in ds.table.dtypes):
        return  # numbers only: nothing to classify
    if st.button(t("names.read_button"), key="read_labels", help=t("names.read_help")):
        if error := actions.read_as_labels():
            st.error(error)
        else:
            st.rerun()


def labels_section(ds) -> None:
    table, cfg = ds.table, state.prep_cfg()
    assert isinstance(cfg, LabelConfig)  # a labelled data set's preparation
    with st.expander(t("data.preview", rows=len(table), cols=len(table.columns))):
        st.dataframe(table.head(PREVIEW_ROWS), width="stretch")
    _apply(_choices(table, cfg))
    data = state.prepared()
    assert isinstance(data, LabelledData)  # prepared from a labelled data set
    for note in data.notes:
        st.caption(note.format(md))
    st.info(_summary(data), icon=":material/arrow_forward:")
    st.plotly_chart(
        class_figs.class_balance(data.classes, data.counts), width="stretch", key="class_balance"
    )
    st.caption(t("names.balance_caption", **_balance(data)))


def _choices(table, cfg: LabelConfig) -> LabelConfig:
    columns = [str(c) for c in table.columns]
    a, b = st.columns(2)
    picks = {}
    for where, name in ((a, "text_column"), (b, "label_column")):
        s = get(LabelConfig, name)
        now = getattr(cfg, name)
        picks[name] = where.selectbox(
            t(s.label),
            columns,
            **initial(s.widget, index=columns.index(now) if now in columns else 0),
            key=s.widget,
        )
    c, d = st.columns(2, vertical_alignment="bottom")
    s = get(LabelConfig, "max_len")
    max_len = fields.number(c, s, cfg.max_len, label=t("labels.max_len_label"))
    weight = fields.toggle(d, get(LabelConfig, "weight_classes"), cfg.weight_classes)
    return LabelConfig(
        text_column=picks["text_column"],
        label_column=picks["label_column"],
        max_len=int(max_len),
        val_frac=cfg.val_frac,
        test_frac=cfg.test_frac,
        seed=cfg.seed,
        weight_classes=bool(weight),
    )


def _apply(cfg: LabelConfig) -> None:
    try:
        state.set_prep_cfg(cfg)
    except DataError as err:
        st.error(t("data.kept_settings", error=err))


def _summary(data: LabelledData) -> str:
    return t(
        "names.summary",
        examples=len(data.texts),
        classes=len(data.classes),
        chars=len(data.vocab),
        train=len(data.rows("train")),
        val=len(data.rows("val")),
        test=len(data.rows("test")),
        longest=int(data.ids.shape[1]),
    )


def _balance(data: LabelledData) -> dict:
    totals = data.counts.sum(1)
    big, small = int(totals.argmax()), int(totals.argmin())
    return {
        "big": md(data.classes[big]),
        "big_n": int(totals[big]),
        "small": md(data.classes[small]),
        "small_n": int(totals[small]),
        "share": float(totals[big] / max(1, totals.sum())),
    }
