"""Issue 11's hype radar acceptance story, through the real ``hindsight console`` with a fixed
clock (HINDSIGHT_NOW), one process per week, on one database file, then ``hindsight radar``."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from tests.core.proc import hindsight

pytestmark = pytest.mark.slow

FIRST_MONDAY = datetime.fromisoformat("2025-12-29T10:00:00+00:00")  # Monday of 2026-W01, after 09:00

# Weeks 1-8: the metaverse and NFTs; weeks 9-16: AI agents. English and Korean, three members.
BEFORE = [
    {"alice": "The metaverse is where brands will live; we should mint NFTs for early users.",
     "bob": "메타버스 오피스가 답이다. NFT 멤버십도 검토 중.",
     "carol": "Virtual land in the metaverse feels early, but NFTs for tickets make sense."},
    {"alice": "Every retailer wants a metaverse store this year.",
     "bob": "NFT 커뮤니티가 생각보다 강하다. 메타버스 행사도 사람이 많았다.",
     "carol": "Our investors keep asking about our metaverse strategy and NFTs."},
    {"alice": "NFTs as loyalty points: customers actually collect them.",
     "bob": "메타버스 광고 단가가 계속 오른다.",
     "carol": "Spent the week on an NFT drop for the metaverse launch."},
    {"alice": "The metaverse demo got more press than the product.",
     "bob": "NFT 가격이 흔들리지만 메타버스 투자는 계속된다.",
     "carol": "Royalties on NFTs could fund the metaverse studio."},
]
AFTER = [
    {"alice": "AI agents that book meetings saved me hours this week.",
     "bob": "에이전트가 다음 하이프다. 에이전트를 위한 결제도 필요하다.",
     "carol": "We shipped two agents for support; agents answer at night."},
    {"alice": "Agents that read invoices are the first thing customers pay for.",
     "bob": "코딩 에이전트가 팀 속도를 바꿨다.",
     "carol": "에이전트 도입 비용을 계산했다. Agents beat hiring for triage."},
    {"alice": "Everyone pitches agents now; the good agents are boring.",
     "bob": "에이전트가 다음 하이프다, 진짜로.",
     "carol": "AI agents with memory are what our users asked for."},
    {"alice": "We let agents draft the sales emails.",
     "bob": "고객 상담 에이전트를 붙였다.",
     "carol": "Agents need guardrails; 에이전트가 실수하면 비싸다."},
]


def week_lines(answers: dict[str, str]) -> list[str]:
    lines = []
    for member, text in answers.items():
        lines += [f"/as {member}", text]
    # Every round after the first asks a text prompt (a prediction would want a probability).
    return lines + ["/as admin", "/hindsight prompts next hype-what-stuck", "/hindsight close"]


def test_the_radar_sees_agents_rise_and_the_metaverse_fall(tmp_path):
    db = tmp_path / "h.db"
    weeks = [BEFORE[i % 4] for i in range(8)] + [AFTER[i % 4] for i in range(8)]
    for i, answers in enumerate(weeks):
        now = (FIRST_MONDAY + timedelta(weeks=i)).isoformat()
        out = hindsight("console", "--as", "admin", db=db, cwd=tmp_path, stdin="\n".join(week_lines(answers)) + "\n",
                        HINDSIGHT_NOW=now)
        assert out.returncode == 0, out.stderr
        assert out.stdout.count("saved") >= 3, out.stdout  # alice, bob and carol answered this week

    last = (FIRST_MONDAY + timedelta(weeks=15)).isoformat()
    done = hindsight("radar", "--group", "console", "--weeks", "8", "--format", "json", db=db, cwd=tmp_path,
                     HINDSIGHT_NOW=last)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["group"] == "console" and data["weeks"] == 8
    rising = {t["term"]: t for t in data["rising"]}
    falling = {t["term"]: t for t in data["falling"]}
    assert "agents" in rising and "에이전트" in rising
    assert "metaverse" in falling
    assert rising["agents"]["before"] == 0 and rising["agents"]["now"] > 10 and rising["agents"]["z"] > 0
    assert falling["metaverse"]["now"] == 0 and falling["metaverse"]["z"] < 0
    assert set(data["rising"][0]) == {"term", "now", "before", "z"}
    assert not {"alice", "bob", "carol", "admin"} & (set(rising) | set(falling))  # terms only, no authors

    text = hindsight("radar", "--group", "console", db=db, cwd=tmp_path, HINDSIGHT_NOW=last)
    assert text.returncode == 0, text.stderr
    assert "Rising: " in text.stdout and "agents (" in text.stdout and " lately, 0 before)" in text.stdout and "Falling: " in text.stdout

    chat = hindsight("console", "--as", "dave", db=db, cwd=tmp_path, stdin="/hindsight radar 8\n", HINDSIGHT_NOW=last)
    assert chat.returncode == 0, chat.stderr
    assert "agents (" in chat.stdout and " lately, 0 before)" in chat.stdout and "metaverse (" in chat.stdout

    few = hindsight("radar", "--group", "console", "--weeks", "16", db=db, cwd=tmp_path, HINDSIGHT_NOW=last)
    assert few.returncode == 1 and "at least 17" in few.stderr
    bad = hindsight("radar", "--group", "console", "--weeks", "0", db=db, cwd=tmp_path, HINDSIGHT_NOW=last)
    assert bad.returncode == 2
    missing = hindsight("radar", "--group", "nobody", db=db, cwd=tmp_path, HINDSIGHT_NOW=last)
    assert missing.returncode == 1 and "no group named" in missing.stderr
