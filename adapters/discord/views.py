"""Persistent buttons and modals.

Every button the core renders has a stable ``action`` (e.g. ``hs:answer:12``). It becomes
the button's custom_id, and one DynamicItem class, registered at start, matches every such
id, so buttons on posts made before a restart keep working. Buttons sent by DM carry the
guild id after ``|g`` (a DM interaction has no guild), and it is stripped before the core
sees the action.

Modal submits are handled in ``on_interaction`` (see client.py), not by the Modal object,
so a form that was open during a restart is still stored when submitted.
"""
from __future__ import annotations

from typing import Any

import discord

from adapters.discord.render import clip
from bot.actions import Button, Form

FORM_PREFIX = "hs-form:"
CUSTOM_ID_LIMIT = 100
LABEL_LIMIT = 80
MODAL_TITLE_LIMIT = 45
INPUT_LABEL_LIMIT = 45
PLACEHOLDER_LIMIT = 100
TEXT_INPUT_MAX = 4000
MODAL_INPUTS = 5
_STYLES = {"primary": discord.ButtonStyle.primary, "danger": discord.ButtonStyle.danger}


class HindsightButton(discord.ui.DynamicItem[discord.ui.Button],
                      template=r"(?P<action>hs:[^|]{1,90})(?:\|g(?P<guild>\d{1,20}))?"):
    """A button whose custom_id is the core's action, optionally with ``|g<guild id>``."""

    def __init__(self, action: str, label: str = "…", style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 guild_id: str | None = None, row: int | None = None) -> None:
        custom_id = action if guild_id is None else f"{action}|g{guild_id}"
        super().__init__(discord.ui.Button(label=clip(label, LABEL_LIMIT) or "…", style=style,
                                           custom_id=custom_id[:CUSTOM_ID_LIMIT], row=row))
        self.action = action
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: Any) -> "HindsightButton":
        return cls(match["action"], item.label or "…", item.style, match["guild"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.client.inbound.button(interaction, self.action, self.guild_id)


def make_view(buttons: tuple[Button, ...], *, guild_id: str | None = None) -> discord.ui.View | None:
    """A view of persistent buttons (score buttons on their own row), or None."""
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for b in buttons[:25]:
        row = 1 if b.action.startswith("hs:score:") else None
        view.add_item(HindsightButton(b.action, b.label, _STYLES.get(b.style, discord.ButtonStyle.secondary),
                                      guild_id, row))
    return view


class FormModal(discord.ui.Modal):
    """The core's Form as a modal: one labelled input per field, at most five."""

    def __init__(self, form: Form, guild_id: str | None = None) -> None:
        custom_id = FORM_PREFIX + form.id + (f"|g{guild_id}" if guild_id else "")
        super().__init__(title=clip(form.title, MODAL_TITLE_LIMIT) or "Hindsight",
                         custom_id=custom_id[:CUSTOM_ID_LIMIT], timeout=900)
        for field in form.fields[:MODAL_INPUTS]:
            if field.options:
                component: discord.ui.Item = discord.ui.Select(
                    custom_id=field.id, required=field.required, min_values=1 if field.required else 0,
                    max_values=1, placeholder=clip(field.placeholder, PLACEHOLDER_LIMIT) or None,
                    options=[discord.SelectOption(label=clip(label, 100), value=value[:100],
                                                  default=value == field.value)
                             for value, label in field.options[:25]])
            else:
                limit = max(1, min(field.max_length, TEXT_INPUT_MAX))
                component = discord.ui.TextInput(
                    custom_id=field.id, max_length=limit, required=field.required,
                    style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
                    default=field.value[:limit] or None, placeholder=clip(field.placeholder, PLACEHOLDER_LIMIT) or None)
            self.add_item(discord.ui.Label(text=clip(field.label or field.id, INPUT_LABEL_LIMIT), component=component))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing: the client's on_interaction hands every submit to the core."""


def form_id_of(custom_id: str) -> tuple[str | None, str | None]:
    """(the core's form id, the guild id of a form opened from a DM) of one of our modals;
    (None, None) for a foreign modal."""
    if not custom_id.startswith(FORM_PREFIX):
        return None, None
    form_id, _, guild = custom_id[len(FORM_PREFIX):].partition("|g")
    return form_id, (guild if guild.isdigit() else None)


def submitted_values(data: dict) -> dict[str, str]:
    """``{custom_id: value}`` from a modal submit (action rows or labels; text inputs or selects)."""
    out: dict[str, str] = {}

    def walk(components: list | None) -> None:
        for c in components or []:
            if not isinstance(c, dict):
                continue
            if c.get("type") == 1:
                walk(c.get("components"))
            elif c.get("type") == 18:
                walk([c.get("component")])
            elif c.get("custom_id"):
                if "values" in c:
                    out[c["custom_id"]] = str((c.get("values") or [""])[0])
                else:
                    out[c["custom_id"]] = str(c.get("value") or "")

    walk(data.get("components"))
    return out
