"""Deterministic answer texts: about 200 characters of mixed Korean, English and emoji."""
from __future__ import annotations

import random

WORDS = (
    "hype", "moat", "GPU", "agents", "revenue", "bear", "market", "fine-tuning", "open", "model", "voice",
    "clicks", "users", "focus", "crypto", "Web3", "NFT", "metaverse", "pricing", "runway", "하이프", "해자",
    "하락장", "매출", "고객", "파인튜닝", "오픈", "모델", "음성", "클릭", "집중", "비용", "구조", "가격",
    "🚀", "📉", "🤖", "💸", "🔥", "🧠",
)


def answer_text(rng: random.Random, length: int = 200) -> str:
    out: list[str] = []
    size = 0
    while size < length:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:length]
