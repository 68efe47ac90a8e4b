"""The callback data of the survey's and the confirm-notices' buttons, one codec per family
(views.codec.Codec: strict parsing, anything else is a stale button).

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
from bot.views.codec import Codec, id_codec, member

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
    survey_id, action = parse_int(parts[0], low=1), member(Action, parts[1])
    position = parse_int(parts[2], 0, POSITION_MAX)
    value = parse_int(parts[3], 0, SCORE_MAX)
    if survey_id is None or action is None or position is None or value is None:
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
    action, value = member(SetupAction, parts[0]), parts[1]
    if action is SetupAction.ITEM:
        return SetupPress(action, value) if _KEY.fullmatch(value) else None
    if action is SetupAction.DAYS:
        days = parse_int(value)
        return SetupPress(action, str(days)) if days in DURATIONS else None
    return SetupPress(action) if action is not None and value == "0" else None


SETUP = Codec[SetupPress]("svs", 2, lambda p: (p.action, p.value), _setup)


SEEN = id_codec("seen")  # the notice's id
NOTICE_REMIND = id_codec("nrem")  # the notice's id

CODECS = (SURVEY, SETUP, SEEN, NOTICE_REMIND)
