"""A training run's history as a table (for the CSV download).

The column names stay English in every language: they are data for other programs (a CSV
header), not text for the reader.
"""

from __future__ import annotations

import pandas as pd


def history_frame(status) -> pd.DataFrame:
    """One row per step: train loss, and validation loss where it was measured."""
    train = pd.DataFrame({"step": status.train_steps, "train_loss": status.train_loss})
    val = pd.DataFrame({"step": status.val_steps, "val_loss": status.val_loss})
    return train.merge(val, on="step", how="left")
