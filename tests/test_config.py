"""Settings: defaults, parsing, and the one-line error on a bad setting."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_error

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_and_parsing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "1:x")
    monkeypatch.setenv("ADMIN_IDS", "11, 22")
    monkeypatch.setenv("FOOD_SAFETY_CHAT_ID", "-100123")
    settings = Settings()
    assert settings.admin_ids == (11, 22)
    assert settings.food_safety_chat_id == -100123
    assert settings.timezone == "Asia/Shanghai"
    assert settings.default_language == "zh"
    assert settings.menu_push_time == time(6, 30)
    assert settings.menu_push_grace == timedelta(hours=3)
    assert settings.database_path == Path("data/mealwatch.db")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "BOT_TOKEN is required"),
        ({"BOT_TOKEN": "1:x", "ADMIN_IDS": "alice"}, "ADMIN_IDS is invalid"),
        ({"BOT_TOKEN": "1:x", "TIMEZONE": "Mars/Olympus"}, "TIMEZONE is invalid"),
        ({"BOT_TOKEN": "1:x", "DEFAULT_LANGUAGE": "fr"}, "DEFAULT_LANGUAGE is invalid"),
        ({"BOT_TOKEN": "1:x", "FOOD_SAFETY_CHAT_ID": "group"}, "FOOD_SAFETY_CHAT_ID is invalid"),
    ],
)
def test_bad_settings_are_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "ADMIN_IDS", "TIMEZONE", "DEFAULT_LANGUAGE", "FOOD_SAFETY_CHAT_ID"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as info:
        Settings()
    line = describe_error(info.value)
    assert expected in line
    assert "\n" not in line


def test_running_without_a_token_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Configuration error: BOT_TOKEN is required: get a token from @BotFather and set BOT_TOKEN"
        " in the environment or .env."
    ]


def test_meal_times_parse_chinese_or_english_and_keep_the_days_order() -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from bot.services import meals

    settings = Settings(_env_file=None, bot_token="1:x", meal_times="晚餐=17:45，午餐=11：50")
    assert settings.meal_times == {"lunch": time(11, 50), "dinner": time(17, 45)}
    assert meals.served(settings) == ("lunch", "dinner")
    assert meals.starts_at(settings, date(2026, 12, 4), "lunch") == datetime(
        2026, 12, 4, 11, 50, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    default = Settings(_env_file=None, bot_token="1:x")
    assert meals.served(default) == ("breakfast", "lunch", "dinner")
    with pytest.raises(ValidationError) as bad:
        Settings(_env_file=None, bot_token="1:x", meal_times="brunch=10:00")
    assert "MEAL_TIMES is invalid" in describe_error(bad.value)
