"""Widget groups of the Model page."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import i18n
from rnnviz.data.labels import LabelledData
from rnnviz.data.reader import DataError
from rnnviz.data.text import TextData
from rnnviz.files.model_file import load_model
from rnnviz.i18n import t
from rnnviz.model import shapes as shp
from rnnviz.model import summary
from rnnviz.model.classifier import classifier_config
from rnnviz.model.network import ModelConfig, head_problem
from rnnviz.model.sizes import model_config_for
from rnnviz.safe_text import md
from rnnviz.server.limits import MAX_HIDDEN, MAX_INPUT_SIZE, MAX_SEQ_LEN
from rnnviz.session.run import Origin, Run, saved_origin, weights_copy
from rnnviz.session.schema import get, of
from rnnviz.ui import fields, jobs, state

EXACT = state.HIDDEN_EXACT.key  # the exact-size box beside the slider


def effective_cfg(cfg: ModelConfig | None = None) -> ModelConfig:
    """The user's architecture with sizes taken from the current data (if any)."""
    cfg = cfg or state.model_cfg()
    data = state.prepared()
    return model_config_for(data, cfg) if data is not None else cfg


def run_cfg():
    """The config a new run would be built with: a classifier's on labelled texts."""
    cfg, data = effective_cfg(), state.prepared()
    if isinstance(data, LabelledData):
        return classifier_config(cfg, len(data.vocab), len(data.classes), state.embed())
    return cfg


def seq_len() -> int:
    data = state.prepared()
    if data is None:
        return 30
    if isinstance(data, LabelledData):  # the longest text read
        return int(data.ids.shape[1])
    return data.cfg.seq_len if isinstance(data, TextData) else data.cfg.window


def diagram_steps() -> int:
    """The steps the unrolled diagram draws: the shapes explorer's T where it holds a valid
    one (a lesson's 1, or what the learner typed), else the data's sequence length."""
    typed = state.widget(SHAPE_KEYS["steps"]).get()
    try:
        return shp.check_size("T", typed, MAX_SEQ_LEN)
    except ValueError:
        return seq_len()


def architecture() -> ModelConfig:
    cur = state.model_cfg()
    cell = fields.choice(st, get(ModelConfig, "cell"), cur.cell, style="segmented")
    b, e, c, d = st.columns([5, 2, 2, 3], vertical_alignment="bottom")  # "Bidirectional" whole
    # Any valid size is shown as it is (a link's or a loaded model's), beside the marks.
    hidden = fields.number(b, get(ModelConfig, "hidden_size"), cur.hidden_size)
    _exact_size(e, int(hidden))
    layers = fields.number(c, get(ModelConfig, "num_layers"), cur.num_layers)
    bi = fields.toggle(d, get(ModelConfig, "bidirectional"), cur.bidirectional)
    dropout = cur.dropout
    labels = isinstance(state.prepared(), LabelledData)
    # torch applies dropout between layers only; a classifier's also drops out units of
    # the final state its Linear reads
    if layers > 1 or labels:
        dropout = fields.number(st, get(ModelConfig, "dropout"), cur.dropout)
    head = (
        "linear" if labels else fields.choice(st, get(ModelConfig, "head"), cur.head, style="radio")
    )
    new = replace(
        cur,
        cell=cell or cur.cell,
        hidden_size=int(hidden),
        num_layers=int(layers),
        bidirectional=bi,
        dropout=float(dropout),
        head=head or cur.head,
    )
    state.set_model_cfg(new)
    if problem := head_problem(effective_cfg(new)):  # Train refuses it: say so here
        st.warning(problem, icon=":material/warning:")
    _mode_choice()
    return effective_cfg(new)


def _mode_choice() -> None:
    """many_to_many, the Data page's setting, drawn here as the model's output."""
    data = state.prepared()
    if isinstance(data, LabelledData):
        st.caption(t("names.mode"))
        return
    if data is None or isinstance(data, TextData):
        if data is not None:
            st.caption(t("model.text_mode"))
        return
    modes = ["many-to-one", "many-to-many"]
    names = i18n.choose({m: f"model.mode.{m}" for m in modes})
    pick = st.radio(
        t("model.output"),
        modes,
        index=int(data.cfg.many_to_many),
        horizontal=True,
        key="mode",
        format_func=names.get,
        help=t("model.output_help"),
    )
    try:
        state.set_prep_cfg(replace(data.cfg, many_to_many=pick == modes[1]))
    except DataError as err:
        st.error(str(err))


