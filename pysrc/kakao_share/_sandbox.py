"""The Jinja2 sandbox message sources render in, with limits a server can rely on.

Jinja2's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` keeps a template away from Python's
internals (``"".__class__`` is refused) and from changing the data it is given. It does not bound the
work a template may ask for: ``{{ "x" * 10**10 }}``, ``{{ s|center(10**10) }}`` or loops nested three
deep would take a server's memory or time. Here every way a template can make something big is
bounded, deterministically (no clocks), and going over a limit raises :class:`RenderLimitError`, a
:class:`~jinja2.sandbox.SecurityError` that authoring reports as a
:class:`~kakao_share.TemplateRenderError` with the template line:

* :data:`MAX_OUTPUT`: the rendered document, every value the template builds (strings in characters,
  lists and mappings in elements, counted through nesting), and all it writes out together;
* :data:`MAX_ITERATIONS`: loop iterations of one render, all loops together, and the length of ``range()``;
* :data:`MAX_POWER_BITS`: the size of an integer ``**`` may compute; :data:`MAX_INDENT`: ``tojson``'s indent.

Operations that make a value much bigger than their inputs (``*``, ``%`` and ``format`` widths,
``center``, ``indent``, ``wordwrap``, ``replace``, ``join``, ``batch``, ``slice``, ``sum``, and the
like-named ``str`` methods) are checked before they run, so the limit holds for memory too.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from ._render_budget import (
    BUDGET,
    MAX_INDENT,
    MAX_ITERATIONS,
    MAX_OUTPUT,
    MAX_POWER_BITS,
    Budget,
    RenderLimitError,
    bounded_range,
    checked,
    concat,
    counted_loop,
    join_output,
    size_of,
    spend,
    too_big,
)

__all__ = [
    "MAX_INDENT",
    "MAX_ITERATIONS",
    "MAX_OUTPUT",
    "MAX_POWER_BITS",
    "RenderLimitError",
    "Sandbox",
    "limited_render",
]

_LOOP = "__kakao_share_loop"
_CONCAT = "__kakao_share_concat"
_CHECKED = "__kakao_share_checked"


# --- operations that can make much more than they are given ------------------------------------------

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_NUMBER = re.compile(r"\d+")


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _check_percent(text: Any, args: Any) -> None:
    """``text % args``: every width and precision at most :data:`MAX_OUTPUT` (``*`` ones included)."""
    if not isinstance(text, str):
        return
    values = args if isinstance(args, tuple) else (args,)
    for spec in _PERCENT_SPEC.finditer(text):
        for number in spec.groups():
            if number and number != "*" and int(number) > MAX_OUTPUT:
                raise too_big("a % format width", int(number))
        if "*" in spec.group(0) and any(_int(value) > MAX_OUTPUT for value in values):
            raise too_big("a % format width", max(_int(value) for value in values))


def _check_format_string(text: str) -> None:
    """``text.format(...)``: numeric widths at most :data:`MAX_OUTPUT`; nested widths are refused."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format raises its own error
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            raise RenderLimitError("a format spec taken from a replacement field is not allowed in templates")
        for number in _NUMBER.findall(spec):
            if int(number) > MAX_OUTPUT:
                raise too_big("a format width", int(number))


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, sequences) and isinstance(right, int):
            size = size_of(left) * max(right, 0)
        elif isinstance(right, sequences) and isinstance(left, int):
            size = size_of(right) * max(left, 0)
        else:
            return
        if size > MAX_OUTPUT:
            raise too_big("repeating with *", size)
    elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        size = size_of(left) + size_of(right)
        if size > MAX_OUTPUT:
            raise too_big("adding with +", size)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        bits = left.bit_length() * right
        if bits > MAX_POWER_BITS:
            raise too_big("an integer power, in bits,", bits, MAX_POWER_BITS)
    elif operator == "%":
        _check_percent(left, right)


def _grows(what: str, base: Any, count: int, piece: int) -> None:
    size = len(base) + count * piece if isinstance(base, str) else count * piece
    if size > MAX_OUTPUT:
        raise too_big(what, size)


def _check_width(what: str, width: Any) -> None:
    if _int(width) > MAX_OUTPUT:
        raise too_big(what, _int(width))


def _check_replace(s: Any, old: Any = "", new: Any = "", count: Any = None, *_: Any, **__: Any) -> None:
    if isinstance(s, str) and isinstance(old, str) and isinstance(new, str):
        times = s.count(old) if count is None else min(_int(count), s.count(old))
        _grows("replace", s, times, max(len(new) - len(old), 0))


def _check_indent(s: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    piece = len(width) if isinstance(width, str) else _int(width)
    if isinstance(s, str):
        _grows("indent", s, s.count("\n") + 1, piece)


def _check_wordwrap(
    s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None, *_: Any, **__: Any
) -> None:
    if isinstance(s, str):
        lines = len(s.split()) + len(s) // max(_int(width), 1) + 1
        _grows("wordwrap", s, lines, len(wrapstring) if isinstance(wrapstring, str) else 1)


def _check_join(items: list[Any], separator: Any = "", *_: Any, **__: Any) -> None:
    total = len(separator) * max(len(items) - 1, 0) if isinstance(separator, str) else 0
    for item in items:
        total += size_of(item)
        if total > MAX_OUTPUT:
            raise too_big("join", total)


def _check_sum(items: list[Any], *_: Any, start: Any = 0, **__: Any) -> None:
    if isinstance(start, list | tuple) or any(isinstance(item, list | tuple) for item in items):
        _check_join(items)


#: Filters whose result can be much bigger than their input: the check each runs first (on the value
#: and the filter's own arguments). ``join`` and ``sum`` get their input as a list.
_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": lambda value, width=80, *_, **__: _check_width("center", width),
    "indent": _check_indent,
    "wordwrap": _check_wordwrap,
    "replace": _check_replace,
    "format": lambda value, *args, **kwargs: _check_percent(value, kwargs or tuple(args)),
    "join": _check_join,
    "sum": _check_sum,
    "batch": lambda value, linecount=0, *_, **__: _check_width("batch", linecount),
    "slice": lambda value, slices=0, *_, **__: _check_width("slice", slices),
    "tojson": lambda value, indent=None, *_, **__: _check_tojson_indent(indent),
    "string": lambda value, *_, **__: checked(value, "the string filter"),
}
_MATERIALISED = frozenset({"join", "sum"})

