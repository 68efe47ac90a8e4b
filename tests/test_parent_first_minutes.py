"""A parent's first minutes: no rating asked of a sick child's parent, a menu in their language."""

from __future__ import annotations

import pytest

from bot.services.report_steps import Draft, ReportStep, next_step
from tests.conftest import Harness
from tests.helpers import edited, join, text_of

PARENT = 1001


@pytest.mark.parametrize("category", ["illness", "allergy", "foreign_object"])
def test_no_rating_is_asked_after_a_report_of_harm(category: str) -> None:
    draft = Draft("n", answered=["child", "date", "meal", "dish", "category"], category=category)
    assert next_step(draft) is not ReportStep.RATING


def test_a_taste_complaint_is_still_rated() -> None:
    draft = Draft("n", answered=["child", "date", "meal", "dish", "category"], category="taste")
    assert next_step(draft) is ReportStep.RATING


async def test_an_illness_report_goes_from_category_to_the_symptoms(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "王芳", "zh")
    await join(h, PARENT, "初二(1)班", "小明", [])
    prompt = await h.say(PARENT, "/feedback")
    for choice in ("今天", "午餐"):
        h.sim.press(PARENT, prompt, choice)
        prompt = await edited(h, prompt)
    if "哪道菜" in text_of(prompt):
        h.sim.press(PARENT, prompt, "整餐 / 不确定")
        prompt = await edited(h, prompt)
    h.sim.press(PARENT, prompt, "疑似身体不适")
    prompt = await edited(h, prompt)
    assert "打个分" not in text_of(prompt) and "😋" not in str(prompt.buttons)
    assert "几个孩子" in text_of(prompt)
