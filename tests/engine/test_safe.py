"""safe.md: user text shown literally inside Streamlit Markdown (engine only, no Streamlit).

What each construct renders to was checked in Chromium against Streamlit 1.67's frontend
(links, images, KaTeX, emoji and material icons, colored text, badges, autolinks, arrows):
with md() none of them is drawn. These tests pin the escaped text that made that true.
"""

import re
import string

import pytest

from rnnviz import i18n
from rnnviz.safe_text import ELLIPSIS, md, names

WJ = "\u2060"  # the invisible word joiner md() puts where a shortcode or autolink would match


def shown(escaped: str) -> str:
    """What a reader sees: CommonMark resolves a backslash before ASCII punctuation."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped).replace(WJ, "")


def unescaped(text: str, char: str) -> list[int]:
    """Positions of `char` not escaped by a backslash (a backslash escaped itself counts)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            out.append(i)
        i += 1
    return out


HOSTILE = [
    "[x](http://e)",
    "![t](http://e/p.png)",
    r"$\color{red}{\Huge HACKED}$",
    ":red[x]",
    ":material/home:",
    "<img src=x>",
    "**b**",
    "a\\b",
    "\\",
    "\\[x](http://e)",
    "`code`",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "x|y|z",
    "~~gone~~",
    "_it_",
    "&lt;&#91;",
    ":smile: :+1:",
    ":blue-background[x]",
    ":orange-badge[x]",
    ":small[x]",
    ":shimmer[x]",
    ':color[x]{foreground="#f00"}',
    "https://evil.example/login",
    "www.evil.example",
    "me@evil.example",
    "<https://evil.example>",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "$$\nx\n$$",
    "[ref]: http://evil.example",
    "{{braces}}",
    "%s %(x)s {0}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_construct_reads_back_as_itself(text):
    out = md(text, limit=None)
    assert shown(out) == text.replace("\n", " ")


@pytest.mark.parametrize("char", sorted(set(string.punctuation)))
def test_every_ascii_punctuation_is_escaped(char):
    out = md(char)
    assert out.replace(WJ, "") == "\\" + char
    assert unescaped(out, char) == []


@pytest.mark.parametrize(
    "text,bad",
    [
        ("[x](http://e)", "]("),
        ("![t](http://e/p.png)", "!["),
        ("<img src=x>", "<img"),
        ("**b**", "**"),
        (r"$\color{red}{\Huge HACKED}$", "$\\"),
        (":red[x]", ":red["),
        (":material/home:", ":material/"),
        (":smile:", ":smile:"),
        ("https://e.example", "://"),
        ("www.evil.example", "www."),
        ("me@evil.example", "me@"),
        ("a->b", "->"),
        ("--", "--"),
        ("`x`", "`x"),
    ],
)
def test_no_construct_survives(text, bad):
    # the construct's opening, not preceded by an escaping backslash (inputs hold none)
    assert not re.search(r"(?<!\\)" + re.escape(bad), md(text)), md(text)


def test_links_images_and_formulas_have_no_unescaped_delimiters():
    for text in HOSTILE:
        out = md(text, limit=None)
        for char in "[]()!$<>*_`|~#:":
            assert unescaped(out, char) == [], (text, char, out)


def test_shortcodes_and_autolinks_are_split_by_an_invisible_joiner():
    assert md(":red[x]") == "\\:" + WJ + "red\\[x\\]"
    assert md(":material/home:") == "\\:" + WJ + "material\\/home\\:" + WJ
    assert md("https://e") == "https\\:" + WJ + "\\/\\/e"
    assert md("WWW.e.org") == "WWW" + WJ + "\\.e\\.org"
    assert md("a@b.org") == "a" + WJ + "\\@b\\.org"
    assert md("a->b") == "a\\-" + WJ + "\\>b"


def test_ordinary_names_get_no_invisible_characters():
    # a file or column name reads and copies as itself: only backslashes are added
    for name in ("my_temps.csv", "Temp (°C)", "Airline passengers (1949-1960)", "收盘价", "Vol."):
        assert WJ not in md(name)
        assert shown(md(name)) == name


def test_backslashes_cannot_unescape_what_follows():
    # "\\" + "[" must not become an escaped backslash followed by a live "["
    out = md("\\[x](http://e)")
    assert out.startswith("\\\\\\[")
    assert unescaped(out, "[") == [] and unescaped(out, "(") == []


def test_newlines_tabs_and_control_characters_become_spaces():
    assert md("a\nb\r\nc\td\x00e\u2028f") == "a b c d e f"
    assert md("# h\n# h2") == "\\# h \\# h2"  # no line starts a heading
    assert md("x\u202eevil") == "x evil"  # no right-to-left override hides the text order


def test_long_values_are_cut_with_an_ellipsis():
    assert md("x" * 100) == "x" * 60 + ELLIPSIS
    assert md("x" * 100, limit=10) == "x" * 10 + ELLIPSIS
    assert md("x" * 60) == "x" * 60
    assert md("x" * 100, limit=None) == "x" * 100
    # the cut comes before escaping: a value of escapes is never split inside one
    out = md("[" * 100, limit=5)
    assert out == "\\[" * 5 + ELLIPSIS


def test_anything_is_turned_to_text():
    assert md(12.5) == "12\\.5" and md(None) == "None"
    assert shown(md(("a", "b"))) == "('a', 'b')"


def test_escaped_text_formats_into_a_message_unchanged():
    # str.format does not read braces inside a value, so a name with braces is safe there
    value = md("{0} {x} {{y}}")
    assert i18n.t("data.loaded", name=value) == f"Loaded: **{value}**"


def test_names_escapes_each_name_and_counts_the_rest():
    out = names([f"[c{i}](http://e)" for i in range(12)], most=3)
    assert out.count("\\[") == 3 and "](" not in out
    assert out.endswith(" and 9 more")
    assert names(["a", "b"], quote="'") == "'a', 'b'"
    assert names([]) == ""
    assert names(["x" * 100], limit=5) == "xxxxx" + ELLIPSIS


def test_names_in_chinese():
    i18n.use("zh")
    try:
        assert names(["a", "b", "c"], most=2) == "a、b 等，另有 1 个"
    finally:
        i18n.use("en")
