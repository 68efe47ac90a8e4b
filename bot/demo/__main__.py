"""`python -m bot.demo`, the same as `python -m bot demo`."""

import sys

from bot.demo.runner import main

if __name__ == "__main__":
    sys.exit(main())
