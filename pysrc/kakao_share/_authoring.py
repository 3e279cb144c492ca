"""Writing a share message once as a Jinja2 template and filling it from data: :func:`render_template`.

A template source renders to a JSON template document (snake_case or camelCase keys). Every
``{{ expression }}`` is written as a complete JSON literal — strings quoted and escaped, numbers,
``true``/``false``/``null``, lists and objects — so data can never change the document's structure.
Authors therefore write the value *without* quotes::

    "title": {{ product.name }},                        → "title": "Mug \\"Classic\\""
    "description": {{ "Only " ~ product.stock ~ " left" }},
    "regular_price": {{ product.price }},               → "regular_price": 12000

``"title": "{{ name }}"`` is an error (the value already carries its quotes). Rendering runs in
Jinja2's sandbox with ``StrictUndefined`` and with limits on output, values and loops (see
:mod:`kakao_share._sandbox`), so a server can render sources it did not write; any failure raises
:class:`TemplateRenderError` with the template line. Jinja2 is imported on first use, not when
``kakao_share`` is imported.
"""

from __future__ import annotations

import json
import re
import traceback
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from ._base import unreadable_json
from ._exceptions import Finding, TemplateError, TemplateRenderError
from ._problems import parse_path
from ._wire import snake_case

__all__ = ["EXAMPLES", "example_context", "load_example", "render_template"]

EXAMPLES: tuple[str, ...] = ("product", "event", "article")
"""Names of the example messages shipped as Jinja2 sources in ``kakao_share/example_messages/``
(``<name>.json.j2``, with sample data in ``<name>.context.json``)."""

_MARK = re.compile(r"\x01(\d+)\x02")


class _JSONLiteral(str):
    """Text that is already a JSON literal (made by our ``tojson`` filter, never by user data)."""

    __slots__ = ()


def _json_default(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json", exclude_none=True)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"a value of type {type(value).__name__} cannot be written into a template (use a string)")


def _to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)


def _finalize(value: Any) -> str:
    from jinja2 import Undefined

    if type(value) is _JSONLiteral:
        return value
    if isinstance(value, Undefined):
        str(value)  # StrictUndefined raises UndefinedError with the variable's name
        return "null"  # pragma: no cover
    return _to_json(value)


def _tojson_filter(value: Any, indent: int | None = None) -> _JSONLiteral:
    return _JSONLiteral(json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default, indent=indent))


@lru_cache(maxsize=2)
def _environment(with_marks: bool = False) -> Any:
    from jinja2 import StrictUndefined
    from jinja2.ext import Extension
    from jinja2.lexer import Token

    from ._sandbox import Sandbox

    extensions: list[Any] = []
    if with_marks:

        class LineMarks(Extension):
            """Prefix every line of template text with ``\\x01<lineno>\\x02`` (to locate JSON errors)."""

            def filter_stream(self, stream: Any) -> Iterable[Any]:
                for token in stream:
                    if token.type == "data":
                        lines = token.value.split("\n")
                        marked = "\n".join(f"\x01{token.lineno + i}\x02{text}" for i, text in enumerate(lines))
                        yield Token(token.lineno, "data", marked)
                    else:
                        yield token

        extensions.append(LineMarks)
    env = Sandbox(
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        extensions=extensions,
    )
    env.filters["tojson"] = _tojson_filter
    env.guard_filters()
    return env


def _line(source: str, lineno: int | None) -> str | None:
    if lineno is None:
        return None
    lines = source.splitlines()
    return lines[lineno - 1] if 0 < lineno <= len(lines) else None


def _render_error(
    message: str, source: str, name: str, lineno: int | None, problems: Iterable[Finding] = ()
) -> TemplateRenderError:
    return TemplateRenderError(
        message, name=name, lineno=lineno, problems=list(problems), source_line=_line(source, lineno)
    )


def _runtime_lineno(exc: BaseException, name: str) -> int | None:
    lineno = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == name:
            lineno = frame.lineno
    return lineno


def _render(source: str, context: Mapping[str, Any], name: str, with_marks: bool) -> str:
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from ._sandbox import RenderLimitError, limited_render

    env = _environment(with_marks)
    try:
        template = env.compile_limited(source, name)
    except TemplateSyntaxError as exc:
        raise _render_error(f"template syntax error: {exc.message}", source, name, exc.lineno) from None
    try:
        return limited_render(template, context)
    except SecurityError as exc:  # the sandbox refused: an unsafe access, or more than a render may do
        lineno = _runtime_lineno(exc, name)
        code = "render_limit" if isinstance(exc, RenderLimitError) else "unsafe"
        message = f"refused by the sandbox: {exc}"
        raise _render_error(message, source, name, lineno, [Finding("", message, code=code)]) from None
    except (JinjaError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError, RuntimeError) as exc:
        lineno = _runtime_lineno(exc, name)
        kind = "undefined value" if type(exc).__name__ == "UndefinedError" else "error while rendering"
        raise _render_error(f"{kind}: {exc}", source, name, lineno) from None


