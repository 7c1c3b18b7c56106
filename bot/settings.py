"""Parse and validate group settings, from a form, a command or the TOML config.

All or nothing: one bad value rejects the whole change, with every problem named.
"""
from __future__ import annotations

from bot.domain import ANSWER_LIMIT_MAX, ANSWER_LIMIT_MIN, DAYS, LANGUAGES, Group
from bot.commands import parse_int
from bot import holidays_rule
from bot.timing import parse_day, parse_hhmm, zone

TRUE = {"yes", "y", "true", "on", "1", "예", "네", "켜기", "켬", "켜짐"}
FALSE = {"no", "n", "false", "off", "0", "아니오", "아니요", "끄기", "끔", "꺼짐"}


class SettingsError(ValueError):
    """problems: (setting, catalog key of what it expects)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems))
        self.problems = problems


# What each setting expects: catalog keys, so the message is in the group's language.
EXPECT = {
    "timezone": "expect_timezone", "prompt": "expect_day_time", "close": "expect_day_time",
    "remind": "expect_remind", "language": "expect_language", "limit": "expect_limit",
    "anonymous": "expect_anonymous", "schedule": "expect_schedule",
    "resurface": "expect_on_off", "leaderboard": "expect_on_off", "radar": "expect_radar",
    "holidays": "expect_holidays",
}
SWITCHES = ("anonymous", "resurface", "leaderboard")  # yes/no settings, stored as 0 or 1
RADAR_MONTHLY = {"monthly", "month", "on", "yes", "매월", "월간", "켜기"}


def radar(raw: object) -> str:
    """The hype radar in the digest: ``monthly`` (also on, a TOML true) or ``off`` (any no word)."""
    if isinstance(raw, bool):
        return "monthly" if raw else "off"
    text = str(raw).strip().lower()
    if text in RADAR_MONTHLY:
        return "monthly"
    if text in FALSE:
        return "off"
    raise ValueError(text)


def _day_time(text: str) -> tuple[int, str]:
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        raise ValueError(text)
    day = parse_day(parts[0])
    hour, minute = parse_hhmm(parts[1])
    return day, f"{hour:02d}:{minute:02d}"


def switch(raw: object) -> int:
    """A yes/no setting: a TOML boolean, or one of the yes/no words (on, off, 예, ...)."""
    if isinstance(raw, bool):
        return int(raw)
    text = str(raw).strip().lower()
    if text in TRUE | FALSE:
        return int(text in TRUE)
    raise ValueError(text)


def parse_settings(values: dict[str, object]) -> dict[str, object]:
    """Turn {'timezone': 'Asia/Seoul', 'prompt': 'mon 09:00', ...} into group fields."""
    out: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    values = {str(k).strip().lower(): v for k, v in values.items()}
    if "schedule" in values:
        for part in str(values.pop("schedule")).split(";"):
            if part.strip():
                key, _, rest = part.strip().partition(" ")
                if key.lower() in ("prompt", "remind", "close") and key.lower() not in values:
                    values[key.lower()] = rest
                else:
                    problems.append(("schedule", EXPECT["schedule"]))
    for key, raw in values.items():
        text = str(raw).strip()
        try:
            if key == "timezone":
                zone(text)
                out["timezone"] = text
            elif key in ("prompt", "close"):
                out[f"{key}_day"], out[f"{key}_time"] = _day_time(text)
            elif key == "remind":
                if text.lower() in FALSE | {"none", "없음", ""}:
                    out["remind_day"], out["remind_time"] = None, None
                else:
                    out["remind_day"], out["remind_time"] = _day_time(text)
            elif key == "language":
                if text.lower() not in LANGUAGES:
                    raise ValueError(text)
                out["language"] = text.lower()
            elif key == "limit":
                n = parse_int(text, ANSWER_LIMIT_MIN, ANSWER_LIMIT_MAX)
                if n is None:
                    raise ValueError(text)
                out["answer_limit"] = n
            elif key in SWITCHES:
                out[key] = switch(raw)
            elif key == "radar":
                out["radar"] = radar(raw)
            elif key == "holidays":
                out["holidays"] = holidays_rule.parse(raw)
            else:
                problems.append((key, "expect_setting_name"))
        except (ValueError, TypeError):
            problems.append((key, EXPECT[key]))
    if problems:
        raise SettingsError(problems)
    return out


def default_settings(language: str) -> dict[str, object]:
    """A new group's language, and for a Korean one the timezone Asia/Seoul."""
    return {"language": language, **({"timezone": "Asia/Seoul"} if language == "ko" else {})}


def schedule_text(group: Group) -> str:
    s = group.schedule
    parts = [f"prompt {DAYS[s.prompt_day]} {s.prompt_time}"]
    parts.append(f"remind {DAYS[s.remind_day]} {s.remind_time}" if s.remind_day is not None else "remind off")
    parts.append(f"close {DAYS[s.close_day]} {s.close_time}")
    return "; ".join(parts)


def form_values(group: Group) -> dict[str, str]:
    return {
        "timezone": group.timezone, "schedule": schedule_text(group), "language": group.language,
        "limit": str(group.answer_limit), "anonymous": "yes" if group.anonymous else "no",
    }
