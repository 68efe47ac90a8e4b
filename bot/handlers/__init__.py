"""Telegram update handlers, one module per responsibility, each with a register(app).

The rule: handlers call services, never storage. A handler reads the update, asks a service
(bot.services) to decide and record, renders with bot.views and sends with the bot or through
bot.notify. Handler modules share only handlers.common (helpers) and handlers.flows (routing
of free messages); tests/test_architecture.py holds both rules.
"""
