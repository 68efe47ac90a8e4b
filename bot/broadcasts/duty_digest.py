"""The evening 陪餐 digest as a broadcast: one rendering per language, the day's duty records
(and any extra sections wired in by bot.app), with the one kitchen photo the leader shared."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.services import cases, duty, peican_record, people
from bot.storage.outbox import Broadcast
from bot.views import duty as view
from bot.views import peican as peican_view
from bot.views.text import split_html

# (deps, day, language) → more lines for the digest, e.g. the day's 家长陪餐 summary; an empty
# list adds nothing. bot.app lists them (DUTY_DIGEST_SECTIONS).
DigestSection = Callable[[Deps, date, str], Awaitable[list[str]]]


async def parent_meals(deps: Deps, day: date, lang: str) -> list[str]:
    """The day's 家长陪餐 records (parents who ate with the students), as their own section."""
    return peican_view.digest_lines(deps, lang, await peican_record.day_summary(deps, day))


def digest_kind(sections: Sequence[DigestSection] = ()) -> KindHandlers:
    async def render(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
        if broadcast.menu_date is None:
            return None
        user = await people.user(deps, chat_id)
        if user is None or not await duty.digest_on(deps, chat_id):
            return None
        day = date.fromisoformat(broadcast.menu_date)
        records = await duty.day_records(deps, day)
        found = {}
        for record in records:
            if record.case_id is not None:
                case = await cases.get_case(deps, record.case_id)
                if case is not None:
                    found[case.id] = case
        lang = user.language
        lines = view.digest_lines(deps, lang, day, records, found)
        for section in sections:
            extra = await section(deps, day, lang)
            if extra:
                lines += ["", *extra]
        parts = split_html("\n".join(lines))
        photo = next((r.shared_photo for r in records if r.shared_photo), None)
        if photo is None:
            return Rendered.parts(parts)
        caption = deps.catalog.t(lang, "duty-digest-photo")
        return Rendered(caption, photo=photo, lead=tuple(parts))

    return KindHandlers(render=render)
