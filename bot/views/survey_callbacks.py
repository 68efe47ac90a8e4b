"""The callback data of the survey's and the confirm-notices' buttons, one codec per family
(views.callbacks.Codec: strict parsing, anything else is a stale button).

    sv:<survey id>:<action>:<position>:<value>   a parent's survey button
    svs:<action>:<value>                         the administrator's survey set-up
    seen:<notice id>                             a parent's 已阅 under a notice
    nrem:<notice id>                             remind the parents who have not confirmed
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.services.inputs import parse_int
from bot.services.survey import DURATIONS, Action
from bot.views.callbacks import Codec

_KEY = re.compile(r"[a-z_]{1,24}")
POSITION_MAX = 40  # more than the questionnaire has items, and a few steps after them
SCORE_MAX = 10


@dataclass(frozen=True)
class SurveyPress:
    survey_id: int
    action: Action
    position: int = 0
    value: int = 0


def _survey(parts: Sequence[str]) -> SurveyPress | None:
    survey_id = parse_int(parts[0], low=1)
    position = parse_int(parts[2], 0, POSITION_MAX)
    value = parse_int(parts[3], 0, SCORE_MAX)
    try:
        action = Action(parts[1])
    except ValueError:
        return None
    if survey_id is None or position is None or value is None:
        return None
    return SurveyPress(survey_id, action, position, value)


SURVEY = Codec[SurveyPress](
    "sv", 4, lambda p: (str(p.survey_id), p.action, str(p.position), str(p.value)), _survey
)


class SetupAction(StrEnum):
    ITEM = "item"  # value: an item's key (drop it or take it back)
    DAYS = "days"  # value: how many days the survey runs
    START = "start"
    CANCEL = "cancel"


@dataclass(frozen=True)
class SetupPress:
    action: SetupAction
    value: str = "0"


def _setup(parts: Sequence[str]) -> SetupPress | None:
    try:
        action = SetupAction(parts[0])
    except ValueError:
        return None
    value = parts[1]
    if action is SetupAction.ITEM:
        return SetupPress(action, value) if _KEY.fullmatch(value) else None
    if action is SetupAction.DAYS:
        days = parse_int(value)
        return SetupPress(action, str(days)) if days in DURATIONS else None
    return SetupPress(action) if value == "0" else None


SETUP = Codec[SetupPress]("svs", 2, lambda p: (p.action, p.value), _setup)


def _notice_id(parts: Sequence[str]) -> int | None:
    return parse_int(parts[0], low=1)


SEEN = Codec[int]("seen", 1, lambda notice_id: (str(notice_id),), _notice_id)
NOTICE_REMIND = Codec[int]("nrem", 1, lambda notice_id: (str(notice_id),), _notice_id)

CODECS = (SURVEY, SETUP, SEEN, NOTICE_REMIND)
