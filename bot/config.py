"""The one Settings class: every knob comes from the environment or .env."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.services.menu_values import MEALS, normalize_meal


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str = Field(min_length=1)
    bot_api_base_url: str = "https://api.telegram.org/bot"
    bot_api_file_url: str = "https://api.telegram.org/file/bot"
    database_path: Path = Path("data/mealwatch.db")
    timezone: str = "Asia/Shanghai"
    default_language: Literal["zh", "en"] = "zh"
    school_name: str = ""
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    food_safety_chat_id: int | None = None

    # Daily menu push and reminders (times are in TIMEZONE).
    menu_push_time: time = time(6, 30)
    menu_push_grace: timedelta = timedelta(hours=3)
    menu_reminder_time: time = time(16, 0)
    # When the food-safety group and the administrators get last week's report, on Mondays.
    report_time: time = time(8, 0)
    # The meals the school serves and when each starts (the 陪餐 roster, reminders and 留样
    # deadlines hang on these). MEAL_TIMES=早餐=07:00,午餐=12:00,晚餐=17:30; leave a meal out if
    # the school does not serve it.
    meal_times: Annotated[dict[str, time], NoDecode] = Field(
        default_factory=lambda: {
            "breakfast": time(7, 0),
            "lunch": time(12, 0),
            "dinner": time(17, 30),
        }
    )

    # 陪餐 duty: the leader's reminder before the meal; how long after the meal's end (its start
    # + 1 h) a missing record is reported; when parents get the evening digest.
    duty_reminder_before: timedelta = Field(default=timedelta(minutes=30), ge=timedelta(0))
    duty_grace: timedelta = Field(default=timedelta(hours=2), ge=timedelta(0))
    duty_digest_time: time = time(19, 0)

    # 家长陪餐: ask parents for a mobile number for the school gate when they apply.
    peican_phone_required: bool = False

    # Outgoing rate limits (Telegram's documented guides).
    rate_global_per_second: float = Field(default=30.0, gt=0)
    rate_per_chat_per_second: float = Field(default=1.0, gt=0)
    rate_group_per_minute: int = Field(default=20, gt=0)
    delivery_max_attempts: int = Field(default=5, ge=1)
    # Connections to the Bot API for everything but getUpdates (which keeps one of its own).
    bot_api_connections: int = Field(default=256, ge=1)

    # Feedback loop.
    escalate_after_minutes: int = Field(default=30, ge=1)
    cluster_threshold: int = Field(default=3, ge=2)

    # How often the scheduler looks for due work (seconds).
    tick_seconds: float = Field(default=30.0, gt=0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(part) for part in value.replace(";", ",").split(",") if part.strip())
        if isinstance(value, int):
            return (value,)
        return value

    @field_validator("meal_times", mode="before")
    @classmethod
    def _parse_meal_times(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        meals: dict[str, time] = {}
        for part in value.replace("；", ",").replace(";", ",").replace("，", ",").split(","):
            if not part.strip():
                continue
            name, sep, at = part.replace("：", ":").partition("=")
            meal = normalize_meal(name.strip())
            if not sep or meal is None:
                raise ValueError(f"{part.strip()!r} is not MEAL=HH:MM")
            meals[meal] = time.fromisoformat(at.strip())
        if not meals:
            raise ValueError("no meal given")
        # Served order, whatever order they were written in.
        return {meal: meals[meal] for meal in MEALS if meal in meals}

    @field_validator("food_safety_chat_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_HOW_TO_FIX = {
    "bot_token": "get a token from @BotFather and set BOT_TOKEN in the environment or .env",
    "admin_ids": "use comma-separated numeric Telegram user ids, e.g. ADMIN_IDS=12345,67890",
    "food_safety_chat_id": "use the group's numeric chat id, e.g. FOOD_SAFETY_CHAT_ID=-1001234567890",
    "timezone": "use an IANA zone name such as Asia/Shanghai",
    "default_language": "use zh or en",
    "meal_times": "use MEAL=HH:MM pairs, e.g. MEAL_TIMES=早餐=07:00,午餐=12:00,晚餐=17:30",
}


def describe_error(error: ValidationError) -> str:
    """One line naming the first bad setting and how to fix it."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "settings"
    name = field.upper()
    if first["type"] == "missing":
        problem = f"{name} is required"
    else:
        problem = f"{name} is invalid ({first['msg']})"
    fix = _HOW_TO_FIX.get(field, "see .env.example for the expected format")
    return f"Configuration error: {problem}: {fix}."


def load_settings() -> Settings:
    return Settings()
