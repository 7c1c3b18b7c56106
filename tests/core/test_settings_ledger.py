"""The settings of "Hindsight over time": resurface=on|off (default on) and leaderboard=on|off
(default off), by command, in the summary, and in the TOML config."""
from __future__ import annotations

import pytest

from bot import catalog
from bot.config import ConfigError, apply_groups, load
from bot.settings import SettingsError, parse_settings
from tests.core.helpers import only_reply, the_group


@pytest.mark.parametrize("word, value", [
    ("on", 1), ("off", 0), ("yes", 1), ("no", 0), ("TRUE", 1), ("0", 0), ("켜기", 1), ("끄기", 0), ("예", 1),
    ("아니요", 0), (True, 1), (False, 0),
])
def test_switches_take_the_same_words_as_anonymous(word, value):
    assert parse_settings({"resurface": word}) == {"resurface": value}
    assert parse_settings({"leaderboard": word}) == {"leaderboard": value}
    assert parse_settings({"anonymous": word}) == {"anonymous": value}


def test_a_bad_switch_is_named_and_nothing_changes():
    with pytest.raises(SettingsError) as err:
        parse_settings({"resurface": "sometimes", "leaderboard": "on", "limit": "x"})
    assert ("resurface", "expect_on_off") in err.value.problems
    assert ("limit", "expect_limit") in err.value.problems
    assert all(k != "leaderboard" for k, _ in err.value.problems)


async def test_defaults_and_the_summary(group_bot, store):
    bot = group_bot
    g = the_group(store)
    assert (g.resurface, g.leaderboard) == (True, False)
    shown = only_reply(await bot.command("alice", "settings")).text
    assert "Show earlier answers again (resurface): yes" in shown and "Leaderboard: no" in shown


async def test_set_by_command_and_shown_in_english_and_korean(group_bot, store):
    bot = group_bot
    saved = only_reply(await bot.command("admin", "settings resurface=off leaderboard=on")).text
    assert saved.startswith("Saved.")
    assert "Show earlier answers again (resurface): no" in saved and "Leaderboard: yes" in saved
    g = the_group(store)
    assert (g.resurface, g.leaderboard) == (False, True)
    saved = only_reply(await bot.command("admin", "settings language=ko resurface=켜기")).text
    assert "지난 답변 다시 보기 (resurface): 예" in saved or "지난 답변 다시 보기 (resurface): " + catalog.t("ko", "yes") in saved
    assert "순위표 (leaderboard): " + catalog.t("ko", "yes") in saved
    assert the_group(store).resurface is True


async def test_a_member_cannot_change_them(group_bot, store):
    bot = group_bot
    await bot.command("alice", "settings resurface=off")
    assert the_group(store).resurface is True


async def test_a_wrong_value_is_refused_with_the_key(group_bot, store):
    bot = group_bot
    text = only_reply(await bot.command("admin", "settings leaderboard=maybe")).text
    assert "Nothing was changed" in text and "leaderboard: on or off" in text
    assert the_group(store).leaderboard is False


def test_toml_config_accepts_them_and_wins(tmp_path, service, store):
    path = tmp_path / "hindsight.toml"
    path.write_text('[[groups]]\nname = "founders"\nresurface = false\nleaderboard = "on"\n', encoding="utf-8")
    cfg = load({"HINDSIGHT_CONFIG": str(path)})
    apply_groups(service, cfg.groups)
    g = store.groups.by_name("founders")
    assert (g.resurface, g.leaderboard) == (False, True)
    store.groups.update(g.id, resurface=1, leaderboard=0)
    apply_groups(service, cfg.groups)
    g = store.groups.by_name("founders")
    assert (g.resurface, g.leaderboard) == (False, True)


def test_toml_config_names_a_bad_switch(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[groups]]\nname = "g"\nresurface = "sometimes"\nleaderbord = true\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load({"HINDSIGHT_CONFIG": str(path)})
    text = str(err.value)
    assert "resurface: expected on or off" in text
    assert "leaderbord: unknown key" in text and "leaderboard" in text
