"""The public surface: every name in ``__all__`` exists, and importing stays light."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import kakao_share

PYSRC = str(Path(__file__).resolve().parents[2] / "pysrc")


def test_every_public_name_is_exported():
    expected = {
        "FeedTemplate",
        "ListTemplate",
        "LocationTemplate",
        "CommerceTemplate",
        "TextTemplate",
        "CalendarTemplate",
        "ScrapTemplate",
        "CustomTemplate",
        "DefaultTemplate",
        "Template",
        "parse_template",
        "Link",
        "Button",
        "Content",
        "ItemContent",
        "ItemRow",
        "Social",
        "Commerce",
        "ShareOptions",
        "PickerSettings",
        "ImageInfo",
        "share_settings",
        "min_sdk_version",
        "check",
        "Finding",
        "render_template",
        "load_example",
        "render_preview",
        "KakaoShareError",
        "TemplateError",
        "TemplateRenderError",
        "SDKError",
        "SDKLoadError",
        "SDKVersionError",
        "SDKInitError",
        "PopupBlocked",
        "KakaoAPIError",
        "KakaoShareWarning",
    }
    assert expected <= set(kakao_share.__all__)
    for name in kakao_share.__all__:
        assert hasattr(kakao_share, name), name
    assert len(kakao_share.__all__) == len(set(kakao_share.__all__))


def test_import_does_not_import_jinja2_or_browser_modules():
    code = (
        "import sys, kakao_share; "
        "bad = [m for m in ('jinja2', 'markupsafe', 'js', 'pyodide') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    env = {**os.environ, "PYTHONPATH": PYSRC}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == ""


def test_no_js_or_pyodide_import_in_sources():
    root = Path(kakao_share.__file__).parent
    for path in root.glob("*.py"):
        if path.name == "browser.py":  # the lead's bridge module
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(js|pyodide)\b", text, re.MULTILINE), path


def test_package_files_are_present():
    root = Path(kakao_share.__file__).parent
    assert (root / "py.typed").exists()
    for kind in ("feed", "list", "location", "commerce", "text", "calendar", "scrap", "custom"):
        assert (root / "templates" / "preview" / f"{kind}.html.j2").exists()
    for name in kakao_share.EXAMPLES:
        assert (root / "examples" / f"{name}.json.j2").exists()
