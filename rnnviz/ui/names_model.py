"""The Model page for a name classifier: how letters enter (an embedding or one-hot, the
tutorial's choice) and what each part of the classifier costs in parameters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz.data.labels import LabelledData
from rnnviz.files.classifier_file import load_classifier
from rnnviz.i18n import choose, t
from rnnviz.model.classifier import EMBEDS, build_classifier
from rnnviz.server.limits import training_request
from rnnviz.session.run import Origin, Run
from rnnviz.train.classify_job import ClassifyJob
from rnnviz.ui import fields, jobs, model_controls, state


def labelled() -> LabelledData | None:
    data = state.prepared()
    return data if isinstance(data, LabelledData) else None


def embed_choice() -> str:
    names = choose({e: f"names.embed.{e}" for e in EMBEDS})
    pick = st.radio(
        t("names.embed"),
        list(EMBEDS),
        horizontal=True,
        key="embed",
        format_func=names.get,
        help=t("names.embed_help"),
        **fields.initial("embed", index=list(EMBEDS).index(state.embed())),
    )
    state.EMBED.set(pick or "embedding")
    return state.embed()


def parameters(data: LabelledData) -> None:
    """Each part of the classifier and its count, read from the torch module itself."""
    ccfg = model_controls.run_cfg()
    model = build_classifier(ccfg, seed=0)
    parts = {
        "embed": model.embed,
        "rnn": model.rnn,
        "head": model.head,
    }
    rows = [
        {
            t("names.part"): t(f"names.part.{code}"),
            t("names.shape"): ", ".join(
                "×".join(str(n) for n in p.shape) for p in module.parameters()
            ),
            t("names.count"): f"{sum(p.numel() for p in module.parameters()):,}",
        }
        for code, module in parts.items()
        if module is not None
    ]
    total = sum(p.numel() for p in model.parameters())
    st.subheader(t("model.params_title", total=f"{total:,}"))
    st.caption(
        t(
            "names.params_caption",
            chars=len(data.vocab),
            classes=len(data.classes),
            inputs=ccfg.input_size,
        )
    )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def load_saved(data: LabelledData) -> None:
    """A classifier saved by rnnviz, on the current labelled data when it knows their classes
    and their letters (a file from last week on the same sample)."""
    with st.expander(t("model.load_title")):
        up = st.file_uploader(t("model.load_file"), key="model_upload")
        if up is None:
            return
        try:
            model, classes, vocab, _ = load_classifier(up.getvalue())
        except ValueError as err:
            st.error(str(err))
            return
        if classes != data.classes or vocab.chars != data.vocab.chars:
            st.warning(t("names.load_unfit", classes=len(classes), chars=len(vocab)))
            return
        st.caption(t("names.load_fits", cell=model.cfg.cell.upper(), hidden=model.cfg.hidden_size))
        if st.button(t("model.use_loaded"), key="use_loaded"):
            cfg = state.train_cfg()
            asked = [training_request(model.cfg.stack_config(), cfg, int(data.ids.shape[1]))]
            factory = lambda: ClassifyJob(model.train(), data, cfg)  # noqa: E731
            if refused := jobs.start("main", asked, factory, run=False):
                st.error(refused)
                return
            ds = state.dataset()
            state.set_run(Run(jobs.get(), data, Origin.of(ds)))
            st.success(t("model.loaded"))
