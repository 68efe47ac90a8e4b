"""How cases read: the card in the food-safety group (with its buttons), its status lines, a
case's one-line summary and history, outbreak and escalation messages, and what the parent is
told.

Everything for the group is in the school's default language; what the parent gets is in theirs.
Someone's own words never go through the catalog (see with_words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.deps import Deps
from bot.i18n import escape
from bot.services import cases, samples
from bot.services.cases import (
    Case,
    CaseStatus,
    Cluster,
    Event,
    EventKind,
    FollowUpAnswer,
    follow_up_answer,
)
from bot.views import samples as samples_view
from bot.views.callbacks import CASE, FOLLOW_UP, CaseAction, CasePress, FollowUpPress
from bot.views.menus import long_date
from bot.views.ratings import FACES
from bot.views.text import split_html, utf16_len

WORDS_INLINE_MAX = 2500  # longer words go in messages of their own under the card
WORDS_CHUNK = 3800  # UTF-16 units of the parent's (escaped) words per message; Telegram allows 4096
NOTE_SHOWN = 300
DETAIL_SHOWN = 200
ESCALATION_BUTTONS = 8
KEYWORDS_SHOWN = 10
NOTE_IN_LIST = 200


def group_lang(deps: Deps) -> str:
    return deps.settings.default_language


def parent_lang(deps: Deps, case: Case) -> str:
    return case.parent_lang or deps.settings.default_language


def _local(deps: Deps, moment: datetime, fmt: str = "%H:%M") -> str:
    return moment.astimezone(deps.settings.tz).strftime(fmt)


def with_words(header: str, words: str) -> str:
    """A catalog header, then someone's own words escaped here: fluent.runtime renders "{???}"
    for a placeable longer than 2,500 characters, so long text must not go through the catalog."""
    return f"{header}\n{escape(words)}"


def words_parts(words: str) -> list[str]:
    """Someone's own words, escaped, in pieces that each fit a message under a header."""
    return split_html(escape(words), WORDS_CHUNK)


def _shorten(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most] + "…"


# ---- the report's facts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a report says, from a filed case or from a draft being previewed."""

    day: date
    meal: str
    dish: str
    category: str
    rating: int | None
    affected: int | None
    onset: str
    photos: int

    @classmethod
    def of(cls, case: Case) -> Facts:
        return cls(
            case.date,
            case.meal,
            case.dish,
            case.category,
            case.rating,
            case.affected,
            case.onset,
            len(case.photos),
        )


def detail_lines(deps: Deps, lang: str, facts: Facts) -> list[str]:
    """The report's facts, shared by the card and the parent's preview."""
    c = deps.catalog
    lines = [
        c.t(
            lang,
            "fb-line-meal",
            date=long_date(c, lang, facts.day),
            meal=c.label(lang, f"meal-{facts.meal}"),
        )
    ]
    if facts.dish:
        lines.append(c.t(lang, "fb-line-dish", dish=facts.dish))
    lines.append(c.t(lang, "fb-line-category", category=c.label(lang, f"fb-cat-{facts.category}")))
    if facts.rating is not None:
        lines.append(rating_line(deps, lang, facts.rating))
    if facts.category in cases.SYMPTOM_CATEGORIES:
        affected = str(facts.affected) if facts.affected else c.label(lang, "fb-unsure")
        lines.append(c.t(lang, "fb-line-affected", count=affected))
        if facts.onset:
            lines.append(c.t(lang, "fb-line-onset", onset=onset_text(deps, lang, facts.onset)))
    if facts.photos:
        lines.append(c.t(lang, "fb-line-photos", count=str(facts.photos)))
    return lines


def rating_line(deps: Deps, lang: str, score: int) -> str:
    return deps.catalog.t(lang, "fb-line-rating", face=dict(FACES)[score], score=str(score))


def onset_text(deps: Deps, lang: str, onset: str) -> str:
    """A chosen onset by its label; one the parent typed as they wrote it."""
    return deps.catalog.label(lang, f"fb-onset-{onset}") if onset in cases.ONSETS else onset


def _keywords(case: Case) -> list[str]:
    found = [r.split(":", 2)[2] for r in case.reasons if r.startswith("keyword:")]
    return found[:KEYWORDS_SHOWN]


# ---- the card -------------------------------------------------------------------------------------


