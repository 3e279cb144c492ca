"""The playground's own words, Korean and English (field labels come with kakao_share's forms).

Text that is in the page before Python starts (headings, static labels) is in ``index.html`` in both
languages; this module holds what Python writes.
"""

from __future__ import annotations

from kakao_share import Text

UI: dict[str, Text] = {
    "title": Text("kakao-share playground: KakaoTalk Share", "kakao-share 놀이터: 카카오톡 공유"),
    "ready": Text(
        "Ready. Edit the message; the preview and code follow.",
        "준비됐습니다. 메시지를 고치면 미리보기와 코드가 따라 바뀝니다.",
    ),
    "message": Text("{kind} message", "{kind} 메시지"),
    "options": Text("Share options", "공유 옵션"),
    "required": Text("required", "필수"),
    "add": Text("Add {what}", "{what} 추가"),
    "remove": Text("Remove {what}", "{what} 삭제"),
    "argument": Text("argument", "인자"),
    "key_n": Text("Key {n}", "키 {n}"),
    "value_n": Text("Value {n}", "값 {n}"),
    "since": Text("Needs Kakao SDK {version} or later.", "카카오 SDK {version} 이상이 필요합니다."),
    "counter": Text("{count} of {limit} characters shown", "{limit}자 중 {count}자"),
    "form_problems": Text("Problems in the message", "메시지의 문제"),
    "whole": Text("Message", "메시지"),
    # SDK (sdk_idle and sdk_sri_needed are also in index.html: shown, or reserved, while Python starts)
    "sdk_idle": Text(
        "Not loaded. Enter your app's JavaScript key and load the SDK.",
        "아직 불러오지 않았습니다. 앱의 JavaScript 키를 넣고 SDK를 불러오세요.",
    ),
    "sdk_loading": Text("Loading Kakao SDK {version}…", "카카오 SDK {version} 버전을 불러오는 중…"),
    "sdk_ready": Text("Kakao SDK {version} is ready (key {key}).", "카카오 SDK {version} 준비 완료 (키 {key})."),
    "sdk_failed": Text("Could not load the SDK: {reason}", "SDK를 불러오지 못했습니다: {reason}"),
    "sdk_key_missing": Text("Enter the app's JavaScript key first.", "먼저 앱의 JavaScript 키를 입력하세요."),
    "sdk_reload": Text(
        "SDK {version} is loaded; reload the page to use another version.",
        "SDK {version} 버전이 이미 로드되었습니다. 다른 버전을 쓰려면 페이지를 새로 고치세요.",
    ),
    "sdk_use_key": Text("Use this key", "이 키 사용"),
    "sdk_load": Text("Load SDK", "SDK 불러오기"),
    "sdk_sri_known": Text("Kakao's published hash for {version}", "카카오가 공개한 {version}의 해시"),
    "sdk_sri_needed": Text(
        "Paste the sha384 hash from Kakao's download page", "카카오 SDK 다운로드 페이지의 sha384 해시를 붙여 넣으세요"
    ),
    # share
    "why_sdk": Text(
        "Load Kakao's SDK first (JavaScript key above).", "먼저 위에서 카카오 SDK를 불러오세요 (JavaScript 키)."
    ),
    "why_sdk_loading": Text("Waiting for Kakao's SDK…", "카카오 SDK를 기다리는 중…"),
    "why_errors": Text("Fix {count} problem(s) first: {first}", "먼저 문제 {count}개를 고치세요: {first}"),
    "why_link_held": Text(
        "The link's message is not what this form shares (see above): edit the form to share it.",
        "링크의 메시지와 이 양식이 공유할 메시지가 다릅니다 (위 참고). 양식을 고친 뒤 공유하세요.",
    ),
    "shareable": Text("Ready to share.", "공유할 수 있습니다."),
    "shared": Text("Sent to KakaoTalk's share window.", "카카오톡 공유 창으로 보냈습니다."),
    "share_failed": Text("Sharing failed: {reason}", "공유하지 못했습니다: {reason}"),
    "button_bound": Text("The SDK button shares the current message.", "SDK 버튼이 지금 메시지를 공유합니다."),
    "button_unbound": Text(
        "The SDK button is bound once the message can be shared.", "메시지를 공유할 수 있게 되면 SDK 버튼이 연결됩니다."
    ),
    # preview and code
    "preview_stale": Text("Showing the last valid message.", "마지막으로 올바르던 메시지를 보여 줍니다."),
    "preview_none": Text("The preview appears once the message is valid.", "메시지가 올바르면 미리보기가 나타납니다."),
    "code_invalid": Text(
        "// Fix the problems in the message to see its code.", "// 메시지의 문제를 고치면 코드가 나타납니다."
    ),
    "js_send": Text("{method} in your click handler", "클릭 핸들러에서 {method}"),
    "js_button": Text("{method} (the SDK binds the click)", "{method} (SDK가 클릭을 연결)"),
    "copied": Text("Copied {what}.", "{what}을(를) 복사했습니다."),
    "copy_failed": Text(
        "Could not copy: select the text and press Ctrl+C.", "복사하지 못했습니다. 텍스트를 선택해 Ctrl+C를 누르세요."
    ),
    "python": Text("the Python code", "파이썬 코드"),
    "javascript": Text("the JavaScript code", "자바스크립트 코드"),
    "json": Text("the JSON", "JSON"),
    "link": Text("the share link", "공유 링크"),
    # presets, link, undo
    "preset_loaded": Text("Loaded the “{name}” preset.", "“{name}” 예시를 불러왔습니다."),
    "cleared": Text("Cleared the form.", "양식을 비웠습니다."),
    "undone": Text("Restored the previous message.", "이전 메시지로 되돌렸습니다."),
    "restored": Text("Opened the message from the link.", "링크의 메시지를 열었습니다."),
    "restored_problems": Text(
        "Opened the message from the link, with {count} problem(s): {first}",
        "링크의 메시지를 열었습니다. 문제 {count}개: {first}",
    ),
    "link_wrong": Text(
        "The link's message is not one Kakao takes as it is:", "링크의 메시지는 이대로는 카카오가 받지 않습니다:"
    ),
    "link_changed": Text(
        "To show it, the form changed it; sharing it unedited would send another message:",
        "양식에 보여 주려고 메시지를 바꿨습니다. 그대로 공유하면 다른 메시지가 갑니다:",
    ),
    "link_change": Text("{where}: the link has {was}, the form has {now}", "{where}: 링크에는 {was}, 양식에는 {now}"),
    "absent": Text("nothing", "없음"),
    "link_malformed": Text(
        "The share link is damaged ({reason}); starting with an empty message.",
        "공유 링크가 손상되었습니다 ({reason}). 빈 메시지로 시작합니다.",
    ),
    "type_changed": Text("Switched to a {kind} message.", "{kind} 메시지로 바꿨습니다."),
    # images
    "img_need_sdk": Text(
        "Load Kakao's SDK first: images are stored by Kakao.",
        "먼저 카카오 SDK를 불러오세요. 이미지는 카카오에 저장됩니다.",
    ),
    "img_no_file": Text("Choose an image file first.", "먼저 이미지 파일을 고르세요."),
    "img_no_url": Text("Enter an image URL first.", "먼저 이미지 URL을 입력하세요."),
    "img_no_target": Text("This message type has no image field.", "이 메시지 종류에는 이미지 항목이 없습니다."),
    "img_uploading": Text("Uploading to Kakao…", "카카오에 올리는 중…"),
    "img_scraping": Text("Kakao is copying the image…", "카카오가 이미지를 복사하는 중…"),
    "img_done": Text(
        "{url} ({width}×{height} px, {size}) is now in “{target}”.",
        "{url} ({width}×{height}px, {size})을 “{target}”에 넣었습니다.",
    ),
    "img_failed": Text("Kakao refused the image: {reason}", "카카오가 이미지를 거부했습니다: {reason}"),
    # Kakao's error codes
    "cause": Text("Why", "원인"),
    "fix": Text("What to do", "해결 방법"),
    "code_unknown": Text("Kakao documents no error code {code}.", "카카오 문서에 없는 에러 코드입니다: {code}"),
    "code_enter": Text("Enter a code such as -401 or 4002.", "-401이나 4002 같은 코드를 입력하세요."),
}


def t(name: str, lang: str, /, **values: object) -> str:
    """The text ``name`` in ``lang``, with ``{placeholder}`` values filled in."""
    text = UI[name].get(lang)
    return text.format(**values) if values else text
