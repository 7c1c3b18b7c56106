"""What the use cases decide, as plain values: an answer saved, a refusal with its reason and the
text handed back, a skip. bot/present/ turns each into words for a language (one presenter per
type, bot/present/render.py); no use case composes text a person reads.

A use case returns ``list[Outcome]``: actions that need no words (an upload, a post of the
outbox) and results. The router renders the results in the group's language before any adapter
sees them.
"""
from __future__ import annotations

from typing import Union, get_args

from bot.actions import Action
from bot.results.answers import (AnswerFormShown, AnswerRefused, AnswerStored, AnswerWithdrawn, NoOpenRound, Refusal,
                                 RoundClosed, SkipRefused, Skipped, ThenAndNow, UnknownButton)
from bot.results.charts import ChartProblem, ChartRefused, ChartShown
from bot.results.control import ClockHeld, PausedOrResumed, RoundClosedNow, RoundNotOpened, RoundOpened
from bot.results.digests import (AdminsOnly, DigestDue, DigestFacts, DigestList, DigestMissing, DigestShown, Entry,
                                 NoDigest, YearAgo)
from bot.results.home import HomeFacts, HomeNotSetUp
from bot.results.ledger import GroupLedger, LedgerEmpty, MemberLedger, NoLedger, OwnLedger
from bot.results.lookup import (Found, History, LookupRefusal, LookupRefused, MemberAmbiguous, MemberUnknown,
                                SearchResults)
from bot.results.participation import Away, AwayProblem, AwayRefused, AwayUsage, Back, Stats, StatsNone
from bot.results.personal import FileReady, ForgetAsked, Forgotten
from bot.results.prompts import (PromptAdded, PromptNextSet, PromptNotFound, PromptRemoved, PromptsListed,
                                 PromptsUsage)
from bot.results.radar import RadarShown, RadarTooFew, RadarUsage
from bot.results.revisits import (GradeRequestDue, Graded, NudgeDue, ResolutionDue, Resolved, ResolveUndone,
                                  RevisitDue, RevisitRefusal, RevisitRefused)
from bot.results.rounds import PromptDue, ReminderDue
from bot.results.settings import SettingsFormShown, SettingsInvalid, SettingsShown, SettingsUsage
from bot.results.setup import (AlreadySetUp, BadLinkCode, GroupNameEmpty, GroupNameTaken, GroupNameTooLong, LinkCode,
                               Linked, SetupDone, SetupNeedsAdmin)

__all__ = ["AlreadySetUp", "BadLinkCode", "GroupNameEmpty", "GroupNameTaken", "GroupNameTooLong", "LinkCode",
           "Linked", "SetupDone", "SetupNeedsAdmin", "SettingsFormShown", "SettingsInvalid", "SettingsShown",
           "SettingsUsage", "AdminsOnly", "ChartProblem", "ChartRefused", "ChartShown", "HomeFacts", "HomeNotSetUp", "RadarShown", "RadarTooFew", "RadarUsage", "FileReady", "ForgetAsked", "Forgotten", "PromptAdded", "PromptNextSet", "PromptNotFound", "PromptRemoved", "PromptsListed",
           "PromptsUsage", "Away", "AwayProblem", "AwayRefused", "AwayUsage", "Back", "Stats", "StatsNone", "GradeRequestDue", "Graded", "NudgeDue", "ResolutionDue", "Resolved", "ResolveUndone",
           "RevisitDue", "RevisitRefusal", "RevisitRefused", "ClockHeld", "PausedOrResumed", "RoundClosedNow", "RoundNotOpened", "RoundOpened", "AnswerFormShown", "AnswerRefused", "AnswerStored", "AnswerWithdrawn", "DigestDue",
           "DigestFacts", "DigestList", "DigestMissing", "DigestShown", "Entry", "Found", "GroupLedger", "History", "LedgerEmpty", "MemberLedger", "NoLedger", "OwnLedger", "LookupRefusal",
           "LookupRefused", "MemberAmbiguous", "MemberUnknown", "NoDigest", "NoOpenRound", "Outcome", "PromptDue",
           "RESULT_TYPES", "Refusal", "ReminderDue", "Result", "RoundClosed", "SearchResults", "SkipRefused", "Skipped",
           "ThenAndNow", "UnknownButton", "YearAgo"]

# Everything a use case may return for presentation to word (parts such as ThenAndNow, Entry,
# Found or DigestFacts travel inside these). Each has a presenter (bot/present/render.py).
Result = Union[
    AnswerStored, AnswerRefused, AnswerWithdrawn, Skipped, SkipRefused, NoOpenRound, RoundClosed, UnknownButton,
    AnswerFormShown,  # answers
    PromptDue, ReminderDue,  # rounds
    DigestShown, DigestDue, DigestList, DigestMissing, AdminsOnly,  # digests
    SearchResults, History, LookupRefused, MemberUnknown, MemberAmbiguous,  # looking back
    OwnLedger, MemberLedger, GroupLedger, LedgerEmpty,  # the ledger
    RoundOpened, RoundNotOpened, RoundClosedNow, PausedOrResumed, ClockHeld,  # open, close, pause, resume
    GradeRequestDue, NudgeDue, RevisitDue, ResolutionDue, RevisitRefused, Resolved, ResolveUndone, Graded,  # revisits
    Stats, StatsNone, AwayRefused, AwayUsage, Away, Back,  # stats and away
    PromptsListed, PromptAdded, PromptRemoved, PromptNotFound, PromptNextSet, PromptsUsage,  # prompts
    FileReady, ForgetAsked, Forgotten,  # export, my-data, forget-me
    RadarShown, RadarTooFew, RadarUsage,  # the hype radar
    HomeFacts, HomeNotSetUp,  # the member's own home
    ChartShown, ChartRefused,  # charts
    SettingsShown, SettingsFormShown, SettingsInvalid, SettingsUsage,  # settings
    SetupDone, Linked, AlreadySetUp, BadLinkCode, SetupNeedsAdmin, GroupNameEmpty, GroupNameTooLong, GroupNameTaken,
    LinkCode,  # setup and link
]
RESULT_TYPES: tuple[type, ...] = get_args(Result)
Outcome = Union[Action, Result]