def _exact_size(where, hidden: int) -> None:
    """A box for any size 1-512 beside the slider of marks (a tutorial's 6 or 10). It mirrors
    the slider; a typed size is handed to the slider's key, which shows it as a mark."""
    state.HIDDEN_EXACT.set(hidden)  # before the box is drawn: allowed, and no value= clash
    s = get(ModelConfig, "hidden_size")
    where.number_input(
        t("shapes.exact"),
        step=1,
        key=EXACT,
        on_change=_typed_size,
        help=t("shapes.exact_help", hi=int(s.hi)),
    )
    if state.HIDDEN_EXACT_REFUSED.get():
        state.HIDDEN_EXACT_REFUSED.pop()
        st.error(t("shapes.err_range", name=t("shapes.exact"), lo=int(s.lo), hi=int(s.hi)))


def _typed_size() -> None:
    value = state.HIDDEN_EXACT.get()
    try:
        shp.check_size("hidden_size", value, MAX_HIDDEN)
    except ValueError:
        state.HIDDEN_EXACT_REFUSED.set(True)  # drawn by the run this callback precedes
        return
    state.widget(get(ModelConfig, "hidden_size").widget).set(value)


def shapes(cfg: ModelConfig) -> None:
    """The shapes explorer: one call of the fused module with the learner's own B, T and F,
    in either layout, and the PyTorch snippet that prints the same shapes."""
    module = f"nn.{shp.MODULES[cfg.cell]}"
    st.subheader(t("shapes.title", module=module))
    st.caption(t("shapes.intro", module=module))
    sizes = _size_boxes(cfg)
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    batch_first = left.toggle(
        t("shapes.batch_first"),
        key="batch_first",
        help=t("shapes.batch_first_help"),
        **fields.initial("batch_first", value=False),
    )
    init, seed = _h0_choice(right)
    st.caption(t("shapes.layout_caption"))
    errors = []
    for name, value, hi in sizes:
        try:
            shp.check_size(name, value, hi)
        except ValueError as err:
            errors.append(str(err))
    for msg in errors:  # nothing is allocated either way: the explorer only writes shapes
        st.error(msg, icon=":material/error:")
    if not errors:
        _shape_table(cfg, [v for _, v, _ in sizes], batch_first, init, seed)
    with st.expander(t("shapes.training")):
        _training_shapes(cfg)


SHAPE_KEYS = {
    "batch": "shapes_batch",
    "steps": "shapes_steps",
    "features": "shapes_features",
    "batch_first": "batch_first",
    "h0": "h0_init",
}


def preset_shapes(choices) -> None:
    """A lesson's shapes explorer values (shown the next time the Model page opens)."""
    for name, value in choices.items():
        state.widget(SHAPE_KEYS[name]).set(value)


def _size_boxes(cfg: ModelConfig) -> list[tuple[str, object, int]]:
    """(label, typed value, largest allowed) of B, T, F; unbounded boxes, so a 0 or a huge
    number reaches the check and gets a message with the range, not just a red icon."""
    defaults = (
        (t("shapes.batch"), "shapes_batch", state.train_cfg().batch_size, shp.MAX_BATCH),
        (t("shapes.steps"), "shapes_steps", seq_len(), MAX_SEQ_LEN),
        (t("shapes.features"), "shapes_features", cfg.input_size, MAX_INPUT_SIZE),
    )
    out = []
    for col, (label, key, default, hi) in zip(st.columns(3), defaults, strict=True):
        value = col.number_input(
            label,
            step=1,
            key=key,
            help=t("settings.range", lo=1, hi=f"{hi:,}"),
            **fields.initial(key, value=int(default)),
        )
        out.append((label, value, hi))
    return out


def _h0_choice(where) -> tuple[str, int]:
    a, b = where.columns([2, 1], vertical_alignment="bottom")
    names = {c: t(f"shapes.h0.{c}") for c in shp.H0_INITS}
    init = a.radio(
        t("shapes.h0_init"),
        shp.H0_INITS,
        horizontal=True,
        key="h0_init",
        format_func=names.get,
        help=t("shapes.h0_help"),
    )
    # Always there: the snippet seeds its weights and x too, so even a zero h_0 needs it.
    seed = b.number_input(
        t("shapes.h0_seed"),
        0,
        2**31 - 1,
        step=1,
        key="h0_seed",
        help=t("shapes.seed_help"),
        **fields.initial("h0_seed", value=0),
    )
    return init, int(seed)


