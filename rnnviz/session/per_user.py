"""A value per script run (and the jobs it starts), with a fallback for code that runs
outside one: the language and presentation mode are per user, not per process, since one
server serves a teacher presenting in Chinese and a student at a laptop at once."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Generic, TypeVar

T = TypeVar("T")


class RunValue(Generic[T]):
    def __init__(self, name: str):
        self._var: ContextVar[T | None] = ContextVar(name, default=None)
        self._fallback: Callable[[], T | None] | None = None

    def set(self, value: T) -> None:
        """This thread's value (a Streamlit script run, or a job it started)."""
        self._var.set(value)

    def set_fallback(self, source: Callable[[], T | None] | None) -> None:
        """Asked when this thread has set no value (widget callbacks, fragment reruns)."""
        self._fallback = source

    def get(self) -> T | None:
        value = self._var.get()
        if value is None and self._fallback is not None:
            value = self._fallback()
        return value
