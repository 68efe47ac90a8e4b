"""How 留样 reads on a case's card, an outbreak alert and an escalation, and the seal button."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton

from bot.deps import Deps
from bot.services.samples import Samples, SampleState
from bot.views.callbacks import CASE, CaseAction, CasePress


def moment(deps: Deps, lang: str, at: datetime) -> str:
    """ "12月5日 12:30" in the school's time zone."""
    local = at.astimezone(deps.settings.tz)
    return deps.catalog.label(
        lang, "samples-moment", month=str(local.month), day=str(local.day), time=f"{local:%H:%M}"
    )


def lines(deps: Deps, lang: str, samples: Samples | None) -> list[str]:
    """The card's 留样 line(s): keep and seal them, who sealed them, or that they are gone."""
    if samples is None:
        return []
    c = deps.catalog
    until = moment(deps, lang, samples.until)
    if samples.state is SampleState.HELD:
        return [c.t(lang, "samples-held", until=until)]
    if samples.state is SampleState.SEALED and samples.sealed_at is not None:
        return [
            c.t(
                lang,
                "samples-sealed",
                who=samples.sealed_by,
                time=moment(deps, lang, samples.sealed_at),
            )
        ]
    return [c.t(lang, "samples-discarded", until=until)]


def unconfirmed_line(deps: Deps, lang: str, case_id: int, samples: Samples | None) -> list[str]:
    """For an escalation: the samples of this case are still held and nobody sealed them."""
    if samples is None or samples.state is not SampleState.HELD:
        return []
    until = moment(deps, lang, samples.until)
    return [deps.catalog.t(lang, "samples-unconfirmed", id=str(case_id), until=until)]


def seal_buttons(
    deps: Deps, lang: str, case_id: int, samples: Samples | None
) -> list[InlineKeyboardButton]:
    if samples is None or samples.state is not SampleState.HELD:
        return []
    return [
        InlineKeyboardButton(
            deps.catalog.label(lang, "samples-button-seal"),
            callback_data=CASE.build(CasePress(CaseAction.SEAL, case_id)),
        )
    ]