def card_parts(deps: Deps, case: Case) -> list[str]:
    """The card (first) and, for long words, the messages carrying them. Whether the words are
    inline depends on their length only, so an edited card never changes shape."""
    lang, c = group_lang(deps), deps.catalog
    key = "fb-card-title-urgent" if case.urgent else "fb-card-title"
    lines = [c.t(lang, key, id=str(case.id))]
    # A 陪餐 duty record's findings (reason duty:<record id>) name the record, not a class.
    record = next((r.split(":", 1)[1] for r in case.reasons if r.startswith("duty:")), None)
    if record is not None:
        lines.append(c.t(lang, "duty-card-record", id=record))
    else:
        lines.append(
            c.t(lang, "fb-card-class", **{"class": case.class_name or c.label(lang, "fb-unknown")})
        )
    lines += detail_lines(deps, lang, Facts.of(case))
    lines += samples_view.lines(deps, lang, samples.of_case(deps, case))
    keywords = _keywords(case)
    if keywords:
        sep = c.label(lang, "list-separator")
        lines.append(c.t(lang, "fb-card-keywords", words=sep.join(keywords)))
    if case.anonymous or case.parent_id is None:
        lines.append(c.t(lang, "fb-card-anonymous"))
    else:
        name = case.parent_name + (f" (@{case.parent_username})" if case.parent_username else "")
        lines.append(c.t(lang, "duty-card-from" if record else "fb-card-from", name=name))
    pieces: list[str] = []
    if not case.text:
        lines.append(c.t(lang, "fb-card-no-words"))
    elif utf16_len(case.text) <= WORDS_INLINE_MAX:
        words = "duty-card-words" if record else "fb-card-words"
        lines.append(with_words(c.t(lang, words), case.text))
    else:
        pieces = words_parts(case.text)
        lines.append(c.t(lang, "fb-card-words-below", count=str(len(pieces))))
    lines.append("")
    lines += status_lines(deps, case)
    parts = ["\n".join(lines)]
    for number, piece in enumerate(pieces, start=1):
        header = c.t(
            lang, "fb-words-part", id=str(case.id), part=str(number), total=str(len(pieces))
        )
        parts.append(f"{header}\n{piece}")
    return parts


def status_lines(deps: Deps, case: Case) -> list[str]:
    lang, c = group_lang(deps), deps.catalog
    lines = [c.t(lang, "fb-card-status", status=status_label(deps, lang, case.status))]
    if case.acknowledged_by and case.acknowledged_at:
        lines.append(
            c.t(
                lang,
                "fb-card-acknowledged",
                who=case.acknowledged_by,
                time=_local(deps, case.acknowledged_at),
            )
        )
    if case.replies and case.last_reply_by:
        lines.append(c.t(lang, "fb-card-replies", count=str(case.replies), who=case.last_reply_by))
    if case.escalations and case.status is CaseStatus.OPEN:
        lines.append(c.t(lang, "fb-card-escalated", count=str(case.escalations)))
    if case.status is CaseStatus.RESOLVED and case.resolved_at:
        lines.append(
            c.t(
                lang,
                "fb-card-resolved",
                who=case.resolved_by or "",
                time=_local(deps, case.resolved_at),
                note=_shorten(case.resolution or "", NOTE_SHOWN),
            )
        )
    else:
        lines.append(c.t(lang, "fb-card-hint"))
    return lines


def status_label(deps: Deps, lang: str, status: CaseStatus) -> str:
    return deps.catalog.label(lang, f"fb-status-{status}")


def card_markup(deps: Deps, case: Case) -> InlineKeyboardMarkup | None:
    lang, c = group_lang(deps), deps.catalog
    row: list[InlineKeyboardButton] = []
    if case.status is CaseStatus.OPEN:
        row.append(
            InlineKeyboardButton(
                c.label(lang, "fb-button-ack"),
                callback_data=CASE.build(CasePress(CaseAction.ACKNOWLEDGE, case.id)),
            )
        )
    if case.status is not CaseStatus.RESOLVED:
        row.append(
            InlineKeyboardButton(
                c.label(lang, "fb-button-resolve"),
                callback_data=CASE.build(CasePress(CaseAction.RESOLVE, case.id)),
            )
        )
        # Until the case is resolved, the meal's 留样 may still be needed.
        row += samples_view.seal_buttons(deps, lang, case.id, samples.of_case(deps, case))
    return InlineKeyboardMarkup([row]) if row else None


def handled_alert(deps: Deps, case: Case) -> str:
    """Why a press changed nothing: someone already handled the case."""
    lang, c = group_lang(deps), deps.catalog
    if case.status is CaseStatus.RESOLVED:
        return c.label(lang, "fb-already-resolved", id=str(case.id), who=case.resolved_by or "")
    return c.label(lang, "fb-already-acknowledged", id=str(case.id), who=case.acknowledged_by or "")


