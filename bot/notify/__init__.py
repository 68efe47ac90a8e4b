"""Sending to people and to the food-safety group, for handlers and scheduled jobs alike: what
to say comes from bot.views, what happened is recorded through bot.services. Nothing here
handles an update."""