#: ``str`` methods whose result can be much bigger than the string: their check.
_METHOD_CHECKS: dict[str, Callable[..., None]] = {
    "center": lambda s, width=0, *_: _check_width("str.center", width),
    "ljust": lambda s, width=0, *_: _check_width("str.ljust", width),
    "rjust": lambda s, width=0, *_: _check_width("str.rjust", width),
    "zfill": lambda s, width=0, *_: _check_width("str.zfill", width),
    "expandtabs": lambda s, tabsize=8, *_: _grows("str.expandtabs", s, s.count("\t"), _int(tabsize)),
    "replace": lambda s, old="", new="", count=-1, *_: _check_replace(s, old, new, None if count == -1 else count),
    "join": lambda s, items=(), *_: _check_join(list(items), s),
}


def _check_tojson_indent(indent: Any) -> None:
    if indent is not None and _int(indent) > MAX_INDENT:
        raise RenderLimitError(f"tojson's indent may be at most {MAX_INDENT}")


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` (a filter) with its pre-check and a size check of its result."""
    check = _FILTER_CHECKS.get(name)
    passes_first = getattr(func, "jinja_pass_arg", None) is not None  # context / environment / eval context

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        head, rest = (args[:1], args[1:]) if passes_first else ((), args)
        if rest and name in _MATERIALISED and not isinstance(rest[0], list):
            rest = (list(rest[0]), *rest[1:])
        if check is not None and rest:
            check(*rest, **kwargs)
        result = func(*head, *rest, **kwargs)
        return checked(result, f"the {name} filter") if isinstance(result, str | list | tuple | dict) else result

    return guarded


class _Limits(NodeTransformer):
    """Rewrites a parsed template so its loops, ``~`` and literals go through the checks above."""

    # Jinja2's NodeTransformer calls visit_<NodeClass>.
    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.iter = _call(_LOOP, node.iter)
        return node

    def visit_Call(self, node: nodes.Call) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        if isinstance(node.node, nodes.Name) and node.node.name == "loop" and node.args:  # a recursive loop
            node.args[0] = _call(_LOOP, node.args[0])
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return nodes.Call(nodes.Name(_CONCAT, "load"), node.nodes, [], None, None, lineno=node.lineno)

    def _literal(self, node: nodes.Expr) -> nodes.Node:
        self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":  # an assignment target such as {% for a, b in ... %}
            return node
        return _call(_CHECKED, node)

    visit_List = visit_Tuple = visit_Dict = _literal  # noqa: N815


def _call(name: str, arg: nodes.Node) -> nodes.Call:
    return nodes.Call(nodes.Name(name, "load"), [arg], [], None, None, lineno=arg.lineno)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the limits of this module (compile with :meth:`compile_limited`)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    concat = staticmethod(join_output)

    def __init__(self, **options: Any) -> None:
        finalize = options.pop("finalize", None)
        if finalize is not None:
            options["finalize"] = self._counted(finalize)
        super().__init__(**options)
        self.globals["range"] = bounded_range
        self.globals.pop("lipsum", None)  # makes up to any amount of text
        self.globals.update({_LOOP: counted_loop, _CONCAT: concat, _CHECKED: checked})

    @staticmethod
    def _counted(finalize: Callable[[Any], str]) -> Callable[[Any], str]:
        @functools.wraps(finalize)
        def counted(value: Any) -> str:
            text = finalize(checked(value, "a written value"))
            spend(len(text))
            return text

        return counted

    def guard_filters(self) -> None:
        """Put every filter (call after adding the environment's own) behind its checks."""
        for name, func in list(self.filters.items()):
            self.filters[name] = _guard_filter(name, func)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return checked(super().call_binop(context, operator, left, right), f"the {operator} operator")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        check = _METHOD_CHECKS.get(getattr(__obj, "__name__", "")) if isinstance(owner, str) else None
        if check is not None:
            check(owner, *args)
        result = super().call(__context, __obj, *args, **kwargs)
        return checked(result, "a call") if isinstance(result, str | list | tuple | dict) else result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is not None:
            _check_format_string(value.__self__)
        return wrapper

    def compile_limited(self, source: str, name: str) -> Any:
        """``source`` compiled with every loop, ``~`` and literal going through the checks."""
        tree = _Limits().visit(self.parse(source, name, name))
        tree.set_environment(self)
        code = self.compile(tree, name=name, filename=name)
        return self.template_class.from_code(self, code, self.make_globals(None))


def limited_render(template: Any, context: Mapping[str, Any]) -> str:
    """Render ``template`` (from :meth:`Sandbox.compile_limited`) within one fresh budget."""
    token = BUDGET.set(Budget())
    try:
        return str(template.render(dict(context)))
    finally:
        BUDGET.reset(token)
