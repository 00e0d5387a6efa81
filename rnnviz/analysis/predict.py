"""Use a trained model: test-set predictions with naive baselines, forecasts, text generation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from rnnviz.data.prep import SeriesData
from rnnviz.data.reader import naive_dates
from rnnviz.data.text import Vocab
from rnnviz.data.transforms import inverse, lag
from rnnviz.i18n import t

# Each predictor's stable code (a CSV header, a key for code and tests, the same in every
# language) and the catalog key of its name (what a table or a legend shows).
PREDICTORS = {
    "model": "predict.name.model",
    "last_value": "predict.name.last",
    "seasonal": "predict.name.seasonal",
}


@dataclass
class Evaluation:
    index: np.ndarray  # [N] date (or row) of each test target
    actual: np.ndarray  # [N] original units
    predictions: dict[str, np.ndarray]  # code (PREDICTORS) -> [N]: the model first
    metrics: dict[str, dict[str, float]]  # code -> {"MAE": .., "RMSE": ..}

    def frame(self) -> pd.DataFrame:
        """The test predictions as a table headed by codes, in any language: the CSV a
        user downloads (other programs read its header)."""
        return pd.DataFrame({"date": self.index, "actual": self.actual, **self.predictions})


def predictor_label(code: str) -> str:
    """A predictor's name in the current language (a code it does not know, as it is)."""
    return t(PREDICTORS[code]) if code in PREDICTORS else code


def _device(model) -> torch.device:
    return next(model.parameters()).device


def predict_outputs(model, x: np.ndarray, batch_size: int = 512) -> np.ndarray:
    """Every output [N, K] for windows x [N, T, F]; the last step's for many-to-many."""
    return _predicted(model, (x[i : i + batch_size] for i in range(0, len(x), batch_size)))


def _predicted(model, batches) -> np.ndarray:
    """The model's outputs [N, K] for an iterable of input batches [B, T, F], without
    autograd's bookkeeping (a big test set would otherwise keep every step's graph)."""
    was = model.training
    model.eval()
    out = []
    try:
        with torch.no_grad():
            for x in batches:
                pred = model(torch.from_numpy(np.ascontiguousarray(x)).to(_device(model)))
                pred = pred[:, -1] if pred.dim() == 3 else pred  # (B, K)
                out.append(pred.float().cpu().numpy())
    finally:
        model.train(was)
    k = model.cfg.output_size
    return np.concatenate(out) if out else np.zeros((0, k), np.float32)


EVAL_BATCH = 512  # windows gathered and run at once: a big test set never sits in memory whole


def predict_split(model, windows, split: str = "test", batch_size: int = EVAL_BATCH) -> np.ndarray:
    """Every output [N, K] (scaled) of the model for every window of a split, gathered a
    batch at a time: 200k windows of 200 steps would be gigabytes as one array."""
    n = windows.count(split)
    return _predicted(
        model,
        (
            windows.batch(split, np.arange(i, min(i + batch_size, n)))[0]
            for i in range(0, n, batch_size)
        ),
    )


def predict_scaled(model, x: np.ndarray, batch_size: int = 512, output: int = 0) -> np.ndarray:
    """One output [N] (0: the target) for windows x [N, T, F]."""
    return predict_outputs(model, x, batch_size)[:, output]


