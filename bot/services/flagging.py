"""Which parent reports are forwarded to the food-safety group, and which of them are urgent.

The decision is a table of rules (``RULES``), each an id, a condition and an urgency, built from
plain data below: the urgent categories, the keyword groups and the exception phrases. Changing
what is flagged is a data edit, and every fired rule id is reported, so the group can see why a
report reached them.

Keyword matching, on text normalised with NFKC (full-width letters and spaces) and casefolding:

* Chinese words match as substrings. English words match only between non-letters: "hair"
  does not match "chair" or "hairstyle", "fly" not "butterfly", "raw" not "drawing" or "straw",
  "sick" not "homesick". Inflections are listed explicitly ("hairs", "flies", "vomited") rather
  than guessed. A CJK character counts as a boundary, so "孩子vomit了" matches.
* A few phrases cancel a keyword they contain ("虫草" is cordyceps, "学生的" is "student's",
  "sick of"), and a negation immediately before a keyword cancels it ("不过敏", "没有拉肚子",
  "no fever", "didn't get sick"), optionally across a closed list of filler words ("没有再",
  "not feeling"). Matching is leftmost-longest and an exception is consumed as one unit, which
  also lets A-not-A questions ("是不是过敏", "有没有拉肚子") keep their keyword.
* Negation handling is deliberately narrow: a missed negation costs the group one false alarm,
  an over-eager one would hide a child's illness. So "not only hair" still flags, and
  "不是食物中毒吧" (rhetorical) does too.
* Only simplified Chinese is covered, as the school is on the mainland.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = [
    "CATEGORIES",
    "EN_NEGATIONS",
    "EN_NEGATION_FILLERS",
    "EXCEPTION_PHRASES",
    "KEYWORD_GROUPS",
    "LOW_RATINGS",
    "QUESTION_FORMS",
    "RATING_MAX",
    "RATING_MIN",
    "RULES",
    "URGENT_CATEGORIES",
    "ZH_NEGATIONS",
    "ZH_NEGATION_FILLERS",
    "FlagDecision",
    "KeywordGroup",
    "Report",
    "Rule",
    "classify",
    "match_keywords",
]

CATEGORIES: tuple[str, ...] = (
    "taste",
    "portion",
    "temperature",
    "hygiene",
    "foreign_object",
    "illness",
    "allergy",
    "service",
    "praise",
    "other",
)
URGENT_CATEGORIES = frozenset({"foreign_object", "illness", "allergy", "hygiene"})
RATING_MIN, RATING_MAX = 1, 5  # 1 = worst
LOW_RATINGS = frozenset({RATING_MIN, RATING_MIN + 1})  # the lowest two levels


# ---- data: keywords and their exceptions ------------------------------------------------------


@dataclass(frozen=True)
class KeywordGroup:
    name: str
    # Already NFKC-normalised and casefolded (a test checks). Non-ASCII words are matched as
    # substrings, ASCII ones as whole words; a space in a word also matches "-" or a line break.
    words: tuple[str, ...]
    urgent: bool = True


KEYWORD_GROUPS: tuple[KeywordGroup, ...] = (
    KeywordGroup(
        "illness",
        (
            "腹泻", "拉肚子", "拉稀", "呕吐", "吐了", "恶心", "发烧", "发热", "肚子疼", "肚子痛",
            "腹痛", "头晕", "食物中毒", "中毒",
            "diarrhoea", "diarrhea", "vomit", "vomits", "vomiting", "vomited", "threw up",
            "throw up", "throwing up", "nausea", "nauseous", "fever", "stomach ache",
            "stomach aches", "stomachache", "food poisoning", "sick",
        ),
    ),
    KeywordGroup(
        "allergy",
        (
            "过敏", "起疹子", "荨麻疹", "皮疹",
            "allergic", "allergy", "allergies", "rash", "rashes", "hives",
        ),
    ),
    KeywordGroup(
        "contamination",
        (
            "异物", "头发", "猪毛", "虫", "苍蝇", "蟑螂", "玻璃", "铁丝", "钢丝球", "塑料",
            "变质", "馊", "发霉", "霉", "过期", "异味", "没熟", "没煮熟", "没有煮熟", "不熟",
            "半生不熟", "夹生", "生的",
            "foreign object", "foreign objects", "hair", "hairs", "insect", "insects", "bug",
            "bugs", "worm", "worms", "fly", "flies", "cockroach", "cockroaches", "glass",
            "plastic", "mould", "mold", "mouldy", "moldy", "spoiled", "rotten", "expired",
            "undercooked", "raw",
        ),
    ),
)  # fmt: skip

# Ordinary phrases that contain a keyword; they are consumed whole so the keyword never fires.
EXCEPTION_PHRASES: tuple[str, ...] = (
    "虫草", "冬虫夏草",  # cordyceps, a soup ingredient
    "霉干菜", "霉豆腐", "霉千张",  # fermented dishes conventionally written with 霉
    "倒霉",  # "unlucky"
    "馊主意",  # "a lousy idea"
    "不熟悉",  # "unfamiliar"
    # "…生的" after a word ending in 生 ("student's", "happened", "hygienic", "peanut's")
    "学生的", "男生的", "女生的", "师生的", "新生的", "考生的", "先生的", "医生的", "卫生的",
    "发生的", "产生的", "花生的", "出生的", "陌生的",
    "sick of", "sick and tired", "glass of",
)  # fmt: skip

# A-not-A questions ("是不是过敏?" = "is it an allergy?") contain a negation word that must not
# cancel the keyword after them; consumed as a unit, they leave the keyword to match.
QUESTION_FORMS: tuple[str, ...] = ("是不是", "有没有", "会不会", "有无")

# A negation directly before a keyword (optionally with up to two fillers) cancels it.
ZH_NEGATIONS: tuple[str, ...] = ("不", "没", "没有", "无", "未")
ZH_NEGATION_FILLERS: tuple[str, ...] = ("再", "出现", "发现", "感到", "觉得", "任何", "什么")
EN_NEGATIONS: tuple[str, ...] = (
    "no", "not", "never", "without", "free of", "didn't", "doesn't", "don't", "isn't",
    "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't",
)  # fmt: skip
EN_NEGATION_FILLERS: tuple[str, ...] = (
    "a", "an", "any", "more", "feel", "feeling", "felt", "get", "getting", "got", "be", "been",
    "have", "having", "had", "sign of", "signs of",
)  # fmt: skip
_MAX_FILLERS = 2


# ---- matching ---------------------------------------------------------------------------------

# Characters that continue an English word; anything else (space, punctuation, emoji, CJK) ends it.
_WORD_CHAR = r"[0-9a-z\u00c0-\u024f]"
_SEP = r"[\s\-]+"
# Invisible characters pasted from chat apps would split words; curly apostrophes from phone
# keyboards would break "didn't". NFKC handles neither.
_PRE_NORMALISE = str.maketrans(
    {"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
     "\u00ad": None, "\u2018": "'", "\u2019": "'", "\u02bc": "'"}
)  # fmt: skip


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC + casefold, with the index in ``text`` of every output character.

    Normalising per character keeps that mapping exact (NFKC and casefold can change the
    length), so matches can be reported as the parent wrote them.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for piece in unicodedata.normalize("NFKC", char.translate(_PRE_NORMALISE)).casefold():
            out.append(piece)
            origin.append(i)
    return "".join(out), origin


def _literal(phrase: str) -> str:
    if not phrase.isascii():
        return re.escape(phrase)
    return _SEP.join(re.escape(part) for part in phrase.split())


def _english(body: str) -> str:
    return rf"(?<!{_WORD_CHAR}){body}(?!{_WORD_CHAR})"


def _phrase(phrase: str) -> str:
    return _literal(phrase) if not phrase.isascii() else _english(_literal(phrase))


def _any_of(phrases: Iterable[str]) -> str:
    # Longest first: Python's alternation takes the first branch that matches, not the longest.
    return "|".join(_literal(p) for p in sorted(phrases, key=len, reverse=True))


def _build_scanner() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    words = [(g.name, w) for g in KEYWORD_GROUPS for w in g.words]
    zh_words = [w for _, w in words if not w.isascii()]
    en_words = [w for _, w in words if w.isascii()]
    zh_negated = (
        f"(?:{_any_of(ZH_NEGATIONS)})(?:{_any_of(ZH_NEGATION_FILLERS)}){{0,{_MAX_FILLERS}}}"
        f"(?:{_any_of(zh_words)})"
    )
    en_fillers = f"(?:{_SEP}(?:{_any_of(EN_NEGATION_FILLERS)})){{0,{_MAX_FILLERS}}}"
    en_negated = _english(f"(?:{_any_of(EN_NEGATIONS)}){en_fillers}{_SEP}(?:{_any_of(en_words)})")
    skips = [_phrase(p) for p in sorted(EXCEPTION_PHRASES + QUESTION_FORMS, key=len, reverse=True)]
    # Exceptions come first so that, at the same start, "虫草" beats "虫" and "sick of" "sick".
    branches = [f"(?P<skip>{'|'.join([*skips, zh_negated, en_negated])})"]
    names: dict[str, tuple[str, str]] = {}
    for i, (group, word) in enumerate(sorted(words, key=lambda gw: len(gw[1]), reverse=True)):
        names[f"k{i}"] = (group, word)
        branches.append(f"(?P<k{i}>{_phrase(word)})")
    return re.compile("|".join(branches)), names


_SCANNER, _BRANCH_WORD = _build_scanner()


@dataclass(frozen=True)
class _Match:
    group: str
    word: str  # as listed in KEYWORD_GROUPS
    found: str  # as written in the text


def _scan(text: str) -> list[_Match]:
    """Keyword matches in text order, one per listed word (its first occurrence)."""
    normalised, origin = _normalise(text)
    seen: set[str] = set()
    matches: list[_Match] = []
    for m in _SCANNER.finditer(normalised):
        if m.lastgroup is None or m.lastgroup == "skip":
            continue
        group, word = _BRANCH_WORD[m.lastgroup]
        if word not in seen:
            seen.add(word)
            found = text[origin[m.start()] : origin[m.end() - 1] + 1]
            matches.append(_Match(group, word, found))
    return matches


def match_keywords(text: str) -> list[tuple[str, str]]:
    """(group, word as written) for each listed keyword in ``text``, in order of appearance."""
    return [(m.group, m.found) for m in _scan(text)]


# ---- rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """What a rule condition sees."""

    category: str | None
    rating: int | None
    text: str
    words: frozenset[str]  # keywords found, as listed in KEYWORD_GROUPS


@dataclass(frozen=True)
class Rule:
    id: str
    urgent: bool
    condition: Callable[[Report], bool]


def _category_is(category: str) -> Callable[[Report], bool]:
    return lambda report: report.category == category


def _mentions(word: str) -> Callable[[Report], bool]:
    return lambda report: word in report.words


def _low_rating_with_description(report: Report) -> bool:
    # Emoji or punctuation alone gives the group nothing to act on; the rating is still
    # counted elsewhere.
    return report.rating in LOW_RATINGS and any(c.isalnum() for c in report.text)


RULES: tuple[Rule, ...] = (
    *(Rule(f"category:{c}", True, _category_is(c)) for c in CATEGORIES if c in URGENT_CATEGORIES),
    *(
        Rule(f"keyword:{g.name}:{w}", g.urgent, _mentions(w))
        for g in KEYWORD_GROUPS
        for w in g.words
    ),
    Rule("low-rating", False, _low_rating_with_description),
)


@dataclass(frozen=True)
class FlagDecision:
    flagged: bool
    urgent: bool
    reasons: tuple[str, ...]  # ids of the rules that fired, in RULES order
    keywords: tuple[str, ...]  # matched words as written, in text order


def classify(category: str | None, rating: int | None, text: str) -> FlagDecision:
    """Whether a parent's report goes to the food-safety group, and whether it is urgent.

    Raises ValueError for a category outside CATEGORIES or a rating outside
    RATING_MIN..RATING_MAX: both come from the bot's own keyboards, so anything else is a bug
    upstream, and silently treating, say, "Illness" as unknown would lose an urgent report.
    """
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    if rating is not None and not RATING_MIN <= rating <= RATING_MAX:
        raise ValueError(f"rating {rating} outside {RATING_MIN}..{RATING_MAX}")
    matches = _scan(text)
    report = Report(category, rating, text, frozenset(m.word for m in matches))
    fired = [rule for rule in RULES if rule.condition(report)]
    return FlagDecision(
        flagged=bool(fired),
        urgent=any(rule.urgent for rule in fired),
        reasons=tuple(rule.id for rule in fired),
        keywords=tuple(m.found for m in matches),
    )