# ---- lists and history ------------------------------------------------------------------------------


def case_line(deps: Deps, lang: str, case: Case) -> str:
    c = deps.catalog
    return c.t(
        lang,
        "fb-case-line",
        id=str(case.id),
        icon="🚨" if case.urgent else "⚠️",
        **{"class": case.class_name or c.label(lang, "fb-unknown")},
        date=long_date(c, lang, case.date),
        meal=c.label(lang, f"meal-{case.meal}"),
        category=c.label(lang, f"fb-cat-{case.category}"),
        status=status_label(deps, lang, case.status),
    )


def open_cases_lines(deps: Deps, found: Sequence[Case]) -> list[str]:
    lang, c = group_lang(deps), deps.catalog
    if not found:
        return [c.t(lang, "fb-cases-empty")]
    return [
        c.t(lang, "fb-cases-title", count=str(len(found))),
        *(case_line(deps, lang, case) for case in found),
    ]


def event_line(deps: Deps, event: Event) -> str:
    lang, c = group_lang(deps), deps.catalog
    what = c.label(lang, f"fb-event-{event.kind}", level=event.detail)
    text = c.t(lang, "fb-event-line", time=_local(deps, event.at, "%m-%d %H:%M"), what=what)
    if event.actor_name:
        text += c.t(lang, "fb-event-who", who=event.actor_name)
    detail = event.detail
    if event.kind is EventKind.FOLLOW_UP and follow_up_answer(detail) is not None:
        detail = c.label(lang, f"fb-fu-{detail}")
    shown_for = (
        EventKind.REPLIED,
        EventKind.PARENT_REPLIED,
        EventKind.RESOLVED,
        EventKind.FOLLOW_UP,
    )
    if detail and event.kind in shown_for:
        text += c.t(lang, "fb-event-detail", detail=_shorten(detail, DETAIL_SHOWN))
    return text


def history_lines(deps: Deps, case: Case, events: Sequence[Event]) -> list[str]:
    lang = group_lang(deps)
    title = deps.catalog.t(lang, "fb-history-title", id=str(case.id))
    return [title, *(event_line(deps, event) for event in events)]


def my_reports_lines(deps: Deps, lang: str, found: Sequence[Case]) -> list[str]:
    """A parent's own reports, newest first, with the staff's note where there is one."""
    c = deps.catalog
    if not found:
        return [c.t(lang, "fb-myreports-empty")]
    lines = [c.t(lang, "fb-myreports-title", count=str(len(found)))]
    for case in found:
        lines.append(
            c.t(
                lang,
                "fb-myreports-line",
                id=str(case.id),
                date=long_date(c, lang, case.date),
                meal=c.label(lang, f"meal-{case.meal}"),
                category=c.label(lang, f"fb-cat-{case.category}"),
                status=status_label(deps, lang, case.status),
            )
        )
        if case.resolution:
            lines.append(
                c.t(lang, "fb-myreports-note", note=_shorten(case.resolution, NOTE_IN_LIST))
            )
    return lines


# ---- outbreaks and escalations ----------------------------------------------------------------------


def cluster_lines(deps: Deps, lang: str, cluster: Cluster, members: Sequence[Case]) -> list[str]:
    """The outbreak alert, once per cluster (to the group and the administrators)."""
    c = deps.catalog
    head = c.t(
        lang,
        "fb-cluster-alert",
        date=long_date(c, lang, cluster.date),
        meal=c.label(lang, f"meal-{cluster.meal}"),
        count=str(len(members)),
    )
    lines = [case_line(deps, lang, m) for m in members]
    kept = samples_view.lines(deps, lang, _cluster_samples(deps, cluster, members))
    return [head, *lines, *kept, c.t(lang, "fb-cluster-alert-end")]


def _cluster_samples(deps: Deps, cluster: Cluster, members: Sequence[Case]) -> samples.Samples | None:
    first = members[0] if members else None
    sealed_at = first.samples_sealed_at if first else None
    sealed_by = first.samples_sealed_by if first else ""
    return samples.of_meal(deps, cluster.date, cluster.meal, sealed_at, sealed_by)


def cluster_markup(
    deps: Deps, cluster: Cluster, members: Sequence[Case]
) -> InlineKeyboardMarkup | None:
    """The outbreak alert's seal button (pressing it seals the meal's samples)."""
    if not members:
        return None
    found = _cluster_samples(deps, cluster, members)
    row = samples_view.seal_buttons(deps, group_lang(deps), members[0].id, found)
    return InlineKeyboardMarkup([row]) if row else None


