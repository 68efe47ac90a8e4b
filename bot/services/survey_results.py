"""A survey's results, computed in SQL over the anonymous answers: response rate, each item's
mean, distribution and share satisfied, the comparison with the previous survey, and the written
suggestions. Also what the weekly report and the export read (results_between)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from bot.deps import Deps
from bot.storage import survey as store
from bot.storage.survey import Survey

# 1–5 items: 4 (满意) and 5 (非常满意) count as satisfied. 0–10 (would you recommend): 9 and 10,
# the usual "promoters".
SATISFIED_FROM = {5: 4, 10: 9}


@dataclass(frozen=True)
class ItemResult:
    key: str
    low: int
    high: int
    counts: dict[int, int]  # every score from low to high, also those nobody gave

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> Fraction | None:
        if not self.answered:
            return None
        return Fraction(sum(s * n for s, n in self.counts.items()), self.answered)

    @property
    def satisfied(self) -> Fraction | None:
        """The share of answers at or above the item's satisfied mark."""
        if not self.answered:
            return None
        mark = SATISFIED_FROM.get(self.high, self.high)
        return Fraction(sum(n for s, n in self.counts.items() if s >= mark), self.answered)


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    recipients: int  # active parents it went to
    responses: int
    items: list[ItemResult]
    suggestions: list[str]
    previous: SurveyResults | None = None  # the previous closed survey (the previous term's)

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.responses, self.recipients) if self.recipients else None

    def item(self, key: str) -> ItemResult | None:
        return next((i for i in self.items if i.key == key), None)


async def results(deps: Deps, survey_id: int, with_previous: bool = True) -> SurveyResults | None:
    survey = await store.get_survey(deps.db, survey_id)
    if survey is None:
        return None
    asked = await store.questions(deps.db, survey_id)
    counts = await store.score_counts(deps.db, survey_id)
    items = [
        ItemResult(
            item.key,
            item.low,
            item.high,
            {s: counts.get(item.key, {}).get(s, 0) for s in range(item.low, item.high + 1)},
        )
        for item in asked
    ]
    previous = None
    if with_previous:
        before = await store.previous_survey(deps.db, survey_id)
        if before is not None:
            previous = await results(deps, before.id, with_previous=False)
    return SurveyResults(
        survey=survey,
        recipients=survey.recipients,
        responses=await store.response_count(deps.db, survey_id),
        items=items,
        suggestions=await store.suggestions(deps.db, survey_id),
        previous=previous,
    )


async def latest(deps: Deps) -> SurveyResults | None:
    """The open survey's results so far, else the last survey's."""
    survey = await store.open_survey(deps.db) or await store.latest_survey(deps.db)
    return None if survey is None else await results(deps, survey.id)


async def results_between(deps: Deps, first: datetime, last: datetime) -> list[SurveyResults]:
    """Every survey opened in [first, last), with its results (for the report and the export)."""
    found = []
    for survey in await store.surveys_between(deps.db, first, last):
        result = await results(deps, survey.id)
        if result is not None:
            found.append(result)
    return found
