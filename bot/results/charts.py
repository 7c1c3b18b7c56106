"""Results of charts: a scale prompt's trend (the group's average per round), or why there is none."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain import Prompt


@dataclass(frozen=True)
class Trend:
    """A scale prompt's group averages, oldest round first (None: nobody gave a score)."""

    prompt: Prompt
    points: tuple[tuple[str, float | None], ...]

    @property
    def scored(self) -> int:
        return sum(v is not None for _, v in self.points)

    @property
    def averages(self) -> list[float | None]:
        return [v for _, v in self.points]


@dataclass(frozen=True)
class ChartShown:
    """``chart``: the PNG of ``trend`` for the member who asked; ``draw_now`` False leaves the
    drawing to the runtime's worker thread."""

    trend: Trend
    filename: str
    draw_now: bool = True


class ChartProblem(StrEnum):
    USAGE = "chart_usage"
    NO_SCALE = "chart_no_scale"
    UNKNOWN_PROMPT = "chart_unknown_prompt"
    NOT_SCALE = "chart_not_scale"
    TOO_FEW = "chart_too_few"


@dataclass(frozen=True)
class ChartRefused:
    problem: ChartProblem
    id: str = ""  # the prompt named
    count: int = 0  # TOO_FEW: closed rounds with scores, and how many a chart needs
    needed: int = 0
