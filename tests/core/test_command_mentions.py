"""A mention is one word that names a member by platform id (issue 14, item 13): the parser keeps
``<@U123|dave smith>`` whole in the commands that name members, and reads a labelled mention as
the name it shows in free text."""
from __future__ import annotations

from bot.commands import member_token, parse


def test_a_mention_with_a_spaced_label_is_one_word():
    cmd = parse("settings admin add <@U0DAVE001|dave smith> <@U0DAVE002> <@!7100000000042>")
    assert cmd.words == ("admin", "add", "<@U0DAVE001|dave smith>", "<@U0DAVE002>", "<@!7100000000042>")
    refs = [member_token(w) for w in cmd.words[2:]]
    assert [(r.value, r.mention, r.label) for r in refs if r] == [
        ("U0DAVE001", True, "dave smith"), ("U0DAVE002", True, ""), ("7100000000042", True, "")]
    assert parse("history <@U0DAVE002|dave>").words == ("<@U0DAVE002|dave>",)
    assert parse("ledger <@7100000000042>").words == ("<@7100000000042>",)


def test_free_text_reads_a_labelled_mention_as_its_name():
    assert parse("answer thanks <@U0DAVE001|dave> and <@U2|> for <@123>").text == "thanks @dave and @? for <@123>"
    assert parse("search <@U0DAVE001|dave>").words == ("@dave",)
    assert member_token("<@&123>") is None  # a role is never a member
