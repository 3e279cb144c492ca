"""The message form: its inputs built from kakao_share's form, their counters and the problems shown at them.

The values and the chosen form live in :class:`playground.app.Playground`; this view renders them and
puts each finding at the input it is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kakao_share import Finding, FormField, FormGroup, FormPairs, MessageForm, Text, finding_text
from kakao_share._problems import parse_path
from kakao_share.portable.sdk import dotted

from .dom import by_id, document, find, h, slug
from .i18n import t
from .logic import Evaluation

if TYPE_CHECKING:
    from .app import Playground

__all__ = ["FormView"]

#: Inputs that take a whole row; the rest (numbers, choices, links' URLs, short texts) pair up.
WIDE_INPUTS = {"textarea", "image"}
WIDE_FIELDS = {"title", "header_title", "address", "request_url", "id"}


class FormView:
    """The ``#message-form`` element for the page's form and values."""

    def __init__(self, app: Playground) -> None:
        self.app = app
        #: The problem lines on screen, by element id, so an update rewrites only what changed.
        self.shown: dict[str, str] = {}

    @property
    def lang(self) -> str:
        return self.app.lang

    @property
    def form(self) -> MessageForm:
        return self.app.form

    @property
    def values(self) -> dict[str, Any]:
        return self.app.values

    # --- rendering ---------------------------------------------------------------------------------

    def render(self) -> None:
        lang = self.lang
        form = self.form
        by_id("kind-description").textContent = form.description.get(lang)
        fragment = document.createDocumentFragment()
        message = self._group(form.message, "", t("message", lang, kind=form.label.get(lang)), root="message")
        fragment.append(message)
        fragment.append(self._group(form.options, "", t("options", lang), root="options"))
        by_id("message-form").replaceChildren(fragment)
        self.shown = {}

    def _messages(self, path: str) -> list[Any]:
        key = slug(path)
        return [
            h("p", {"class": "msg error", "id": f"e-{key}", "hidden": True}),
            h("p", {"class": "msg warning", "id": f"w-{key}", "hidden": True}),
        ]

    def _fieldset(self, kind: str, key: str, legend: str, hint: Text | None, messages: str | None) -> Any:
        """A fieldset with its legend, hint and (for ``messages``, a form path) its problem lines."""
        box = h("fieldset", {"class": f"group {kind}".strip(), "id": f"g-{key}", "tabindex": "-1"})
        box.append(h("legend", None, legend))
        if hint is not None:
            box.append(h("p", {"class": "hint"}, hint.get(self.lang)))
        if messages is not None:
            for element in self._messages(messages):
                box.append(element)
        return box

    def _group(self, group: FormGroup, path: str, legend: str, *, root: str | None = None) -> Any:
        key = root or slug(path)
        box = self._fieldset("root" if root else "", key, legend, group.hint, None if root == "options" else path)
        if group.since is not None:
            box.append(h("p", {"class": "since"}, t("since", self.lang, version=dotted(group.since))))
        for child in group.children:
            box.append(self._node(child, f"{path}.{child.name}" if path else child.name))
        return box

    def _node(self, node: Any, path: str) -> Any:
        if isinstance(node, FormField):
            return self._field(node, path)
        if isinstance(node, FormPairs):
            return self._pairs(node, path)
        if node.repeat is not None:
            return self._repeat(node, path)
        return self._group(node, path, node.label.get(self.lang))

    def _row_name(self, group: FormGroup) -> str:
        label = group.row_label or group.label
        name = label.get(self.lang).replace("{n}", "").strip()
        return name.lower() if self.lang == "en" else name

    def _repeat(self, group: FormGroup, path: str) -> Any:
        lang = self.lang
        assert group.repeat is not None
        fewest, most = group.repeat
        box = self._fieldset("repeat", slug(path), group.label.get(lang), group.hint, path)
        count = self.form.rows(self.values, path)
        what = self._row_name(group)
        for i in range(count):
            row_path = f"{path}[{i}]"
            label = (group.row_label or group.label).get(lang).replace("{n}", str(i + 1))
            row = self._fieldset("row", slug(row_path), label, None, row_path)
            if count > fewest:
                row.append(self._remove_button(path, i, label))
            for child in group.children:
                row.append(self._node(child, f"{row_path}.{child.name}"))
            box.append(row)
        add = h(
            "button",
            {"type": "button", "class": "add", "data-action": "add", "data-path": path},
            t("add", lang, what=what),
        )
        add.disabled = count >= most
        box.append(add)
        return box

    def _remove_button(self, path: str, index: int, label: str) -> Any:
        return h(
            "button",
            {
                "type": "button",
                "class": "remove",
                "data-action": "remove",
                "data-path": path,
                "data-index": index,
                "aria-label": t("remove", self.lang, what=label),
            },
            "×",
        )

    def _pairs(self, pairs: FormPairs, path: str) -> Any:
        lang = self.lang
        box = self._fieldset("pairs", slug(path), pairs.label.get(lang), pairs.hint, path)
        for i in range(self.form.rows(self.values, path)):
            row = h("div", {"class": "pair"})
            for part, label in (("key", t("key_n", lang, n=i + 1)), ("value", t("value_n", lang, n=i + 1))):
                row.append(self._field(FormField(part, Text(label, label)), f"{path}[{i}].{part}"))
            row.append(self._remove_button(path, i, t("key_n", lang, n=i + 1)))
            box.append(row)
        box.append(
            h(
                "button",
                {"type": "button", "class": "add", "data-action": "add", "data-path": path},
                t("add", lang, what=t("argument", lang)),
            )
        )
        return box

    def _field(self, field: FormField, path: str) -> Any:
        lang = self.lang
        key = slug(path)
        control_id = f"f-{key}"
        described = []
        attrs: dict[str, Any] = {"id": control_id, "name": path}
        if field.input == "checkbox":
            control = h("input", {**attrs, "type": "checkbox"})
            control.checked = self.values.get(path) is True
            box = h(
                "div",
                {"class": "field check", "data-path": path},
                control,
                h("label", {"for": control_id}, field.label.get(lang)),
            )
        else:
            if field.choices:
                control = h("select", attrs)
                for value, label in field.choices:
                    control.append(h("option", {"value": value}, label.get(lang)))
            elif field.input == "textarea":
                control = h("textarea", {**attrs, "rows": 3})
            else:
                kind = "url" if field.input in ("url", "image") else "text"
                extra = (
                    {"inputmode": "numeric"}
                    if field.input == "integer"
                    else {"spellcheck": "false"}
                    if kind == "url"
                    else {}
                )
                control = h("input", {**attrs, "type": kind, "autocomplete": "off", **extra})
            value = self.values.get(path, "")
            control.value = value if isinstance(value, str) else ""
            if field.required:
                control.setAttribute("aria-required", "true")
            label = h("div", {"class": "label-row"}, h("label", {"for": control_id}, field.label.get(lang)))
            if field.required:
                label.append(h("span", {"class": "req", "aria-hidden": "true", "title": t("required", lang)}, "*"))
            wide = field.input in WIDE_INPUTS or field.name in WIDE_FIELDS
            box = h("div", {"class": "field wide" if wide else "field", "data-path": path}, label, control)
            if field.limit is not None:
                label.append(h("span", {"class": "counter", "id": f"c-{key}"}))
                described.append(f"c-{key}")
        if field.hint is not None:
            box.append(h("p", {"class": "hint", "id": f"h-{key}"}, field.hint.get(lang)))
            described.append(f"h-{key}")
        for element in self._messages(path):
            box.append(element)
        described += [f"e-{key}", f"w-{key}"]
        control.setAttribute("aria-describedby", " ".join(described))
        if field.limit is not None:
            self.count(path, box=box, limit=field.limit)
        return box

    def count(self, path: str, *, box: Any = None, limit: int | None = None) -> None:
        """Update the character counter of the input at ``path`` (if it has a limit)."""
        if limit is None:
            node = self.form.node(path)
            if not isinstance(node, FormField) or node.limit is None:
                return
            limit = node.limit
        counter = find(".counter", box) if box is not None else by_id("c-" + slug(path))
        if counter is None:
            return
        value = self.values.get(path)
        count = len(value) if isinstance(value, str) else 0
        counter.textContent = f"{count}/{limit}"
        counter.setAttribute("aria-label", t("counter", self.lang, count=count, limit=limit))
        counter.classList.toggle("over", count > limit)

    def focus_after_row_change(self, path: str, row: str) -> None:
        """Focus ``row``'s first input, else the group's add button, else the group itself."""
        if row:
            first = find(f'[name^="{row}"]')
            if first is not None:
                first.focus()
                return
        add = find(f'button[data-action="add"][data-path="{path}"]')
        if add is not None and not add.disabled:
            add.focus()
        else:
            group = by_id("g-" + slug(path))
            if group is not None:
                group.focus()

    # --- words -------------------------------------------------------------------------------------

    def describe(self, path: str) -> str:
        """A form path in words: ``buttons[1].link.web_url`` -> ``Buttons › Button 2 › Link › Web URL (PC)``."""
        lang = self.lang
        words: list[str] = []
        nodes: tuple[Any, ...] = self.form.message.children + self.form.options.children
        node: Any = None
        for part in parse_path(path):
            if isinstance(part, str):
                node = next((n for n in nodes if n.name == part), None)
                if node is None:
                    words.append(part)
                    nodes = ()
                    continue
                words.append(node.label.get(lang))
                nodes = node.children if isinstance(node, FormGroup) else ()
            elif isinstance(node, FormGroup) and node.row_label is not None:
                words.append(node.row_label.get(lang).replace("{n}", str(part + 1)))
            else:
                words.append(str(part + 1))
        return " › ".join(words) if words else t("whole", lang)

    def finding_line(self, finding: Finding, *, where: str | None) -> str:
        """``where: rule — fix`` in the page's language."""
        rule, fix = finding_text(finding, self.lang)
        line = rule
        if fix:
            line += f" — {fix}"
        return f"{where}: {line}" if where else line

    # --- problems ----------------------------------------------------------------------------------

    def show_findings(self, ev: Evaluation, held: list[str]) -> None:
        """Show each error and warning at its input (else on the message), ``held`` first on the message."""
        wanted: dict[str, list[str]] = {}
        for kind, found in (("e", ev.errors), ("w", ev.warnings)):
            for path, items in found.items():
                target = f"{kind}-{slug(path)}" if path else f"{kind}-message"
                exact = by_id(target) is not None
                if not exact:
                    target = f"{kind}-message"
                for item in items:
                    where = None if exact else self.describe(item.path)
                    wanted.setdefault(target, []).append(self.finding_line(item, where=where))
        if held:
            wanted["e-message"] = [*held, *wanted.get("e-message", [])]
        texts = {target: "\n".join(lines) for target, lines in wanted.items()}
        for target in set(self.shown) - set(texts):
            element = by_id(target)
            if element is not None:
                element.textContent = ""
                element.hidden = True
            _mark_invalid(target, False)
        for target, message in texts.items():
            if self.shown.get(target) == message:
                continue
            element = by_id(target)
            element.textContent = message
            element.hidden = False
            _mark_invalid(target, target.startswith("e-"))
        self.shown = texts


def _mark_invalid(target: str, invalid: bool) -> None:
    if not target.startswith("e-"):
        return
    control = by_id("f-" + target[2:])
    if control is not None:
        if invalid:
            control.setAttribute("aria-invalid", "true")
        else:
            control.removeAttribute("aria-invalid")
