"""The message splitter: UTF-16 limits, balanced tags across parts, nothing lost; list capping."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import escape
from bot.views.text import cap, pack, split_html, utf16_len

TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w-]*)[^>]*>")


def balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, name in TAG.findall(html):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def visible(html: str) -> str:
    return TAG.sub("", html)


def test_short_text_is_one_part() -> None:
    assert split_html("<b>午餐</b>", 100) == ["<b>午餐</b>"]


def test_cuts_at_line_breaks_and_reopens_tags() -> None:
    text = "<b>" + "\n".join(f"第{i}行菜品" for i in range(40)) + "</b>"
    parts = split_html(text, 60)
    assert all(utf16_len(p) <= 60 for p in parts)
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    assert all(balanced(p) for p in parts)
    assert "\n".join(visible(p) for p in parts) == visible(text)


def test_utf16_counts_astral_emoji_twice() -> None:
    text = "😋" * 30  # 60 UTF-16 units in 30 characters
    parts = split_html(text, 20)
    assert [utf16_len(p) for p in parts] == [20, 20, 20]


def test_entities_are_never_cut() -> None:
    text = "&lt;b&gt;" * 20
    parts = split_html(text, 16)
    assert all(re.fullmatch(r"(&lt;|b|&gt;)+", p) for p in parts)
    assert "".join(parts) == text


def test_someones_words_are_escaped_then_split_at_line_breaks_losing_nothing() -> None:
    """A parent's long words (views.cases.words_parts): every part fits, each cut takes the
    place of one line break, and the parts give the words back exactly."""
    text = ("<b>&amp; 😋👍🏽 汉字 \n" * 400)[:4000]
    escaped = escape(text)
    parts = split_html(escaped, 3800)
    assert len(parts) == 2 and all(utf16_len(p) <= 3800 for p in parts)
    assert "\n".join(parts) == escaped
    assert html.unescape("\n".join(parts)) == text
    assert split_html("", 10) == [""]
    assert split_html("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_pack_joins_small_parts_and_splits_a_huge_one() -> None:
    lines = ["<b>标题</b>", "一" * 50, "<i>" + "二" * 150 + "</i>"]
    messages = pack(lines, limit=80)
    assert all(utf16_len(m) <= 80 for m in messages)
    assert all(balanced(m) for m in messages)
    assert "".join(visible(m) for m in messages).replace("\n", "") == "".join(
        visible(line) for line in lines
    )


def test_cap_counts_what_it_hides() -> None:
    assert cap(["a", "b"], 3, lambda n: f"+{n}") == ["a", "b"]
    assert cap(["a", "b", "c", "d"], 2, lambda n: f"… and {n} more") == ["a", "b", "… and 2 more"]


words = st.text(alphabet=st.characters(blacklist_characters="<>&"), min_size=0, max_size=30)
markup = st.recursive(
    words.map(lambda w: w.replace("\r", "")),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["b", "i", "code", "blockquote"]), inner).map(
            lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"
        ),
        st.lists(inner, min_size=1, max_size=6).map("\n".join),
        st.lists(inner, min_size=1, max_size=6).map("".join),
        st.just("&amp;"),
        st.just('<a href="https://example.org/x">链接</a>'),
    ),
    max_leaves=25,
)


# Real limits are thousands of units; a part can only overflow when the tags open at a cut plus
# one indivisible token (a tag, an entity) exceed the limit, so the floor stays well above that.
@given(markup, st.integers(min_value=300, max_value=600))
def test_every_part_fits_is_balanced_and_nothing_is_lost(text: str, limit: int) -> None:
    parts = split_html(text, limit)
    assert all(utf16_len(p) <= limit for p in parts)
    assert all(balanced(p) for p in parts)
    kept = "".join(visible(p) for p in parts)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", visible(text))
