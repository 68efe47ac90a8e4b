"""The "holiday data runs out" warning to administrators, as a broadcast."""

from __future__ import annotations

from datetime import date

from bot.delivery.outbox import KindHandlers, Rendered
from bot.deps import Deps
from bot.storage import people as people_store
from bot.storage.outbox import Broadcast


async def render_data_warning(deps: Deps, broadcast: Broadcast, chat_id: int) -> Rendered | None:
    if broadcast.menu_date is None:
        return None
    user = await people_store.get_user(deps.db, chat_id)
    lang = user.language if user else deps.settings.default_language
    end = date.fromisoformat(broadcast.menu_date)
    return Rendered(deps.catalog.t(lang, "calendar-data-ends", date=end.isoformat()))


CALENDAR = KindHandlers(render=render_data_warning)
