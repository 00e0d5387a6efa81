"""At the projector: Home, Data, Train (after 2 epochs), Inside and Predict at
1280×720 and 1920×1080, in English and Chinese, in the normal view and in presentation mode.
Each view: no horizontal scrollbar in the main column, no chart tick text (axes and colour
bars) under 12 px (16 px when presenting), Inside's first Play button on screen without
scrolling, and a screenshot in
tests/artifacts/screens/<width>x<height>_<lang>[_present]_<page>.png (tests/artifacts is
gitignored)."""

from __future__ import annotations

import pytest

from rnnviz.i18n import t
from tests.browser.conftest import (
    ARTIFACTS,
    assert_no_exception,
    nav,
    opened,
    screenshot,
    wait_charts,
    wait_idle,
)
from tests.browser.test_chinese import zh
from tests.browser.test_flow import button, click, set_number, sidebar_text, wait_for

PAGES = ["home", "data", "train", "inside", "predict"]
VIEWPORT = {"width": 1280, "height": 720}
SIZES = [VIEWPORT, {"width": 1920, "height": 1080}]
MAIN_WIDTHS = """() => { const m = document.querySelector('[data-testid=stMain]');
    return [m.scrollWidth, m.clientWidth]; }"""
# Tick text of every axis of every subplot (plotly names them .xtick, .x2tick ...: the
# layers hold them all) and of every colour bar.
TICK_SIZES = """() => [...document.querySelectorAll(
        ".xaxislayer-above text, .yaxislayer-above text, .colorbar g[class$='tick'] text")]
    .filter(e => e.textContent.trim())
    .map(e => parseFloat(getComputedStyle(e).fontSize))"""

# Text cut off inside its widget: labels, buttons, tabs, metrics and radio options whose
# text is wider than the box that shows it (Streamlit hides the rest, so nothing scrolls).
OVERFLOWING = """() => [...document.querySelectorAll(
        "[data-testid=stMain] [data-testid=stWidgetLabel] p, [data-testid=stMain] button p, "
        + "[data-testid=stMain] [data-baseweb=tab] p, "
        + "[data-testid=stMain] [data-testid=stMetricValue] div, "
        + "[data-testid=stMain] [data-testid=stMarkdownContainer] p")]
    .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent.trim().slice(0, 40))"""

# The first Play button of the Inside page, where it is drawn, without scrolling.
FIRST_PLAY = """() => { const b = document.querySelector('.st-key-hidden_anim .updatemenu-button');
    if (!b) return null; const r = b.getBoundingClientRect();
    return [r.top, r.bottom, r.left, r.right, window.innerHeight, window.innerWidth,
            document.querySelector('[data-testid=stMain]').scrollTop]; }"""
SIDEBAR_OPEN = """() => { const s = document.querySelector('[data-testid=stSidebar]');
    return !!s && s.getAttribute('data-collapsed') === 'false'; }"""


def _text(lang: str, key: str) -> str:
    return zh(key) if lang == "zh" else t(key)


def open_sidebar(pg) -> None:
    """Presentation mode folds the sidebar away: unfold it to reach the links and switches."""
    if not pg.evaluate(SIDEBAR_OPEN):
        pg.locator("[data-testid='stExpandSidebarButton']").first.click()
        wait_for(pg, lambda: pg.evaluate(SIDEBAR_OPEN), 10, "the sidebar to open")
        pg.wait_for_timeout(300)


def close_sidebar(pg) -> None:
    if pg.evaluate(SIDEBAR_OPEN):
        pg.locator("[data-testid='stSidebar']").hover()
        pg.locator("[data-testid='stSidebarCollapseButton'] button").first.click()
        wait_for(pg, lambda: not pg.evaluate(SIDEBAR_OPEN), 10, "the sidebar to close")
        pg.wait_for_timeout(500)  # charts relayout to the wider column


def set_view(pg, lang: str, presenting: bool) -> None:
    open_sidebar(pg)
    label = "中文" if lang == "zh" else "English"
    pg.locator(".st-key-lang label").filter(has_text=label).click()
    pg.wait_for_timeout(300)
    wait_idle(pg)
    toggle = pg.locator(".st-key-present input[type=checkbox]")
    if toggle.is_checked() != presenting:
        pg.locator(".st-key-present label").first.click()
        pg.wait_for_timeout(300)
        wait_idle(pg)
    open_sidebar(pg)
    assert pg.locator(".st-key-present input[type=checkbox]").is_checked() == presenting