def summary_lines(deps: Deps, cluster: Cluster, batched: Sequence[Case]) -> list[str]:
    """The cases that joined an announced outbreak since its last summary."""
    lang, c = group_lang(deps), deps.catalog
    head = c.t(
        lang,
        "fb-cluster-summary",
        date=long_date(c, lang, cluster.date),
        meal=c.label(lang, f"meal-{cluster.meal}"),
        count=str(len(batched)),
    )
    return [head, *(case_line(deps, lang, case) for case in batched)]


def ack_buttons(deps: Deps, lang: str, late: Sequence[Case]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    deps.catalog.label(lang, "fb-button-ack-case", id=str(case.id)),
                    callback_data=CASE.build(CasePress(CaseAction.ACKNOWLEDGE, case.id)),
                )
            ]
            for case in late[:ESCALATION_BUTTONS]
        ]
    )


def escalation_lines(deps: Deps, lang: str, minutes: int, late: Sequence[Case]) -> list[str]:
    head = deps.catalog.t(lang, "fb-escalation", minutes=str(minutes), count=str(len(late)))
    lines = [head]
    for case in late:
        lines.append(case_line(deps, lang, case))
        lines += samples_view.unconfirmed_line(deps, lang, case.id, samples.of_case(deps, case))
    return lines


def escalation_for_admins(
    deps: Deps, lang: str, minutes: int, late: Sequence[Case]
) -> tuple[list[str], InlineKeyboardMarkup]:
    """The escalation as the administrators get it, with its buttons."""
    lines = escalation_lines(deps, lang, minutes, late)
    lines.append(deps.catalog.t(lang, "fb-escalation-admin-end"))
    return lines, ack_buttons(deps, lang, late)


# ---- to and from the parent -------------------------------------------------------------------------


def _to_reporter(deps: Deps, lang: str, case: Case, key: str) -> str:
    """`key`, or its "-duty" wording when the case came from a duty leader's 陪餐 record (they
    are told about the case their record opened, not about "your report")."""
    duty_key = f"{key}-duty"
    if case.category == "duty" and deps.catalog.has(lang, duty_key):
        return duty_key
    return key


def parent_notice(deps: Deps, case: Case, key: str, note: str | None = None) -> str:
    """A status change in the parent's language, with the staff's note if there is one."""
    lang = parent_lang(deps, case)
    text = deps.catalog.t(lang, _to_reporter(deps, lang, case, key), id=str(case.id))
    if note is not None:
        text = with_words(text, note) + "\n" + deps.catalog.t(lang, "fb-thanks")
    return text


def relay_photo_caption(deps: Deps, case: Case) -> str:
    lang = parent_lang(deps, case)
    return deps.catalog.t(lang, _to_reporter(deps, lang, case, "fb-relay-photo"), id=str(case.id))


def relay_to_parent_parts(deps: Deps, case: Case, words: str) -> list[str]:
    """A staff reply, signed as the group, with a hint that replying continues the thread."""
    lang, c = parent_lang(deps, case), deps.catalog
    header = c.t(lang, _to_reporter(deps, lang, case, "fb-relay-to-parent"), id=str(case.id))
    hint = c.t(lang, "fb-relay-hint")
    return [f"{header}\n{piece}\n\n{hint}" for piece in words_parts(words)] if words else []


def relay_to_group_parts(deps: Deps, case: Case, key: str, words: str) -> list[str]:
    """What the parent sent about a case, under the catalog header `key`; a photo alone is
    announced by a marker."""
    lang, c = group_lang(deps), deps.catalog
    header = c.t(lang, key, id=str(case.id))
    pieces = words_parts(words) if words else [escape(c.label(lang, "fb-photo-marker"))]
    return [f"{header}\n{piece}" for piece in pieces]


def follow_up_question(deps: Deps, case: Case) -> tuple[str, InlineKeyboardMarkup]:
    lang, c = parent_lang(deps, case), deps.catalog
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    c.label(lang, f"fb-fu-{choice}"),
                    callback_data=FOLLOW_UP.build(FollowUpPress(case.id, choice)),
                )
                for choice in FollowUpAnswer
            ]
        ]
    )
    text = c.t(
        lang,
        "fb-followup",
        id=str(case.id),
        date=long_date(c, lang, case.date),
        meal=c.label(lang, f"meal-{case.meal}"),
    )
    return text, markup
