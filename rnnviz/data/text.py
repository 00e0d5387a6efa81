"""Character vocabularies and next-character windows for text models.

A text is turned into ids by numpy over its code points, never by a Python loop over its
characters: a list of one int per character of a 49 MB text took 10 s and 880 MB, on every
change of a setting. A preparation that keeps the text and its length reuses the ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnnviz.data.prep import split_rows
from rnnviz.data.reader import DataError
from rnnviz.data.windows import WindowSet
from rnnviz.i18n import t

PROMPT_BREAKS = "，。！？；：、"  # Chinese text has no spaces: a prompt ends after one of these


@dataclass(frozen=True)
class Vocab:
    chars: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str) -> Vocab:
        # Sorted so the same text always gives the same ids; Chinese text has thousands.
        # By code point, as sorted(set(text)) sorts them.
        codes = code_points(text)
        counts = np.zeros(int(codes.max()) + 1 if len(codes) else 0, np.int64)
        for part in _parts(len(codes)):
            counts += np.bincount(codes[part], minlength=len(counts))
        return cls(tuple(map(chr, np.flatnonzero(counts))))

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.chars)}

    def encode(self, text: str) -> np.ndarray:
        """Ids of the characters the vocabulary knows; unknown ones are dropped."""
        codes = code_points(text)
        known = np.fromiter(map(ord, self.chars), np.int64, len(self.chars))
        if not len(codes) or not len(known):
            return np.zeros(0, np.int64)
        lookup = np.full(max(int(codes.max()), int(known.max())) + 1, -1, np.int64)
        lookup[known] = np.arange(len(known))
        ids = np.empty(len(codes), np.int64)  # (N,)
        for part in _parts(len(codes)):
            ids[part] = lookup[codes[part]]
        return ids if ids.min() >= 0 else ids[ids >= 0]

    def unknown(self, text: str) -> list[str]:
        idx = self.index
        return sorted({c for c in text if c not in idx})

    def decode(self, ids) -> str:
        return "".join(self.chars[int(i)] for i in ids)


def _parts(n: int, size: int = 1 << 20):
    """Slices of at most `size`: numpy makes an int64 copy of whatever it indexes or
    counts by, so a 49 MB text read in one go needed 400 MB more for a moment."""
    return (slice(start, start + size) for start in range(0, n, size))


def code_points(text: str) -> np.ndarray:
    """(N,) the text's code points, as the narrowest unsigned ints that hold them (a view of
    one encoded copy: 1 byte a character for ASCII text, 4 for text beyond the BMP)."""
    if text.isascii():  # known without reading the text
        return np.frombuffer(text.encode("ascii"), np.uint8)
    try:
        return np.frombuffer(text.encode("latin-1"), np.uint8)
    except UnicodeEncodeError:
        pass
    wide = text.encode("utf-16-le", "surrogatepass")
    if len(wide) == 2 * len(text):  # no character needed two units: one unit, one character
        return np.frombuffer(wide, np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


@dataclass(frozen=True)
class TextConfig:
    seq_len: int = 64
    val_frac: float = 0.1
    test_frac: float = 0.05
    max_chars: int | None = 300_000  # keep only the first characters of a huge text (None: all)
    # A tutorial's cleaning (char GRU): every letter lower case, the lines joined into one.
    # Off by default, so a sample, a saved file or a link keeps the text it always read.
    lowercase: bool = False
    drop_newlines: bool = False


@dataclass
class TextData:
    cfg: TextConfig
    text: str
    vocab: Vocab
    ids: np.ndarray  # [N] int64
    windows: WindowSet
    source: str | None = field(default=None, repr=False)  # the whole text `text` was cut from


def prepare_text(text: str, cfg: TextConfig, previous: TextData | None = None) -> TextData:
    """Windows of `text` for `cfg`; the vocabulary and ids of `previous` when it prepared
    the same text to the same length (a change of window length costs no new ids)."""
    whole = text
    if previous is not None and previous.source is text and _same_text(previous.cfg, cfg):
        text, vocab, ids = previous.text, previous.vocab, previous.ids
    else:
        text = cleaned(text[: cfg.max_chars] if cfg.max_chars else text, cfg)
        vocab = Vocab.from_text(text)
        if len(vocab) < 2:
            raise DataError(t("text.few_chars"))
        ids = vocab.encode(text)
    # Non-overlapping windows (stride = seq_len), as char-rnn does: an epoch reads the text once.
    windows = WindowSet(
        ids,
        ids,
        cfg.seq_len,
        horizon=1,
        many_to_many=True,
        stride=cfg.seq_len,
        boundaries=split_rows(len(ids), cfg.val_frac, cfg.test_frac),
    )
    short = [s for s in ("train", "val") if windows.count(s) < 1]
    if short:
        raise DataError(t("text.too_short", chars=len(ids), seq_len=cfg.seq_len))
    return TextData(cfg, text, vocab, ids, windows, source=whole)


def _same_text(a: TextConfig, b: TextConfig) -> bool:
    """Whether both read the same characters (only the window length differs)."""

    def read(c: TextConfig) -> tuple:
        return c.max_chars, c.lowercase, c.drop_newlines

    return read(a) == read(b)


def cleaned(text: str, cfg: TextConfig) -> str:
    """The text as the model reads it: lower-cased and its lines joined when cfg says so
    (a line break is removed, not turned into a space)."""
    if cfg.lowercase:
        text = text.lower()
    if cfg.drop_newlines:
        text = text.replace("\n", "")
    return text


def default_prompt(text: str, limit: int = 40) -> str:
    """A start for generated text: the beginning of a line of the data's own text (the
    first of at least 20 characters, else the first line), cut after a word or a Chinese
    punctuation mark so nothing is split. The model knows these characters, in any
    language: a fixed English word would be unknown to a model trained on Chinese."""
    lines = [line.strip() for line in text[:20_000].splitlines() if line.strip()]
    line = next((x for x in lines if len(x) >= 20), lines[0] if lines else "")
    if len(line) <= limit:
        return line
    head = line[: limit + 1]
    mark = max(head[:limit].rfind(c) for c in PROMPT_BREAKS)  # keep the mark itself
    cut = max(head.rfind(" "), mark + 1 if mark >= 0 else -1)
    return line[:cut].rstrip() if cut > 0 else line[:limit]
