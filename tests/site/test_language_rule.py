"""One rule picks Korean or English everywhere: :func:`kakao_share._i18n.language` is its home, and the two
JavaScript copies that must run before any Python (the widget's loader, the playground's first paint) are
run here under Node on the same tags, so a copy that drifts fails."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from kakao_share._i18n import language

WEB = Path(__file__).resolve().parents[2] / "web"
COPIES = {"loader": WEB / "kakao-share-widget.js", "playground": WEB / "playground" / "lang.js"}

#: Tags people write, and the edges where simple rules part ways.
TAGS = [
    "ko", "ko-KR", "KO-kr", "ko_KR", " ko ", "\tko-KR\n", "ko-Kore-KR", "en", "en-US", "", "kok", "kor", "ko KR",
    "k", "o", "-ko", "_ko", "ko-", "ko_", "x-ko", "ja-KO", "\u3000ko", "ko\u00a0", "\u212ao", "KO",
]  # fmt: skip


def _function(script: Path) -> str:
    """The source of ``function language(tag) {…}`` in ``script``."""
    found = re.search(r"^( *)function language\(tag\) \{\n.*?^\1\}$", script.read_text(encoding="utf-8"), re.M | re.S)
    assert found, f"{script.name} defines no function language(tag)"
    return found.group(0)


def _run_copies(tags: list[str]) -> dict[str, list[str]]:
    """Each JavaScript copy's answer for every tag (Node runs the function's own source)."""
    node = shutil.which("node")
    assert node, "node is needed (make setup installs it with the npm packages)"
    answers = {}
    for name, script in COPIES.items():
        program = f"{_function(script)}\nprocess.stdout.write(JSON.stringify({json.dumps(tags)}.map(language)));"
        done = subprocess.run([node, "-e", program], capture_output=True, text=True, timeout=60, check=True)
        answers[name] = json.loads(done.stdout)
    return answers


def test_the_javascript_copies_pick_the_language_python_picks():
    expected = [language(tag) for tag in TAGS]
    assert expected.count("ko") >= 8, "the table should hold Korean tags too"
    for name, answers in _run_copies(TAGS).items():
        wrong = [(tag, got, want) for tag, got, want in zip(TAGS, answers, expected, strict=True) if got != want]
        assert wrong == [], f"{name}: (tag, JavaScript, Python) that differ"


def test_every_short_tag_over_the_edge_characters_agrees():
    """Exhaustive over strings of up to 3 characters that matter to the rule (820 tags, one Node run)."""
    alphabet = "kKoO-_ \t\u212a"
    tags = [""] + [a + b + c for a in alphabet for b in ["", *alphabet] for c in ["", *alphabet] if b or not c]
    expected = [language(tag) for tag in tags]
    assert "ko" in expected and "en" in expected
    for name, answers in _run_copies(tags).items():
        assert answers == expected, name


@pytest.mark.parametrize(("tag", "lang"), [("ko-KR", "ko"), ("ko_KR", "ko"), ("kok", "en"), (None, "en")])
def test_examples_of_the_rule(tag: str | None, lang: str):
    assert language(tag) == lang
