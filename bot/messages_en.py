"""English messages. Keep the keys in step with messages_ko.py (a test checks)."""

EN = {
    # answers
    "answer_saved": "Saved your answer for {period}. It stays private until the digest.",
    "answer_replaced": "Replaced your answer for {period}. Your first answer is kept as the original.",
    "answer_rejected": "Not saved: {reason}\nHere is your text, so you don't have to retype it:\n{text}",
    "answer_empty": "the answer is empty.",
    "answer_too_long": "the answer is {length} characters; this group's limit is {limit}.",
    "round_closed": "the round {period} is closed.",
    "no_open_round": "there is no open round right now.",
    "answer_withdrawn": "Your answer for {period} was withdrawn because you deleted its message.",
    "answer_form_title": "Your answer · {period}",
    "answer_placeholder": "A few sentences (up to {limit} characters).",
    "skipped": "Skipped {period}. You can still answer until the round closes.",
    "skip_after_answer": "You have already answered this round, so there is nothing to skip. Your answer stays.",
    # prompts and reminders
    "prompt_title": "This week's prompt · {period}",
    "prompt_closes": "Closes {closes}",
    "prompt_footer_text": "Answer with the button, reply in this thread, or /hindsight answer. Up to {limit} characters.",
    "prompt_footer_scale": "Pick a score below; add a sentence or two with Answer. Up to {limit} characters.",
    "prompt_footer_prediction": "A prediction: we will look back at it in a few months. Up to {limit} characters.",
    "reminder": "A reminder from {group}: this week's prompt closes {closes}.\n> {prompt}",
    "scale_1": "Not at all", "scale_2": "A little", "scale_3": "Somewhat", "scale_4": "Mostly", "scale_5": "Fully",
    # digests
    "digest_title": "Hindsight digest · {period} · {group}",
    "digest_summary": "{answered} of {members} members answered, {skipped} skipped.",
    "digest_average": "Average {average} from {count} score(s).",
    "digest_late": "This digest is late: the round was due to close {closes} and closed {closed}.",
    "digest_open": "This round is still open.",
    "digest_empty": "Nobody answered this round.",
    "digest_none": "There is no closed round yet. The first digest comes when this week's round closes.",
    "digest_not_found": "There is no round for {period}.",
    "digest_sealed": "The round {period} is still open; its answers are sealed until the digest.",
    "digest_list_head": "Past digests of {group} (newest first):",
    "bad_digest_arg": "I can't read '{arg}'. Try: digest latest, digest 2 (weeks ago), digest 2026-W40 or digest list.",
    # search and history
    "search_needs_words": "Search for what? Try: /hindsight search next hype",
    "search_none": "Nothing found for '{query}' in closed rounds or your own open answer.",
    "search_head": "{count} answer(s) for '{query}':",
    "history_none": "No answers yet.",
    "history_head": "{name}: {count} answer(s), newest first:",
    "history_scores": "Scores over time: {trend}",
    "history_anonymous": "This group is anonymous, so you can only see your own history.",
    "member_not_found": "I don't know a member '{name}' in this group.",
    "open_mark": "(open)",
    # commands
    "unknown_command": "Unknown command '{name}'. Try /hindsight help.",
    "command_too_long": "That command is too long (over {limit} characters).",
    "unknown_button": "That button or form is no longer valid.",
    "not_setup": "This channel is not set up yet. An admin can run /hindsight setup here.",
    "admins_only": "Only admins of this group can use '{command}'. Ask an admin, or a workspace/server admin.",
    "bad_prompts_arg": "Use: prompts list, prompts add [text|scale|prediction] English | 한국어, prompts remove ID.",
    "prompts_usage": "Use: prompts add [text|scale|prediction] English text | 한국어 문장, or prompts remove ID.",
    "bad_export_arg": "Export as json, csv or md.",
    "help": (
        "Hindsight asks the group one question a week and posts a digest when the round closes.\n"
        "/hindsight answer [text]: answer (no text opens the form)\n"
        "/hindsight skip: skip this week\n"
        "/hindsight digest [latest | N weeks ago | 2026-W40 | list] [post]: past digests (admins: post shares it in the channel)\n"
        "/hindsight search <words>: search what the group said\n"
        "/hindsight history [@member]: answers over time\n"
        "/hindsight my-data: download your answers · /hindsight forget-me: delete them\n"
        "Or reply in the prompt's thread: your first reply is your answer."
    ),
    "help_admin": (
        "Admin: setup [code] · link · settings [key=value ...] · settings admin add|remove @member · "
        "prompts [list|add|remove] · open · close · pause · resume · export [json|csv|md]"
    ),
    "btn_answer": "Answer", "btn_skip": "Skip", "btn_submit": "Save", "btn_save": "Save",
    "btn_latest_digest": "Latest digest", "btn_history": "My history", "btn_open_first": "Open the first round now",
    "btn_settings": "Settings", "btn_forget_confirm": "Yes, delete my answers",
    "yes": "yes", "no": "no",
    # setup and admin
    "already_setup": "This channel already belongs to the group '{group}'.",
    "setup_needs_admin": "Only a workspace or server admin can create a group. To join an existing group, use /hindsight setup <code> with a code from /hindsight link.",
    "bad_link_code": "That code is unknown, used or expired. Ask the group's admin for a new one (/hindsight link).",
    "linked": "This channel is now part of the group '{group}'. Prompts and digests will appear here too.",
    "setup_done": (
        "Hindsight is set up: this channel is the group '{group}'.\n"
        "Schedule ({timezone}): {schedule}.\nAnswers up to {limit} characters. Change it all under Settings."
    ),
    "link_code": "One-time code for '{group}', valid for 24 hours: {code}\nIn the other channel run: /hindsight setup {code}",
    "settings_title": "Hindsight settings",
    "settings_show": (
        "Group {group}\nTimezone: {timezone}\nSchedule: {schedule}\nLanguage: {language}\n"
        "Answer limit: {limit}\nAnonymous: {anonymous}\nPaused: {paused}\nAdmins: {admins}"
    ),
    "settings_saved": (
        "Saved.\nGroup {group}\nTimezone: {timezone}\nSchedule: {schedule}\nLanguage: {language}\n"
        "Answer limit: {limit}\nAnonymous: {anonymous}\nPaused: {paused}\nAdmins: {admins}"
    ),
    "settings_invalid": "Nothing was changed:\n{problems}",
    "settings_usage": "Use: settings timezone=Asia/Seoul prompt=\"mon 09:00\" remind=off close=\"sun 18:00\" language=ko limit=800 anonymous=no, or settings admin add|remove @member.",
    "field_timezone": "Timezone (IANA)", "field_schedule": "Schedule", "field_language": "Language (en, ko, both)",
    "field_limit": "Answer limit (100-2000)", "field_anonymous": "Anonymous digests (yes/no)",
    "expect_timezone": "an IANA timezone such as Asia/Seoul or Europe/Berlin",
    "expect_day_time": "a day and time such as 'mon 09:00'",
    "expect_remind": "a day and time such as 'fri 18:00', or 'off'",
    "expect_language": "one of en, ko, both",
    "expect_limit": "a whole number from 100 to 2000",
    "expect_anonymous": "yes or no",
    "expect_schedule": "'prompt mon 09:00; remind fri 18:00; close sun 18:00'",
    "expect_setting_name": "not a setting (timezone, prompt, remind, close, language, limit, anonymous)",
    "prompts_head": "Prompts of {group} (id, kind, times used; * = the group's own):",
    "prompt_added": "Added prompt {id}.",
    "prompt_removed": "Removed prompt {id} from this group's rotation.",
    "prompt_not_found": "There is no prompt {id}.",
    "round_opened": "Opened the round {period}. The prompt is being posted.",
    "round_already_open": "The round {period} is already open.",
    "round_exists_closed": "This period's round ({period}) has already run and closed. The next one opens on schedule.",
    "round_closed_now": "Closed the round {period}. The digest is being posted.",
    "paused": "Paused '{group}': no prompts or reminders until /hindsight resume.",
    "resumed": "Resumed '{group}'.",
    "export_ready": "Archive of '{group}' (closed rounds).",
    "my_data_ready": "All your answers, as JSON.",
    "forget_confirm": "This deletes all your answers in every group, for good. Sure?",
    "forgotten": "Done: {count} answer(s) deleted, and you are forgotten.",
    # console
    "console_welcome": "Hindsight console · group 'console' · you are {member}. Type an answer, or /hindsight help. /as NAME switches member.",
    "console_as": "You are now {member}.",
    "console_form": "{title}\nType your answer as a line (up to {limit} characters), or /hindsight answer <text>.",
    "console_settings_form": "{title}\nCurrent: {values}\nChange with: /hindsight settings key=value ...",
    "console_upload": "{comment} Wrote {path}",
    "console_as_usage": "Usage: /as NAME (switches the member in this console).",
    "console_bad_utf8": "the line is not valid UTF-8 text; the unreadable bytes are shown as \ufffd below.",
    "no_tty": "No platform token is set and there is no terminal for the console. Set DISCORD_TOKEN, or SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).",
    # slash-command descriptions (Discord shows them; at most 100 characters)
    "cmd_hindsight": "Weekly reflections of the group",
    "cmd_answer": "Answer this week's prompt (no text opens the form)",
    "cmd_skip": "Skip this week",
    "cmd_digest": "Show a digest: latest, N weeks ago, 2026-W40 or list",
    "cmd_search": "Search what the group said",
    "cmd_history": "Answers over time, yours or a member's",
    "cmd_help": "How Hindsight works",
    "cmd_setup": "Admin: bind this channel to a new group, or to a group with a link code",
    "cmd_link": "Admin: make a one-time code to bind another channel to this group",
    "cmd_settings": "Schedule, timezone, language, answer limit, anonymity and admins",
    "cmd_prompts": "Admin: list, add or remove prompts",
    "cmd_open": "Admin: open this week's round now",
    "cmd_close": "Admin: close the open round and post the digest",
    "cmd_pause": "Admin: pause prompts and reminders",
    "cmd_resume": "Admin: resume prompts and reminders",
    "cmd_export": "Admin: download the group's archive",
    "cmd_my_data": "Download all your answers",
    "cmd_forget_me": "Delete all your answers",
    "cmd_opt_text": "Your answer (leave empty to open the form)",
    "cmd_opt_which": "latest, 2 (weeks ago), 2026-W40 or list",
    "cmd_opt_words": "Words to look for",
    "cmd_opt_member": "Whose answers (default: yours)",
    "cmd_opt_code": "A link code from /hindsight link (empty: a new group)",
    "cmd_opt_changes": "key=value ... or admin add|remove @member (empty: the form)",
    "cmd_opt_action": "list, add [text|scale|prediction] English | 한국어, or remove ID",
    "cmd_opt_format": "json, csv or md",
    # storage trust rules: a write that failed, a file that is not ours, an overwrite refused
    "answer_not_saved": "the database was busy, so nothing was stored. Please send it again.",
    "skip_not_saved": "Not saved: the database was busy and your skip was not stored. Please try again.",
    "db_not_sqlite": "{path} is not a SQLite database. Hindsight stopped and left the file as it is.",
    "db_foreign": "{path} is a SQLite database of another program, not Hindsight's. Hindsight stopped and left the file as it is.",
    "db_newer": "{path} was written by a newer Hindsight (schema {detail}). Upgrade Hindsight to use it; the file is left as it is.",
    "db_folder": "{path} is a folder, not a database file.",
    "cli_empty_path": "the output path is empty; name a file.",
    "cli_refuse_overwrite": "{target} is the live database {db} (or its -wal/-shm file); refusing to overwrite it.",
    # member references and link codes (issue 8)
    "member_ambiguous": "More than one member is called '{name}':\n{choices}\nName one by mention (@ and pick them from the list) or by platform id.",
    "linked_admins": "Linking makes nobody an admin: the group's admins stay as they are, and one of them can add more with settings admin add @member.",
    "discord_no_channel": "Discord did not say which channel this came from, so there is nothing to bind and nothing was set up. Run /hindsight setup again in the channel you want to bind.",
    "busy_not_saved": "The database was busy, so nothing was saved. Please try again in a moment.",
}
