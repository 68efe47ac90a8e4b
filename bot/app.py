"""The one place that wires the Application: settings, storage, catalog, handlers, jobs."""

from __future__ import annotations

import logging
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, Defaults

from bot.broadcasts import calendar as calendar_broadcast
from bot.broadcasts import duty_digest
from bot.broadcasts import menu as menu_broadcast
from bot.broadcasts import notice as notice_broadcast
from bot.broadcasts import survey as survey_broadcast
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.limiter import PriorityRateLimiter
from bot.delivery.outbox import KindHandlers, Outbox, outbox_of
from bot.deps import Deps, get_deps
from bot.handlers import (
    calendar,
    duty,
    errors,
    feedback,
    flows,
    group,
    home,
    menus,
    notice_confirms,
    notice_list,
    notices,
    onboarding,
    peican,
    report,
    roles,
    supergroup,
    survey,
    weekly,
)
from bot.i18n import Catalog
from bot.jobs import calendar as calendar_jobs
from bot.jobs import duty as duty_jobs
from bot.jobs import feedback as feedback_jobs
from bot.jobs import health, tick
from bot.jobs import menus as menu_jobs
from bot.jobs import peican as peican_jobs
from bot.jobs import survey as survey_jobs
from bot.jobs import weekly as weekly_jobs
from bot.notify import commands
from bot.notify import group as notify_group
from bot.services import group_chat
from bot.storage.db import Database
from bot.storage.outbox import BroadcastKind
from bot.update_processor import PerChatUpdateProcessor
from bot.wire import AiohttpRequest

log = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]

# More sections of the evening 陪餐 digest (e.g. the day's 家长陪餐 summary), in order.
DUTY_DIGEST_SECTIONS: tuple[duty_digest.DigestSection, ...] = (duty_digest.parent_meals,)

# Every kind of bulk send and the module that renders it; the Outbox refuses to start without
# one of them.
BROADCAST_KINDS: dict[BroadcastKind, KindHandlers] = {
    BroadcastKind.MENU: menu_broadcast.MENU,
    BroadcastKind.REMINDER: menu_broadcast.REMINDER,
    BroadcastKind.NOTICE: notice_broadcast.NOTICE,
    BroadcastKind.CALENDAR: calendar_broadcast.CALENDAR,
    BroadcastKind.DUTY_DIGEST: duty_digest.digest_kind(DUTY_DIGEST_SECTIONS),
    BroadcastKind.SURVEY: survey_broadcast.SURVEY,
    BroadcastKind.SURVEY_REMINDER: survey_broadcast.SURVEY_REMINDER,
    BroadcastKind.NOTICE_REMINDER: notice_broadcast.NOTICE_REMINDER,
}

# What the scheduler's tick runs, in this order (jobs call services, never handlers).
TICK_TASKS: tuple[tick.Task, ...] = (
    calendar_jobs.holiday_data_warning,
    feedback_jobs.forward_cases,
    feedback_jobs.escalate_cases,
    feedback_jobs.follow_up,
    feedback_jobs.expire_reports,
    feedback_jobs.purge_offers,
    menu_jobs.daily_push,
    menu_jobs.missing_menu_reminder,
    duty_jobs.remind_leaders,
    duty_jobs.report_missing,
    duty_jobs.evening_digest,
    survey_jobs.survey_reminder,
    survey_jobs.survey_close,
    peican_jobs.remind_parents,
    peican_jobs.send_records,
    weekly_jobs.monday_report,
)


def build_application(
    settings: Settings,
    clock: Clock | None = None,
    scheduler: bool = True,
    progress_every: float = 2.0,
) -> AnyApp:
    """scheduler=False leaves the periodic tick to the caller (tests drive it with run_tick);
    progress_every: seconds between updates of a notice sender's live report."""
    deps = Deps(
        settings=settings,
        db=Database(settings.database_path),
        catalog=Catalog(default=settings.default_language),
        clock=clock or Clock(),
    )
    app: AnyApp = (
        ApplicationBuilder()
        .token(settings.bot_token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_file_url)
        # aiohttp instead of PTB's httpx stack: bench/RESULTS.md (ingest) and bot/wire.
        .request(AiohttpRequest(connection_pool_size=settings.bot_api_connections))
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
        .concurrent_updates(PerChatUpdateProcessor())
        .rate_limiter(
            PriorityRateLimiter(
                global_per_second=settings.rate_global_per_second,
                per_chat_per_second=settings.rate_per_chat_per_second,
                group_per_minute=settings.rate_group_per_minute,
            )
        )
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data["deps"] = deps
    app.bot_data["scheduler"] = scheduler
    app.bot_data[tick.TASKS_KEY] = TICK_TASKS
    deps.outbox = Outbox(deps, app.bot, BROADCAST_KINDS, progress_every=progress_every)
    routes = flows.Routes()
    onboarding.register(app, routes)
    roles.register(app)
    home.register(app)
    notices.register(app, routes)
    notice_confirms.register(app)
    notice_list.register(app)
    menus.register(app, routes)
    calendar.register(app)
    duty.register(app, routes)  # before report: its fallback takes any text or photo
    survey.register(app, routes)  # before report: its fallback takes any text as a report
    report.register(app, routes)
    feedback.register(app)
    peican.register(app, routes)
    supergroup.register(app)
    group.register(app)
    weekly.register(app)
    flows.register(app, routes)
    errors.register(app)
    return app


async def _post_init(app: AnyApp) -> None:
    deps = get_deps(app)
    await deps.db.connect()
    await deps.db.migrate()
    await group_chat.load(deps)
    deps.bot_username = app.bot.username
    outbox_of(deps).start()
    await commands.publish_commands(app.bot, deps)
    await notify_group.publish_menu(deps, app.bot)
    if app.job_queue is not None and app.bot_data["scheduler"]:
        app.job_queue.run_repeating(
            tick.tick_job, interval=deps.settings.tick_seconds, first=1.0, name="tick"
        )
        app.job_queue.run_repeating(
            health.watch_database, interval=deps.settings.tick_seconds, name="database-watch"
        )
    log.info("MealWatch started as @%s", deps.bot_username)


async def _post_stop(app: AnyApp) -> None:
    await outbox_of(get_deps(app)).stop()


async def _post_shutdown(app: AnyApp) -> None:
    await get_deps(app).db.close()
