"""Broadcast kinds: each module renders (and may watch or prepare) one kind of bulk send.

build_application hands every kind's KindHandlers to the Outbox; a kind without handlers
stops the bot at start (delivery.outbox.UnregisteredKind).
"""
