"""``/hindsight`` and its subcommands as discord.py app_commands, and syncing them only when
they changed.

Each subcommand only rebuilds the text after ``/hindsight`` and hands it to the core as a
CommandInvoked, so the words are the same on every platform. Descriptions come from the
catalog (``cmd_*`` keys), with Korean sent as a localisation (description_localizations) for
the command, each subcommand and each option. Option names are localised too
(``cmd_optname_*``: a Korean client shows 내용, 멤버, 판정 ... as the field labels), but the
command and subcommand names stay the same English words in every language: a member types
``/hindsight answer`` whatever their Discord language, so the help, the usage messages, the
README and what a Korean and an English member tell each other all name one command. Only
the option values reach the core, so a localised option name changes nothing there.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Coroutine, Iterable

import aiohttp
import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot import catalog

log = logging.getLogger("hindsight.discord")
DESCRIPTION_LIMIT = 100
LOCALES = {discord.Locale.korean: "ko"}

# (subcommand, catalog key, option name, option key, option kind)
#   kind: None (no option), "text" (optional), "required" (required text), "member", "format"
SUBCOMMANDS: tuple[tuple[str, str, str | None, str | None, str | None], ...] = (
    ("answer", "cmd_answer", "text", "cmd_opt_text", "text"),
    ("skip", "cmd_skip", None, None, None),
    ("digest", "cmd_digest", "which", "cmd_opt_which", "text"),
    ("search", "cmd_search", "words", "cmd_opt_words", "required"),
    ("history", "cmd_history", "member", "cmd_opt_member", "member"),
    ("help", "cmd_help", None, None, None),
    ("setup", "cmd_setup", "code", "cmd_opt_code", "text"),
    ("link", "cmd_link", None, None, None),
    ("settings", "cmd_settings", "changes", "cmd_opt_changes", "text"),
    ("prompts", "cmd_prompts", "action", "cmd_opt_action", "text"),
    ("open", "cmd_open", None, None, None),
    ("close", "cmd_close", None, None, None),
    ("pause", "cmd_pause", None, None, None),
    ("resume", "cmd_resume", None, None, None),
    ("export", "cmd_export", "format", "cmd_opt_format", "format"),
    ("my-data", "cmd_my_data", None, None, None),
    ("forget-me", "cmd_forget_me", None, None, None),
    ("resolve", "cmd_resolve", "outcome", "cmd_opt_outcome", "text"),
    ("grade", "cmd_grade", "grade", "cmd_opt_grade", "text"),
    ("ledger", "cmd_ledger", "whom", "cmd_opt_whom", "text"),
    ("radar", "cmd_radar", "weeks", "cmd_opt_weeks", "text"),
    ("chart", "cmd_chart", "prompt", "cmd_opt_prompt", "text"),
    ("stats", "cmd_stats", None, None, None),
    ("away", "cmd_away", "until", "cmd_opt_until", "text"),
)
Runner = Callable[[discord.Interaction, str], Awaitable[None]]


def text_of(key: str, lang: str = "en") -> str:
    return catalog.t(lang, key)[:DESCRIPTION_LIMIT]


def described(key: str) -> locale_str:
    return locale_str(text_of(key), key=key)


class CatalogTranslator(app_commands.Translator):
    """Korean descriptions and option names from the catalog; the command and subcommand
    names stay the same words everywhere (they carry no catalog key)."""

    async def translate(self, string: locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        key, lang = string.extras.get("key"), LOCALES.get(locale)
        if not key or not lang:
            return None
        return text_of(key, lang)


Callback = Callable[..., Coroutine[Any, Any, None]]


def _callback(name: str, kind: str | None, run: Runner) -> Callback:
    async def plain(interaction: discord.Interaction) -> None:
        await run(interaction, name)

    async def member(interaction: discord.Interaction, value: discord.Member | None = None) -> None:
        await run(interaction, f"{name} <@{value.id}>" if value else name)

    async def required(interaction: discord.Interaction, value: app_commands.Range[str, 1, 4000]) -> None:
        await run(interaction, f"{name} {value}")

    @app_commands.choices(value=[app_commands.Choice(name=f, value=f) for f in ("json", "csv", "md")])
    async def format_(interaction: discord.Interaction, value: str | None = None) -> None:
        await run(interaction, f"{name} {value}" if value else name)

    async def text(interaction: discord.Interaction, value: app_commands.Range[str, 1, 4000] | None = None) -> None:
        await run(interaction, f"{name} {value}" if value else name)

    kinds: dict[str | None, Callback] = {None: plain, "member": member, "required": required, "format": format_}
    return kinds.get(kind, text)


def build_group(run: Runner) -> app_commands.Group:
    """The ``/hindsight`` group: guild-only, visible to everyone (the core checks admins)."""
    group = app_commands.Group(
        name="hindsight", description=described("cmd_hindsight"),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        allowed_installs=app_commands.AppInstallationType(guild=True))
    for name, key, option, option_key, kind in SUBCOMMANDS:
        callback = _callback(name, kind, run)
        if option and option_key:
            callback = app_commands.rename(value=locale_str(option, key=f"cmd_optname_{option}"))(callback)
            callback = app_commands.describe(value=described(option_key))(callback)
        group.add_command(app_commands.Command(name=name, description=described(key), callback=callback))
    return group


class HindsightTree(app_commands.CommandTree):
    """The command tree; a command it does not have is answered, not left to fail."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError, /) -> None:
        if not isinstance(error, app_commands.CommandNotFound):
            await super().on_error(interaction, error)
            return
        # A /hindsight registered in a scope this process no longer uses (a global one after
        # DISCORD_GUILD_ID was set, or another guild's): start() removes it, but a member's
        # Discord app can still offer it for a while.
        log.info("discord: /%s in interaction %s is from a registration no longer in use; told the member to "
                 "use the current one", " ".join([*error.parents, error.name]), interaction.id)
        lang = "ko" if str(interaction.locale).startswith("ko") else "en"
        try:
            await interaction.response.send_message(catalog.t(lang, "discord_stale_command"), ephemeral=True)
        except discord.HTTPException as exc:
            log.info("discord: could not answer interaction %s (HTTP %s)", interaction.id, exc.status)


