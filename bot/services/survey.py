"""The termly satisfaction survey (满意度测评): an administrator sets it up and starts it, parents
answer it one question at a time in one message, the reminder and the close.

A parent's answers are linked to them only while they fill in (survey_progress); submitting
writes "this parent has answered" and the answers without them in one transaction, and forgets
the progress. Results are in services.survey_results.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from bot.delivery.outbox import outbox_of
from bot.deps import Deps
from bot.services import calendar, conversations, people
from bot.services.conversations import Conversation
from bot.storage import survey as store
from bot.storage.audience import Audience, recipients

# Re-exported: handlers, views and jobs name them without reaching into storage.
from bot.storage.survey import Survey as Survey
from bot.storage.survey import SurveyItem as SurveyItem

SETUP_FLOW = "survey-setup"
# A survey is open through its closing day until 20:00 there (an evening, when parents read);
# the reminder goes two days before that moment, at the same hour.
CLOSE_TIME = time(20, 0)
REMIND_BEFORE = timedelta(days=2)
# How long a survey may run, in days from today: buttons, the first the default. At least three,
# so the reminder two days before the close comes after the survey went out.
DURATIONS = (7, 14, 21)
SUGGESTION_MAX = 500


def today(deps: Deps) -> date:
    return deps.clock.now().astimezone(deps.settings.tz).date()


def closing_moment(deps: Deps, closing_day: date) -> datetime:
    return datetime.combine(closing_day, CLOSE_TIME, tzinfo=deps.settings.tz)


# ---- the administrator's set-up (a flow in the conversations table) ------------------------------


@dataclass(frozen=True)
class Setup:
    dropped: tuple[str, ...] = ()
    days: int = DURATIONS[0]
    menu_message: int | None = None  # the message whose buttons drive the set-up

    def to_json(self) -> dict[str, Any]:
        return {"dropped": list(self.dropped), "days": self.days, "menu": self.menu_message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Setup:
        dropped = data.get("dropped")
        days = data.get("days")
        menu = data.get("menu")
        return cls(
            dropped=tuple(str(k) for k in dropped) if isinstance(dropped, list) else (),
            days=days if isinstance(days, int) and days in DURATIONS else DURATIONS[0],
            menu_message=menu if isinstance(menu, int) else None,
        )


async def items(deps: Deps) -> list[SurveyItem]:
    """The standard questionnaire."""
    return await store.items(deps.db)


async def begin_setup(deps: Deps, user_id: int) -> Setup:
    setup = Setup()
    await conversations.save(deps, user_id, SETUP_FLOW, "items", setup.to_json())
    return setup


def setup_of(conv: Conversation) -> Setup:
    return Setup.from_json(conv.data)


async def save_setup(deps: Deps, user_id: int, setup: Setup) -> Setup:
    await conversations.save(deps, user_id, SETUP_FLOW, "items", setup.to_json())
    return setup


async def toggle_item(deps: Deps, conv: Conversation, key: str) -> Setup | None:
    """Drop an item or take it back; None for a key that is not in the questionnaire, or when
    it would leave no item to ask."""
    setup = setup_of(conv)
    keys = [i.key for i in await items(deps)]
    if key not in keys:
        return None
    dropped = set(setup.dropped) ^ {key}
    if len(dropped) >= len(keys):
        return None
    kept = tuple(k for k in keys if k in dropped)
    return await save_setup(deps, conv.user_id, Setup(kept, setup.days, setup.menu_message))


async def set_duration(deps: Deps, conv: Conversation, days: int) -> Setup | None:
    if days not in DURATIONS:
        return None
    setup = setup_of(conv)
    return await save_setup(deps, conv.user_id, Setup(setup.dropped, days, setup.menu_message))


def closing_day(deps: Deps, setup: Setup) -> date:
    return today(deps) + timedelta(days=setup.days)


class Launch(StrEnum):
    STARTED = "started"
    ALREADY_OPEN = "already-open"
    NOBODY = "nobody"


@dataclass(frozen=True)
class Launched:
    outcome: Launch
    survey: Survey | None = None


async def term_name(deps: Deps, day: date) -> str:
    """The term a day is in ("" outside every term, or before any is set)."""
    return next((t.name for t in await calendar.terms(deps) if day in t), "")


async def launch(deps: Deps, conv: Conversation) -> Launched:
    """Start the survey the set-up describes: to every active parent, through the outbox."""
    setup = setup_of(conv)
    if await store.open_survey(deps.db) is not None:
        return Launched(Launch.ALREADY_OPEN)
    chats = await recipients(deps.db, Audience())
    if not chats:
        return Launched(Launch.NOBODY)
    keys = [i.key for i in await items(deps) if i.key not in setup.dropped]
    day = today(deps)
    survey_id = await store.create_survey(
        deps.db,
        term=await term_name(deps, day),
        item_keys=keys,
        recipients=chats,
        now=deps.clock.now(),
        closes_at=closing_moment(deps, closing_day(deps, setup)),
        created_by=conv.user_id,
    )
    if survey_id is None:
        return Launched(Launch.ALREADY_OPEN)
    await conversations.clear(deps, conv.user_id)
    outbox_of(deps).wake()
    return Launched(Launch.STARTED, await store.get_survey(deps.db, survey_id))


async def invite_newcomer(deps: Deps, user_id: int) -> bool:
    """A parent who joined while a survey is open gets it too (and counts in its response
    rate); one who has it already gets nothing more."""
    found = await store.open_survey(deps.db)
    if found is None or not await store.invite(deps.db, found.id, user_id, deps.clock.now()):
        return False
    outbox_of(deps).wake()
    return True


# ---- reading -------------------------------------------------------------------------------------


async def open_survey(deps: Deps) -> Survey | None:
    return await store.open_survey(deps.db)


async def get(deps: Deps, survey_id: int) -> Survey | None:
    return await store.get_survey(deps.db, survey_id)


async def questions(deps: Deps, survey_id: int) -> list[SurveyItem]:
    return await store.questions(deps.db, survey_id)


async def submitted_count(deps: Deps, survey_id: int) -> int:
    return await store.response_count(deps.db, survey_id)


def local_day(deps: Deps, moment: datetime) -> date:
    return moment.astimezone(deps.settings.tz).date()


# ---- a parent answering ------------------------------------------------------------------------


class Step(StrEnum):
    QUESTION = "question"
    SUGGESTION = "suggestion"
    CONFIRM = "confirm"


class Action(StrEnum):
    """What a parent's survey button does (views.survey_callbacks carries it)."""

    GO = "go"  # begin (or go on) in this message
    ANSWER = "a"  # a score for the question at a position
    BACK = "b"  # the question before
    SKIP = "k"  # no written suggestion
    SUBMIT = "s"


