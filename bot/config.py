"""Configuration: environment variables, plus an optional TOML file of groups.

A wrong value fails fast with the variable's name and what is expected.
"""
from __future__ import annotations

import os
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.domain import LANGUAGES, ChannelRef, MemberRef
from bot.settings import EXPECT, SettingsError, default_settings, parse_settings
from bot import catalog

if TYPE_CHECKING:
    from bot.service import Hindsight


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class GroupConfig:
    name: str
    settings: dict
    channels: tuple[ChannelRef, ...] = ()
    admins: tuple[tuple[str, str, str], ...] = ()  # (platform, workspace, user id)


@dataclass(frozen=True)
class Config:
    db_path: str = "hindsight.db"
    language: str = "en"
    log_format: str = "plain"
    log_level: str = "INFO"
    discord_token: str | None = None
    discord_guild_id: int | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_mode: str | None = None
    slack_http_port: int = 3000
    slack_api_url: str | None = None
    config_file: str | None = None
    groups: tuple[GroupConfig, ...] = field(default_factory=tuple)

    @property
    def has_platform(self) -> bool:
        return bool(self.discord_token or self.slack_bot_token)

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platforms whose connection must be up for the process to be healthy."""
        return tuple(p for p, token in (("discord", self.discord_token), ("slack", self.slack_bot_token)) if token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token)

    @property
    def effective_slack_mode(self) -> str:
        return self.slack_mode or ("socket" if self.slack_app_token else "http")


def _choice(env: dict[str, str], name: str, options: tuple[str, ...], default: str) -> str:
    value = env.get(name, "").strip().lower() or default
    if value not in options:
        raise ConfigError(f"{name}={value!r} is not valid: expected one of {', '.join(options)}")
    return value


def _int(env: dict[str, str], name: str, default: int | None, lo: int = 0, hi: int = 2**63) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not valid: expected a whole number") from None
    if not lo <= value <= hi:
        raise ConfigError(f"{name}={raw!r} is not valid: expected a number from {lo} to {hi}")
    return value


def load(env: dict[str, str] | None = None) -> Config:
    env = dict(os.environ if env is None else env)
    get = lambda k: (env.get(k) or "").strip() or None  # noqa: E731
    slack_bot = get("SLACK_BOT_TOKEN")
    mode = _choice(env, "SLACK_MODE", ("socket", "http"), "socket") if get("SLACK_MODE") else None
    cfg = Config(
        db_path=get("HINDSIGHT_DB") or "hindsight.db",
        language=_choice(env, "HINDSIGHT_LANGUAGE", LANGUAGES, "en"),
        log_format=_choice(env, "HINDSIGHT_LOG_FORMAT", ("plain", "json"), "plain"),
        log_level=_choice(env, "HINDSIGHT_LOG_LEVEL", ("debug", "info", "warning", "error"), "info").upper(),
        discord_token=get("DISCORD_TOKEN"),
        discord_guild_id=_int(env, "DISCORD_GUILD_ID", None, 1),
        slack_bot_token=slack_bot,
        slack_app_token=get("SLACK_APP_TOKEN"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_mode=mode,
        slack_http_port=_int(env, "SLACK_HTTP_PORT", 3000, 1, 65535) or 3000,
        slack_api_url=get("SLACK_API_URL"),
        config_file=get("HINDSIGHT_CONFIG"),
    )
    if slack_bot:
        if cfg.effective_slack_mode == "socket" and not cfg.slack_app_token:
            raise ConfigError("SLACK_APP_TOKEN is missing: Socket Mode (SLACK_MODE=socket) needs an app-level "
                              "token (xapp-...) with connections:write")
        if cfg.effective_slack_mode == "http" and not cfg.slack_signing_secret:
            raise ConfigError("SLACK_SIGNING_SECRET is missing: HTTP mode needs the app's signing secret "
                              "(or set SLACK_APP_TOKEN for Socket Mode)")
    elif cfg.slack_app_token or cfg.slack_signing_secret:
        raise ConfigError("SLACK_BOT_TOKEN is missing: SLACK_APP_TOKEN / SLACK_SIGNING_SECRET need the bot "
                          "token (xoxb-...) too")
    if cfg.config_file:
        cfg = _with_file(cfg, Path(cfg.config_file))
    return cfg


# What the TOML file may hold. Anything else is a typo that would otherwise be ignored silently.
PLATFORMS = ("slack", "discord")
GROUP_KEYS = ("name", "channels", "admins")
CHANNEL_KEYS = ("platform", "workspace", "channel")
ADMIN_KEYS = ("platform", "workspace", "user")


def _read_toml(path: Path) -> dict:
    where = f"HINDSIGHT_CONFIG={path}"
    if path.is_dir():
        raise ConfigError(f"{where}: is a folder, not a file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{where}: no such file") from None
    except PermissionError:
        raise ConfigError(f"{where}: cannot read it (permission denied)") from None
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read it ({exc.strerror or exc})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: not valid TOML (not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc})") from None


def _text(value: object) -> str | None:
    """An id or name: text (or a whole number, as TOML writes a bare Discord id); None if another type."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _table(raw: object, at: str, keys: tuple[str, ...], what: str, problems: list[str]) -> dict[str, str] | None:
    """A channel or admin table: exactly ``keys``, each non-empty text; None after noting the problems."""
    if not isinstance(raw, dict):
        problems.append(f"{at}: expected a table {{ {' = ..., '.join(keys)} = ... }}")
        return None
    ok = True
    for key in raw:
        if key not in keys:
            problems.append(f"{at}.{key}: unknown key (expected {', '.join(keys)})")
            ok = False
    missing = [k for k in keys if k not in raw]
    if missing:
        problems.append(f"{at}: {what} needs {', '.join(keys[:-1])} and {keys[-1]} (missing: {', '.join(missing)})")
        return None
    values = {}
    for key in keys:
        text = _text(raw[key])
        if text is None:
            problems.append(f"{at}.{key}: expected text, not {type(raw[key]).__name__}")
            ok = False
        elif not text:
            problems.append(f"{at}.{key}: is empty")
            ok = False
        else:
            values[key] = text
    if ok and values["platform"].lower() not in PLATFORMS:
        problems.append(f"{at}.platform: {values['platform']!r} is not a platform (expected {' or '.join(PLATFORMS)})")
        ok = False
    if not ok:
        return None
    values["platform"] = values["platform"].lower()
    return values