def metrics(actual: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    err = np.asarray(pred, np.float64) - np.asarray(actual, np.float64)
    return {"MAE": float(np.mean(np.abs(err))), "RMSE": float(np.sqrt(np.mean(err**2)))}


def evaluate(
    model,
    data: SeriesData,
    season: int | None = None,
    split: str = "test",
    output: int = 0,
    scaled: np.ndarray | None = None,
) -> Evaluation:
    """Model vs 'last value' and (optionally) 'seasonal naive' baselines, in original units,
    for one predicted column (`output`: 0 is the target, k the k-th extra one).

    `scaled`: the model's outputs [N, K] for the split (predict_split) when already known:
    the baselines and metrics are cheap, running the model over the split is not."""
    ws = data.windows
    if scaled is None:
        scaled = predict_split(model, ws, split)
    rows = ws.target_rows(split)
    last_seen = rows - ws.horizon  # the newest row the window shows
    assert data.raw_targets is not None  # SeriesData.__post_init__ sets it
    raw = data.raw_targets[:, output]
    actual = raw[rows]
    preds = {"model": data.levels(scaled[:, output], rows, output), "last_value": raw[last_seen]}
    if season:
        if season < ws.horizon:
            raise ValueError(t("predict.season_error", horizon=ws.horizon))
        ok = rows - season >= 0
        preds["seasonal"] = np.where(ok, raw[np.maximum(rows - season, 0)], np.nan)
    scores = {name: metrics(actual, p) for name, p in preds.items()}
    return Evaluation(data.index[rows], actual, preds, scores)


def forecast(model, data: SeriesData, steps: int) -> np.ndarray:
    """Forecast past the end of the data, in original units: [n] for one output, [n, K]
    for K outputs.

    When the model predicts every column it reads (the target alone, or open, close and
    volume from open, close and volume) its own predictions are fed back one step at a
    time (horizon 1) or `horizon` apart; with other inputs their future is unknown, so
    only the one value `horizon` steps past the end is predicted. A predicted change
    (rnnviz.data.transforms) becomes a level from the levels known or forecast before it.
    """
    cfg, h = data.cfg, data.cfg.horizon
    window = data.values[-cfg.window :].copy()  # (T, F)
    outputs = getattr(cfg, "outputs", (cfg.target,))
    fed = [outputs.index(c) for c in cfg.inputs if c in outputs]
    history = _Levels(data)
    if len(fed) != data.input_size:
        return _one(history.next(predict_outputs(model, window[None])[0]))
    out = []
    for _ in range(int(np.ceil(steps / h))):
        nxt = predict_outputs(model, window[None].astype(np.float32))[0]  # (K,)
        out.append(history.next(nxt))
        # The same column scaled as an input and as an output: one scaler fit, one value.
        window = np.vstack([window[h:], np.tile(nxt[fed], (h, 1))])
    return _one(np.asarray(out[:steps]))


def _one(levels: np.ndarray) -> np.ndarray:
    """[n, K] levels; [n] for one output, as it always was."""
    levels = np.atleast_2d(levels)
    return levels[:, 0] if levels.shape[1] == 1 else levels


class _Levels:
    """The outputs' levels, known and forecast: a predicted change needs the level it is
    taken from, which past the data's end is a forecast itself."""

    def __init__(self, data: SeriesData):
        self.data, self.h = data, data.cfg.horizon
        self.lag = lag(data.cfg)
        self.rows = list(np.asarray(data.raw_targets, np.float64))  # each (K,)

    def next(self, scaled: np.ndarray) -> np.ndarray:
        """The levels (K,) `horizon` rows past the newest, from the scaled outputs (K,)."""
        d = self.data
        z = np.array([d.unscale_target(scaled[k], k) for k in range(len(scaled))])
        row = len(self.rows) - 1 + self.h
        base = self.rows[row - self.lag] if self.lag else None
        value = inverse(z, base, d.cfg.target_transform)
        # The rows between are unknown: they hold this value, as the window does.
        self.rows.extend([value] * self.h)
        return value


def future_index(index, steps: int, horizon: int = 1) -> np.ndarray:
    """Dates past the end, spaced like the data's last two dates; row numbers past the end
    for any other index. Dates may come in any form (zone-aware, Timestamp objects)."""
    ahead = horizon * np.arange(1, steps + 1)
    dates = naive_dates(index)
    if dates is not None and len(dates):
        # One date alone gives no spacing: a day is the likeliest step of a dated table.
        delta = dates[-1] - dates[-2] if len(dates) > 1 else np.timedelta64(1, "D")
        return dates[-1] + delta * ahead
    index = np.asarray(index)
    if len(index) and np.issubdtype(index.dtype, np.number):
        return index[-1] + ahead
    return len(index) - 1 + ahead


@dataclass
class Generated:
    text: str  # the prompt's known characters followed by the generated ones
    activations: np.ndarray  # [len(text), H * D] top-layer output after reading each char
    skipped: list[str]  # prompt characters the vocabulary does not know


def generate(
    model, vocab: Vocab, prompt: str, length: int = 200, temperature: float = 0.8, seed: int = 0
) -> Generated:
    """Sample characters one at a time, carrying the recurrent state forward."""
    ids = vocab.encode(prompt)
    if len(ids) == 0:
        ids = np.array([0])
    gen = torch.Generator().manual_seed(seed)
    dev = _device(model)
    was = model.training
    model.eval()
    acts, out_ids = [], list(ids)
    with torch.no_grad():
        out, state = model.rnn(model.embed(torch.as_tensor(ids, device=dev)[None]))
        acts.append(out[0])
        for _ in range(length):
            logits = model.head(out[0, -1]).float().cpu() / max(temperature, 1e-3)
            nxt = int(torch.multinomial(torch.softmax(logits, -1), 1, generator=gen))
            out_ids.append(nxt)
            out, state = model.rnn(model.embed(torch.tensor([[nxt]], device=dev)), state)
            acts.append(out[0])
    model.train(was)
    return Generated(
        vocab.decode(out_ids), torch.cat(acts).float().cpu().numpy(), vocab.unknown(prompt)
    )
