"""Settings objects the contract tests send, in the documented key order, with the exact
``template_object`` the SDK must post for each; the SDK's error messages; a one-pixel PNG."""

from __future__ import annotations

import base64
from typing import Any

OBJECT_TYPE_ERROR = "objectType should be one of (feed, list, commerce, location, calendar, text)"
SIZE_LIMIT_ERROR = "Failed to send message because it exceeds the message size limit"

LINK = {"webUrl": "https://example.com/page", "mobileWebUrl": "https://m.example.com/page"}
SNAKE_LINK = {"web_url": "https://example.com/page", "mobile_web_url": "https://m.example.com/page"}
CONTENT = {
    "title": "Strawberry cheesecake",
    "description": "#cake #strawberry",
    "imageUrl": "https://example.com/cake.png",
    "imageWidth": 640,
    "imageHeight": 480,
    "link": LINK,
}
SNAKE_CONTENT = {
    "title": "Strawberry cheesecake",
    "description": "#cake #strawberry",
    "image_url": "https://example.com/cake.png",
    "image_width": 640,
    "image_height": 480,
    "link": SNAKE_LINK,
}
BUTTONS = [
    {"title": "Open on the web", "link": LINK},
    {"title": "Open the app", "link": {"androidExecutionParams": "key1=value1", "iosExecutionParams": "key1=value1"}},
]
SNAKE_BUTTONS = [
    {"title": "Open on the web", "link": SNAKE_LINK},
    {
        "title": "Open the app",
        "link": {"android_execution_params": "key1=value1", "ios_execution_params": "key1=value1"},
    },
]
SOCIAL = {"likeCount": 286, "commentCount": 45, "sharedCount": 845, "viewCount": 1000, "subscriberCount": 7}
SNAKE_SOCIAL = {"like_count": 286, "comment_count": 45, "shared_count": 845, "view_count": 1000, "subscriber_count": 7}

TEMPLATES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "feed": (
        {
            "objectType": "feed",
            "content": CONTENT,
            "itemContent": {
                "profileText": "Kakao",
                "profileImageUrl": "https://example.com/profile.png",
                "titleImageUrl": "https://example.com/title.png",
                "titleImageText": "Cheesecake",
                "titleImageCategory": "Cake",
                "items": [{"item": "Cake1", "itemOp": "1000원"}, {"item": "Cake2", "itemOp": "2000원"}],
                "sum": "Total",
                "sumOp": "3000원",
            },
            "social": SOCIAL,
            "buttonTitle": "See more",
            "buttons": BUTTONS,
        },
        {
            "object_type": "feed",
            "button_title": "See more",
            "content": SNAKE_CONTENT,
            "item_content": {
                "profile_text": "Kakao",
                "profile_image_url": "https://example.com/profile.png",
                "title_image_url": "https://example.com/title.png",
                "title_image_text": "Cheesecake",
                "title_image_category": "Cake",
                "items": [{"item": "Cake1", "item_op": "1000원"}, {"item": "Cake2", "item_op": "2000원"}],
                "sum": "Total",
                "sum_op": "3000원",
            },
            "social": SNAKE_SOCIAL,
            "buttons": SNAKE_BUTTONS,
        },
    ),
    "list": (
        {
            "objectType": "list",
            "headerTitle": "Weekly picks",
            "headerLink": LINK,
            "contents": [CONTENT, {**CONTENT, "title": "Second"}],
            "buttonTitle": "All picks",
            "buttons": BUTTONS[:1],
        },
        {
            "object_type": "list",
            "button_title": "All picks",
            "header_link": SNAKE_LINK,
            "contents": [SNAKE_CONTENT, {**SNAKE_CONTENT, "title": "Second"}],
            "buttons": SNAKE_BUTTONS[:1],
            "header_title": "Weekly picks",
        },
    ),
    "commerce": (
        {
            "objectType": "commerce",
            "content": CONTENT,
            "commerce": {
                "productName": "Cheesecake",
                "regularPrice": 20000,
                "discountPrice": 15000,
                "discountRate": 25,
                "currencyUnit": "₩",
                "currencyUnitPosition": 1,
            },
            "buttonTitle": "Buy",
            "buttons": BUTTONS,
        },
        {
            "object_type": "commerce",
            "button_title": "Buy",
            "content": SNAKE_CONTENT,
            "commerce": {
                "product_name": "Cheesecake",
                "regular_price": 20000,
                "discount_price": 15000,
                "discount_rate": 25,
                "currency_unit": "₩",
                "currency_unit_position": 1,
            },
            "buttons": SNAKE_BUTTONS,
        },
    ),
    "location": (
        {
            "objectType": "location",
            "content": CONTENT,
            "address": "166 Pangyoyeok-ro, Bundang-gu, Seongnam-si",
            "addressTitle": "Kakao Pangyo office",
            "social": SOCIAL,
            "buttonTitle": "Directions",
            "buttons": BUTTONS[:1],
        },
        {
            "object_type": "location",
            "button_title": "Directions",
            "content": SNAKE_CONTENT,
            "social": SNAKE_SOCIAL,
            "buttons": SNAKE_BUTTONS[:1],
            "address": "166 Pangyoyeok-ro, Bundang-gu, Seongnam-si",
            "address_title": "Kakao Pangyo office",
        },
    ),
    "location-without-address-title": (
        {"objectType": "location", "content": CONTENT, "address": "Seongnam-si"},
        {"object_type": "location", "content": SNAKE_CONTENT, "address": "Seongnam-si", "address_title": ""},
    ),
    "calendar": (
        {"objectType": "calendar", "idType": "event", "id": "evt-1", "content": CONTENT, "buttons": BUTTONS[:1]},
        {
            "object_type": "calendar",
            "content": SNAKE_CONTENT,
            "buttons": SNAKE_BUTTONS[:1],
            "id_type": "event",
            "id": "evt-1",
        },
    ),
    "text": (  # the example of kakao_share._wire (rule 2)
        {"objectType": "text", "text": "hello", "link": {"webUrl": "https://example.com"}, "buttonTitle": "go"},
        {"object_type": "text", "button_title": "go", "link": {"web_url": "https://example.com"}, "text": "hello"},
    ),
}
TEXT = TEMPLATES["text"][0]

CONTENT_NO_LINK = {"title": "t", "imageUrl": "https://example.com/i.png"}

PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