def _list(raw: dict, key: str, at: str, problems: list[str]) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        problems.append(f"{at}.{key}: expected an array of tables [{{ ... }}, ...]")
        return []
    return value


def _with_file(cfg: Config, path: Path) -> Config:
    """Validate the whole file and report every problem at once, each with its key."""
    data = _read_toml(path)
    problems: list[str] = []
    for key in data:
        if key != "groups":
            problems.append(f"{key}: unknown key (the file holds only [[groups]] tables)")
    raw_groups = data.get("groups", [])
    if not isinstance(raw_groups, list):
        problems.append("groups: expected an array of tables ([[groups]])")
        raw_groups = []
    groups = []
    names: dict[str, str] = {}  # folded name -> where it was first declared
    channels_seen: dict[ChannelRef, str] = {}
    for i, raw in enumerate(raw_groups):
        at = f"groups[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{at}: expected a table ([[groups]])")
            continue
        name = _text(raw["name"]) if "name" in raw and not isinstance(raw["name"], int) else None
        if "name" not in raw or name == "":
            problems.append(f"{at}: every group needs a name")
        elif name is None:
            problems.append(f"{at}.name: expected text, not {type(raw['name']).__name__}")
        else:
            folded = unicodedata.normalize("NFC", name).casefold()
            if folded in names:
                problems.append(f"{at}.name: {name!r} is already the name of {names[folded]}")
            else:
                names[folded] = at
            at = f"{at} ({name})"
        settings = {k: v for k, v in raw.items() if k not in GROUP_KEYS}
        try:
            parse_settings(settings)
        except SettingsError as err:
            for key, expect in err.problems:
                if expect == "expect_setting_name":
                    problems.append(f"{at}.{key}: unknown key (expected one of "
                                    f"{', '.join([*GROUP_KEYS, *EXPECT])})")
                else:
                    problems.append(f"{at}.{key}: expected {catalog.t('en', expect)}")
        channels = []
        for j, ch in enumerate(_list(raw, "channels", at, problems)):
            where = f"{at}.channels[{j}]"
            values = _table(ch, where, CHANNEL_KEYS, "a channel", problems)
            if values is None:
                continue
            ref = ChannelRef(values["platform"], values["workspace"], values["channel"])
            if ref in channels_seen:
                problems.append(f"{where}: {ref.platform}/{ref.workspace}/{ref.channel_id} is already listed at "
                                f"{channels_seen[ref]} (a channel belongs to one group, once)")
            else:
                channels_seen[ref] = where
            channels.append(ref)
        admins = []
        for j, ad in enumerate(_list(raw, "admins", at, problems)):
            values = _table(ad, f"{at}.admins[{j}]", ADMIN_KEYS, "an admin", problems)
            if values is not None:
                admins.append((values["platform"], values["workspace"], values["user"]))
        if name:
            groups.append(GroupConfig(name, settings, tuple(channels), tuple(admins)))
    if problems:
        raise ConfigError(f"HINDSIGHT_CONFIG={path}: " + "; ".join(problems))
    return Config(**{**cfg.__dict__, "groups": tuple(groups)})


def apply_groups(service: Hindsight, groups: tuple[GroupConfig, ...]) -> None:
    """The TOML file wins at every start for the groups it declares."""
    store, now = service.store, service.clock.now()
    for gc in groups:  # check every channel first, so a conflict changes nothing
        for ref in gc.channels:
            existing = store.channels.by_ref(ref)
            owner = store.groups.get(existing.group_id) if existing else None
            if owner and owner.name != gc.name:
                raise ConfigError(f"HINDSIGHT_CONFIG: channel {ref.platform}/{ref.channel_id} already belongs "
                                  f"to the group {owner.name!r}, not {gc.name!r}")
    for gc in groups:
        fields = parse_settings(gc.settings)
        language = str(fields.get("language", service.default_language))
        group = store.groups.by_name(gc.name) or store.groups.create(gc.name, now, **default_settings(language))
        store.groups.update(group.id, **fields)
        for ref in gc.channels:
            store.channels.bind(group.id, ref, now)
        for platform, workspace, user in gc.admins:
            store.admins.add(group.id, store.members.ensure(MemberRef(platform, workspace, user, user)))