def shot(pg, name: str) -> None:
    (ARTIFACTS / "screens").mkdir(parents=True, exist_ok=True)
    screenshot(pg, f"screens/{name}")


def play_on_screen(pg, name: str) -> None:
    pg.wait_for_selector(".st-key-hidden_anim .updatemenu-button")
    top, bottom, left, right, height, width, scrolled = pg.evaluate(FIRST_PLAY)
    assert scrolled == 0, f"{name}: the page was scrolled ({scrolled} px)"
    assert top >= 0 and bottom <= height and left >= 0 and right <= width, (
        f"{name}: the first Play button is at y {top:.0f}-{bottom:.0f} of {height} px"
    )


def tab_shots(pg, name: str, lang: str, min_tick: float) -> None:
    """Inside's other teaching tabs, each checked and captured like a page."""
    for tab in ("training", "insight"):
        pg.get_by_role("tab", name=_text(lang, f"inside.tab.{tab}")).click()
        pg.wait_for_timeout(800)  # plotly draws a hidden tab's charts when it is shown
        check_view(pg, f"{name}_{tab}", min_tick)
    pg.get_by_role("tab", name=_text(lang, "inside.tab.steps")).click()


def check_view(pg, name: str, min_tick: float) -> None:
    charts = pg.locator("[data-testid='stPlotlyChart']").count() and wait_charts(pg)
    pg.wait_for_timeout(500)
    assert_no_exception(pg)
    scroll, client = pg.evaluate(MAIN_WIDTHS)
    assert scroll <= client, f"{name}: the main column scrolls sideways ({scroll} > {client} px)"
    cut = pg.evaluate(OVERFLOWING)
    assert not cut, f"{name}: text cut off inside its widget: {cut[:5]}"
    sizes = pg.evaluate(TICK_SIZES)
    if charts:
        assert sizes, f"{name}: charts without tick labels"
        assert min(sizes) >= min_tick, f"{name}: tick text of {min(sizes)} px (< {min_tick})"
    if name.endswith("_inside"):  # the page as it opens, not scrolled
        play_on_screen(pg, name)
    shot(pg, name)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}x{s['height']}")
def test_pages_at_the_projector(browser, base_url, size):
    """One size per test: 28 views each, inside pytest's 300 s limit."""
    with opened(browser, viewport=size) as pg:
        pg.goto(base_url + "/?lang=en")
        wait_idle(pg)
        button(pg, "quick_start").click()  # the temperature sample and an LSTM, on Train
        pg.wait_for_timeout(300)
        wait_idle(pg)
        set_number(pg, "epochs", 2)
        click(pg, "train", settle=False)
        wait_for(pg, lambda: t("state.done") in sidebar_text(pg), 180, "training to finish")
        wait_idle(pg)
        for lang, presenting in (("en", False), ("zh", False), ("en", True), ("zh", True)):
            set_view(pg, lang, presenting)
            for name in PAGES:
                open_sidebar(pg)
                nav(pg, _text(lang, f"nav.{name}"))
                if presenting:
                    close_sidebar(pg)  # as the class sees it
                suffix = "_present" if presenting else ""
                view = f"{size['width']}x{size['height']}_{lang}{suffix}_{name}"
                check_view(pg, view, 16 if presenting else 12)
                if name == "inside":
                    tab_shots(pg, view, lang, 16 if presenting else 12)


