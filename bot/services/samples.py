"""留样 as evidence: a meal's retained samples are kept 48 hours from the meal's start, and are
what an investigation tests. A case about illness or an allergic reaction (or an outbreak)
while they are still held asks the group to keep and seal them; the seal is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.deps import Deps
from bot.services import meals
from bot.services.cases import SYMPTOM_CATEGORIES, Case, CaseStatus
from bot.storage import samples as store

SAMPLE_HOLD = timedelta(hours=48)  # the 2019 regulation: every dish, ≥ 125 g, ≥ 48 h


class SampleState(StrEnum):
    HELD = "held"  # still in the fridge, nobody confirmed the seal yet
    SEALED = "sealed"
    DISCARDED = "discarded"  # past 48 h and never sealed: nobody should look for them


@dataclass(frozen=True)
class Samples:
    state: SampleState
    until: datetime  # the end of the 48 hours
    sealed_by: str
    sealed_at: datetime | None


def held_until(deps: Deps, day: date, meal: str) -> datetime | None:
    """When the meal's samples may be thrown away; None for a meal the school does not serve."""
    try:
        return meals.starts_at(deps.settings, day, meal) + SAMPLE_HOLD
    except KeyError:
        return None


def of_meal(
    deps: Deps, day: date, meal: str, sealed_at: datetime | None, sealed_by: str
) -> Samples | None:
    until = held_until(deps, day, meal)
    if until is None:
        return None
    if sealed_at is not None:
        return Samples(SampleState.SEALED, until, sealed_by, sealed_at)
    state = SampleState.HELD if deps.clock.now() < until else SampleState.DISCARDED
    return Samples(state, until, "", None)


def concerns_samples(case: Case) -> bool:
    """Illness and allergic reactions, and any case in an outbreak."""
    return case.category in SYMPTOM_CATEGORIES or case.cluster_id is not None


def of_case(deps: Deps, case: Case) -> Samples | None:
    """The samples the case needs, or None when it is not that kind of case."""
    if not concerns_samples(case):
        return None
    found = of_meal(deps, case.date, case.meal, case.samples_sealed_at, case.samples_sealed_by)
    if found is not None and found.state is SampleState.HELD and case.status is CaseStatus.RESOLVED:
        return None  # a resolved case no longer asks for them
    return found


def unconfirmed(deps: Deps, case: Case) -> bool:
    """Still held, and nobody has said they are sealed (escalations say so)."""
    found = of_case(deps, case)
    return found is not None and found.state is SampleState.HELD


async def seal(deps: Deps, case: Case, actor_id: int, actor: str) -> list[int]:
    """Record who sealed the meal's samples and when; the cases whose cards now say so, or []
    when they were sealed already."""
    return await store.seal(
        deps.db,
        case.id,
        case.date,
        case.meal,
        sorted(SYMPTOM_CATEGORIES),
        actor_id,
        actor,
        deps.clock.now(),
    )