def build_tree(client: discord.Client, run: Runner, guild_id: int | None) -> app_commands.CommandTree:
    tree = HindsightTree(client)
    tree.add_command(build_group(run), guild=discord.Object(guild_id) if guild_id else None)
    return tree


# syncing ---------------------------------------------------------------------
# Not compared: contexts and integration_types, which discord.py 2.7.1 misreads from fetched
# commands (AppCommand parses them with the bit-flag class); they only change with this file.
_KEYS = ("name", "description", "type", "required", "choices", "options", "autocomplete", "min_length",
         "max_length", "min_value", "max_value", "channel_types", "name_localizations", "description_localizations",
         "default_member_permissions", "nsfw")


def normalize(node: dict[str, Any]) -> dict[str, Any]:
    """The parts of a command payload Discord keeps, with empty values dropped, so a local
    payload and a fetched command compare equal when nothing changed."""
    out: dict[str, Any] = {}
    for key in _KEYS:
        value = node.get(key)
        if value in (None, False, "", [], {}):
            continue
        if key == "options":
            value = [normalize(o) for o in value]
        elif key == "choices":
            value = [{"name": c["name"], "value": c["value"]} for c in value]
        elif key == "default_member_permissions":
            value = str(value)
        elif key == "channel_types":
            value = sorted(value)
        out[key] = value
    return out


def _remote(command: app_commands.AppCommand) -> dict[str, Any]:
    data = dict(command.to_dict())
    perms = command.default_member_permissions
    data["default_member_permissions"] = perms.value if perms is not None else None
    data["nsfw"] = command.nsfw
    return data


async def local_payload(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> list[dict]:
    translator = tree.translator
    out = []
    for command in tree.get_commands(guild=guild):
        if translator is not None:
            out.append(await command.get_translated_payload(tree, translator))
        else:
            out.append(command.to_dict(tree))
    return out


async def sync_if_changed(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> bool:
    """Sync the commands only when what Discord has differs from ours. True if it synced."""
    ours = sorted((normalize(c) for c in await local_payload(tree, guild)), key=lambda c: c["name"])
    theirs = sorted((normalize(_remote(c)) for c in await tree.fetch_commands(guild=guild)), key=lambda c: c["name"])
    where = f"guild {guild.id}" if guild else "global"
    if ours == theirs:
        log.info("discord commands unchanged (%s); not syncing", where)
        return False
    await tree.sync(guild=guild)
    log.info("synced discord commands (%s)", where)
    return True


async def clear_other_scopes(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None,
                             guilds: Iterable[discord.abc.Snowflake]) -> list[str]:
    """Keep ``/hindsight`` registered in one scope only, the configured one: remove it from the
    global scope when syncing to a guild, and from every other guild the bot is in (a guild set
    by an earlier DISCORD_GUILD_ID, whatever it was: the process does not keep it, the guilds are
    where it could be). A scope is cleared by PUTting an empty list, and only when it has
    commands: all of this application's commands are Hindsight's. Returns the scopes cleared."""
    scopes: list[discord.abc.Snowflake | None] = [None] if guild is not None else []
    scopes += [discord.Object(g.id) for g in guilds if guild is None or g.id != guild.id]
    cleared = []
    for scope in scopes:
        where = f"guild {scope.id}" if scope else "global"
        try:
            if not await tree.fetch_commands(guild=scope):
                continue
            await tree.sync(guild=scope)  # the tree has no commands there: an empty list
        except discord.HTTPException as exc:  # e.g. 403 where the bot lacks the applications.commands scope
            log.info("discord: could not check or clear the commands (%s): HTTP %s, code %s", where, exc.status,
                     exc.code)
            continue
        except (aiohttp.ClientError, OSError) as exc:  # the next start tries again
            log.warning("discord: could not check or clear the commands (%s): %s", where, type(exc).__name__)
            continue
        log.info("discord: removed /hindsight from the %s scope; it is registered in %s only", where,
                 f"guild {guild.id}" if guild else "the global scope")
        cleared.append(where)
    return cleared
