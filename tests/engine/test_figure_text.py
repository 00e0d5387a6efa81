"""Characters on figures stay readable: the strip above the hidden-state heatmap and its
tick labels never overlap (CJK characters count double), and letters on coloured cells
are black or white by the cell's luminance."""

from __future__ import annotations

import numpy as np
import pytest

from rnnviz.figures import hidden_fill_animation
from rnnviz.figures._anim import font_size
from rnnviz.figures.contrast import WHITE_BELOW, luminance, text_color
from rnnviz.figures.inside import PLOT_PX, char_stride, char_ticks, char_width
from rnnviz.figures.text import char_activation_figure

CJK = "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少" * 10  # 200 characters


def _no_overlap(positions, labels, size, steps) -> None:
    """Label centres at their steps on a PLOT_PX-wide axis: neighbours leave room for
    half of each one's width."""
    px = np.asarray(positions, float) * PLOT_PX / steps
    for a, b, la, lb in zip(px, px[1:], labels, labels[1:], strict=False):
        assert b - a >= (char_width(la, size) + char_width(lb, size)) / 2, (la, lb, b - a)


@pytest.mark.parametrize("text", [CJK, "x" * 200, ("ab中" * 70)[:200], CJK[:30]])
def test_no_two_tick_labels_overlap(text):
    ticks = char_ticks(text)
    _no_overlap(ticks["tickvals"], ticks["ticktext"], font_size(), len(text))
    assert ticks["tickvals"][0] == 0 and len(ticks["tickvals"]) > 1


def test_wide_characters_count_double():
    assert char_width("中", 10) == 2 * char_width("a", 10)
    assert char_stride(CJK, 12) > char_stride("x" * 200, 12)
    assert char_stride("abc", 12) == 1  # short texts: every character


def _strip(fig):
    return next(tr for tr in fig.data if getattr(tr, "mode", None) == "text")


def test_the_character_strip_over_the_heatmap_never_overlaps_and_hovers_every_step():
    h = np.zeros((200, 4), np.float32)
    strip = _strip(hidden_fill_animation(h, input_text=list(CJK)))
    shown = [(i, c) for i, c in enumerate(strip.text) if c]
    _no_overlap([i for i, _ in shown], [c for _, c in shown], strip.textfont.size, 200)
    assert 1 < len(shown) < 200
    assert list(strip.hovertext) == list(CJK)  # the hover still names every character


def test_a_short_strip_shows_every_character():
    strip = _strip(hidden_fill_animation(np.zeros((5, 2), np.float32), input_text="hello"))
    assert list(strip.text) == list("hello")


def test_luminance_and_the_threshold():
    assert luminance((255, 255, 255)) == pytest.approx(1.0)
    assert luminance((0, 0, 0)) == 0.0
    assert 0.17 < WHITE_BELOW < 0.19  # WCAG: equal contrast with black and white
    assert text_color((5, 48, 97)) == "white"  # navy
    assert text_color((253, 231, 37)) == "black"  # viridis yellow


def _letters(fig):
    return next(tr for tr in fig.data if tr.type == "scatter")


def test_letters_are_white_on_navy_and_black_on_light_cells():
    fig = char_activation_figure("abc", np.array([-1.0, 0.0, 0.2], np.float32))
    assert list(_letters(fig).textfont.color) == ["white", "black", "black"]
    assert list(_letters(fig).text) == ["a", "b", "c"]


def test_letters_on_a_sequential_scale_follow_their_cells():
    fig = char_activation_figure("ab", np.array([0.0, 1.0], np.float32), zrange=(0.0, 1.0))
    assert list(_letters(fig).textfont.color) == ["white", "black"]  # purple, then yellow


def test_a_chinese_text_grid_has_half_as_many_characters_per_row():
    latin = char_activation_figure("a" * 120, np.zeros(120, np.float32))
    chinese = char_activation_figure(CJK[:120], np.zeros(120, np.float32))
    assert max(_letters(latin).x) == 59 and max(_letters(chinese).x) == 29
