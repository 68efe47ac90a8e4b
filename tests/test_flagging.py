from __future__ import annotations

import unicodedata
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.flagging import (
    CATEGORIES,
    KEYWORD_GROUPS,
    RATING_MAX,
    RATING_MIN,
    RULES,
    URGENT_CATEGORIES,
    FlagDecision,
    classify,
    match_keywords,
)


class Case(NamedTuple):
    category: str | None
    rating: int | None
    text: str
    flagged: bool
    urgent: bool
    reasons: tuple[str, ...]


def ok(category: str | None, rating: int | None, text: str) -> Case:
    """A report that stays with the canteen (stored and counted, not forwarded)."""
    return Case(category, rating, text, False, False, ())


def urgent(category: str | None, rating: int | None, text: str, *reasons: str) -> Case:
    return Case(category, rating, text, True, True, reasons)


def flagged(category: str | None, rating: int | None, text: str, *reasons: str) -> Case:
    return Case(category, rating, text, True, False, reasons)


CASES: dict[str, Case] = {
    # -- categories
    "illness category alone": urgent("illness", None, "", "category:illness"),
    "foreign object category, middling rating": urgent(
        "foreign_object", 3, "", "category:foreign_object"
    ),
    "allergy category": urgent("allergy", 4, "", "category:allergy"),
    "hygiene category": urgent("hygiene", None, "餐具不干净", "category:hygiene"),
    "category, keyword and low rating all fire": urgent(
        "illness", 1, "孩子腹泻", "category:illness", "keyword:illness:腹泻", "low-rating"
    ),
    "ordinary taste complaint": ok("taste", 4, "有点咸"),
    "praise": ok("praise", 5, "今天的红烧肉很好吃👍"),
    "praise in English": ok("praise", 5, "Great food, thanks!"),
    "nothing at all": ok(None, None, ""),
    "service complaint mentioning a chair": ok("service", 3, "The chair was broken"),
    # -- ratings
    "lowest rating with text": flagged("taste", 1, "太难吃了", "low-rating"),
    "second-lowest rating with text": flagged("portion", 2, "量太少", "low-rating"),
    "low rating in English": flagged(None, 2, "Portions are tiny", "low-rating"),
    "low rating without text": ok("taste", 2, ""),
    "low rating with whitespace only": ok("taste", 1, "  \n\u3000"),
    "low rating with emoji only": ok("taste", 1, "😡😡!"),
    "rating 3 with text": ok("taste", 3, "一般般"),
    "low rating plus keyword": urgent(
        None, 1, "hair in rice", "keyword:contamination:hair", "low-rating"
    ),
    # -- Chinese keywords
    "diarrhoea colloquial": urgent(None, None, "孩子吃完午饭拉肚子了", "keyword:illness:拉肚子"),
    "呕吐了 reported once, not also as 吐了": urgent(
        "other", None, "呕吐了两次", "keyword:illness:呕吐"
    ),
    "food poisoning, not also 中毒": urgent(None, None, "疑似食物中毒", "keyword:illness:食物中毒"),
    "hair in soup": urgent("taste", 4, "汤里有头发", "keyword:contamination:头发"),
    "bug in food": urgent(None, None, "菜里有虫子！", "keyword:contamination:虫"),
    "mould, longest word only": urgent(None, None, "米饭发霉了", "keyword:contamination:发霉"),
    "expired milk": urgent(None, None, "牛奶过期了", "keyword:contamination:过期"),
    "undercooked": urgent(None, None, "米饭没熟", "keyword:contamination:没熟"),
    "raw egg": urgent(None, None, "鸡蛋是生的", "keyword:contamination:生的"),
    "rash after milk": urgent(None, None, "喝了牛奶后起疹子", "keyword:allergy:起疹子"),
    "sour rice": urgent(None, None, "水果有点馊了", "keyword:contamination:馊"),
    "two groups, rules in table order": urgent(
        None, None, "吃到头发后呕吐", "keyword:illness:呕吐", "keyword:contamination:头发"
    ),
    "A-not-A question keeps the keyword": urgent(
        None, None, "是不是过敏了？", "keyword:allergy:过敏"
    ),
    "有没有 question keeps the keyword": urgent(
        None, None, "孩子有没有拉肚子要观察", "keyword:illness:拉肚子"
    ),
    "是不是 question before food poisoning": urgent(
        None, None, "这是不是食物中毒", "keyword:illness:食物中毒"
    ),
    "praise does not shield a keyword": urgent(
        "praise", 5, "很好吃，但是发现一根头发", "keyword:contamination:头发"
    ),
    "negation then a real symptom": urgent(
        None, None, "没有过敏，但是吐了", "keyword:illness:吐了"
    ),
    # -- Chinese exceptions
    "cordyceps flower": ok("praise", 5, "虫草花炖鸡很好喝"),
    "cordyceps full name": ok(None, None, "冬虫夏草"),
    "not allergic": ok(None, None, "孩子对花生不过敏"),
    "no allergy and no diarrhoea": ok(None, None, "没有过敏，也没有拉肚子"),
    "no more diarrhoea (filler)": ok(None, None, "已经没有再拉肚子了"),
    "found no foreign object (filler)": ok("other", None, "仔细看了，没发现异物"),
    "no odour": ok(None, 4, "菜没有异味"),
    "not expired": ok(None, None, "牛奶未过期"),
    "student's": ok(None, None, "学生的午餐很丰盛"),
    "unlucky": ok(None, None, "真倒霉，今天没抢到鸡腿"),
    "fermented greens dish": ok("praise", 5, "霉干菜扣肉很好吃"),
    "lousy idea": ok(None, None, "这是个馊主意"),
    # -- English keywords and word boundaries
    "hair": urgent(None, None, "Found a hair in the soup", "keyword:contamination:hair"),
    "hairs, upper case": urgent(None, None, "two HAIRS in rice", "keyword:contamination:hairs"),
    "hairstyle is another word": ok(None, None, "nice hairstyle on the chef"),
    "raw, not drawing or straw": urgent(
        None, None, "drawing with a straw; raw chicken!!", "keyword:contamination:raw"
    ),
    "drawing and straw alone": ok(None, None, "kids' drawing, paper straw"),
    "butterfly is not a fly": ok(None, None, "a butterfly flew in"),
    "fly": urgent(None, None, "a fly in the soup", "keyword:contamination:fly"),
    "vomited": urgent(None, None, "My son vomited after lunch", "keyword:illness:vomited"),
    "threw up": urgent(None, None, "he threw up twice", "keyword:illness:threw up"),
    "food poisoning question": urgent(
        None, None, "Food poisoning?", "keyword:illness:food poisoning"
    ),
    "sick": urgent(None, None, "He was sick after lunch", "keyword:illness:sick"),
    "homesick is another word": ok(None, None, "a bit homesick"),
    "stomach-ache with hyphen": urgent(
        None, None, "Stomach-ache after lunch", "keyword:illness:stomach ache"
    ),
    "stomachache one word": urgent(None, None, "stomachache", "keyword:illness:stomachache"),
    "rash and hives": urgent(
        None, None, "She got a rash and hives", "keyword:allergy:rash", "keyword:allergy:hives"
    ),
    "undercooked with low rating": urgent(
        "taste",
        2,
        "Chicken was undercooked, pink inside",
        "keyword:contamination:undercooked",
        "low-rating",
    ),
    "mouldy, not also mould": urgent(None, None, "mouldy bread", "keyword:contamination:mouldy"),
    "glass shard": urgent(None, None, "glass shard in rice", "keyword:contamination:glass"),
    "rotten and expired": urgent(
        None,
        None,
        "rotten apples, expired yoghurt",
        "keyword:contamination:rotten",
        "keyword:contamination:expired",
    ),
    "debugging is another word": ok(None, None, "I was debugging all day"),
    # -- English exceptions and negations
    "not sick": ok(None, None, "He is not sick, just tired"),
    "no allergy issues": ok("praise", 5, "no allergy issues, he loved it"),
    "sick of rice": ok("taste", 3, "I'm sick of rice every day"),
    "glass of milk": ok("temperature", 3, "a glass of milk was warm"),
    "curly apostrophe negation": ok(None, None, "he didn’t get sick"),
    "negation with two fillers": ok(None, None, "didn't have a fever"),
    "negated then real symptom": urgent(
        None, None, "didn't vomit, but had a fever", "keyword:illness:fever"
    ),
    "no fever, no rash": ok(None, None, "No fever, no rash."),
    "negation does not reach past other words": urgent(
        None, None, "not only hair but mould", "keyword:contamination:hair",
        "keyword:contamination:mould",
    ),
    # -- mixed scripts, full-width, emoji
    "English word inside Chinese": urgent(None, None, "孩子vomit了", "keyword:illness:vomit"),
    "full-width English": urgent(None, None, "汤里有ＨＡＩＲ", "keyword:contamination:hair"),
    "full-width phrase and ideographic space": urgent(
        None, None, "Ｆｏｏｄ\u3000Ｐｏｉｓｏｎｉｎｇ", "keyword:illness:food poisoning"
    ),
    "emoji around Chinese": urgent(None, None, "🤢恶心🤢", "keyword:illness:恶心"),
    "emoji around English": urgent(None, None, "🪰fly🪰", "keyword:contamination:fly"),
    "zero-width space inside a word": urgent(
        None, None, "cock\u200broach", "keyword:contamination:cockroach"
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_classify_table(case: Case) -> None:
    decision = classify(case.category, case.rating, case.text)
    assert (decision.flagged, decision.urgent, decision.reasons) == (
        case.flagged,
        case.urgent,
        case.reasons,
    )


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_keywords_are_reported_as_written_in_text_order() -> None:
    decision = classify(None, None, "汤里有ＨＡＩＲ，还有Vomited，再次 hair")
    assert decision.keywords == ("ＨＡＩＲ", "Vomited")
    assert match_keywords("Stomach-Ache后拉肚子，拉肚子") == [
        ("illness", "Stomach-Ache"),
        ("illness", "拉肚子"),
    ]
    assert match_keywords("") == []
    assert match_keywords("虫草很好") == []


def test_full_decision_for_documented_example() -> None:
    assert classify("illness", 2, "孩子腹泻") == FlagDecision(
        flagged=True,
        urgent=True,
        reasons=("category:illness", "keyword:illness:腹泻", "low-rating"),
        keywords=("腹泻",),
    )


@pytest.mark.parametrize(
    ("category", "rating"), [("Illness", None), ("unknown", 3), (None, 0), (None, 6), ("taste", -1)]
)
def test_invalid_input_is_rejected(category: str | None, rating: int | None) -> None:
    with pytest.raises(ValueError):
        classify(category, rating, "text")


# ---- the data itself ------------------------------------------------------------------------

ALL_WORDS = [(g.name, w) for g in KEYWORD_GROUPS for w in g.words]


def test_keyword_table_is_normalised_and_unique() -> None:
    words = [w for _, w in ALL_WORDS]
    assert len(words) == len(set(words))
    for word in words:
        assert unicodedata.normalize("NFKC", word).casefold() == word, word
        assert word == word.strip()


def test_rule_ids_are_unique_and_urgent_categories_are_known() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert URGENT_CATEGORIES.issubset(CATEGORIES)


@pytest.mark.parametrize(("group", "word"), ALL_WORDS, ids=[w for _, w in ALL_WORDS])
def test_every_listed_word_is_detected_on_its_own(group: str, word: str) -> None:
    # Guards against an exception or a longer word accidentally shadowing a listed one.
    assert match_keywords(f" {word} ") == [(group, word)]
    assert f"keyword:{group}:{word}" in classify(None, None, f"（{word}）").reasons


# ---- properties -----------------------------------------------------------------------------

# Text biased towards the interesting parts: keywords, negations and exceptions mixed with noise.
_fragments = st.sampled_from(
    [w for _, w in ALL_WORDS]
    + ["不", "没有", "是不是", "有没有", "no ", "not ", "didn't ", "虫草", "学生的", " ", "，"]
)
_texts = st.one_of(st.text(), st.lists(st.one_of(_fragments, st.text(max_size=3))).map("".join))


@given(
    category=st.one_of(st.none(), st.sampled_from(CATEGORIES)),
    rating=st.one_of(st.none(), st.integers(RATING_MIN, RATING_MAX)),
    text=_texts,
)
def test_classify_is_total_and_consistent(
    category: str | None, rating: int | None, text: str
) -> None:
    decision = classify(category, rating, text)
    assert not decision.urgent or decision.flagged
    assert decision.flagged == bool(decision.reasons)
    assert len(set(decision.reasons)) == len(decision.reasons)
    keyword_reasons = [r for r in decision.reasons if r.startswith("keyword:")]
    assert len(keyword_reasons) == len(decision.keywords)
    for found in decision.keywords:
        assert found in text
    assert [found for _, found in match_keywords(text)] == list(decision.keywords)
