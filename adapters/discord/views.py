"""Persistent buttons and modals.

Every button the core renders has a stable ``action`` (made by bot.ids, e.g. ``hs:answer:12``).
It becomes the button's custom_id, and one DynamicItem class, registered at start, matches
every such id, so buttons on posts made before a restart keep working. Buttons sent by DM
carry the guild id after ``|g`` (a DM interaction has no guild); ``custom_id`` adds it and
``split_custom_id`` strips it before the core sees the action (the one place that does).

Modal submits are handled in ``on_interaction`` (see client.py), not by the Modal object,
so a form that was open during a restart is still saved when submitted.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

import discord

from adapters.discord.render import clip
from bot.actions import Button, Form
from bot.ids import ProbabilityButton, ScoreButton, decode_button

FORM_PREFIX = "hs-form:"
CUSTOM_ID_LIMIT = 100
LABEL_LIMIT = 80
MODAL_TITLE_LIMIT = 45
INPUT_LABEL_LIMIT = 45
PLACEHOLDER_LIMIT = 100
TEXT_INPUT_MAX = 4000
MODAL_INPUTS = 5


class ButtonTarget(Protocol):
    async def button(self, interaction: discord.Interaction, action: str, guild_hint: str | None) -> None: ...


@runtime_checkable
class RoutesButtons(Protocol):
    """The client (adapters/discord/client.py): its ``inbound`` hands a click to the core."""

    inbound: ButtonTarget


_STYLES = {"primary": discord.ButtonStyle.primary, "danger": discord.ButtonStyle.danger}


GUILD_MARK = "|g"


def custom_id(core_id: str, guild_id: str | None = None, *, form: bool = False) -> str:
    """A component's custom_id: the core's id, with ``|g<guild id>`` for one sent by DM; a
    modal's also starts with FORM_PREFIX, so a foreign modal is never taken for ours."""
    wrapped = core_id if guild_id is None else f"{core_id}{GUILD_MARK}{guild_id}"
    return (FORM_PREFIX + wrapped if form else wrapped)[:CUSTOM_ID_LIMIT]


def split_custom_id(value: str, *, form: bool = False) -> tuple[str | None, str | None]:
    """(the core's id, the guild id of one sent by DM) from a custom_id made by ``custom_id``;
    (None, None) for a modal that is not ours."""
    if form:
        head, prefix, value = value.partition(FORM_PREFIX)
        if head or not prefix:
            return None, None
    core_id, _, guild = value.partition(GUILD_MARK)
    return core_id, (guild if guild.isascii() and guild.isdigit() else None)


class HindsightButton(discord.ui.DynamicItem[discord.ui.Button],
                      template=r"[^|]{1,90}(?:\|g\d{1,20})?"):
    """A button whose custom_id is the core's action, optionally with ``|g<guild id>``. Every
    button is the core's: one it does not know is answered by the core."""

    def __init__(self, action: str, label: str = "…", style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 guild_id: str | None = None, row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=clip(label, LABEL_LIMIT) or "…", style=style,
                                           custom_id=custom_id(action, guild_id), row=row))
        self.action = action
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: Any) -> "HindsightButton":
        if not isinstance(item, discord.ui.Button):  # the template only matches our buttons' ids
            raise TypeError(f"not a button: {type(item).__name__}")
        action, guild = split_custom_id(item.custom_id or "")
        return cls(action or "", item.label or "…", item.style, guild)

    async def callback(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        if not isinstance(client, RoutesButtons):
            raise TypeError(f"a Hindsight button on a {type(client).__name__}")
        await client.inbound.button(interaction, self.action, self.guild_id)


# buttons that get a row of their own (at most 5 a row): scores 1-5, probabilities 10-90 %
_OWN_ROW = {ScoreButton: 1, ProbabilityButton: 2}


def button_row(action: str) -> int | None:
    """The row of a button whose kind has one (by its decoded id), else None (the first free)."""
    return _OWN_ROW.get(type(decode_button(action)))


def make_view(buttons: tuple[Button, ...], *, guild_id: str | None = None) -> discord.ui.View | None:
    """A view of persistent buttons (score and probability buttons each on their own row), or None."""
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for b in buttons[:25]:
        view.add_item(HindsightButton(b.action, b.label, _STYLES.get(b.style, discord.ButtonStyle.secondary),
                                      guild_id, button_row(b.action)))
    return view


class FormModal(discord.ui.Modal):
    """The core's Form as a modal: one labelled input per field, at most five."""

    def __init__(self, form: Form, guild_id: str | None = None) -> None:
        super().__init__(title=clip(form.title, MODAL_TITLE_LIMIT) or "Hindsight",
                         custom_id=custom_id(form.id, guild_id, form=True), timeout=900)
        for field in form.fields[:MODAL_INPUTS]:
            if field.options:
                component: discord.ui.Item = discord.ui.Select(
                    custom_id=field.id, required=field.required, min_values=1 if field.required else 0,
                    max_values=1, placeholder=clip(field.placeholder, PLACEHOLDER_LIMIT) or None,
                    options=[discord.SelectOption(label=clip(label, 100), value=value[:100],
                                                  default=value == field.value)
                             for value, label in field.options[:25]])
            elif field.number_range is not None:  # a whole number: a short text, checked by the core
                low, high = field.number_range
                value = field.value.strip()
                component = discord.ui.TextInput(
                    custom_id=field.id, required=field.required, style=discord.TextStyle.short,
                    max_length=max(len(str(low)), len(str(high))) + 1,  # room for a typed "%"
                    default=value if value.isascii() and value.isdigit() else None,
                    placeholder=clip(field.placeholder or f"{low}–{high}", PLACEHOLDER_LIMIT))
            else:
                limit = max(1, min(field.max_length, TEXT_INPUT_MAX))
                component = discord.ui.TextInput(
                    custom_id=field.id, max_length=limit, required=field.required,
                    style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
                    default=field.value[:limit] or None, placeholder=clip(field.placeholder, PLACEHOLDER_LIMIT) or None)
            self.add_item(discord.ui.Label(text=clip(field.label or field.id, INPUT_LABEL_LIMIT), component=component))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing: the client's on_interaction hands every submit to the core."""


def form_id_of(value: str) -> tuple[str | None, str | None]:
    """(the core's form id, the guild id of a form opened from a DM) of one of our modals;
    (None, None) for a foreign modal."""
    return split_custom_id(value, form=True)


def submitted_values(data: Mapping[str, Any]) -> dict[str, str]:
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
