"""MealWatch (食安家长通): the school canteen's food-safety bot for parents and staff."""

import os

# Opt in to python-telegram-bot's future time periods (timedelta, not int): without it every
# RetryAfter warns about the deprecated int form, even on construction.
os.environ.setdefault("PTB_TIMEDELTA", "true")
