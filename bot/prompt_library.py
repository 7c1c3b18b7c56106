"""The built-in prompt library (en + ko), as plain data.

Prompts rotate through the group's themes. The two
anchors come first and are asked first; the rest follow in this order. Keys are stable
slugs: once shipped, a key never changes, since stored data may refer to it.

Kinds:
- "text": a few sentences.
- "scale": a score from 1 (worst) to 5 (best); exactly five labels per language.
- "prediction": a yes/no statement that will be true or false by a date; the answer carries a
  probability (0 to 100%). The text is a statement, not a question. An admin resolves it once
  for everyone, from public information alone, so each prediction passes this checklist:
  1. it names its source or measure (Google Trends, the LMArena leaderboard, a company's own
     announcement), never a member's private numbers or "one of us";
  2. it names its date, relative to the week it is asked ("Within 12 months of this week",
     "이번 주부터 12개월 안에"), never a calendar date: the library is asked again and again,
     and a fixed date would age into the past. The revisit shows the week it was asked;
  3. it names a threshold (a half, a tenth, 10%, "at least one"), so that yes or no is a
     lookup, not a judgement;
  4. both languages state the same thing: same source, same search term, same number.
- "call": an open question ("Which ... will ...?"), answered in free text and graded later by
  its own author. The text opens with a question that says its horizon, then says what would
  count as right ("You're right if ...", "... 맞은 거예요"), so that each author grades by the
  same rule.

Prediction and call prompts have a horizon in months (one of HORIZONS): the round falls due
for a revisit that many months after it was asked. Text and scale prompts have none.

No text contains '@' or '<', so a prompt can never ping anyone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuiltinPrompt:
    key: str  # stable slug, e.g. "next-hype"; never changes once shipped
    kind: str  # one of KINDS
    theme: str  # one of THEMES keys
    text_en: str
    text_ko: str
    labels_en: tuple[str, ...] = ()  # scale only: exactly 5 labels, for scores 1..5
    labels_ko: tuple[str, ...] = ()
    horizon_months: int | None = None  # prediction and call only: one of HORIZONS

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: unknown kind {self.kind!r}")
        if self.kind in DATED_KINDS:
            if self.horizon_months not in HORIZONS:
                raise ValueError(f"{self.key}: a {self.kind} needs a horizon in {HORIZONS}")
        elif self.horizon_months is not None:
            raise ValueError(f"{self.key}: a {self.kind} prompt has no horizon")


KINDS = ("text", "scale", "prediction", "call")
DATED_KINDS = ("prediction", "call")  # the kinds with a horizon, revisited when it falls due
HORIZONS = (6, 12, 24)  # months

THEMES = {
    "hype": ("Hype cycles", "하이프 사이클"),
    "bear": ("Bear-market proof", "하락장 생존력"),
    "cost": ("Cost ladder and moats", "비용 구조와 해자"),
    "ux": ("Clicks vs natural-language UX", "클릭 vs 자연어 UX"),
    "focus": ("Focus under uncertainty", "불확실성 속의 집중"),
    "survive": ("If the hype ended tomorrow", "하이프가 내일 끝난다면"),
}

ANCHOR_KEYS = ("next-hype", "bear-market-proof")

BUILTIN_PROMPTS: tuple[BuiltinPrompt, ...] = (
    # --- The two anchors, always first and in this order. ---
    BuiltinPrompt(
        key="next-hype",
        kind="call",
        theme="hype",
        text_en=(
            "What's the next hype? Name one concrete thing, not a vague trend, that will take off "
            "within six months. You're right if by then it's in pitches and in the news."
        ),
        text_ko=(
            "다음 하이프는 뭘까요? 막연한 트렌드 말고, 6개월 안에 뜰 구체적인 것 하나를 찍어 보세요. "
            "그때 피칭과 뉴스에 자주 나오면 맞은 거예요."
        ),
        horizon_months=6,
    ),
    BuiltinPrompt(
        key="bear-market-proof",
        kind="text",
        theme="bear",
        text_en="Is your business bear-market proof? What still earns money when the market falls?",
        text_ko="우리 사업은 하락장에도 버틸 수 있나요? 시장이 빠질 때도 돈을 벌어 주는 건 뭔가요?",
    ),
    # --- The rest, interleaved so consecutive weeks change theme. ---
    BuiltinPrompt(
        key="cost-ladder",
        kind="text",
        theme="cost",
        text_en=(
            "API model, fine-tuning, or your own foundation model: which rung are you on, "
            "and what would move you up or down?"
        ),
        text_ko=(
            "API 모델, 파인튜닝, 자체 파운데이션 모델 중 지금 어느 단계에 있나요? "
            "한 단계 오르거나 내려갈 이유가 있다면 뭘까요?"
        ),
    ),
    BuiltinPrompt(
        key="survive-tomorrow",
        kind="text",
        theme="survive",
        text_en="If the hype ended tomorrow, which part of your business would still be standing a month later?",
        text_ko="하이프가 내일 끝나도 한 달 뒤까지 버틸 사업 영역은 어디인가요?",
    ),
    BuiltinPrompt(
        key="bear-score",
        kind="scale",
        theme="bear",
        text_en="How bear-market proof are you, 1 to 5?",
        text_ko="우리 사업은 하락장에 얼마나 강한가요? 1~5로 골라 주세요.",
        labels_en=(
            "Would not survive",
            "Barely survive",
            "Would hold on",
            "Mostly unaffected",
            "Stronger in a bear market",
        ),
        labels_ko=(
            "못 버팀",
            "겨우 버팀",
            "버틸 만함",
            "거의 타격 없음",
            "하락장에 더 강함",
        ),
    ),
    BuiltinPrompt(
        key="ux-button-beats-chat",
        kind="text",
        theme="ux",
        text_en="Where in your product would a button beat a chat box? Be honest.",
        text_ko="우리 제품에서 채팅창보다 버튼이 나은 곳은 어디인가요? 솔직하게 적어 주세요.",
    ),
    BuiltinPrompt(
        key="focus-one-or-two-bets",
        kind="text",
        theme="focus",
        text_en="If you could keep only one or two bets before the next cycle, which would they be?",
        text_ko="다음 사이클이 오기 전에 베팅을 한두 개만 남길 수 있다면 뭘 남기겠어요?",
    ),
    BuiltinPrompt(
        key="hype-interest-next-year",
        kind="prediction",
        theme="hype",
        text_en=(
            "12 months after this week, Google Trends (worldwide, web search) will show interest in "
            "\"generative AI\" below half of this week's level."
        ),
        text_ko=(
            "이번 주로부터 12개월 뒤, 구글 트렌드(전 세계, 웹 검색)에서 'generative AI'의 관심도가 "
            "이번 주의 절반 아래로 떨어져 있다."
        ),
        horizon_months=12,
    ),
    BuiltinPrompt(
        key="cost-price-per-user",
        kind="text",
        theme="cost",
        text_en="What would you have to charge per user if you trained your own model? Would anyone pay that?",
        text_ko="자체 모델을 학습시킨다면 사용자당 얼마를 받아야 할까요? 그 가격을 낼 사람이 있을까요?",
    ),
    BuiltinPrompt(
        key="survive-customers",
        kind="text",
        theme="survive",
        text_en="Which customers would stay if nobody talked about AI or crypto anymore? Why would they stay?",
        text_ko="아무도 AI나 크립토 얘기를 하지 않게 돼도 남을 고객은 누구인가요? 왜 남을까요?",
    ),
    BuiltinPrompt(
        key="ux-voice-rarely-used",
        kind="text",
        theme="ux",
        text_en="Voice has been around for years and is still rarely used. Why? What would have to change?",
        text_ko="음성 인터페이스는 나온 지 몇 년이 지났는데도 여전히 잘 안 쓰여요. 왜일까요? 뭐가 바뀌어야 할까요?",
    ),
    BuiltinPrompt(
        key="bear-after-the-fall",
        kind="text",
        theme="bear",
        text_en="Imagine the market fell a year ago and never came back. Who would still pay you, and for what?",
        text_ko="시장이 1년 전에 꺾인 뒤 회복하지 못했다고 해 봐요. 그래도 돈을 낼 고객은 누구고, 무엇에 낼까요?",
    ),
    BuiltinPrompt(
        key="focus-score",
        kind="scale",
        theme="focus",
        text_en="How focused is your team right now, 1 to 5?",
        text_ko="지금 팀은 얼마나 집중하고 있나요? 1~5로 골라 주세요.",
        labels_en=(
            "Scattered",
            "Too many bets",
            "Some focus",
            "Mostly focused",
            "One clear bet",
        ),
        labels_ko=(
            "산만함",
            "벌인 일이 너무 많음",
            "어느 정도 집중",
            "대체로 집중",
            "확실한 베팅 하나",
        ),
    ),
    BuiltinPrompt(
        key="hype-what-stuck",
        kind="text",
        theme="hype",
        text_en="Metaverse, then NFTs, then generative AI. What from each cycle actually stuck, and why?",
        text_ko="메타버스, NFT, 그리고 생성형 AI까지. 각 사이클에서 실제로 남은 건 뭐고, 왜 남았을까요?",
    ),
    BuiltinPrompt(
        key="cost-structure-moat",
        kind="text",
        theme="cost",
        text_en="Is your cost structure a moat? What can you do cheaper than a well-funded competitor?",
        text_ko="우리 비용 구조가 해자가 될 수 있을까요? 자금이 넉넉한 경쟁사보다 싸게 할 수 있는 건 뭔가요?",
    ),
    BuiltinPrompt(
        key="survive-score",
        kind="scale",
        theme="survive",
        text_en="If the hype ended tomorrow, how likely is your company to be around in two years, 1 to 5?",
        text_ko="하이프가 내일 끝난다면, 2년 뒤에도 회사가 살아 있을 가능성은 얼마나 될까요? 1~5로 골라 주세요.",
        labels_en=(
            "Very unlikely",
            "Unlikely",
            "Coin flip",
            "Likely",
            "Almost certain",
        ),
        labels_ko=(
            "거의 없음",
            "낮음",
            "반반",
            "높음",
            "거의 확실",
        ),
    ),
    BuiltinPrompt(
        key="focus-decide-before-clear",
        kind="text",
        theme="focus",
        text_en="What decision are you putting off until the picture is clearer? What would deciding now cost?",
        text_ko="상황이 좀 더 분명해질 때까지 미루고 있는 결정은 뭔가요? 지금 결정하면 어떤 대가를 치르게 될까요?",
    ),
    BuiltinPrompt(
        key="ux-click-habits",
        kind="text",
        theme="ux",
        text_en="Which click-based flow do your users refuse to give up? What does that tell you?",
        text_ko="사용자들이 끝까지 놓지 않는 클릭 기반 흐름은 뭔가요? 그건 무슨 신호일까요?",
    ),
    BuiltinPrompt(
        key="bear-revenue-call",
        kind="call",
        theme="bear",
        text_en=(
            "In 12 months, will your revenue be higher or lower than today, whatever the market does? "
            "Say roughly by how much. You're right if you're within 10 percentage points of the real change."
        ),
        text_ko=(
            "12개월 뒤 시장이 어떻게 되든 매출은 지금보다 늘어 있을까요, 줄어 있을까요? 대략 몇 %일지도 "
            "적어 보세요. 실제 변화와의 차이가 10%p 이내면 맞은 거예요."
        ),
        horizon_months=12,
    ),
    BuiltinPrompt(
        key="hype-independence",
        kind="scale",
        theme="hype",
        text_en="How much of your growth would hold without the current hype, 1 to 5?",
        text_ko="지금의 성장 중 하이프 없이도 유지될 부분은 얼마나 되나요? 1~5로 골라 주세요.",
        labels_en=(
            "Almost none",
            "A little",
            "About half",
            "Most of it",
            "All of it",
        ),
        labels_ko=(
            "거의 없음",
            "조금",
            "절반쯤",
            "대부분",
            "전부",
        ),
    ),
    BuiltinPrompt(
        key="cost-compounding-moat",
        kind="text",
        theme="cost",
        text_en="What moat grows just because you keep doing one thing for years? Are you building it now?",
        text_ko="한 가지를 몇 년째 계속하는 것만으로 커지는 해자는 뭘까요? 지금 그걸 쌓고 있나요?",
    ),
    BuiltinPrompt(
        key="focus-gpu-scarcity",
        kind="text",
        theme="focus",
        text_en="Suppose you never got more compute than you have today. What would you build differently?",
        text_ko="컴퓨팅 자원이 지금보다 절대 늘지 않는다고 해 봐요. 그럼 뭘 다르게 만들겠어요?",
    ),
    BuiltinPrompt(
        key="survive-plain-pitch",
        kind="text",
        theme="survive",
        text_en="Describe what you do without the words AI, Web3 or crypto. Does it still sound worth paying for?",
        text_ko="AI, Web3, 크립토라는 단어 없이 우리가 하는 일을 설명해 보세요. 그래도 돈을 낼 만하게 들리나요?",
    ),
    BuiltinPrompt(
        key="ux-language-evidence",
        kind="scale",
        theme="ux",
        text_en="How much evidence do you have that your users want natural language over clicks, 1 to 5?",
        text_ko="사용자가 클릭보다 자연어를 원한다는 근거가 얼마나 있나요? 1~5로 골라 주세요.",
        labels_en=(
            "None, just a hunch",
            "Anecdotes",
            "Some data",
            "Solid data",
            "Proven in usage",
        ),
        labels_ko=(
            "없음, 감일 뿐",
            "몇몇 사례",
            "데이터 조금",
            "탄탄한 데이터",
            "사용량으로 입증",
        ),
    ),
    BuiltinPrompt(
        key="hype-fading-signs",
        kind="text",
        theme="hype",
        text_en="What was the first sign that the last hype was fading? Do you see it anywhere now?",
        text_ko="지난 하이프가 꺼질 때 처음 보인 신호는 뭐였나요? 지금 그 신호가 보이는 곳이 있나요?",
    ),
    BuiltinPrompt(
        key="bear-revenue-halved",
        kind="text",
        theme="bear",
        text_en="If revenue halved next month, what would you cut first, and what would you protect?",
        text_ko="다음 달 매출이 반토막 나면 가장 먼저 뭘 줄이고, 뭘 끝까지 지킬 건가요?",
    ),
    BuiltinPrompt(
        key="focus-open-models",
        kind="text",
        theme="focus",
        text_en=(
            "Open models, including Korean-language ones, are catching up fast. "
            "What does that make easier or harder for you?"
        ),
        text_ko="한국어 모델을 포함한 오픈 모델이 빠르게 따라오고 있어요. 그래서 쉬워지는 것과 어려워지는 건 각각 뭔가요?",
    ),
    BuiltinPrompt(
        key="cost-moat-score",
        kind="scale",
        theme="cost",
        text_en="How hard would it be for a well-funded team to copy you in six months, 1 to 5?",
        text_ko="자금이 넉넉한 팀이 6개월 안에 우리를 베끼기는 얼마나 어려울까요? 1~5로 골라 주세요.",
        labels_en=(
            "Easy",
            "Fairly easy",
            "Takes real effort",
            "Hard",
            "Nearly impossible",
        ),
        labels_ko=(
            "쉬움",
            "꽤 쉬움",
            "꽤 애써야 함",
            "어려움",
            "거의 불가능",
        ),
    ),
    BuiltinPrompt(
        key="survive-two-year-call",
        kind="call",
        theme="survive",
        text_en=(
            "Two years from now, which company in your space will be gone, and which will still be here? "
            "Name one of each. You're right if both turn out so, half right if one does."
        ),
        text_ko=(
            "2년 뒤 우리 분야에서 사라져 있을 회사와 살아남아 있을 회사는 어디일까요? 하나씩 꼽아 보세요. "
            "둘 다 맞으면 맞음, 하나만 맞으면 반쯤 맞음이에요."
        ),
        horizon_months=24,
    ),
    BuiltinPrompt(
        key="ux-voice-call",
        kind="prediction",
        theme="ux",
        text_en=(
            "Within two years of this week, OpenAI, Google or Apple will announce that at least 10% of "
            "its AI assistant's weekly users talk to it mainly by voice."
        ),
        text_ko=(
            "이번 주부터 2년 안에 OpenAI, 구글, 애플 중 한 곳이 자사 AI 비서 주간 사용자의 10% 이상이 "
            "주로 음성으로 말을 건다고 발표한다."
        ),
        horizon_months=24,
    ),
    BuiltinPrompt(
        key="hype-six-month-call",
        kind="call",
        theme="hype",
        text_en=(
            "Six months from now, which of today's hot topics will nobody be pitching any more? "
            "Name one. You're right if by then it's gone from pitches and the news."
        ),
        text_ko=(
            "6개월 뒤, 지금 뜨거운 것 중 아무도 더는 피칭하지 않을 건 뭘까요? 하나만 꼽아 보세요. "
            "그때 피칭에서도 뉴스에서도 사라졌으면 맞은 거예요."
        ),
        horizon_months=6,
    ),
    BuiltinPrompt(
        key="cost-api-price-call",
        kind="prediction",
        theme="cost",
        text_en=(
            "Within 12 months of this week, an API will offer a model ranked at or above this week's #1 "
            "on the LMArena text leaderboard for under a tenth of that model's price per output token."
        ),
        text_ko=(
            "이번 주부터 12개월 안에, 이번 주 LMArena 텍스트 리더보드 1위와 같거나 더 높은 순위의 모델이 "
            "그 1위 모델의 출력 토큰당 가격의 10분의 1 미만으로 API에 나온다."
        ),
        horizon_months=12,
    ),
    BuiltinPrompt(
        key="focus-open-model-call",
        kind="prediction",
        theme="focus",
        text_en=(
            "Within 12 months of this week, at least one Korean bank, telecom or ministry will announce that it serves "
            "customers with an open-weight Korean model instead of a closed API."
        ),
        text_ko=(
            "이번 주부터 12개월 안에 국내 은행, 통신사, 정부 부처 중 적어도 한 곳이 폐쇄형 API 대신 오픈 웨이트 "
            "한국어 모델로 고객 서비스를 한다고 발표한다."
        ),
        horizon_months=12,
    ),
)
