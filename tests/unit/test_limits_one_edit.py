"""A changed Kakao limit needs one edit: in :mod:`kakao_share.portable.limits`, and nowhere else.

Each check runs in a fresh interpreter that loads ``portable/limits.py`` with one constant rewritten,
before anything else of the package is imported, and then asks the models, the forms, the Korean
wording and the share widget's :func:`kakao_share.portable.widget.prepare` what they allow.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import kakao_share.portable.limits as limits

LIMITS_FILE = Path(limits.__file__)

_RUN = textwrap.dedent(
    """
    import importlib.util, json, sys
    spec = importlib.util.spec_from_file_location("kakao_share.portable.limits", {path!r})
    module = importlib.util.module_from_spec(spec)
    source = open({path!r}, encoding="utf-8").read()
    assert source.count({old!r}) == 1, "the constant is not stated once"
    exec(compile(source.replace({old!r}, {new!r}), {path!r}, "exec"), module.__dict__)
    sys.modules["kakao_share.portable.limits"] = module
    {body}
    """
)


def _with_limit(old: str, new: str, body: str) -> dict:
    """Run ``body`` (which prints one JSON line) with ``old`` replaced by ``new`` in limits.py."""
    code = _RUN.format(path=str(LIMITS_FILE), old=old, new=new, body=textwrap.dedent(body).strip())
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


_BUTTONS = """
from kakao_share import FeedTemplate, TemplateError, finding_text, message_form
button = {"title": "b", "link": {"web_url": "https://a.example"}}
def buttons(n):
    try:
        FeedTemplate(content={"title": "t", "link": {}}, buttons=[button] * n)
    except TemplateError as exc:
        return [finding_text(p, "ko")[0] for p in exc.problems]
    return "ok"
form = message_form("feed").node("buttons")
print(json.dumps({"repeat": form.repeat, "hint": form.hint.en, "3": buttons(3), "4": buttons(4)}))
"""


def test_max_buttons_moves_the_models_the_forms_and_the_wording():
    assert limits.MAX_BUTTONS == 2
    seen = _with_limit("MAX_BUTTONS = 2", "MAX_BUTTONS = 3", _BUTTONS)
    assert seen == {
        "repeat": [0, 3],
        "hint": "Up to 3 buttons under the message",
        "3": "ok",
        "4": ["최대 3개까지 넣을 수 있습니다"],
    }


_PICKER = """
from kakao_share import Finding, ShareOptions, TemplateError, finding_text, message_form
from kakao_share.portable.widget import prepare
def model(n):
    try:
        ShareOptions(picker_settings={"limit": n})
    except TemplateError as exc:
        return [(p.rule, finding_text(p, "ko")[0]) for p in exc.problems]
    return "ok"
def widget(n):
    result = prepare({"app-key": "0123456789abcdef0123456789abcdef", "picker-limit": str(n)},
                     {"url": "https://blog.example.com/p", "title": "t"})
    if result["ok"]:
        return "ok"
    return [(e["rule"], finding_text(Finding.from_portable(e), "ko")[0]) for e in result["errors"]]
field = message_form("text").node("picker_settings.limit")
print(json.dumps({"form": [field.minimum, field.maximum], "model": [model(7), model(8)],
                  "widget": [widget(7), widget(8)]}))
"""


def test_the_picker_limit_moves_the_models_the_forms_and_the_widget():
    assert limits.PICKER_LIMIT == (1, 10)
    seen = _with_limit("PICKER_LIMIT = (1, 10)", "PICKER_LIMIT = (1, 7)", _PICKER)
    assert seen == {
        "form": [1, 7],
        "model": ["ok", [["must be between 1 and 7", "1부터 7까지여야 합니다"]]],
        "widget": ["ok", [["must be from 1 to 7", "1부터 7까지여야 합니다"]]],
    }
