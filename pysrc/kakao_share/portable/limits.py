"""Kakao's limits, each stated once: the models, :func:`kakao_share.check` and the widget read them here.

Sources: Kakao's message template documentation and the JavaScript SDK's own checks (see the
project's ``kakao-share-spec``).
"""

__all__ = [
    "CURRENCY_UNIT_POSITIONS",
    "DESCRIPTION_LINES",
    "DISCOUNT_RATE",
    "HEADER_TITLE_LIMIT",
    "ITEM_CONTENT_LIMITS",
    "ITEM_LIMIT",
    "LINK_VER",
    "LIST_CONTENTS",
    "MAX_BUTTONS",
    "MAX_ITEM_ROWS",
    "MAX_SAFE_INTEGER",
    "MIN_IMAGE_SIDE",
    "OPTIONAL_CONTENT_SDK",
    "PAYLOAD_LIMIT",
    "PICKER_CHAT_LIMIT",
    "PICKER_LIMIT",
    "PICKER_SETTINGS_SDK",
    "PICKER_TYPES",
    "RANGE_RULES",
    "SOCIAL_SHOWN",
    "TEXT_LIMIT",
    "TITLE_LINES",
    "check_picker",
]

#: Largest integer a JavaScript number holds exactly (``Number.MAX_SAFE_INTEGER``).
MAX_SAFE_INTEGER = 2**53 - 1

#: The ``link_ver`` the JavaScript SDK sends.
LINK_VER = "4.0"

#: Longest payload, in characters, Kakao accepts on the app-launch (mobile) path.
PAYLOAD_LIMIT = 10_000

#: Buttons under a message.
MAX_BUTTONS = 2
#: Rows of an item list (feed ``item_content.items``).
MAX_ITEM_ROWS = 5
#: How many contents a list message has: (fewest, most).
LIST_CONTENTS = (2, 3)
#: ``discount_rate``: (lowest, highest) percent.
DISCOUNT_RATE = (0, 100)
#: ``currency_unit_position``: 0 after the number, 1 before it.
CURRENCY_UNIT_POSITIONS = (0, 1)

#: The target picker: what it may show, how many targets (lowest, highest), and at most this many chats.
PICKER_TYPES = ("friend", "chat")
PICKER_LIMIT = (1, 10)
PICKER_CHAT_LIMIT = 5

#: The oldest JavaScript SDKs that accept content without a title or an image, and picker settings.
OPTIONAL_CONTENT_SDK = (2, 7, 0)
PICKER_SETTINGS_SDK = (2, 8, 0)

#: Documented display lengths (characters) of item-content fields.
ITEM_CONTENT_LIMITS = {
    "profile_text": (16, "the profile text shows up to 16 characters"),
    "title_image_text": (24, "the title image text shows up to 24 characters over 2 lines"),
    "title_image_category": (14, "the title image category shows up to 14 characters on 1 line"),
    "sum": (6, "the sum label shows up to 6 characters"),
    "sum_op": (11, "the sum value shows up to 11 characters"),
}
TEXT_LIMIT = 200
HEADER_TITLE_LIMIT = 200
ITEM_LIMIT = 6
TITLE_LINES = 2
DESCRIPTION_LINES = 4
MIN_IMAGE_SIDE = 200
SOCIAL_SHOWN = 3

#: How a number out of its range is explained, by field (or ``parent.field`` when the name alone is too
#: common, as ``limit`` is): (rule, fix).
RANGE_RULES = {
    "currency_unit_position": ("must be 0 (currency unit after the number) or 1 (before it)", "use 0 or 1"),
    "discount_rate": (
        f"must be a percentage from {DISCOUNT_RATE[0]} to {DISCOUNT_RATE[1]}",
        f"use a whole number {DISCOUNT_RATE[0]}-{DISCOUNT_RATE[1]}",
    ),
    "template_id": (
        "must be a positive integer (the id shown in Kakao's message template tool)",
        "use the numeric template id from Kakao's console",
    ),
    "picker_settings.limit": (
        f"must be between {PICKER_LIMIT[0]} and {PICKER_LIMIT[1]}",
        f"use a number from {PICKER_LIMIT[0]} to {PICKER_LIMIT[1]}",
    ),
}


def check_picker(kind: "str | None", limit: "int | None") -> "tuple[str, str, str] | None":
    """What is wrong with picker ``kind`` and ``limit`` together, as (code, rule, fix), or None."""
    if kind == "chat" and limit is not None and limit > PICKER_CHAT_LIMIT:
        return (
            "chat_limit",
            f"at most {PICKER_CHAT_LIMIT} when type is chat "
            f"(KakaoTalk lets a user pick up to {PICKER_CHAT_LIMIT} group chatrooms)",
            f"use a limit from {PICKER_LIMIT[0]} to {PICKER_CHAT_LIMIT}",
        )
    return None