class Outcome(StrEnum):
    SHOW = "show"  # show the screen (the message is edited to it)
    STALE = "stale"  # an older button (a double tap, another message): nothing changed
    CLOSED = "closed"
    ALREADY = "already"  # this parent has submitted
    THANKS = "thanks"  # just submitted


@dataclass(frozen=True)
class Screen:
    """Where a parent is in the survey: the one message shows this."""

    survey: Survey
    questions: list[SurveyItem]
    position: int
    answers: dict[str, int] = field(default_factory=dict)
    suggestion: str = ""

    @property
    def step(self) -> Step:
        if self.position < len(self.questions):
            return Step.QUESTION
        return Step.SUGGESTION if self.position == len(self.questions) else Step.CONFIRM

    @property
    def question(self) -> SurveyItem:
        return self.questions[self.position]


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    screen: Screen | None = None


async def _screen(deps: Deps, survey: Survey, user_id: int) -> Screen | None:
    progress = await store.progress(deps.db, survey.id, user_id)
    if progress is None:
        return None
    asked = await store.questions(deps.db, survey.id)
    return Screen(survey, asked, progress.position, progress.answers, progress.suggestion)


async def _gate(deps: Deps, survey_id: int, user_id: int) -> tuple[Survey | None, Answer | None]:
    survey = await store.get_survey(deps.db, survey_id)
    if survey is None or not survey.is_open:
        return None, Answer(Outcome.CLOSED)
    if await store.has_submitted(deps.db, survey_id, user_id):
        return None, Answer(Outcome.ALREADY)
    return survey, None


async def begin(deps: Deps, survey_id: int, user_id: int, message_id: int) -> Answer:
    """The start button (of the survey or its reminder): this message carries the questions
    from now on, from where the parent left off."""
    survey, refused = await _gate(deps, survey_id, user_id)
    if survey is None:
        assert refused is not None
        return refused
    await store.start(deps.db, survey_id, user_id, message_id)
    screen = await _screen(deps, survey, user_id)
    assert screen is not None
    return Answer(Outcome.SHOW, screen)


