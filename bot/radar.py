"""The hype radar, pure: words out of answers, and which of them rise or fall.

``tokens(text)`` splits an answer into words by Unicode class (letters and marks; Hangul is
letters; digits may sit inside a word, like ``web3``), drops URLs, e-mail addresses, numbers,
emoji and punctuation, lower-cases English (casefold) and drops a small stop list, and strips
Korean words of one common particle (``에이전트가`` -> ``에이전트``, ``하이프다`` -> ``하이프``).
No NLP dependency: the Korean morphological analysers weigh 100 to 300 MB, and a radar only
needs the same word to count as the same word.

``radar(recent, earlier)`` compares two sets of answers by the log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words: Lexical Feature
Selection and Evaluation for Identifying the Content of Political Conflict", Political
Analysis 16(4), section 3.5). For a word w with counts y_i (recent) and y_j (earlier), totals
n_i and n_j, and the whole corpus's counts y_w = y_i + y_j and n = n_i + n_j, the prior is
α_w = α0 · y_w / n, and

    δ_w = log((y_i + α_w) / (n_i + α0 − y_i − α_w)) − log((y_j + α_w) / (n_j + α0 − y_j − α_w))
    σ²_w ≈ 1 / (y_i + α_w) + 1 / (y_j + α_w)
    z_w = δ_w / σ_w

α0 defaults to n: the corpus is its own prior, with the weight of the corpus, which keeps a
word said three times from outranking one said thirty. Only words used by at least 2
different members and at least 3 times in all are scored, so a radar never points at one
person's pet word. The radar reports terms and counts, never who used them.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

MIN_MEMBERS = 2  # a term counts once at least this many different members used it
MIN_COUNT = 3  # ... and it was used at least this many times in all

# URLs (with a scheme or www.), bare domains with a path, and e-mail addresses: never words.
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)
_APOSTROPHES = "'\u2019"

# A small English stop list: function words and the commonest verbs, contractions included
# (an apostrophe joins a word, "don't" stays one word).
EN_STOP = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each even few for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it
it'd it'll it's its itself just let's like lot lots make made many may me might more most much must mustn't
my myself no nor not now of off on once one only or other ought our ours ourselves out over own really
same shall shan't she she'd she'll she's should shouldn't so some still such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've thing things think
this those though through to too under until up upon us very via was wasn't we we'd we'll we're we've
well were weren't what what's when when's where where's whether which while who who's whom why why's
will with won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
""".split())

# Korean particles, stripped once from the end of a Hangul word: the longest that matches.
KO_PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "으로", "로", "와", "과", "도",
                "만", "까지", "부터", "처럼", "보다", "이다", "다")
_KO_BY_LENGTH = tuple(sorted(KO_PARTICLES, key=len, reverse=True))

# A small Korean stop list: conjunctions, adverbs of degree, demonstratives, the commonest
# verbs and nouns that carry no topic (checked before and after a particle is stripped).
KO_STOP = frozenset("""
그리고 그러나 하지만 그런데 그래서 그러면 그래도 또는 또 및 등 더 덜 좀 잘 안 못 꼭 다시 아직 이미 너무 정말 진짜
아주 매우 조금 많이 가장 제일 이 그 저 이것 그것 저것 여기 거기 저기 것 거 수 때 중 및 우리 저희 나 너 저 제
내 네 그냥 이제 지금 요즘 이번 지난 있다 없다 하다 되다 같다 있는 없는 하는 되는 같은 있어요 없어요 해요
합니다 입니다 것이 것은 것을 것도 수도 때문 때문에 위해 대한 대해
""".split())


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LMN"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _runs(text: str) -> Iterable[str]:
    """Maximal runs of letters, marks and digits (an apostrophe between two of them joins a
    word), split where Hangul meets another script: ``AI가`` is ``AI`` and ``가``."""
    word: list[str] = []
    hangul: bool | None = None
    n = len(text)
    for i, ch in enumerate(text):
        if _is_word_char(ch):
            kind = _is_hangul(ch) if unicodedata.category(ch)[0] == "L" else hangul
            if word and kind is not None and hangul is not None and kind != hangul:
                yield "".join(word)
                word = []
            word.append(ch)
            if kind is not None:
                hangul = kind
        elif ch in _APOSTROPHES and word and i + 1 < n and _is_word_char(text[i + 1]) and not hangul:
            word.append("'")
        elif word:
            yield "".join(word)
            word, hangul = [], None
    if word:
        yield "".join(word)


