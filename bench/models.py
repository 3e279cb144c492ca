"""Benchmark: build + validate + serialise a realistic feed template, against building dicts by hand.

Run: ``.venv/bin/python bench/models.py [N]``. Each iteration constructs the models (which validates
them, including the payload-size check), then calls ``to_js()`` and ``to_template_object()``. The
baseline builds the same two dicts by hand, with no validation at all.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pysrc"))

from kakao_share import Button, Content, FeedTemplate, ItemContent, ItemRow, Link, Social, parse_template

URL = "https://shop.example.com/products/1234?utm_source=kakao"
IMAGE = "https://shop.example.com/images/1234.jpg"


def with_models(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    link = Link(web_url=URL, mobile_web_url=URL)
    template = FeedTemplate(
        content=Content(
            title=f"Ceramic mug #{i}",
            description="Hand-glazed stoneware, 350 ml, dishwasher safe.",
            image_url=IMAGE,
            image_width=640,
            image_height=640,
            link=link,
        ),
        item_content=ItemContent(
            profile_text="Kakao Shop",
            items=[ItemRow(item="Mug", item_op="14,400원"), ItemRow(item="Ship", item_op="3,000원")],
            sum="Total",
            sum_op="17,400원",
        ),
        social=Social(like_count=120 + i % 7, comment_count=14, shared_count=9),
        buttons=[
            Button(title="Buy", link=link),
            Button(title="Open app", link=Link(android_execution_params="id=1234", ios_execution_params="id=1234")),
        ],
    )
    return template.to_js(), template.to_template_object()


def by_hand(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    js = {
        "objectType": "feed",
        "content": {
            "title": f"Ceramic mug #{i}",
            "description": "Hand-glazed stoneware, 350 ml, dishwasher safe.",
            "imageUrl": IMAGE,
            "imageWidth": 640,
            "imageHeight": 640,
            "link": {"webUrl": URL, "mobileWebUrl": URL},
        },
        "itemContent": {
            "profileText": "Kakao Shop",
            "items": [{"item": "Mug", "itemOp": "14,400원"}, {"item": "Ship", "itemOp": "3,000원"}],
            "sum": "Total",
            "sumOp": "17,400원",
        },
        "social": {"likeCount": 120 + i % 7, "commentCount": 14, "sharedCount": 9},
        "buttons": [
            {"title": "Buy", "link": {"webUrl": URL, "mobileWebUrl": URL}},
            {"title": "Open app", "link": {"androidExecutionParams": "id=1234", "iosExecutionParams": "id=1234"}},
        ],
    }
    template_object = {
        "object_type": "feed",
        "content": {
            "title": f"Ceramic mug #{i}",
            "description": "Hand-glazed stoneware, 350 ml, dishwasher safe.",
            "image_url": IMAGE,
            "image_width": 640,
            "image_height": 640,
            "link": {"web_url": URL, "mobile_web_url": URL},
        },
        "item_content": {
            "profile_text": "Kakao Shop",
            "items": [{"item": "Mug", "item_op": "14,400원"}, {"item": "Ship", "item_op": "3,000원"}],
            "sum": "Total",
            "sum_op": "17,400원",
        },
        "social": {"like_count": 120 + i % 7, "comment_count": 14, "shared_count": 9},
        "buttons": [
            {"title": "Buy", "link": {"web_url": URL, "mobile_web_url": URL}},
            {"title": "Open app", "link": {"android_execution_params": "id=1234", "ios_execution_params": "id=1234"}},
        ],
    }
    return js, template_object


def from_dict(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    template = parse_template(by_hand(i)[0])  # what a page does with JSON it got from a server
    assert isinstance(template, FeedTemplate)
    return template.to_js(), template.to_template_object()


def rate(fn: Callable[[int], object], n: int) -> float:
    fn(0)  # warm up
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for i in range(n):
            fn(i)
        best = max(best, n / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", nargs="?", type=int, default=20_000, help="iterations per side (default 20000)")
    n = parser.parse_args().n
    assert with_models(3) == by_hand(3) == from_dict(3), "all paths must build the same dicts"
    models = rate(with_models, n)
    parsed = rate(from_dict, n)
    hand = rate(by_hand, n)
    print(f"python {sys.version.split()[0]}, N={n}, best of 3 runs")
    print(f"models (build+validate+to_js+to_template_object): {models:12,.0f} templates/s")
    print(f"parse_template(dict) + both wire forms:           {parsed:12,.0f} templates/s")
    print(f"dicts by hand (no validation):                    {hand:12,.0f} templates/s")
    print(f"ratio hand/models: {hand / models:.1f}x   target >= 20,000/s: {'met' if models >= 20_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
