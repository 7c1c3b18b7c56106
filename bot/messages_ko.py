"""Korean messages. Keep the keys in step with messages_en.py (a test checks)."""

KO = {
    # answers
    "answer_saved": "{period} 답변을 저장했어요. 다이제스트가 나오기 전까지는 나만 볼 수 있어요.",
    "answer_replaced": "{period} 답변을 바꿨어요. 처음 쓴 답변은 원본으로 보관돼요.",
    "answer_rejected": "저장하지 못했어요: {reason}\n다시 쓰지 않아도 되도록 보내신 글을 돌려드려요:\n{text}",
    "answer_empty": "답변이 비어 있어요.",
    "answer_too_long": "답변이 {length}자예요. 이 그룹의 제한은 {limit}자예요.",
    "round_closed": "{period} 라운드는 이미 마감됐어요.",
    "no_open_round": "지금 열려 있는 라운드가 없어요.",
    "answer_withdrawn": "메시지를 삭제해서 {period} 답변을 철회했어요.",
    "answer_form_title": "내 답변 · {period}",
    "answer_placeholder": "몇 문장이면 충분해요 (최대 {limit}자).",
    "skipped": "{period}는 건너뛰었어요. 마감 전까지는 언제든 답할 수 있어요.",
    "skip_after_answer": "이미 이번 라운드에 답하셨어요. 답변은 그대로 남아 있어요.",
    # prompts and reminders
    "prompt_title": "이번 주 질문 · {period}",
    "prompt_closes": "마감 {closes}",
    "prompt_footer_text": "버튼을 누르거나, 이 스레드에 답글을 달거나, /hindsight answer 로 답해 주세요. 최대 {limit}자.",
    "prompt_footer_scale": "아래에서 점수를 고르고, 답하기로 한두 문장을 덧붙여 주세요. 최대 {limit}자.",
    "prompt_footer_prediction": "예측 질문이에요. 몇 달 뒤에 다시 꺼내 볼 거예요. 최대 {limit}자.",
    "reminder": "{group}에서 알려드려요: 이번 주 질문은 {closes}에 마감돼요.\n> {prompt}",
    "scale_1": "전혀 아님", "scale_2": "조금", "scale_3": "어느 정도", "scale_4": "대체로", "scale_5": "완전히",
    # digests
    "digest_title": "Hindsight 다이제스트 · {period} · {group}",
    "digest_summary": "{members}명 중 {answered}명 답변, {skipped}명 건너뜀.",
    "digest_average": "점수 {count}개의 평균 {average}.",
    "digest_late": "늦게 나온 다이제스트예요: {closes}에 마감될 예정이었는데 {closed}에 마감됐어요.",
    "digest_open": "아직 열려 있는 라운드예요.",
    "digest_empty": "이번 라운드에는 답변이 없어요.",
    "digest_none": "아직 마감된 라운드가 없어요. 이번 주 라운드가 마감되면 첫 다이제스트가 나와요.",
    "digest_not_found": "{period} 라운드는 없어요.",
    "digest_sealed": "{period} 라운드는 아직 진행 중이에요. 답변은 다이제스트 때까지 공개되지 않아요.",
    "digest_list_head": "{group}의 지난 다이제스트 (최신순):",
    "bad_digest_arg": "'{arg}'는 알아들을 수 없어요. 예: digest latest, digest 2 (2주 전), digest 2026-W40, digest list.",
    # search and history
    "search_needs_words": "무엇을 찾을까요? 예: /hindsight search 하이프",
    "search_none": "마감된 라운드와 내 진행 중 답변에서 '{query}'를 찾지 못했어요.",
    "search_head": "'{query}' 검색 결과 {count}건:",
    "history_none": "아직 답변이 없어요.",
    "history_head": "{name}: 답변 {count}건, 최신순:",
    "history_scores": "점수 변화: {trend}",
    "history_anonymous": "익명 그룹이라 내 기록만 볼 수 있어요.",
    "member_not_found": "이 그룹에서 '{name}' 멤버를 찾지 못했어요.",
    "open_mark": "(진행 중)",
    # commands
    "unknown_command": "'{name}'은 없는 명령이에요. /hindsight help 를 입력해 보세요.",
    "command_too_long": "명령이 너무 길어요 ({limit}자 초과).",
    "unknown_button": "더 이상 쓸 수 없는 버튼이나 양식이에요.",
    "not_setup": "이 채널은 아직 설정되지 않았어요. 관리자가 여기서 /hindsight setup 을 실행하면 돼요.",
    "admins_only": "'{command}'는 이 그룹의 관리자만 쓸 수 있어요. 관리자나 워크스페이스/서버 관리자에게 부탁해 주세요.",
    "bad_prompts_arg": "사용법: prompts list, prompts add [text|scale|prediction] English | 한국어, prompts remove ID.",
    "prompts_usage": "사용법: prompts add [text|scale|prediction] English text | 한국어 문장, 또는 prompts remove ID.",
    "bad_export_arg": "json, csv, md 중 하나로 내보낼 수 있어요.",
    "help": (
        "Hindsight는 매주 그룹에 질문 하나를 던지고, 라운드가 마감되면 다이제스트를 올려요.\n"
        "/hindsight answer [내용]: 답하기 (내용 없이 쓰면 입력 창이 열려요)\n"
        "/hindsight skip: 이번 주 건너뛰기\n"
        "/hindsight digest [latest | N주 전 | 2026-W40 | list] [post]: 지난 다이제스트 (관리자는 post로 채널에 공유)\n"
        "/hindsight search <단어>: 그룹이 했던 말 검색\n"
        "/hindsight history [@멤버]: 시간에 따른 답변\n"
        "/hindsight my-data: 내 답변 내려받기 · /hindsight forget-me: 내 답변 삭제\n"
        "질문 스레드에 답글을 달아도 돼요. 첫 답글이 내 답변이 돼요."
    ),
    "help_admin": (
        "관리자: setup [코드] · link · settings [key=value ...] · settings admin add|remove @멤버 · "
        "prompts [list|add|remove] · open · close · pause · resume · export [json|csv|md]"
    ),
    "btn_answer": "답하기", "btn_skip": "건너뛰기", "btn_submit": "저장", "btn_save": "저장",
    "btn_latest_digest": "최근 다이제스트", "btn_history": "내 기록", "btn_open_first": "첫 라운드 지금 열기",
    "btn_settings": "설정", "btn_forget_confirm": "네, 내 답변을 삭제할게요",
    "yes": "예", "no": "아니오",
    # setup and admin
    "already_setup": "이 채널은 이미 '{group}' 그룹에 속해 있어요.",
    "setup_needs_admin": "그룹은 워크스페이스나 서버 관리자만 만들 수 있어요. 기존 그룹에 합류하려면 /hindsight link 로 받은 코드로 /hindsight setup <코드> 를 실행하세요.",
    "bad_link_code": "모르는 코드이거나, 이미 썼거나, 만료된 코드예요. 그룹 관리자에게 새 코드를 부탁하세요 (/hindsight link).",
    "linked": "이제 이 채널도 '{group}' 그룹이에요. 질문과 다이제스트가 여기에도 올라와요.",
    "setup_done": (
        "Hindsight 설정 완료: 이 채널은 '{group}' 그룹이에요.\n"
        "일정 ({timezone}): {schedule}.\n답변은 최대 {limit}자. 설정에서 모두 바꿀 수 있어요."
    ),
    "link_code": "'{group}' 일회용 코드예요. 24시간 동안 유효해요: {code}\n다른 채널에서 실행하세요: /hindsight setup {code}",
    "settings_title": "Hindsight 설정",
    "settings_show": (
        "그룹 {group}\n시간대: {timezone}\n일정: {schedule}\n언어: {language}\n"
        "답변 제한: {limit}\n익명: {anonymous}\n일시 정지: {paused}\n관리자: {admins}"
    ),
    "settings_saved": (
        "저장했어요.\n그룹 {group}\n시간대: {timezone}\n일정: {schedule}\n언어: {language}\n"
        "답변 제한: {limit}\n익명: {anonymous}\n일시 정지: {paused}\n관리자: {admins}"
    ),
    "settings_invalid": "아무것도 바꾸지 않았어요:\n{problems}",
    "settings_usage": "사용법: settings timezone=Asia/Seoul prompt=\"mon 09:00\" remind=off close=\"sun 18:00\" language=ko limit=800 anonymous=no, 또는 settings admin add|remove @멤버.",
    "field_timezone": "시간대 (IANA)", "field_schedule": "일정", "field_language": "언어 (en, ko, both)",
    "field_limit": "답변 제한 (100-2000)", "field_anonymous": "익명 다이제스트 (yes/no)",
    "expect_timezone": "Asia/Seoul, Europe/Berlin 같은 IANA 시간대",
    "expect_day_time": "'mon 09:00' 같은 요일과 시간",
    "expect_remind": "'fri 18:00' 같은 요일과 시간, 또는 'off'",
    "expect_language": "en, ko, both 중 하나",
    "expect_limit": "100부터 2000까지의 정수",
    "expect_anonymous": "yes 또는 no",
    "expect_schedule": "'prompt mon 09:00; remind fri 18:00; close sun 18:00' 형식",
    "expect_setting_name": "없는 설정이에요 (timezone, prompt, remind, close, language, limit, anonymous)",
    "prompts_head": "{group}의 질문 목록 (id, 종류, 사용 횟수; * = 그룹이 추가한 질문):",
    "prompt_added": "질문 {id}을(를) 추가했어요.",
    "prompt_removed": "질문 {id}을(를) 이 그룹의 순서에서 뺐어요.",
    "prompt_not_found": "{id}번 질문은 없어요.",
    "round_opened": "{period} 라운드를 열었어요. 질문을 올리는 중이에요.",
    "round_already_open": "{period} 라운드는 이미 열려 있어요.",
    "round_exists_closed": "이번 기간({period}) 라운드는 이미 진행되고 마감됐어요. 다음 라운드는 일정대로 열려요.",
    "round_closed_now": "{period} 라운드를 마감했어요. 다이제스트를 올리는 중이에요.",
    "paused": "'{group}'을(를) 일시 정지했어요. /hindsight resume 전까지 질문과 리마인더가 나가지 않아요.",
    "resumed": "'{group}'을(를) 다시 시작했어요.",
    "export_ready": "'{group}' 아카이브 (마감된 라운드).",
    "my_data_ready": "내 답변 전체 (JSON).",
    "forget_confirm": "모든 그룹에서 내 답변을 영구히 삭제해요. 정말 삭제할까요?",
    "forgotten": "완료: 답변 {count}건을 삭제했고, 내 정보도 지웠어요.",
    # console
    "console_welcome": "Hindsight 콘솔 · 그룹 'console' · 지금은 {member}예요. 답변을 입력하거나 /hindsight help 를 입력하세요. /as 이름 으로 멤버를 바꿔요.",
    "console_as": "이제 {member}예요.",
    "console_form": "{title}\n답변을 한 줄로 입력하거나 (최대 {limit}자), /hindsight answer <내용> 을 쓰세요.",
    "console_settings_form": "{title}\n현재: {values}\n바꾸려면: /hindsight settings key=value ...",
    "console_upload": "{comment} {path}에 저장했어요.",
    "console_as_usage": "사용법: /as 이름 (이 콘솔에서 답하는 멤버를 바꿔요).",
    "console_bad_utf8": "이 줄은 올바른 UTF-8 텍스트가 아니에요. 읽을 수 없는 바이트는 아래에 \ufffd로 표시했어요.",
    "no_tty": "플랫폼 토큰이 없고, 콘솔을 열 터미널도 없어요. DISCORD_TOKEN 을 설정하거나, SLACK_BOT_TOKEN 과 함께 SLACK_APP_TOKEN (소켓 모드) 또는 SLACK_SIGNING_SECRET (HTTP 모드)을 설정하세요.",
    # slash-command descriptions (Discord shows them; at most 100 characters)
    "cmd_hindsight": "그룹의 주간 회고",
    "cmd_answer": "이번 주 질문에 답하기 (내용 없이 쓰면 입력 창이 열려요)",
    "cmd_skip": "이번 주 건너뛰기",
    "cmd_digest": "다이제스트 보기: latest, N주 전, 2026-W40 또는 list",
    "cmd_search": "그룹이 남긴 답 검색",
    "cmd_history": "시간에 따른 답 보기 (내 것 또는 멤버의 것)",
    "cmd_help": "Hindsight 사용법",
    "cmd_setup": "관리자: 이 채널을 새 그룹에, 또는 링크 코드로 기존 그룹에 연결",
    "cmd_link": "관리자: 다른 채널을 이 그룹에 연결할 일회용 코드 만들기",
    "cmd_settings": "일정, 시간대, 언어, 답변 길이, 익명 여부, 관리자",
    "cmd_prompts": "관리자: 질문 목록, 추가, 삭제",
    "cmd_open": "관리자: 이번 주 라운드를 지금 열기",
    "cmd_close": "관리자: 열린 라운드를 닫고 다이제스트 올리기",
    "cmd_pause": "관리자: 질문과 리마인더 일시 정지",
    "cmd_resume": "관리자: 질문과 리마인더 다시 시작",
    "cmd_export": "관리자: 그룹 기록 내려받기",
    "cmd_my_data": "내 답 전부 내려받기",
    "cmd_forget_me": "내 답 전부 삭제",
    "cmd_opt_text": "답 (비워 두면 입력 창이 열려요)",
    "cmd_opt_which": "latest, 2 (주 전), 2026-W40 또는 list",
    "cmd_opt_words": "찾을 단어",
    "cmd_opt_member": "누구의 답 (기본: 내 것)",
    "cmd_opt_code": "/hindsight link로 받은 코드 (비우면 새 그룹)",
    "cmd_opt_changes": "key=value ... 또는 admin add|remove @멤버 (비우면 입력 창)",
    "cmd_opt_action": "list, add [text|scale|prediction] English | 한국어, 또는 remove ID",
    "cmd_opt_format": "json, csv 또는 md",
    # storage trust rules: a write that failed, a file that is not ours, an overwrite refused
    "answer_not_saved": "데이터베이스가 잠시 바빠서 기록되지 않았어요. 한 번 더 보내 주세요.",
    "skip_not_saved": "저장하지 못했어요: 데이터베이스가 바빠서 건너뛰기가 기록되지 않았어요. 다시 시도해 주세요.",
    "db_not_sqlite": "{path} 파일은 SQLite 데이터베이스가 아니에요. Hindsight는 멈췄고 파일은 그대로 두었어요.",
    "db_foreign": "{path} 파일은 다른 프로그램의 SQLite 데이터베이스예요. Hindsight는 멈췄고 파일은 그대로 두었어요.",
    "db_newer": "{path} 파일은 더 새로운 Hindsight가 만든 것이에요 (스키마 {detail}). Hindsight를 업그레이드해야 쓸 수 있고, 파일은 그대로 두었어요.",
    "db_folder": "{path} 은(는) 폴더예요. 데이터베이스 파일을 지정해 주세요.",
    "cli_empty_path": "출력 경로가 비어 있어요. 파일 이름을 지정해 주세요.",
    "cli_refuse_overwrite": "{target} 은(는) 사용 중인 데이터베이스 {db} (또는 그 -wal/-shm 파일)예요. 덮어쓰지 않아요.",
    # member references and link codes (issue 8)
    "member_ambiguous": "'{name}'(이)라는 멤버가 여러 명이에요:\n{choices}\n멘션(@을 입력하고 목록에서 선택)이나 플랫폼 ID로 한 명을 지정해 주세요.",
    "linked_admins": "채널을 연결해도 관리자가 되지는 않아요. 그룹 관리자는 그대로이고, 관리자가 settings admin add @멤버 로 추가할 수 있어요.",
    "discord_no_channel": "Discord가 이 명령이 어느 채널에서 왔는지 알려 주지 않아서, 연결할 채널이 없어 설정하지 않았어요. 연결하려는 채널에서 /hindsight setup 을 다시 실행해 주세요.",
    "busy_not_saved": "데이터베이스가 바빠서 아무것도 저장하지 못했어요. 잠시 후 다시 시도해 주세요.",
}