async def press(
    deps: Deps,
    survey_id: int,
    user_id: int,
    message_id: int,
    action: Action,
    position: int,
    value: int,
) -> Answer:
    """A button under a question; it counts only at the parent's current position in their
    current message, so a double tap or an old message changes nothing."""
    if action is Action.GO:
        return await begin(deps, survey_id, user_id, message_id)
    survey, refused = await _gate(deps, survey_id, user_id)
    if survey is None:
        assert refused is not None
        return refused
    progress = await store.progress(deps.db, survey_id, user_id)
    if progress is None or progress.message_id != message_id or progress.position != position:
        return Answer(Outcome.STALE)
    asked = await store.questions(deps.db, survey_id)
    answers, suggestion = dict(progress.answers), progress.suggestion
    if action is Action.ANSWER and position < len(asked):
        item = asked[position]
        if not item.low <= value <= item.high:
            return Answer(Outcome.STALE)
        answers[item.key] = value
        target = position + 1
    elif action is Action.BACK and position > 0:
        target = position - 1
    elif action is Action.SKIP and position == len(asked):
        suggestion, target = "", position + 1
    elif action is Action.SUBMIT and position == len(asked) + 1:
        return await _submit(deps, survey, user_id, asked, answers, suggestion)
    else:
        return Answer(Outcome.STALE)
    if not await store.move(deps.db, progress, target, answers, suggestion):
        return Answer(Outcome.STALE)
    return Answer(Outcome.SHOW, Screen(survey, asked, target, answers, suggestion))


async def _submit(
    deps: Deps,
    survey: Survey,
    user_id: int,
    asked: list[SurveyItem],
    answers: dict[str, int],
    suggestion: str,
) -> Answer:
    if any(item.key not in answers for item in asked):
        return Answer(Outcome.STALE)  # cannot happen through the buttons
    kept = {item.key: answers[item.key] for item in asked}
    # A random id: the responses' order says nothing about who answered when.
    response_id = secrets.randbelow(2**62) + 1
    done = await store.submit(deps.db, survey.id, user_id, response_id, kept, suggestion)
    if done is store.Submitted.CLOSED:
        return Answer(Outcome.CLOSED)
    if done is store.Submitted.ALREADY:
        return Answer(Outcome.ALREADY)
    return Answer(Outcome.THANKS)


def clean_suggestion(text: str) -> str | None:
    """The suggestion as kept; None when it is empty or too long (the parent is told)."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > SUGGESTION_MAX:
        return None
    return cleaned


async def waiting_for_suggestion(deps: Deps, user_id: int) -> Screen | None:
    """The parent's screen when their survey waits for the written suggestion."""
    progress = await store.progress_at_suggestion(deps.db, user_id)
    if progress is None:
        return None
    survey = await store.get_survey(deps.db, progress.survey_id)
    return None if survey is None else await _screen(deps, survey, user_id)


async def write_suggestion(deps: Deps, screen: Screen, user_id: int, text: str) -> Screen | None:
    """Keep the parent's suggestion and move on to submitting; None if they moved meanwhile."""
    progress = await store.progress(deps.db, screen.survey.id, user_id)
    if progress is None or progress.position != screen.position:
        return None
    target = screen.position + 1
    if not await store.move(deps.db, progress, target, progress.answers, text):
        return None
    return Screen(screen.survey, screen.questions, target, progress.answers, text)


async def has_submitted(deps: Deps, survey_id: int, user_id: int) -> bool:
    return await store.has_submitted(deps.db, survey_id, user_id)


async def message_of(deps: Deps, survey_id: int, user_id: int) -> int | None:
    """The message a parent's questions are shown in."""
    progress = await store.progress(deps.db, survey_id, user_id)
    return None if progress is None else progress.message_id


# ---- scheduled: the reminder and the close ---------------------------------------------------------


async def scheduled_reminder(deps: Deps) -> int | None:
    """Once per survey, two days before it closes: to parents who have not finished. How many
    it goes to; None when nothing was due."""
    survey = await store.open_survey(deps.db)
    now = deps.clock.now()
    if survey is None or survey.reminded_at is not None or now < survey.closes_at - REMIND_BEFORE:
        return None
    if now >= survey.closes_at:
        return None  # closing now: a reminder would come too late
    count = await store.remind(deps.db, survey.id, now)
    if count:
        outbox_of(deps).wake()
    return count


async def close_due(deps: Deps) -> Survey | None:
    """Close the open survey when its time has come; the survey closed, or None."""
    survey = await store.open_survey(deps.db)
    now = deps.clock.now()
    if survey is None or now < survey.closes_at:
        return None
    return survey if await store.close(deps.db, survey.id, now) else None


async def results_to_post(deps: Deps) -> list[Survey]:
    """Closed surveys whose results have not reached the group yet (also after a restart)."""
    return await store.closed_unposted(deps.db)


async def mark_posted(deps: Deps, survey_id: int) -> None:
    await store.mark_posted(deps.db, survey_id, deps.clock.now())


async def language_of(deps: Deps, user_id: int) -> str:
    return await people.language_for(deps, user_id)