def test_a_present_link_opens_with_the_sidebar_folded(browser, base_url):
    with opened(browser, viewport=VIEWPORT) as pg:
        pg.goto(base_url + "/?present=1&lang=en")
        wait_idle(pg)
        assert not pg.evaluate(SIDEBAR_OPEN), "presentation mode left the sidebar open"
        watch = pg.locator("[class*='st-key-lesson_watch'] p").first
        size = float(watch.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= 22, f"the lessons' 'what to watch' is {size} px"
        open_sidebar(pg)
        assert pg.locator(".st-key-present input[type=checkbox]").is_checked()
        assert "present=1" in pg.url


LAB_TABLES = """() => ['lab_kernel', 'lab_recurrent', 'lab_bias'].map(k => {
    const s = document.querySelector('.st-key-' + k + ' .dvn-scroller');
    return [k, s ? s.scrollWidth : -1, s ? s.clientWidth : -1]; })"""


def test_lab_tables_show_h3_without_scrolling(browser, base_url):
    """The Keras hand check at 1280×720 with the sidebar open: kernel K, recurrent kernel R
    and bias b show every column (h3 was behind a horizontal scroll)."""
    with opened(browser, viewport=VIEWPORT) as pg:
        pg.goto(base_url + "/lab?lang=en")
        wait_idle(pg)
        pg.wait_for_selector(".st-key-lab_bias .dvn-scroller")
        for key, scroll, client in pg.evaluate(LAB_TABLES):
            assert 0 < scroll <= client, f"{key}: {scroll} px of columns in {client} px"
        screenshot(pg, "projector_en_lab")


CHIPS = """() => { const box = document.querySelector(
        '.st-key-feature_cols [data-testid=stMultiSelectTagsContainer]');
    const outer = box.getBoundingClientRect();
    return [...box.querySelectorAll('[data-tag]')].map(c => { const r = c.getBoundingClientRect();
        return [c.innerText.trim(), r.left >= outer.left - 1 && r.right <= outer.right + 1,
                r.top >= outer.top - 1 && r.bottom <= outer.bottom + 1]; }); }"""


def test_five_input_features_show_every_chip(browser, base_url):
    """Bitcoin's five columns as inputs at 1280×720: the multiselect shows its first chip
    ("Open" scrolled out of view in a third of the row) and every other, unclipped."""
    with opened(browser, viewport=VIEWPORT) as pg:
        pg.goto(base_url + "/data?s=bitcoin&t=Close&f=Open,High,Low,Close,Vol.&lang=en")
        wait_idle(pg)
        pg.wait_for_selector(".st-key-feature_cols [data-tag]")
        chips = pg.evaluate(CHIPS)
        assert len(chips) == 5 and chips[0][0].startswith("Open"), chips
        assert all(inside_x and inside_y for _, inside_x, inside_y in chips), chips
        screenshot(pg, "projector_en_data_five_inputs")


# Each labelled tick of the hidden-state heatmap's time axis (the bottom subplot's): its box.
TICK_BOXES = """() => { const layers = [...document.querySelectorAll(
        '.st-key-hidden_anim .xaxislayer-above')];
    return [...layers[layers.length - 1].querySelectorAll('text')]
        .filter(e => e.textContent.trim())
        .map(e => { const r = e.getBoundingClientRect();
                    return [e.textContent, r.left, r.right, r.top, r.bottom]; }); }"""


def test_a_64_character_run_is_labelled_without_overlap(browser, base_url):
    """Shakespeare, 64 characters a sequence, at 1280×720 with the sidebar open: the hidden
    state's time axis names characters (every k-th one), and no two labels overlap."""
    with opened(browser, viewport=VIEWPORT) as pg:
        pg.goto(base_url + "/train?s=shakespeare&mc=3000&ep=1&lang=en")
        wait_idle(pg)
        click(pg, "train", settle=False)
        wait_for(pg, lambda: t("state.done") in sidebar_text(pg), 180, "training to finish")
        wait_idle(pg)
        nav(pg, t("nav.inside"))
        pg.wait_for_selector(".st-key-hidden_anim .xaxislayer-above text", state="attached")
        wait_charts(pg)
        boxes = pg.evaluate(TICK_BOXES)
        assert len(boxes) >= 16, boxes  # labelled, not a handful of step numbers
        assert not any(text.strip().isdigit() for text, *_ in boxes), boxes
        for (a, _, right, *_), (b, left, *_) in zip(boxes, boxes[1:], strict=False):
            assert right <= left, f"tick labels {a!r} and {b!r} overlap ({right:.1f} > {left:.1f})"
        play_on_screen(pg, "text_inside")
        shot(pg, "1280x720_en_text_inside")