def _shape_table(cfg: ModelConfig, sizes, batch_first: bool, init: str, seed: int) -> None:
    batch, steps, features = sizes
    rows = shp.shape_rows(cfg, batch, steps, batch_first, features)
    headers = {
        "tensor": t("model.col.tensor"),
        "shape": t("model.col.shape"),
        "holds": t("model.col.holds"),
    }
    table = pd.DataFrame(
        [
            {
                "tensor": n,
                "shape": "(" + ", ".join(map(str, s)) + ")",
                "holds": t(f"shapes.meaning.{code}"),
            }
            for n, s, code in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", column_config=headers)
    st.caption(
        t(
            "shapes.legend",
            b=batch,
            steps=steps,
            f=features,
            layers=cfg.num_layers,
            directions=cfg.num_directions,
            hidden=cfg.hidden_size,
        )
    )
    st.markdown(t("shapes.snippet"))
    st.code(shp.snippet(cfg, batch, steps, batch_first, features, init, seed), language="python")
    _printed(cfg, rows, shp.snippet_values(cfg, batch, steps, batch_first, features, init, seed))
    _snippet_counts(cfg, features, batch_first)


MAX_SHOWN_ROWS = 64  # rows of h_n drawn as a table (L·D·B); torch itself elides past 1,000


def _printed(cfg: ModelConfig, rows, run: shp.SnippetRun | None) -> None:
    """What the snippet prints: the shapes, then h_n itself, as a table (k, b) × unit."""
    st.markdown(t("shapes.prints"))
    st.code("\n".join(f"{n} ({', '.join(map(str, s))})" for n, s, _ in rows), language=None)
    if run is None:
        st.caption(t("shapes.values_too_big", most=f"{shp.MAX_VALUE_WORK:,}"))
        return
    k, b, h = run.h_n.shape
    if k * b > MAX_SHOWN_ROWS:
        st.caption(t("shapes.values_too_many", rows=k * b, most=MAX_SHOWN_ROWS))
        return
    table = pd.DataFrame(
        run.h_n.reshape(k * b, h).astype(np.float64),
        index=[f"h_n[{i}, {j}]" for i in range(k) for j in range(b)],
        columns=[str(u) for u in range(h)],
    )
    st.dataframe(table.round(4), width="stretch")
    st.caption(t("shapes.h_n_caption", directions=cfg.num_directions, top=k - cfg.num_directions))


def _snippet_counts(cfg: ModelConfig, features: int, batch_first: bool) -> None:
    """The snippet's module and its siblings with the same sizes: what torch counts for each
    (no head: the snippet has none), fewest first."""
    rows = shp.parameter_counts(cfg, features)
    lines = [
        f"| {t('shapes.count.module')} | {t('shapes.count.blocks')} | "
        f"{t('shapes.count.parameters')} |",
        "| --- | ---: | ---: |",
    ]
    for cell, blocks, count in rows:
        call = shp.module_call(replace(cfg, cell=cell), features, batch_first)
        lines.append(f"| `{call}` | {blocks} | {count:,} |")
    st.markdown(t("shapes.count.title"))
    st.markdown("\n".join(lines))
    rnn, gru, lstm = (count for _, _, count in rows)
    st.markdown(t("shapes.count.fewest", rnn=f"{rnn:,}", gru=f"{gru:,}", lstm=f"{lstm:,}"))


def _training_shapes(cfg: ModelConfig) -> None:
    """The app's own forward pass: batch_first=True, and the head after the stack."""
    b = state.train_cfg().batch_size
    rows = summary.shape_table(cfg, b, seq_len())
    # Headers in the reader's language; the columns keep one name for the program.
    headers = {
        "tensor": t("model.col.tensor"),
        "shape": t("model.col.shape"),
        "holds": t("model.col.holds"),
    }
    table = pd.DataFrame(
        [{"tensor": n, "shape": "[" + ", ".join(map(str, s)) + "]", "holds": e} for n, s, e in rows]
    )
    st.dataframe(table, hide_index=True, width="stretch", column_config=headers)
    st.caption(
        t(
            "model.shapes_caption",
            b=b,
            steps=seq_len(),
            layers=cfg.num_layers,
            directions=cfg.num_directions,
            hidden=cfg.hidden_size,
        )
    )


def parameters(cfg: ModelConfig) -> None:
    table = summary.parameter_table(cfg)
    total = int(table["parameters"].sum())
    st.subheader(t("model.params_title", total=f"{total:,}"))
    features = state.widget(SHAPE_KEYS["features"]).get()
    if isinstance(features, int) and features != cfg.input_size:
        # The explorer's snippet counts a module of its own input size: say which is which.
        st.caption(t("model.params_which", input_size=cfg.input_size, features=features))
    st.latex(summary.count_formula_latex(cfg))
    st.caption(summary.keras_note())
    st.markdown(_parts_table(cfg, total))
    shown = table.assign(
        direction=table["direction"].map(lambda d: t(f"model.direction.{d}") if d else d)
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=320,
        column_config={c: t(f"model.col.{c}") for c in summary.COLUMNS},
    )
    _keras_summary(cfg)


def _keras_summary(cfg: ModelConfig) -> None:
    """What Keras' model.summary() prints for the same model: one bias per unit, so its
    counts are smaller for SimpleRNN and LSTM (GRU's reset_after keeps two)."""
    layers = shp.keras_layers(cfg, seq_len())
    if layers is None:
        return
    with st.expander(t("model.keras_title"), expanded=_keras_lesson()):
        st.caption(t("model.keras_caption", steps=seq_len(), f=cfg.input_size))
        st.code(shp.keras_printout(layers), language=None)


def _keras_lesson() -> bool:
    """Open where the lesson compares with Keras' summary."""
    return state.LESSON.get() == "keras_train"


def _parts_table(cfg: ModelConfig, total: int) -> str:
    """The heading's total as a visible sum: the formula above counts the recurrent stack
    only, and the head (and a text model's embedding) make up the rest."""
    lines = [
        f"| {t('model.parts.part')} | {t('model.parts.formula')} | {t('model.parts.count')} |",
        "| --- | --- | ---: |",
    ]
    for code, formula, count in summary.parameter_parts(cfg):
        name = t(f"model.parts.{code}", cell=summary.cell_label(cfg.cell))
        lines.append(f"| {name} | {formula} | {count:,} |")
    lines.append(f"| **{t('model.parts.total')}** | | **{total:,}** |")
    return "\n".join(lines)


def load_saved() -> None:
    """Upload a model saved by rnnviz: inspect its architecture, or continue training it."""
    with st.expander(t("model.load_title")):
        up = st.file_uploader(t("model.load_file"), key="model_upload")
        if up is None:
            state.LOADED_MODEL.pop()  # the file was removed: free its model
            return
        model, error = _parsed(up.getvalue())
        if error:
            st.error(error)
            return
        data, origin = _run_data(model)
        if data is None:
            st.warning(
                t(
                    "model.load_unfit",
                    cell=summary.cell_label(model.cfg.cell),
                    inputs=model.cfg.input_size,
                )
            )
            return
        if getattr(model, "saved_data", None) is not None:
            st.caption(t("run.file_data", name=md(origin.name)))
        if st.button(t("model.use_loaded"), key="use_loaded"):
            # a copy: the cached model keeps the file's weights for the next click
            if refused := jobs.use_loaded(weights_copy(model), data.windows, state.train_cfg()):
                st.error(refused)  # the training gate: over the caps or the memory share
            else:
                state.set_run(Run(jobs.get(), data, origin))
                st.success(t("model.loaded"))


def _run_data(model):
    """(prepared data, origin) a loaded model's run reads: the file's own data, or for a
    model-only file (older rnnviz) the current data if the model fits them; else (None, None)."""
    if getattr(model, "saved_data", None) is not None:
        return model.saved_data, saved_origin(model) or Origin(t("run.unnamed"))
    data, ds = state.prepared(), state.dataset()
    if data is None or model_config_for(data, model.cfg) != model.cfg:
        return None, None
    return data, Origin.of(ds)


# Every ModelConfig setting's widget, so a setting added to the schema is cleared too.
_ARCH_KEYS = tuple(s.widget for s in of(ModelConfig))


def _parsed(raw: bytes):
    """The uploaded model (or why not), parsed once per file: reruns reuse it.

    A newly loaded model becomes the page's architecture: the widgets keep their own values
    across reruns (their identity is their key), so they are cleared and the page reruns
    to draw them from the model's settings.
    """
    digest = hashlib.sha256(raw).hexdigest()
    cached = state.LOADED_MODEL.get()  # (sha256 of the upload, model or None, error or None)
    if cached is not None and cached[0] == digest:
        return cached[1], cached[2]
    try:
        model, error = load_model(raw), None
    except ValueError as err:
        model, error = None, str(err)
    state.LOADED_MODEL.set((digest, model, error))  # one file at a time: the old one is freed
    if model is not None:
        state.set_model_cfg(model.cfg)
        for key in _ARCH_KEYS:
            state.widget(key).pop()
        st.rerun()
    return model, error
