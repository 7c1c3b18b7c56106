"""Slack adapter (slack-bolt, Socket Mode or HTTP mode). See adapters/slack/adapter.py."""
from adapters.slack.adapter import SlackAdapter

__all__ = ["SlackAdapter"]
