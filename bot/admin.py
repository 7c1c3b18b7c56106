"""Admin and personal-data use cases: setup, link, settings, prompts, open/close, pause, export."""
from __future__ import annotations

import json
import re
import secrets
from dataclasses import replace
from datetime import timedelta

from bot.actions import Action, Button, Form, FormField, OpenForm, Reply, Upload
from bot.commands import MAX_ID, parse_int
from bot.domain import ANSWER_LIMIT_MAX, ANSWER_LIMIT_MIN, PROMPT_KINDS
from bot.events import AnswerSubmitted, FormSubmitted
from bot.export import export_csv, export_json, export_markdown_text, member_json, safe_name
from bot.settings import EXPECT, SettingsError, form_values, parse_settings, schedule_text
from bot.timing import period_of

LINK_TTL = timedelta(hours=24)
CODE_RE = re.compile(r"^hs-[a-z0-9]{8}$")
_NAME_BAD = re.compile(r"[^a-z0-9._-]+")


class AdminUseCases:
    # setup and link -----------------------------------------------------
    def setup(self, ctx, cmd) -> list[Action]:
        if ctx.group is not None:
            return self.say(ctx, "already_setup", group=ctx.group.name)
        ref = ctx.origin.channel
        now = self.clock.now()
        if cmd.words and CODE_RE.match(cmd.words[0].lower()):
            group_id = self.store.use_link(cmd.words[0].lower(), now)
            if group_id is None:
                return self.say(ctx, "bad_link_code")
            # A link code binds a channel; it makes nobody an admin (DESIGN.md, Domain).
            self.store.bind_channel(group_id, ref, now)
            group = self.store.group(group_id)
            text = self.t(group.language, "linked", group=group.name) + "\n" + self.t(group.language, "linked_admins")
            return [Reply(text, public=True)]
        if not (ctx.origin.platform_admin or ref.platform == "console"):
            # A fresh group makes its creator an admin, so only platform admins may create one.
            return self.say(ctx, "setup_needs_admin")
        base = _NAME_BAD.sub("-", (cmd.text or f"{ref.platform}-{ref.channel_id}").lower()).strip("-")[:40] or "group"
        name, n = base, 1
        while self.store.group_by_name(name):
            n += 1
            name = f"{base}-{n}"
        group = self.store.create_group(name, now, language=self.default_language)
        self.store.bind_channel(group.id, ref, now)
        self.store.add_admin(group.id, ctx.member_id)
        if self.schedule_changed:
            self.schedule_changed(group.id)
        return self.setup_done(ctx, group)

    def setup_done(self, ctx, group) -> list[Action]:
        text = self.t(group.language, "setup_done", group=group.name, timezone=group.timezone,
                      schedule=schedule_text(group), limit=group.answer_limit)
        buttons = (Button(f"hs:open:{group.id}", self.t(group.language, "btn_open_first"), "primary"),
                   Button(f"hs:settings:{group.id}", self.t(group.language, "btn_settings")))
        return [Reply(text, buttons=buttons, public=True)]

    def cmd_link(self, ctx, cmd) -> list[Action]:
        code = "hs-" + "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8))
        now = self.clock.now()
        self.store.create_link(code, ctx.group.id, ctx.member_id, now, now + LINK_TTL)
        return self.say(ctx, "link_code", code=code, group=ctx.group.name)

    # settings -----------------------------------------------------------
    def cmd_settings(self, ctx, cmd) -> list[Action]:
        if not cmd.words:
            return self.settings_form(ctx) if ctx.is_admin else self.say(ctx, "settings_show", **self._summary(ctx))
        if cmd.words[0].lower() in ("admin", "admins") and len(cmd.words) >= 2:
            return self.change_admins(ctx, cmd.words[1:])
        values = {}
        for pair in re.split(r"\s+(?=\w+=)", cmd.text.strip()):
            key, eq, value = pair.partition("=")
            if not eq:
                return self.say(ctx, "settings_usage")
            values[key.strip()] = value.strip().strip('"')
        return self.apply_settings(ctx, values)

    def _summary(self, ctx) -> dict:
        g = ctx.group
        admins = ", ".join(a.display_name for a in self.store.admins(g.id)) or "–"
        return dict(group=g.name, timezone=g.timezone, schedule=schedule_text(g), language=g.language,
                    limit=g.answer_limit, anonymous=self.t(ctx.lang, "yes" if g.anonymous else "no"),
                    paused=self.t(ctx.lang, "yes" if g.paused else "no"), admins=admins)

    def settings_form(self, ctx) -> list[Action]:
        v = form_values(ctx.group)
        t = lambda key: self.t(ctx.lang, key)[:45]  # noqa: E731 - modal labels are short everywhere
        fields = (
            FormField("timezone", t("field_timezone"), v["timezone"], max_length=64),
            FormField("schedule", t("field_schedule"), v["schedule"], max_length=120),
            FormField("language", t("field_language"), v["language"], max_length=4),
            FormField("limit", t("field_limit"), v["limit"], max_length=4),
            FormField("anonymous", t("field_anonymous"), v["anonymous"], max_length=5),
        )
        return [OpenForm(Form(f"settings:{ctx.group.id}", self.t(ctx.lang, "settings_title")[:24],
                              self.t(ctx.lang, "btn_save"), fields))]

    def apply_settings(self, ctx, values: dict) -> list[Action]:
        # Numbers strictly: int() alone would take "١٢٣" (Arabic-Indic digits) as 123.
        problems = [(str(k).strip().lower(), EXPECT["limit"]) for k, v in values.items()
                    if str(k).strip().lower() == "limit"
                    and parse_int(str(v).strip(), ANSWER_LIMIT_MIN, ANSWER_LIMIT_MAX) is None]
        try:
            fields = parse_settings(values)
        except SettingsError as err:
            problems = err.problems + [p for p in problems if p not in err.problems]
        if problems:
            lines = [f"• {k}: {self.t(ctx.lang, expect)}" for k, expect in problems]
            return self.say(ctx, "settings_invalid", problems="\n".join(lines))
        group = self.store.update_group(ctx.group.id, **fields)
        if group.anonymous:
            self.store.make_open_rounds_anonymous(group.id)  # on: at once; off: from the next round
        if self.schedule_changed:
            self.schedule_changed(group.id)
        ctx = replace(ctx, group=group, lang=group.language)
        return self.say(ctx, "settings_saved", **self._summary(ctx))

    def change_admins(self, ctx, words) -> list[Action]:
        op, names = words[0].lower(), words[1:]
        if op not in ("add", "remove") or not names:
            return self.say(ctx, "settings_usage")
        found = []
        for token in names:  # all named members are found before anything changes
            # Only a mention may name someone the database has not seen; a bare name never
            # makes a member out of a name.
            member_id, problem = self.resolve_member(ctx, token, create=op == "add")
            if member_id is None:
                return problem
            found.append(member_id)
        for member_id in found:
            if op == "add":
                self.store.add_admin(ctx.group.id, member_id)
            else:
                self.store.remove_admin(ctx.group.id, member_id)
        return self.say(ctx, "settings_saved", **self._summary(ctx))

    def form_submitted(self, ctx, event: FormSubmitted) -> list[Action]:
        kind, _, arg = event.form_id.partition(":")
        round_id = parse_int(arg, 0, MAX_ID) if kind == "answer" else None
        if ctx.group is None and round_id is not None:
            ctx = self.ctx_for_round(ctx, round_id)  # a form opened from a reminder DM
        if ctx.group is None:
            return self.say(ctx, "not_setup")
        if round_id is not None:
            return self.submit_answer(ctx, AnswerSubmitted(
                event.origin, str(event.values.get("answer", "")), "form", event.event_id, round_id))
        if kind == "settings" and arg == str(ctx.group.id):
            if not ctx.is_admin:
                return self.say(ctx, "admins_only", command="settings")
            return self.apply_settings(ctx, {k: v for k, v in event.values.items() if k in form_values(ctx.group)})
        return self.say(ctx, "unknown_button")

    # prompts ------------------------------------------------------------
    def cmd_prompts(self, ctx, cmd) -> list[Action]:
        op = cmd.words[0].lower() if cmd.words else "list"
        if op == "list":
            lines = [self.t(ctx.lang, "prompts_head", group=ctx.group.name)]
            used = self.store.prompt_use_counts(ctx.group.id)
            for p in self.store.active_prompts(ctx.group.id):
                own = "*" if p.group_id else " "
                text = self.prompt_text(p, ctx.lang).splitlines()[0]
                lines.append(f"{p.id:>3}{own} {p.kind:<10} ×{used.get(p.id, 0)}  {text}")
            return [Reply("\n".join(lines))]
        if op == "remove":
            prompt_id = parse_int(cmd.words[1], 1, MAX_ID) if len(cmd.words) == 2 else None
            if prompt_id is None:
                return self.say(ctx, "prompts_usage")
            ok = self.store.remove_prompt(ctx.group.id, prompt_id)
            return self.say(ctx, "prompt_removed" if ok else "prompt_not_found", id=prompt_id)
        rest = cmd.text.split(None, 1)[1] if len(cmd.words) > 1 else ""
        kind, _, body = rest.partition(" ")
        if kind.lower() not in PROMPT_KINDS:
            kind, body = "text", rest
        en, _, ko = body.partition("|")
        en, ko = " ".join(en.split()), " ".join(ko.split()) or " ".join(en.split())
        if not en or len(en) > 300 or len(ko) > 300:
            return self.say(ctx, "prompts_usage")
        labels = tuple(self.t("en", f"scale_{i}") for i in range(1, 6)) if kind.lower() == "scale" else ()
        new_id = self.store.add_prompt(ctx.group.id, kind.lower(), en, ko, labels, self.clock.now())
        return self.say(ctx, "prompt_added", id=new_id)

    # rounds -------------------------------------------------------------
    def cmd_open(self, ctx, cmd) -> list[Action]:
        rnd = self.open_round(ctx.group)
        if rnd:
            return self.say(ctx, "round_opened", period=rnd.period)
        current = self.store.round_for_period(ctx.group.id, period_of(self.clock.now(), ctx.group.timezone))
        key = "round_already_open" if current and current.is_open else "round_exists_closed"
        return self.say(ctx, key, period=current.period if current else "?")

    def cmd_close(self, ctx, cmd) -> list[Action]:
        rnd = self.current_round(ctx.group)
        if rnd is None:
            return self.say(ctx, "no_open_round")
        self.close_round(rnd, late=False)
        return self.say(ctx, "round_closed_now", period=rnd.period)

    def cmd_pause(self, ctx, cmd) -> list[Action]:
        self.store.update_group(ctx.group.id, paused=1)
        return self.say(ctx, "paused", group=ctx.group.name)

    def cmd_resume(self, ctx, cmd) -> list[Action]:
        self.store.update_group(ctx.group.id, paused=0)
        if self.schedule_changed:
            self.schedule_changed(ctx.group.id)
        return self.say(ctx, "resumed", group=ctx.group.name)

    # files and personal data -------------------------------------------
    def cmd_export(self, ctx, cmd) -> list[Action]:
        fmt = cmd.words[0].lower() if cmd.words else "json"
        name = ctx.group.name
        if fmt == "csv":
            data = export_csv(self.store, [name]).encode()
        elif fmt == "md":
            data = export_markdown_text(self, ctx.group).encode()
        else:
            data = json.dumps(export_json(self.store, [name]), ensure_ascii=False, indent=2).encode()
        return [Upload(f"hindsight-{safe_name(name)}.{fmt}", data, self.t(ctx.lang, "export_ready", group=name))]

    def cmd_my_data(self, ctx, cmd) -> list[Action]:
        data = json.dumps(member_json(self.store, ctx.member_id), ensure_ascii=False, indent=2).encode()
        return [Upload("hindsight-my-data.json", data, self.t(ctx.lang, "my_data_ready"))]

    def cmd_forget_me(self, ctx, cmd) -> list[Action]:
        if cmd.words and cmd.words[0].lower() in ("confirm", "yes", "확인"):
            return self.forget(ctx)
        button = Button(f"hs:forget:{ctx.member_id}", self.t(ctx.lang, "btn_forget_confirm"), "danger")
        return self.say(ctx, "forget_confirm", buttons=(button,))

    def forget(self, ctx) -> list[Action]:
        n = self.store.forget_member(ctx.member_id)
        return self.say(ctx, "forgotten", count=n)
