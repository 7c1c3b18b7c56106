"""The Discord command tree in Korean: descriptions of the command, each subcommand and each
option, and the option names, come from the catalog as localisations; the command and
subcommand names stay the same English words (a member types ``/hindsight answer`` in any
Discord language). Checked on the body discord.py PUTs to FakeDiscord at start-up."""
from __future__ import annotations

import re

from adapters.discord.commands import DESCRIPTION_LIMIT
from adapters.discord.commands import SUBCOMMANDS as DISCORD_SUBCOMMANDS
from bot import catalog
from bot.commands import SUBCOMMANDS

# Discord's rule for a name and its localisations: lowercase, 1 to 32 letters, digits, - or _.
NAME = re.compile(r"^[-_0-9a-z\uac00-\ud7a3]{1,32}$")


def test_every_subcommand_has_a_discord_description_in_both_languages():
    keys = {name: key for name, key, *_ in DISCORD_SUBCOMMANDS}
    assert sorted(keys) == sorted(SUBCOMMANDS)
    for name in SUBCOMMANDS:
        for lang in ("en", "ko"):
            text = catalog.t(lang, keys[name])
            assert text and len(text) <= DESCRIPTION_LIMIT, (name, lang)
    for _, _, option, option_key, _ in DISCORD_SUBCOMMANDS:
        if option:
            assert catalog.t("en", f"cmd_optname_{option}") == option
            assert NAME.match(catalog.t("ko", f"cmd_optname_{option}")), option
            assert option_key and len(catalog.t("ko", option_key)) <= DESCRIPTION_LIMIT


async def test_the_registered_tree_carries_korean_localisations(bot):
    [body] = bot.fake.calls("PUT /applications/{app}/guilds/{guild}/commands", app=bot.fake.app_id, guild=bot.gid)
    [group] = body
    assert group["name"] == "hindsight" and not group.get("name_localizations")
    assert group["description_localizations"] == {"ko": catalog.t("ko", "cmd_hindsight")}
    subs = {o["name"]: o for o in group["options"]}
    assert list(subs) == [name for name, *_ in DISCORD_SUBCOMMANDS]
    for name, key, option, option_key, _ in DISCORD_SUBCOMMANDS:
        sub = subs[name]
        assert not sub.get("name_localizations"), name  # typed the same in every language
        assert sub["description"] == catalog.t("en", key)
        assert sub["description_localizations"] == {"ko": catalog.t("ko", key)}
        if not option:
            assert not sub.get("options")
            continue
        [opt] = sub["options"]
        assert opt["name"] == option
        assert opt["name_localizations"] == {"ko": catalog.t("ko", f"cmd_optname_{option}")}
        assert opt["description_localizations"] == {"ko": catalog.t("ko", option_key)}
    assert subs["answer"]["options"][0]["name_localizations"] == {"ko": "내용"}
    assert subs["grade"]["description_localizations"]["ko"] == "기한이 된 내 전망 채점하기: 맞음, 반쯤 맞음, 틀림 (right, partly, wrong)"
