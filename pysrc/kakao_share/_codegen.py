"""Code that builds or sends a message, to copy into a project: :func:`python_code`, :func:`javascript_code`.

Three views of one message, each runnable as printed:

* :func:`python_code` — the library's models (``FeedTemplate(content=Content(...))``), which build an
  equal model on CPython, plus (as comments) the lines that share it from a PyScript page;
* :func:`javascript_code` — ``Kakao.init`` and ``Kakao.Share.sendDefault({...})`` (or ``sendScrap`` /
  ``sendCustom``; or ``createDefaultButton`` …) for a page that uses Kakao's SDK directly;
* :func:`wire_json` — what the SDK posts to Kakao: the ``template_object`` of a default template, the
  ``validation_params`` of a scrap or custom one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ._options import ShareOptions, share_options
from ._sdk_builds import PUBLISHED_SRI, dotted, sdk_url
from ._share import min_sdk_version, share_settings
from ._template_parsing import parse_template
from ._templates import Template

__all__ = ["SHARE_BUTTON_SELECTOR", "javascript_code", "python_code", "wire_json"]

SHARE_BUTTON_SELECTOR = "#kakao-share"
"""The element the generated code binds the share to (a button with ``id="kakao-share"``)."""

WIDTH = 100
_INDENT = "    "
_JS_INDENT = "  "
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


# --- a small pretty printer shared by both languages -----------------------------------------------


class _Call:
    """``name(key=value, ...)`` in Python; never produced for JavaScript."""

    def __init__(self, name: str, args: list[tuple[str, Any]]) -> None:
        self.name, self.args = name, args


def _string(text: str, *, python: bool = False) -> str:
    # JSON string literals are valid in Python and JavaScript alike; "</" is escaped so the code can
    # sit inside an inline <script> element (a <script type="py"> too).
    return json.dumps(text, ensure_ascii=False).replace("</", "<\\x2f" if python else "<\\/")


class _Printer:
    def __init__(self, *, python: bool) -> None:
        self.python = python
        self.step = _INDENT if python else _JS_INDENT

    def atom(self, value: Any) -> str:
        if value is True or value is False:
            return repr(value) if self.python else str(value).lower()
        if value is None:
            return "None" if self.python else "null"
        if isinstance(value, int):
            return repr(value)
        if isinstance(value, float):
            return repr(value)
        return _string(str(value), python=self.python)

    def key(self, key: str) -> str:
        if self.python:
            return _string(key, python=True)
        return key if _IDENTIFIER.fullmatch(key) else _string(key)

    def entries(self, value: Any) -> tuple[str, str, list[tuple[str | None, Any]]] | None:
        """(open, close, [(label or None, item)]) of a container; None for an atom."""
        if isinstance(value, _Call):
            return f"{value.name}(", ")", [(f"{k}=", v) for k, v in value.args]
        if isinstance(value, Mapping):
            sep = ": "
            return "{", "}", [(self.key(str(k)) + sep, v) for k, v in value.items()]
        if isinstance(value, (list, tuple)):
            return "[", "]", [(None, v) for v in value]
        return None

    def inline(self, value: Any) -> str:
        parts = self.entries(value)
        if parts is None:
            return self.atom(value)
        opening, closing, items = parts
        inner = ", ".join((label or "") + self.inline(item) for label, item in items)
        if not self.python and opening == "{" and inner:
            return "{ " + inner + " }"
        return opening + inner + closing

    def render(self, value: Any, indent: str = "", prefix: str = "") -> str:
        """``value`` starting at column len(indent + prefix), wrapped to :data:`WIDTH`."""
        flat = self.inline(value)
        parts = self.entries(value)
        if parts is None or not parts[2] or len(indent) + len(prefix) + len(flat) + 1 <= WIDTH:
            return flat
        opening, closing, items = parts
        inner = indent + self.step
        lines = [opening]
        for label, item in items:
            lines.append(inner + (label or "") + self.render(item, inner, label or "") + ",")
        lines.append(indent + closing)
        return "\n".join(lines)


# --- Python ------------------------------------------------------------------------------------------


def _model_call(model: BaseModel, names: set[str]) -> _Call:
    names.add(type(model).__name__)
    args: list[tuple[str, Any]] = []
    for name in type(model).model_fields:
        if name == "object_type":
            continue  # every template class sets its own
        value = getattr(model, name)
        if value is None:
            continue
        args.append((name, _python_value(value, names)))
    return _Call(type(model).__name__, args)


def _python_value(value: Any, names: set[str]) -> Any:
    if isinstance(value, BaseModel):
        return _model_call(value, names)
    if isinstance(value, tuple):
        return [_python_value(item, names) for item in value]
    if isinstance(value, Mapping):
        return {key: _python_value(item, names) for key, item in value.items()}
    return value


def python_code(
    template: Any,
    options: ShareOptions | Mapping[str, Any] | None = None,
    *,
    app_key: str | None = None,
    sdk_version: str | None = None,
    integrity: str | None = None,
) -> str:
    """Python that builds ``template`` (and ``options``) with the library's models, runnable as printed.

    The result defines ``template`` and ``options`` (``ShareOptions`` or None) and ends with the lines,
    commented out, that share them from a PyScript page: load the SDK, prepare, send on click.
    """
    model = parse_template(template)
    opts = share_options(options)
    names: set[str] = set()
    printer = _Printer(python=True)
    body = "template = " + printer.render(_model_call(model, names), "", "template = ")
    has_options = opts is not None and bool(opts.to_js())
    if has_options:
        assert opts is not None
        body += "\noptions = " + printer.render(_model_call(opts, names), "", "options = ")
    else:
        body += "\noptions = None"
    imports = _wrap_import(sorted(names))
    load_args = [_string(app_key or "YOUR_JAVASCRIPT_KEY", python=True)]
    if sdk_version:
        load_args.append(f"version={_string(sdk_version, python=True)}")
        if integrity:
            load_args.append(f"integrity={_string(integrity, python=True)}")
    load = f"#     await browser.load_sdk({', '.join(load_args)})"
    if len(load) > WIDTH:
        load = "\n".join(["#     await browser.load_sdk(", *(f"#         {arg}," for arg in load_args), "#     )"])
    share = [
        "",
        "# To share from a PyScript page: load the SDK once, prepare before the click, and send",
        "# synchronously in the click handler (browsers block Kakao's popup after an await).",
        "#",
        "#     from pyscript import when",
        "#     from kakao_share import browser",
        "#",
        load,
        "#     share = browser.prepare(template, options)",
        "#",
        f'#     @when("click", "{SHARE_BUTTON_SELECTOR}")',
        "#     def on_click(event):",
        "#         share.send()",
    ]
    return "\n".join([imports, "", body, *share]) + "\n"


def _wrap_import(names: list[str]) -> str:
    line = "from kakao_share import " + ", ".join(names)
    if len(line) <= WIDTH:
        return line
    return "from kakao_share import (\n" + "".join(f"{_INDENT}{name},\n" for name in names) + ")"


# --- JavaScript --------------------------------------------------------------------------------------


def javascript_code(
    template: Any,
    options: ShareOptions | Mapping[str, Any] | None = None,
    *,
    app_key: str | None = None,
    sdk_version: str | None = None,
    integrity: str | None = None,
    button: bool = False,
) -> str:
    """JavaScript that shares ``template`` with Kakao's SDK directly, runnable as printed.

    It calls ``Kakao.init`` and binds the share to the element :data:`SHARE_BUTTON_SELECTOR`: a click
    handler calling ``Kakao.Share.sendDefault`` (``sendScrap``, ``sendCustom``), or with ``button=True``
    the SDK's own ``createDefaultButton`` (…), which fixes the settings when it is called. A comment
    gives the SDK's ``<script>`` element for ``sdk_version`` and its SRI hash ``integrity``.
    """
    model = parse_template(template)
    opts = share_options(options)
    settings = share_settings(model, opts)
    printer = _Printer(python=False)
    method = model.send_method
    version = sdk_version or "VERSION"
    sri = integrity or PUBLISHED_SRI.get(version) or "sha384-… (from Kakao's SDK download page)"
    lines = [
        "// Needs Kakao's SDK on the page, loaded once before this code from",
        f"//   {sdk_url(version)}",
        f'// with integrity="{sri}" and crossorigin="anonymous".',
    ]
    needed = min_sdk_version(model, opts)
    if needed is not None:
        lines.append(f"// This message needs SDK {dotted(needed)} or later.")
    lines += [f"Kakao.init({_string(app_key or 'YOUR_JAVASCRIPT_KEY')}); // the app's JavaScript key", ""]
    if button:
        create = model.share_kind.button_method
        lines += [
            f"// The SDK binds the click on {SHARE_BUTTON_SELECTOR} and shares these settings, fixed now, on",
            "// every click. To change them: Kakao.Share.cleanup(), then create the button again.",
        ]
        call = f"Kakao.Share.{create}("
        lines.append(call + printer.render({"container": SHARE_BUTTON_SELECTOR, **settings}, "", call) + ");")
    else:
        lines += [
            "// Share from the click itself: browsers block Kakao's popup when anything is awaited first.",
            f'document.querySelector({_string(SHARE_BUTTON_SELECTOR)}).addEventListener("click", () => {{',
        ]
        call = f"Kakao.Share.{method}("
        lines.append(_JS_INDENT + call + printer.render(settings, _JS_INDENT, call) + ");")
        lines.append("});")
    return "\n".join(lines) + "\n"


# --- JSON --------------------------------------------------------------------------------------------


def wire_json(template: Any) -> str:
    """What the SDK posts for ``template``, indented: the ``template_object`` of a default template, the
    whole ``validation_params`` of a scrap or custom template (which have no template object)."""
    model: Template = parse_template(template)
    params = model.validation_params()
    data = params.get("template_object", params)
    return json.dumps(data, ensure_ascii=False, indent=2)
