"""The "holiday data runs out" warning to administrators, as a broadcast."""

from __future__ import annotations

from datetime import date

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.services import people
from bot.storage.outbox import Broadcast


async def render_data_warning(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    if broadcast.menu_date is None:
        return None
    lang = await people.language_for(deps, chat_id)
    end = date.fromisoformat(broadcast.menu_date)
    return Rendered(deps.catalog.t(lang, "calendar-data-ends", date=end.isoformat()))


CALENDAR = KindHandlers(render=render_data_warning)