class _LineMap:
    """Maps offsets of a rendered document back to template source lines."""

    def __init__(self, marked: str) -> None:
        self.offsets: list[int] = []
        self.lines: list[int] = []
        parts: list[str] = []
        pos = 0
        size = 0
        for m in _MARK.finditer(marked):
            chunk = marked[pos : m.start()]
            parts.append(chunk)
            size += len(chunk)
            self.offsets.append(size)
            self.lines.append(int(m.group(1)))
            pos = m.end()
        parts.append(marked[pos:])
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int | None:
        i = bisect_right(self.offsets, offset) - 1
        return self.lines[i] if i >= 0 else (self.lines[0] if self.lines else None)


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _locate(text: str, path: list[str | int]) -> int:
    """Offset of the value at ``path`` in JSON ``text`` (or of the deepest part found)."""
    decoder = json.JSONDecoder()
    i = _skip_ws(text, 0)
    for part in path:
        if i >= len(text):
            break
        if text[i] == "{" and isinstance(part, str):
            j = _skip_ws(text, i + 1)
            found = None
            while j < len(text) and text[j] == '"':
                key, j = json.decoder.scanstring(text, j + 1)  # type: ignore[attr-defined]  # public, untyped
                j = _skip_ws(text, j)
                j = _skip_ws(text, j + 1)  # past ':'
                if key == part or snake_case(key) == part:
                    found = j
                    break
                _, j = decoder.raw_decode(text, j)
                j = _skip_ws(text, j)
                if j < len(text) and text[j] == ",":
                    j = _skip_ws(text, j + 1)
            if found is None:
                break
            i = found
        elif text[i] == "[" and isinstance(part, int):
            j = _skip_ws(text, i + 1)
            for _ in range(part):
                if j >= len(text) or text[j] == "]":
                    break
                _, j = decoder.raw_decode(text, j)
                j = _skip_ws(text, j)
                if j < len(text) and text[j] == ",":
                    j = _skip_ws(text, j + 1)
            i = j
        else:
            break
    return i


def _fail_with_lines(
    source: str, context: Mapping[str, Any], name: str, error: TemplateError | json.JSONDecodeError
) -> TemplateRenderError:
    try:
        linemap = _LineMap(_render(source, context, name, with_marks=True))
    except TemplateRenderError:  # pragma: no cover - the plain render succeeded
        linemap = None
    if isinstance(error, json.JSONDecodeError):
        lineno = None
        if linemap is not None:
            try:
                json.loads(linemap.text)
                offset = error.pos
            except json.JSONDecodeError as again:
                offset = again.pos
            lineno = linemap.line_at(offset)
        hint = ""
        if re.search(r'"\s*\{\{', source):
            hint = '; note that {{ value }} already writes the quotes: use "key": {{ value }}, not "key": "{{ value }}"'
        return _render_error(f"the template did not render valid JSON: {error.msg}{hint}", source, name, lineno)
    problems = error.problems
    lines: list[int | None] = []
    for finding in problems:
        lineno = None
        if linemap is not None:
            lineno = linemap.line_at(_locate(linemap.text, parse_path(finding.path)))
        lines.append(lineno)
    if len(problems) == 1:
        message = f"invalid template: {problems[0]}"
    else:
        described = [f"line {n}: {p}" if n is not None else str(p) for n, p in zip(lines, problems, strict=False)]
        message = f"{len(problems)} problems in the template:\n  " + "\n  ".join(described)
    return _render_error(message, source, name, lines[0] if lines else None, problems)


def render_template(
    source: str,
    context: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
    name: str = "<template>",
    registered_domains: Iterable[str] | None = None,
) -> Any:
    """Render a Jinja2 template source to a validated template model.

    ``context`` supplies the variables; every ``{{ value }}`` becomes a JSON literal (write
    ``"title": {{ title }}``, without quotes). ``strict=True`` also fails on :func:`check` findings
    (``registered_domains`` is then checked too; it is ignored otherwise). Raises :class:`TemplateRenderError` whose
    ``lineno`` is the template line of the (first) problem.
    """
    from ._checks import check
    from ._template_parsing import parse_template

    context = context or {}
    output = _render(source, context, name, with_marks=False)
    try:
        data = json.loads(output)
    except json.JSONDecodeError as exc:
        raise _fail_with_lines(source, context, name, exc) from None
    except (ValueError, RecursionError) as exc:
        raise _render_error(
            f"the template did not render valid JSON: {unreadable_json(exc)}", source, name, None
        ) from None
    try:
        model = parse_template(data)
        if strict:
            check(model, strict=True, registered_domains=registered_domains)
    except TemplateRenderError:  # pragma: no cover
        raise
    except TemplateError as exc:
        raise _fail_with_lines(source, context, name, exc) from None
    return model


def _example_file(name: str, suffix: str) -> Any:
    if name not in EXAMPLES:
        raise KeyError(f"no example named {name!r}; choose one of {', '.join(EXAMPLES)}")
    return resources.files(__package__).joinpath("example_messages", f"{name}{suffix}")


def load_example(name: str) -> str:
    """The Jinja2 source of a shipped example message (``product``, ``event`` or ``article``)."""
    return str(_example_file(name, ".json.j2").read_text(encoding="utf-8"))


def example_context(name: str) -> dict[str, Any]:
    """Sample data that renders the example ``name`` (for demos and tests)."""
    context: dict[str, Any] = json.loads(_example_file(name, ".context.json").read_text(encoding="utf-8"))
    return context
