"""The sample group of ``hindsight demo``: five founders, a year of weekly answers.

Pure data, read by bot/demo.py. Each week names the prompt to ask (a built-in key, or one of
the group's own 6-month predictions below) and what each member did: an answer (the text a
member types, so a scale answer starts with its score, ``3 because…``, and a prediction with
its probability, ``70% because…``), a skip, a click on a score button, or nothing at all.

The year drifts the way the group's years do: the first months talk of the metaverse and
NFTs and the crypto winter, the middle of generative AI, GPUs and the cost ladder, the last
months of AI agents (에이전트), so the hype radar has something to show.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MEMBERS = ("alice", "민준", "priya", "서연", "tom")
ADMIN = "alice"  # she set the group up: the admin commands (prompts next, settings, resolve) are hers

SKIP = "/skip"  # the member skipped the week


@dataclass(frozen=True)
class Click:
    """The member clicked a score button and wrote nothing."""

    score: int


Entry = str | Click | None  # None: the member did not answer (and got the Friday reminder)


@dataclass(frozen=True)
class Week:
    prompt: str  # a built-in key, or a key of OWN_PREDICTIONS
    answers: tuple[Entry, Entry, Entry, Entry, Entry]  # in the order of MEMBERS
    anonymous: bool = False  # the round opens with anonymity on (turned off again after it opened)
    outcome: str | None = None  # a prediction: how the admin resolves it when it comes back
    grades: dict[str, str] = field(default_factory=dict)  # a call: how each author grades it


# The group's own predictions (``prompts add prediction 6m English | 한국어``): six months, so
# each comes back within the year.
OWN_PREDICTIONS = {
    "own-agents-paying": (
        "Within six months, at least two of us will have a paying customer for a feature that runs as an AI agent.",
        "6개월 안에 우리 중 최소 두 명에게 AI 에이전트로 돌아가는 기능에 돈을 내는 고객이 생긴다.",
    ),
    "own-nft-volume": (
        "Within six months, monthly trading volume on the largest NFT marketplace will be below half of today's.",
        "6개월 안에 가장 큰 NFT 마켓플레이스의 월 거래량이 지금의 절반 아래로 떨어진다.",
    ),
    "own-korean-open-model": (
        "Within six months, one of us will serve an open Korean-language model in production instead of a closed API.",
        "6개월 안에 우리 중 한 명은 폐쇄형 API 대신 오픈 한국어 모델을 실서비스에 올린다.",
    ),
}

# Tom takes a summer break: he says so in this week (after answering) and is away until the
# Monday this many weeks later.
AWAY_MEMBER = "tom"
AWAY_FROM_WEEK = 27
AWAY_WEEKS = 4

W = Week
YEAR: tuple[Week, ...] = (
    # --- months 1 to 3: the metaverse and NFTs are still in the air, the crypto winter is not over
    W("next-hype", (
        "Generative AI copilots for support teams. Not the metaverse, not NFTs: tools that cut a real cost line.",
        "메타버스 안의 NFT 아이템 거래. 게임 안에서 쓰는 아이템이면 투기가 아니라 실사용이라고 봐요.",
        "GPU rental marketplaces. Everyone wants to fine-tune something and nobody can get cards.",
        "한국어 특화 LLM. 영어 모델로는 계약서랑 공문서가 안 돼요.",
        "Bitcoin ETFs bring retail back, and NFTs ride along for one more season.",
    ), grades={"alice": "right", "민준": "wrong", "priya": "partly", "서연": "right", "tom": "partly"}),
    W("bear-market-proof", (
        "Half of it. Ticketing fees come from events, not from token prices. The NFT collectibles side is dead weight.",
        "아니요. 게임 매출의 70%가 NFT 아이템 판매라서 코인 가격이 빠지면 같이 빠져요.",
        "Mostly. Teams pay for the fine-tuning pipeline monthly, and they pay more when they cut headcount.",
        "네. 고객이 법무팀이라 시장이랑 상관없이 문서는 계속 나와요.",
        "No. Wallet revenue is swap fees, and swaps dry up first when the market falls.",
    )),
    W("bear-score", (
        "2 because the NFT side still pays half the salaries, and the metaverse venue pilot pays nothing.",
        "2 메타버스 프로젝트 두 개가 보류됐어요.",
        "3 because contracts are annual, but two customers are crypto funds.",
        "3 고객은 탄탄한데 런웨이가 8개월밖에 안 남았어요.",
        Click(2),
    )),
    W("own-agents-paying", (
        "60% because our support bot already closes tickets by itself; two of us is the hard part.",
        "35% 에이전트는 데모는 좋은데 돈 내는 고객은 아직 못 봤어요.",
        "50% because I'd count my own pipeline agent if one customer pays for it.",
        "40% 법무 문서는 사람이 끝까지 확인하고 싶어 해요.",
        "20% because agents with a wallet are a security team's nightmare.",
    ), outcome="yes"),
    W("hype-what-stuck", (
        "From the metaverse: nothing we use. From NFTs: proof of attendance for events, oddly. From generative AI: everything.",
        "메타버스에서 남은 건 아바타 꾸미기 정도. NFT는 게임 아이템 소유권 개념이 남았다고 봐요.",
        "NFTs left us better wallets. The metaverse left us cheaper 3D tooling. AI is still being decided.",
        "메타버스는 남은 게 거의 없고 NFT도 마찬가지예요. 생성형 AI는 검색이랑 문서 작업에 이미 붙었어요.",
        SKIP,
    )),
    W("cost-ladder", (
        "API model, and happy there. Fine-tuning would only move us if the API price doubled.",
        "API 모델이요. 게임 NPC 대사에 쓰는데 자체 모델은 상상도 못 해요.",
        "Fine-tuning, because that is what we sell. A foundation model would need ten times our raise.",
        "파인튜닝이요. 한국어 법률 용어 때문에 API만으로는 정확도가 안 나와요.",
        "API. We're a wallet; the model is a feature, not the product.",
    )),
    W("ux-button-beats-chat", (
        "Refunds. People want one button and a confirmation, not a conversation with a bot.",
        "아이템 구매요. 채팅으로 사라고 하면 다들 버튼을 찾아요.",
        None,
        "계약서 승인. 승인은 버튼 하나여야 법무팀이 안심해요.",
        "Sending money, in the metaverse or out of it. Nobody types 'send 0.3 ETH to Bob' when a form with a preview exists.",
    )),
    W("focus-one-or-two-bets", (
        "Ticketing for mid-size venues, and a support copilot. We're dropping the NFT collectibles and the metaverse venue.",
        "게임 하나랑 NFT 마켓 하나. 메타버스 월드는 접기로 했어요.",
        "Fine-tuning pipeline and evals. Nothing else.",
        "한국어 문서 검토 하나만요.",
        "Wallet and on-ramp. The NFT gallery and the metaverse land both go.",
    )),
    W("bear-score", (
        "2 because the venue deals are slow to close.",
        "1 NFT 거래량 반토막 남. 번레이트부터 줄이는 중이에요.",
        "3 because nothing changed, which is good news now.",
        "4 공공기관 계약이 하나 들어왔어요.",
        "2 because fees are down again this month.",
    )),
    W("survive-tomorrow", (
        "The ticketing. Venues sell tickets whatever the timeline talks about.",
        "솔직히 게임 서버 운영 대행 정도요. NFT 마켓은 하루 만에 멈출 거예요.",
        "The pipeline. Companies fine-tune on their own data whatever it's called. Nobody fine-tunes for the metaverse.",
        "문서 검토 서비스 전부요. 저희는 AI라는 말을 빼도 팔려요.",
        "The on-ramp. People still need to move money.",
    )),
    W("own-nft-volume", (
        "70% because our own NFT sales fell by more than that since spring.",
        "45% 게임 아이템 거래는 아직 버티고 있어요.",
        "65% because the wash trading is drying up too.",
        "60% 주변에 NFT 얘기하는 사람이 아무도 없어요.",
        "30% because one bull run brings it all back in a week.",
    ), outcome="yes"),
    W("cost-price-per-user", (
        "About forty dollars a month per agent seat instead of four. Nobody in events pays that.",
        "유저당 월 2만 원은 받아야 해요. 게이머는 절대 안 내요.",
        "We'd need enterprise pricing, six figures a year per customer. Two would pay, maybe.",
        "문서 한 건당 지금의 다섯 배요. 로펌은 낼 수도 있는데 중소기업은 못 내요.",
        None,
    )),
    W("hype-six-month-call", (
        "The metaverse. Our venue pilot can't get a meeting about it already; by autumn nobody will pitch it.",
        "메타버스요. 저희도 월드를 접었는데, 반년 뒤엔 피칭 자료에서 아예 사라질 거예요.",
        "NFT profile pictures. The marketplaces will limp on, but nobody will raise money on them.",
        SKIP,
        "Nothing fades that fast. Crypto winters end, and NFTs will be back in every deck by autumn.",
    ), grades={"alice": "right", "민준": "right", "priya": "partly", "tom": "wrong"}),
    # --- months 4 to 7: generative AI everywhere, GPUs scarce, the cost ladder bites
    W("focus-score", (
        "3 because the NFT side still eats a day a week.",
        "2 게임이랑 마켓 사이에서 계속 흔들려요.",
        "4 because we said no to three custom projects.",
        "5 하나만 하고 있어요.",
        "3 because the gallery is gone but the team misses it.",
    )),
    W("ux-voice-rarely-used", (
        "Because you can't skim a voice answer. It would need to be faster than looking at a screen.",
        "사람들 앞에서 말하기 민망해서요. 이어폰 끼고 혼자 있을 때나 써요.",
        "Voice fails silently. A wrong button you can see; a wrong transcription you find out later.",
        "한국어 음성 인식이 회의록 수준은 됐는데 명령어는 여전히 틀려요.",
        "Voice has no undo. Money needs an undo.",
    )),
    W("survive-customers", (
        "The venues. They were never there for the crypto, they wanted fewer no-shows.",
        "게임을 좋아하는 유저들이요. NFT 때문에 온 유저는 이미 떠났어요.",
        "The ML teams at banks. They'd be relieved if nobody said AI anymore.",
        "로펌이랑 공공기관이요. 거기는 유행을 안 타요.",
        "The freelancers who get paid in stablecoins. They stay for the fees, not the story.",
    )),
    W("cost-structure-moat", (
        "Yes: two people run what a competitor runs with twelve, because the support copilot handles tier one.",
        "아니요. 서버비가 경쟁사랑 똑같아요.",
        "Partly. Our GPUs are reserved for a year at last winter's price.",
        "네. 한국어 법률 데이터를 직접 정리해서 라벨링 비용이 거의 안 들어요.",
        "No. Fees are a race to the bottom.",
    )),
    W("bear-score", (
        "3 because the copilot started paying for itself.",
        "2 게임 매출이 조금 돌아왔어요.",
        "4 because we signed the second bank.",
        "4 현금이 1년치로 늘었어요.",
        "1 because swap fees halved again.",
    )),
    W("bear-revenue-halved", (
        "The office and the NFT contracts go. The two engineers on the agent stay, whatever it costs.",
        "메타버스 월드 서버부터 끌 거예요. 게임 운영팀은 지켜요.",
        "Conferences and the second GPU reservation. I'd protect the evals team.",
        "마케팅 전부요. 법률 데이터 라벨러는 끝까지 지켜요.",
        "Salaries, mine first. The compliance work stays or we lose the licence.",
    ), anonymous=True),
    W("own-korean-open-model", (
        "30% because the open models are close, but close isn't production.",
        "55% 서연 님이 할 것 같아요.",
        "25% because serving is the hard part, not the weights.",
        "80% 이미 테스트 중이에요. 석 달이면 돼요.",
        None,
    ), outcome="no"),
    W("focus-gpu-scarcity", (
        "Smaller models and more caching. Most support questions are the same forty questions.",
        "NPC 대사는 미리 생성해두고 실시간 생성은 줄일 거예요.",
        "Distillation first, always. We'd sell the small models as the product.",
        "GPU가 더 안 나오면 오픈 한국어 모델을 양자화해서 CPU로 돌릴 거예요.",
        "We don't use GPUs. This is the one week I'm glad to be boring.",
    )),
    W("survive-plain-pitch", (
        "We help venues fill seats and answer their customers at night. Yes, that sounds worth paying for.",
        "재미있는 게임을 만듭니다. 이것만으로는 투자자가 안 올 것 같아요.",
        "We make your company's models better on your data and tell you when they get worse. Yes.",
        "계약서를 더 빨리, 덜 틀리게 검토해 드립니다. 충분히 팔려요.",
        "A cheaper way to get paid across borders. Yes, and it always was.",
    )),
    W("cost-moat-score", (
        "3 because the venue relationships took two years.",
        "2 게임은 누구나 만들 수 있어요.",
        "3 because the eval data is ours.",
        "4 법률 데이터는 6개월로는 못 모아요.",
        "2 because wallets are a commodity.",
    )),
    W("ux-click-habits", (
        "Seat maps. We built a chat booking flow and everyone went back to clicking seats.",
        "인벤토리 정리요. 드래그 앤 드롭을 절대 포기 안 해요.",
        "Diff views. Engineers want to click through the diff, not read a summary.",
        "빨간 줄 그어서 수정하는 거요. 채팅으로 수정하라고 하면 안 써요.",
        "The confirm screen. It tells me natural language is for asking, clicks are for committing.",
    )),
    W("next-hype", (
        "Agent marketplaces: you'll hire an agent the way you install an app.",
        "에이전트 결제요. 에이전트가 돈을 쓰려면 지갑이 필요해요.",
        "Evals as a product. Once everyone has agents, someone has to tell you which ones work.",
        "음성 에이전트. 콜센터가 먼저 바뀔 거예요.",
        "Stablecoin payments for agents. The first boring crypto product that AI needs.",
    ), grades={"alice": "partly", "민준": "partly", "priya": "right", "서연": "wrong", "tom": "right"}),
    W("hype-independence", (
        "4 because venues don't care what we call it.",
        "2 게임 유입의 절반이 AI 마케팅이었어요.",
        "3 because the budget line is called 'AI' this year.",
        "4 법무팀은 유행을 안 타요.",
        "3 because payments don't need a hype, but our users came from one.",
    )),
    W("focus-decide-before-clear", (
        "Whether to rebuild support around agents. Waiting costs us a year of learning.",
        "NFT 마켓을 닫을지. 미루는 동안 매달 서버비가 나가요.",
        "Whether to train a small foundation model. Deciding now costs a GPU reservation I might not need.",
        "오픈 모델로 완전히 옮길지. 늦게 정하면 경쟁사가 먼저 가격을 내려요.",
        "Whether to support agent wallets. Deciding now costs compliance work for a market that may not come.",
    )),
    W("bear-score", (
        "3 because the agent pilot has two paying venues.",
        "3 에이전트 기능으로 B2B 계약이 하나 생겼어요.",
        "4 because revenue held through the summer.",
        "4 변함없어요.",
        "2 because swap fees are flat, but flat is better than falling.",
    )),
    # --- months 7 to 12: AI agents
    W("cost-compounding-moat", (
        "Every support conversation our agents close makes the next one better. We've been building it since spring.",
        "게임 운영 로그요. 5년치 유저 행동 데이터가 에이전트 학습에 쓰이기 시작했어요.",
        "Eval sets. Each customer's failures become tests nobody else has.",
        "한국어 법률 데이터셋이요. 매주 늘어나고 경쟁사는 처음부터 시작해야 해요.",
        None,
    )),
    W("hype-fading-signs", (
        "With NFTs it was when the conference side events outnumbered the talks. I see that now with agents.",
        "NFT 때는 친척들이 물어보기 시작했을 때요. 요즘 에이전트가 딱 그래요.",
        "When the demos got longer and the customer names got vaguer. Some agent demos are there.",
        "메타버스 때는 대기업 보도자료가 쏟아졌을 때였어요. 에이전트 보도자료도 슬슬 보여요.",
        None,
    )),
    W("survive-score", (
        "4 because the agents pay for their compute now.",
        "3 에이전트로 피벗하고 나서 PMF 비슷한 게 보여요 ㅋㅋ",
        "4 because our customers renew.",
        "5 흑자예요.",
        None,
    )),
    W("ux-language-evidence", (
        "3 because users ask the agent, then click the button it shows them.",
        "2 유저들은 여전히 메뉴를 눌러요.",
        "2 because our users are engineers and they want a CLI.",
        "4 검토 요청은 다들 문장으로 써요.",
        "2 because nobody wants to chat with their bank.",
    )),
    W("focus-open-models", (
        "Easier: we can run the support agents ourselves. Harder: our copilot is now a weekend project for anyone.",
        "에이전트 비용이 내려가서 좋아요. NPC마다 작은 오픈 모델을 붙일 수 있어요.",
        "Harder. Fine-tuning gets cheaper for everyone, so we have to sell the evals, not the tuning.",
        "오픈 한국어 모델 덕분에 온프레미스 계약이 가능해졌어요. 공공기관은 그걸 원해요.",
        "Easier: we can screen transactions with a local model and never send data out.",
    )),
    W("bear-after-the-fall", (
        "Venues, for ticketing and for the support agents. Nobody pays us for NFTs anymore.",
        "B2B 에이전트 고객이요. 게임 매출보다 커졌어요.",
        "Banks and insurers, for evals and fine-tuning. Same as before the fall.",
        "로펌, 공공기관, 그리고 이번에 들어온 보험사요.",
        "Freelancers and a few agent platforms paying in stablecoins.",
    )),
    W("cost-api-price-call", (
        "75% because prices fell like that twice already.",
        "70% 오픈 모델이 가격을 끌어내려요.",
        "85% because distillation makes it almost a certainty.",
        "80% 한국어 모델도 같이 싸질 거예요.",
        "60% because GPU scarcity could stall it.",
    )),
    W("hype-what-stuck", (
        "NFTs: proof of attendance, still. Generative AI: support copilots. Agents: too early, but they pay our salaries.",
        "메타버스는 기억도 안 나요. 에이전트는 이제 매출이에요.",
        "Same answer as in the spring, plus evals. Every cycle leaves tooling behind.",
        "생성형 AI는 완전히 자리 잡았어요. 에이전트는 반쯤요.",
        "Stablecoins stuck. That's the whole list from crypto.",
    )),
    W("survive-two-year-call", (
        "Gone: the chatbot wrappers. Here: the venues' own ticketing, because it's boring and paid.",
        "사라질 곳: 메타버스 플랫폼 대부분. 남을 곳: 게임 운영 자동화 회사들.",
        "Gone: agent frameworks with no customers. Here: eval and observability vendors.",
        "사라질 곳: 영어 모델 번역해서 파는 회사. 남을 곳: 데이터 가진 회사.",
        "Gone: most NFT marketplaces. Here: the stablecoin issuers.",
    )),
    W("bear-score", (
        "4 because agents are half our revenue and they don't care about token prices.",
        "3 에이전트 계약 덕분에 버틸 만해요.",
        "4 because nothing moved, again.",
        "5 공공 계약 갱신됐어요.",
        "2 because fees are still flat.",
    )),
    W("cost-ladder", (
        "Still API for the agents, fine-tuned small models for routing. Moved half a rung.",
        "API 모델에서 오픈 모델 파인튜닝으로 옮기는 중이에요. 에이전트 비용 때문에요.",
        "Same rung. Training our own would make us one of the companies we sell to.",
        "오픈 한국어 모델 파인튜닝이요. 자체 모델은 여전히 안 해요.",
        "API. Still a feature.",
    )),
    W("ux-button-beats-chat", (
        "Still refunds. The agent proposes the refund, a human clicks the button. That split works.",
        "에이전트가 추천하고 유저는 버튼으로 확정해요. 채팅만으로는 구매가 안 일어나요.",
        "Approving a deploy. Nobody wants to type 'yes ship it' to an agent.",
        "계약서 서명이요. 에이전트가 다 준비해도 마지막은 버튼이에요.",
        "Every payment. Agents draft, buttons sign.",
    )),
    W("focus-score", (
        "4 because we finally shut the NFT side down.",
        "4 에이전트 하나에 집중하고 있어요.",
        "4 because evals is the whole company now.",
        "4 공공 쪽이 커져서 조금 흩어졌어요.",
        "3 because agent payments are a second bet now.",
    )),
    W("hype-interest-next-year", (
        "20% because \"generative AI\" is in every product name now; people keep searching for it.",
        "30% 검색은 줄어도 사용은 늘어요.",
        "15% because it's in every product now.",
        "25% 관심이 식는 건 맞는데 반까지는 아니에요.",
        "40% because I've seen this exact curve with NFTs.",
    )),
    W("bear-market-proof", (
        "Yes, this time. Ticketing and support agents, paid monthly, no token anywhere.",
        "절반은요. 에이전트 B2B는 괜찮고 게임은 여전히 시장을 타요.",
        "Yes. Same as a year ago, which is the point.",
        "네. 작년보다 고객이 두 배예요.",
        "Not yet. Stablecoin volume helps, swap fees don't.",
    )),
    W("focus-one-or-two-bets", (
        "Support agents for venues. One bet.",
        "게임 운영 에이전트 하나요. NFT 마켓은 닫았어요.",
        "Evals for agents, and nothing else.",
        "한국어 문서 에이전트랑 온프레미스 배포요.",
        "Agent payments on stablecoins, and the wallet that pays the bills.",
    )),
    W("survive-tomorrow", (
        "If the agent hype ended tomorrow, the ticketing and the support work would both stand. We'd stop saying 'agents'.",
        "에이전트 하이프가 끝나도 게임 운영 자동화는 남아요. 이름만 바뀌겠죠.",
        "The evals. Agents or not, models break and someone has to notice.",
        "전부요. 에이전트라는 말은 영업할 때만 써요.",
        "The wallet. Agent payments would go back to being a slide.",
    )),
    W("bear-score", (
        "4 because the agents renewed for another year.",
        "4 에이전트 매출이 게임 매출을 넘었어요.",
        "5 because we're profitable.",
        "4 신규 계약은 느려졌지만 갱신은 다 됐어요.",
        "3 because agent payments started paying.",
    )),
    W("cost-structure-moat", (
        "More than a year ago: our agents run on small models we tuned, a third of the cost of the big APIs.",
        "에이전트를 오픈 모델로 돌려서 경쟁사 절반 비용이에요.",
        "Yes now: evals on cheap models, reserved GPUs, no sales team.",
        "온프레미스 한국어 모델이라 API 비용이 0이에요.",
        "Still no. But agents that pay each other need cheap rails, and we're cheap.",
    )),
    W("ux-voice-call", (
        "35% because voice mode got good, but they only announce a number when it looks big.",
        "40% 게임에서 음성 에이전트를 테스트해 보니 반응이 꽤 좋아요.",
        "20% because they rarely say how people talk to their assistants, and no announcement means no.",
        "45% 콜센터는 벌써 음성 에이전트로 넘어갔어요. 빅테크도 곧 숫자를 자랑할 거예요.",
        SKIP,
    )),
    W("hype-fading-signs", (
        "Agent conferences with no customer on stage. First time I've seen it this cycle.",
        "에이전트 스타트업 이름이 전부 비슷해졌어요. NFT 때랑 똑같아요.",
        "Agent benchmarks nobody trusts. That's where NFT floor prices were two years ago.",
        "에이전트 관련 정부 지원사업이 생겼어요. 메타버스 때 그랬죠.",
        "Agents with tokens. That's the sign, every time.",
    )),
    W("survive-customers", (
        "The venues again. And the support teams who now can't imagine nights without the agents.",
        "에이전트로 운영비를 줄인 게임사들이요. 돈이 보이니까요.",
        "The same banks. They don't say agents, they say automation.",
        "공공기관이요. 거기선 에이전트도 그냥 업무 자동화예요.",
        "The agent platforms paying in stablecoins, as long as the fees stay low.",
    )),
    W("focus-gpu-scarcity", (
        "Same as in the spring: small models, caching, and agents that ask before they think hard.",
        "에이전트마다 큰 모델 쓰지 말고 작은 오픈 모델로 나눠서 돌릴 거예요.",
        "Fewer, better evals. We'd sample agents' runs instead of replaying all of them.",
        "CPU로 돌리는 한국어 모델로 이미 바꿨어요. 부족해도 괜찮아요.",
        None,
    )),
    W("hype-six-month-call", (
        "Chatbot wrappers. Everyone who pitched one now calls it an agent, and soon even that stops working.",
        "'에이전트 네이티브'라는 말이요. 다들 붙이니까 이제 아무 의미가 없어요.",
        "Prompt engineering as a product. Each model release needs less of it.",
        "범용 AI 챗봇이요. 벌써 다들 에이전트라고 부르고 있어요.",
        "Agent tokens. Agents paying agents will stay, but the coins glued to them will be gone from every deck.",
    )),
)

# The week that is open when the demo ends: a member can answer it in the console.
OPEN_WEEK = W("next-hype", (
    None,
    "에이전트끼리 결제하는 스테이블코인 레일. tom 님 말이 맞았어요.",
    "Agents buying compute from each other by the minute.",
    None,
    None,
))
