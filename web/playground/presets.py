"""Messages to start from: a product, an event invitation, an article list, a restaurant, a receipt.

Each preset is the settings object ``Kakao.Share.sendDefault`` takes. Images are served by this site
(``images/`` next to this file), so the preview works offline; ``base`` is the folder's absolute URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kakao_share import Text

SHOP = "https://shop.example.com"
EVENTS = "https://events.example.com"
NEWS = "https://news.example.com"
PLACES = "https://places.example.com"


def _link(url: str) -> dict[str, str]:
    return {"webUrl": url, "mobileWebUrl": url}


def product(base: str) -> dict[str, Any]:
    url = f"{SHOP}/products/mug-classic"
    return {
        "objectType": "commerce",
        "content": {
            "title": "클래식 머그 350ml",
            "description": "손으로 유약을 바른 석기 머그. 식기세척기 사용 가능.",
            "imageUrl": f"{base}images/mug.jpg",
            "imageWidth": 640,
            "imageHeight": 640,
            "link": _link(url),
        },
        "commerce": {
            "productName": "클래식 머그",
            "regularPrice": 18000,
            "discountPrice": 14400,
            "discountRate": 20,
        },
        "buttons": [
            {"title": "구매하기", "link": _link(url)},
            {"title": "공유하기", "link": _link(f"{url}?share=kakao")},
        ],
    }


def event(base: str) -> dict[str, Any]:
    url = f"{EVENTS}/meetups/2026-pyscript"
    return {
        "objectType": "feed",
        "content": {
            "title": "브라우저 속 파이썬 밋업에 초대합니다",
            "description": "12월 12일 (토) 오후 2시\n판교 카카오 아지트 3층",
            "imageUrl": f"{base}images/meetup.jpg",
            "imageWidth": 800,
            "imageHeight": 420,
            "link": _link(url),
        },
        "social": {"likeCount": 48, "commentCount": 12},
        "buttons": [
            {"title": "참석하기", "link": _link(f"{url}/rsvp")},
            {"title": "오시는 길", "link": _link(f"{url}/map")},
        ],
    }


def article(base: str) -> dict[str, Any]:
    def story(n: int, title: str, description: str) -> dict[str, Any]:
        return {
            "title": title,
            "description": description,
            "imageUrl": f"{base}images/story-{n}.jpg",
            "imageWidth": 400,
            "imageHeight": 400,
            "link": _link(f"{NEWS}/stories/{n}"),
        }

    return {
        "objectType": "list",
        "headerTitle": "이번 주 읽을거리",
        "headerLink": _link(f"{NEWS}/weekly"),
        "contents": [
            story(1, "브라우저에서 도는 파이썬", "Pyodide로 서버 없이 데이터 다루기"),
            story(2, "카카오톡 공유 메시지 설계법", "제목은 두 줄, 설명은 네 줄까지"),
            story(3, "정적 사이트 배포 체크리스트", "하위 경로에서도 깨지지 않게"),
        ],
        "buttons": [{"title": "전체 보기", "link": _link(f"{NEWS}/weekly")}],
    }


def restaurant(base: str) -> dict[str, Any]:
    url = f"{PLACES}/restaurants/pangyo-pasta"
    return {
        "objectType": "location",
        "content": {
            "title": "판교 파스타 하우스",
            "description": "매일 11:30–21:00 · 예약 가능",
            "imageUrl": f"{base}images/restaurant.jpg",
            "imageWidth": 800,
            "imageHeight": 420,
            "link": _link(url),
        },
        "address": "경기 성남시 분당구 판교역로 166",
        "addressTitle": "판교 파스타 하우스",
        "social": {"likeCount": 320, "commentCount": 41, "sharedCount": 18},
        "buttons": [{"title": "예약하기", "link": _link(f"{url}/booking")}],
    }


def receipt(base: str) -> dict[str, Any]:
    url = f"{SHOP}/orders/A-1024"
    return {
        "objectType": "feed",
        "content": {
            "title": "주문이 완료되었습니다",
            "description": "주문번호 A-1024 · 내일 도착 예정",
            "imageUrl": f"{base}images/receipt.jpg",
            "imageWidth": 400,
            "imageHeight": 400,
            "link": _link(url),
        },
        "itemContent": {
            "profileText": "kakao-share 샵",
            "profileImageUrl": f"{base}images/shop.png",
            "titleImageText": "클래식 머그 외 2건",
            "titleImageCategory": "주방용품",
            "items": [
                {"item": "클래식 머그", "itemOp": "14,400원"},
                {"item": "코스터", "itemOp": "4,000원"},
                {"item": "배송비", "itemOp": "0원"},
            ],
            "sum": "합계",
            "sumOp": "18,400원",
        },
        "buttons": [{"title": "주문 보기", "link": _link(url)}],
    }


@dataclass(frozen=True)
class Preset:
    name: str
    label: Text
    build: Any  # (base URL) -> settings


PRESETS: tuple[Preset, ...] = (
    Preset("product", Text("Product", "상품"), product),
    Preset("event", Text("Event invitation", "행사 초대"), event),
    Preset("article", Text("Articles", "읽을거리"), article),
    Preset("restaurant", Text("Restaurant", "식당 위치"), restaurant),
    Preset("receipt", Text("Receipt", "주문 영수증"), receipt),
)
"""In the order the page offers them; the first is what a new visitor sees."""


def preset(name: str) -> Preset:
    for item in PRESETS:
        if item.name == name:
            return item
    raise KeyError(name)
