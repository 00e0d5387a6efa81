"""Character vocabularies and next-character windows for text models."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnnviz.data import DataError
from rnnviz.i18n import t
from rnnviz.prep import split_rows
from rnnviz.windows import WindowSet

PROMPT_BREAKS = "，。！？；：、"  # Chinese text has no spaces: a prompt ends after one of these


@dataclass(frozen=True)
class Vocab:
    chars: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str) -> Vocab:
        # Sorted so the same text always gives the same ids; Chinese text has thousands.
        return cls(tuple(sorted(set(text))))

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.chars)}

    def encode(self, text: str) -> np.ndarray:
        """Ids of the characters the vocabulary knows; unknown ones are dropped."""
        idx = self.index
        return np.asarray([idx[c] for c in text if c in idx], dtype=np.int64)

    def unknown(self, text: str) -> list[str]:
        idx = self.index
        return sorted({c for c in text if c not in idx})

    def decode(self, ids) -> str:
        return "".join(self.chars[int(i)] for i in ids)


@dataclass(frozen=True)
class TextConfig:
    seq_len: int = 64
    val_frac: float = 0.1
    test_frac: float = 0.05
    max_chars: int | None = None  # keep only the first characters of a huge text


@dataclass
class TextData:
    cfg: TextConfig
    text: str
    vocab: Vocab
    ids: np.ndarray  # [N] int64
    windows: WindowSet


def prepare_text(text: str, cfg: TextConfig) -> TextData:
    if cfg.max_chars:
        text = text[: cfg.max_chars]
    vocab = Vocab.from_text(text)
    if len(vocab) < 2:
        raise DataError(t("text.few_chars"))
    ids = vocab.encode(text)
    # Non-overlapping windows (stride = seq_len), as char-rnn does: an epoch reads the text once.
    windows = WindowSet(ids, ids, cfg.seq_len, horizon=1, many_to_many=True,
                        stride=cfg.seq_len, boundaries=split_rows(len(ids), cfg.val_frac, cfg.test_frac))
    short = [s for s in ("train", "val") if windows.count(s) < 1]
    if short:
        raise DataError(t("text.too_short", chars=len(ids), seq_len=cfg.seq_len))
    return TextData(cfg, text, vocab, ids, windows)


def default_prompt(text: str, limit: int = 40) -> str:
    """A start for generated text: the beginning of a line of the data's own text (the
    first of at least 20 characters, else the first line), cut after a word or a Chinese
    punctuation mark so nothing is split. The model knows these characters, in any
    language: a fixed English word would be unknown to a model trained on Chinese."""
    lines = [line.strip() for line in text[:20_000].splitlines() if line.strip()]
    line = next((x for x in lines if len(x) >= 20), lines[0] if lines else "")
    if len(line) <= limit:
        return line
    head = line[:limit + 1]
    mark = max(head[:limit].rfind(c) for c in PROMPT_BREAKS)  # keep the mark itself
    cut = max(head.rfind(" "), mark + 1 if mark >= 0 else -1)
    return line[:cut].rstrip() if cut > 0 else line[:limit]
