"""Configuration: environment variables and the TOML file; wrong values fail fast, naming the
variable and what is expected; the file's groups win at every start."""
from __future__ import annotations

import pytest

from bot.config import ConfigError, apply_groups, load
from bot.domain import ChannelRef


def test_defaults():
    cfg = load({})
    assert (cfg.db_path, cfg.language, cfg.log_format, cfg.log_level) == ("hindsight.db", "en", "plain", "INFO")
    assert not cfg.has_platform and cfg.groups == ()


@pytest.mark.parametrize("env, names", [
    ({"HINDSIGHT_LANGUAGE": "fr"}, ["HINDSIGHT_LANGUAGE", "en, ko, both"]),
    ({"HINDSIGHT_LOG_FORMAT": "xml"}, ["HINDSIGHT_LOG_FORMAT", "plain, json"]),
    ({"HINDSIGHT_LOG_LEVEL": "loud"}, ["HINDSIGHT_LOG_LEVEL"]),
    ({"SLACK_MODE": "carrier-pigeon", "SLACK_BOT_TOKEN": "xoxb-1"}, ["SLACK_MODE", "socket, http"]),
    ({"SLACK_HTTP_PORT": "99999", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"},
     ["SLACK_HTTP_PORT", "1 to 65535"]),
    ({"DISCORD_GUILD_ID": "abc", "DISCORD_TOKEN": "t"}, ["DISCORD_GUILD_ID", "whole number"]),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODE": "socket"}, ["SLACK_APP_TOKEN"]),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, ["SLACK_SIGNING_SECRET"]),
    ({"SLACK_APP_TOKEN": "xapp-1"}, ["SLACK_BOT_TOKEN"]),
    ({"HINDSIGHT_CONFIG": "/nonexistent/hindsight.toml"}, ["HINDSIGHT_CONFIG", "no such file"]),
])
def test_wrong_values_fail_fast_with_the_name(env, names):
    with pytest.raises(ConfigError) as err:
        load(env)
    for name in names:
        assert name in str(err.value)


def test_tokens_and_modes():
    assert load({"DISCORD_TOKEN": " tok "}).discord_token == "tok"
    socket = load({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert socket.effective_slack_mode == "socket" and socket.slack_enabled
    http = load({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_HTTP_PORT": "8080"})
    assert http.effective_slack_mode == "http" and http.slack_http_port == 8080


TOML = """
[[groups]]
name = "founders"
timezone = "Asia/Seoul"
language = "ko"
limit = 800
prompt = "mon 09:00"
remind = "off"
close = "sun 21:00"
anonymous = true
channels = [{ platform = "slack", workspace = "T1", channel = "C1" },
            { platform = "discord", workspace = "G1", channel = "42" }]
admins = [{ platform = "slack", workspace = "T1", user = "U1" }]
"""


def test_toml_groups_are_applied_and_win_at_every_start(tmp_path, service, store):
    path = tmp_path / "hindsight.toml"
    path.write_text(TOML, encoding="utf-8")
    cfg = load({"HINDSIGHT_CONFIG": str(path)})
    (gc,) = cfg.groups
    assert gc.name == "founders" and gc.channels == (ChannelRef("slack", "T1", "C1"), ChannelRef("discord", "G1", "42"))
    apply_groups(service, cfg.groups)
    g = store.groups.by_name("founders")
    assert (g.timezone, g.language, g.answer_limit, g.anonymous) == ("Asia/Seoul", "ko", 800, True)
    assert g.schedule.remind_day is None and g.schedule.close_time == "21:00"
    assert len(store.channels.of_group(g.id)) == 2 and [a.user_id for a in store.admins.of_group(g.id)] == ["U1"]
    # Someone changes the limit in chat; the next start puts the file's value back.
    store.groups.update(g.id, answer_limit=300, timezone="UTC")
    apply_groups(service, cfg.groups)
    g = store.groups.by_name("founders")
    assert (g.answer_limit, g.timezone) == (800, "Asia/Seoul")
    assert len(store.groups.all()) == 1 and len(store.channels.of_group(g.id)) == 2


@pytest.mark.parametrize("text, names", [
    ('[[groups]]\nname = "g"\nlimit = 5\n', ["groups[0]", "limit", "100 to 2000"]),
    ('[[groups]]\nname = "g"\ntimezone = "Mars/Base"\nlanguage = "fr"\n', ["timezone", "language"]),
    ('[[groups]]\nlimit = 500\n', ["every group needs a name"]),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "slack" }]\n', ["platform, workspace and channel"]),
    ('[[groups]]\nname = "g"\nadmins = [{ user = "U1" }]\n', ["platform, workspace and user"]),
    ("not = [valid toml", ["not valid TOML"]),
])
def test_wrong_toml_fails_fast(tmp_path, text, names):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load({"HINDSIGHT_CONFIG": str(path)})
    assert "HINDSIGHT_CONFIG" in str(err.value)
    for name in names:
        assert name in str(err.value)


def test_a_channel_of_another_group_is_refused(tmp_path, service, store, clock):
    other = store.groups.create("other", clock.now())
    store.channels.bind(other.id, ChannelRef("slack", "T1", "C1"), clock.now())
    path = tmp_path / "hindsight.toml"
    path.write_text(TOML, encoding="utf-8")
    with pytest.raises(ConfigError, match="already belongs"):
        apply_groups(service, load({"HINDSIGHT_CONFIG": str(path)}).groups)