def strip_particle(word: str) -> str:
    """A Hangul word without its particle: the longest one in KO_PARTICLES that ends it, once.
    The stem must keep at least 2 syllables after a one-syllable particle (``회사가`` ->
    ``회사``, but ``나이`` stays ``나이``) and at least 1 after a longer one (``집에서`` ->
    ``집``); otherwise the word is kept whole."""
    for particle in _KO_BY_LENGTH:
        if word.endswith(particle):
            stem = word[: -len(particle)]
            if len(stem) >= (2 if len(particle) == 1 else 1):
                return stem
    return word


def _word(raw: str) -> str | None:
    word = unicodedata.normalize("NFC", raw)
    if not any(unicodedata.category(ch)[0] == "L" for ch in word):
        return None  # a number, or marks alone
    if any(_is_hangul(ch) for ch in word):
        if any(unicodedata.category(ch)[0] == "N" for ch in word) \
                or not any("\uac00" <= ch <= "\ud7a3" for ch in word):
            return None  # a date or count ("3월에"), or jamo alone ("ㅋㅋㅋ")
        if word in KO_STOP or word in KO_PARTICLES:
            return None  # a particle after a Latin word ("AI가"), or a word with no topic
        word = strip_particle(word)
        return None if word in KO_STOP else word
    word = word.casefold()
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in EN_STOP:
        return None
    return word


def tokens(text: str) -> list[str]:
    """The radar's words of one answer, in order, repeats kept."""
    text = unicodedata.normalize("NFC", text or "").replace("\u2019", "'")
    text = _URL.sub(" ", text)
    out = []
    for raw in _runs(text):
        word = _word(raw)
        if word:
            out.append(word)
    return out


# The log-odds ratio ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    term: str
    now: int  # times used in the recent rounds
    before: int  # times used in the earlier rounds
    z: float  # the z-score of the log-odds ratio, rounded to 2 decimals


@dataclass(frozen=True)
class Radar:
    rising: tuple[Term, ...]  # z > 0, highest first
    falling: tuple[Term, ...]  # z < 0, lowest first

    def as_json(self) -> dict[str, list[dict[str, object]]]:
        return {side: [{"term": t.term, "now": t.now, "before": t.before, "z": t.z} for t in terms]
                for side, terms in (("rising", self.rising), ("falling", self.falling))}


def log_odds_z(y_i: int, y_j: int, n_i: int, n_j: int, y_w: int, n: int, alpha0: float) -> float | None:
    """The z-score of word w's log-odds ratio, recent (i) against earlier (j), with the
    informative Dirichlet prior α_w = α0 · y_w / n. None when the word is the whole corpus
    (nothing to contrast it with) or the counts are empty."""
    if n <= 0 or y_w <= 0 or alpha0 <= 0:
        return None
    alpha_w = alpha0 * y_w / n
    rest_i = n_i + alpha0 - y_i - alpha_w
    rest_j = n_j + alpha0 - y_j - alpha_w
    if rest_i <= 0 or rest_j <= 0:
        return None
    delta = math.log((y_i + alpha_w) / rest_i) - math.log((y_j + alpha_w) / rest_j)
    variance = 1 / (y_i + alpha_w) + 1 / (y_j + alpha_w)
    return delta / math.sqrt(variance)


def radar(recent: Iterable[tuple[Hashable, str]], earlier: Iterable[tuple[Hashable, str]], *,
          alpha0: float | None = None, min_members: int = MIN_MEMBERS, min_count: int = MIN_COUNT) -> Radar:
    """Which words rose and which fell: ``recent`` and ``earlier`` are (member, answer text)
    pairs. ``alpha0`` is the prior's total weight (default: the corpus's size in words)."""
    now: Counter[str] = Counter()
    before: Counter[str] = Counter()
    users: dict[str, set[Hashable]] = {}
    for counts, answers in ((now, recent), (before, earlier)):
        for member, text in answers:
            for word in tokens(text):
                counts[word] += 1
                users.setdefault(word, set()).add(member)
    n_i, n_j = sum(now.values()), sum(before.values())
    n = n_i + n_j
    a0 = float(n) if alpha0 is None else alpha0
    scored: list[tuple[float, Term]] = []
    for word, members in users.items():
        y_i, y_j = now[word], before[word]
        if len(members) < min_members or y_i + y_j < min_count:
            continue
        z = log_odds_z(y_i, y_j, n_i, n_j, y_i + y_j, n, a0)
        if z is None or z == 0:
            continue
        scored.append((z, Term(word, y_i, y_j, round(z, 2))))
    rising = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1].term))
    falling = sorted((s for s in scored if s[0] < 0), key=lambda s: (s[0], s[1].term))
    return Radar(tuple(t for _, t in rising), tuple(t for _, t in falling))
