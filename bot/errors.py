"""Errors shared across the layers, in a module of their own so that nothing imports the
composition root (bot/app.py) to raise one."""
from __future__ import annotations


class StartupError(RuntimeError):
    """A clear, secret-free reason the bot cannot start (bad token, bad config...)."""
