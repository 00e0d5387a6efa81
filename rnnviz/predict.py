"""Use a trained model: test-set predictions with naive baselines, forecasts, text generation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from rnnviz.data import naive_dates
from rnnviz.i18n import t
from rnnviz.prep import SeriesData
from rnnviz.text import Vocab


# Each predictor's stable code (a CSV header, a key for code and tests, the same in every
# language) and the catalog key of its name (what a table or a legend shows).
PREDICTORS = {"model": "predict.name.model", "last_value": "predict.name.last",
              "seasonal": "predict.name.seasonal"}


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


def predict_scaled(model, x: np.ndarray, batch_size: int = 512) -> np.ndarray:
    """Model outputs for windows x [N, T, F]; the last step's value for many-to-many."""
    was = model.training
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x), batch_size):
            pred = model(torch.from_numpy(x[i:i + batch_size]).to(_device(model)))
            pred = pred[:, -1, 0] if pred.dim() == 3 else pred[:, 0]
            out.append(pred.float().cpu().numpy())
    model.train(was)
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def metrics(actual: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    err = np.asarray(pred, np.float64) - np.asarray(actual, np.float64)
    return {"MAE": float(np.mean(np.abs(err))), "RMSE": float(np.sqrt(np.mean(err**2)))}


def evaluate(model, data: SeriesData, season: int | None = None, split: str = "test") -> Evaluation:
    """Model vs 'last value' and (optionally) 'seasonal naive' baselines, in original units."""
    ws = data.windows
    x, _ = ws.batch(split, np.arange(ws.count(split)))
    rows = ws.target_rows(split)
    last_seen = rows - ws.horizon  # the newest row the window shows
    actual = data.raw_target[rows]
    preds = {"model": data.unscale_target(predict_scaled(model, x)),
             "last_value": data.raw_target[last_seen]}
    if season:
        if season < ws.horizon:
            raise ValueError(t("predict.season_error", horizon=ws.horizon))
        ok = rows - season >= 0
        preds["seasonal"] = np.where(ok, data.raw_target[np.maximum(rows - season, 0)], np.nan)
    scores = {name: metrics(actual, p) for name, p in preds.items()}
    return Evaluation(data.index[rows], actual, preds, scores)


def forecast(model, data: SeriesData, steps: int) -> np.ndarray:
    """Forecast past the end of the data, in original units.

    With the target as the only input the model's own predictions are fed back one step at
    a time (horizon 1) or `horizon` apart; with other inputs their future is unknown, so
    only the one value `horizon` steps past the end is predicted.
    """
    window = data.values[-data.cfg.window:].copy()  # (T, F)
    if data.input_size != 1 or data.cfg.inputs != (data.cfg.target,):
        return data.unscale_target(predict_scaled(model, window[None]))
    out = []
    for _ in range(int(np.ceil(steps / data.cfg.horizon))):
        nxt = predict_scaled(model, window[None].astype(np.float32))[0]
        out.append(nxt)
        window = np.vstack([window[data.cfg.horizon:], np.full((data.cfg.horizon, 1), nxt)])
    return data.unscale_target(np.asarray(out[:steps]))


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


def generate(model, vocab: Vocab, prompt: str, length: int = 200, temperature: float = 0.8,
             seed: int = 0) -> Generated:
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
    return Generated(vocab.decode(out_ids), torch.cat(acts).float().cpu().numpy(),
                     vocab.unknown(prompt))
