"""Slack views: the App Home tab and the modals of the core's forms, built from the block
helpers in blocks.py."""
from __future__ import annotations

from typing import Any

from adapters.slack.blocks import (HEADER_LIMIT, MESSAGE_LIMIT, SECTION_LIMIT, actions, block_chars, clip_escaped,
                                   first_line, header, plain, section)
from bot.actions import Form, FormField, HomeView

HOME_BLOCKS = 100  # a Home tab view holds up to 100 blocks


def home_view(home: HomeView) -> dict:
    """The App Home tab: a header per section heading, its lines in one section (clipped to a
    section's limit), then the buttons, which act in the group's channel. Within 100 blocks and
    MESSAGE_LIMIT characters: a section that would pass them is left out with all after it."""
    channel_id = home.channel.channel_id if home.channel is not None else None
    buttons = actions(home.buttons, channel_id)
    blocks: list[dict] = []
    room = HOME_BLOCKS - len(buttons)
    for heading, lines in home.sections:
        part: list[dict] = []
        if heading.strip():
            part.append(header(heading) if not blocks else section(f"*{clip_escaped(first_line(heading), HEADER_LIMIT)}*"))
        body = "\n".join(line for line in lines if line.strip())
        if body:
            part.append(section(clip_escaped(body, SECTION_LIMIT)))
        if blocks and part:
            part.insert(0, {"type": "divider"})
        if len(blocks) + len(part) > room or block_chars(blocks + part + buttons) > MESSAGE_LIMIT:
            break
        blocks += part
    return {"type": "home", "blocks": blocks + buttons}


# --------------------------------------------------------------------------- forms
def number_input(f: FormField) -> dict:
    """A whole number in ``f.number_range``; Slack checks the range before the form is sent, and
    the value still reaches the core as the text typed (``view_values``)."""
    low, high = f.number_range or (0, 0)
    element = {"type": "number_input", "action_id": f.id, "is_decimal_allowed": False,
               "min_value": str(low), "max_value": str(high)}
    value = f.value.strip()
    if value.lstrip("-").isdigit() and value.isascii() and low <= int(value) <= high:
        element["initial_value"] = str(int(value))
    return element


def form_view(form: Form, metadata: str) -> dict:
    """A modal for a core Form. block_id and action_id are the field's id."""
    blocks: list[dict[str, Any]] = []
    for f in form.fields:
        element: dict[str, Any]
        if f.options:
            options = [{"text": plain(label, 75), "value": value[:150]} for value, label in f.options[:100]]
            element = {"type": "static_select", "action_id": f.id, "options": options}
            chosen = [o for o in options if o["value"] == f.value]
            if chosen:
                element["initial_option"] = chosen[0]
        elif f.number_range is not None:
            element = number_input(f)
        else:
            # Never cut a saved text: if it is longer than today's limit, let it show whole.
            max_length = max(1, min(3000, max(f.max_length, len(f.value))))
            element = {"type": "plain_text_input", "action_id": f.id, "multiline": f.multiline,
                       "max_length": max_length}
            if f.value:
                element["initial_value"] = f.value
        if f.placeholder:
            element["placeholder"] = plain(f.placeholder, 150)
        blocks.append({"type": "input", "block_id": f.id, "optional": not f.required,
                       "label": plain(f.label, 2000), "element": element})
    return {
        "type": "modal", "callback_id": form.id[:255], "private_metadata": metadata[:3000],
        "title": plain(first_line(form.title), 24), "submit": plain(first_line(form.submit), 24),
        "blocks": blocks,
    }
