"""Try MealWatch without Telegram: `python -m bot demo` (see runner.py)."""

from bot.demo.runner import main

__all__ = ["main"]
