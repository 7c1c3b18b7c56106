"""Configuration: environment variables, plus an optional TOML file of groups.

A wrong value fails fast with the variable's name and what is expected.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain import LANGUAGES, ChannelRef, MemberRef
from bot.settings import SettingsError, parse_settings
from bot import catalog


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
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token)

    @property
    def effective_slack_mode(self) -> str:
        return self.slack_mode or ("socket" if self.slack_app_token else "http")


def _choice(env, name: str, options: tuple[str, ...], default: str | None) -> str | None:
    value = env.get(name, "").strip().lower() or default
    if value is not None and value not in options:
        raise ConfigError(f"{name}={value!r} is not valid: expected one of {', '.join(options)}")
    return value


def _int(env, name: str, default: int | None, lo: int = 0, hi: int = 2**63) -> int | None:
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
    mode = _choice(env, "SLACK_MODE", ("socket", "http"), None)
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
        slack_http_port=_int(env, "SLACK_HTTP_PORT", 3000, 1, 65535),
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


def _with_file(cfg: Config, path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"HINDSIGHT_CONFIG={path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"HINDSIGHT_CONFIG={path}: not valid TOML ({exc})") from None
    groups = []
    for i, raw in enumerate(data.get("groups", [])):
        where = f"HINDSIGHT_CONFIG={path}: groups[{i}]"
        if not isinstance(raw, dict) or not str(raw.get("name", "")).strip():
            raise ConfigError(f"{where}: every group needs a name")
        settings = {k: v for k, v in raw.items() if k not in ("name", "channels", "admins")}
        try:
            parse_settings(settings)
        except SettingsError as err:
            problems = "; ".join(f"{k}: expected {catalog.t('en', e)}" for k, e in err.problems)
            raise ConfigError(f"{where} ({raw['name']}): {problems}") from None
        channels = []
        for ch in raw.get("channels", []):
            try:
                channels.append(ChannelRef(str(ch["platform"]), str(ch["workspace"]), str(ch["channel"])))
            except (KeyError, TypeError):
                raise ConfigError(f"{where}: a channel needs platform, workspace and channel") from None
        admins = []
        for ad in raw.get("admins", []):
            try:
                admins.append((str(ad["platform"]), str(ad["workspace"]), str(ad["user"])))
            except (KeyError, TypeError):
                raise ConfigError(f"{where}: an admin needs platform, workspace and user") from None
        groups.append(GroupConfig(str(raw["name"]).strip(), settings, tuple(channels), tuple(admins)))
    return Config(**{**cfg.__dict__, "groups": tuple(groups)})


def apply_groups(service, groups: tuple[GroupConfig, ...]) -> None:
    """The TOML file wins at every start for the groups it declares."""
    store, now = service.store, service.clock.now()
    for gc in groups:  # check every channel first, so a conflict changes nothing
        for ref in gc.channels:
            existing = store.channel_by_ref(ref)
            owner = store.group(existing.group_id) if existing else None
            if owner and owner.name != gc.name:
                raise ConfigError(f"HINDSIGHT_CONFIG: channel {ref.platform}/{ref.channel_id} already belongs "
                                  f"to the group {owner.name!r}, not {gc.name!r}")
    for gc in groups:
        group = store.group_by_name(gc.name) or store.create_group(gc.name, now, language=service.default_language)
        store.update_group(group.id, **parse_settings(gc.settings))
        for ref in gc.channels:
            store.bind_channel(group.id, ref, now)
        for platform, workspace, user in gc.admins:
            store.add_admin(group.id, store.member_id(MemberRef(platform, workspace, user, user)))
