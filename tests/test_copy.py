"""The words the bot uses: the glossary's choices hold across the catalogs, and the allergen
names a message shows are names a menu import accepts."""

from __future__ import annotations

import pytest

from bot.i18n import LANGUAGES, Catalog
from bot.services.menu_parser import ALLERGENS
from bot.services.menu_values import normalize_allergen, split_allergens
from tests.conftest import ROOT

ZH = ROOT / "bot" / "locales" / "zh"
# Words the zh glossary (bot/locales/zh/common.ftl) rules out of messages.
NOT_SAID = ("案件", "甲壳纲", "含麸质谷物", "我们保存的关于", "：含", "受理", "办结", "工单", "「")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_allergen_as_messages_show_it_imports_as_that_allergen(lang: str) -> None:
    catalog = Catalog()
    for key in ALLERGENS:
        shown = catalog.label(lang, f"allergen-{key}")
        names = split_allergens(shown.split(" (")[0])
        assert names and {normalize_allergen(n) for n in names} == {key}, shown


def test_the_chinese_messages_keep_to_the_glossary() -> None:
    """案件 reads like a police matter: a report forwarded to the group is a 个案. The
    regulatory allergen names stay out of messages (the import problem may quote them). The
    report and the export speak as the group does: 确认收到 and 结案, not the office words
    受理, 办结 and 工单; quotes are “”, not 「」."""
    for path in sorted(ZH.glob("*.ftl")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.startswith("#") or line.startswith("menu-import-problem-unknown-allergen"):
                continue
            for word in NOT_SAID:
                assert word not in line, f"{path.name}:{number}: {line}"
