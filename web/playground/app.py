"""The playground page: the form, the SDK panel, preview, code, share link and images, wired to the DOM.

Every keystroke re-evaluates the message (:mod:`playground.logic`) and prepares the share, so a click on
"Share to KakaoTalk" only calls the SDK: nothing is awaited between the click and ``Kakao.Share``.
User text reaches the page as text (``textContent``, input values); the preview is the library's
escaped HTML.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import Any

import jinja2
import js
import kakao_share
import pydantic
import pyodide
from kakao_share import (
    MESSAGE_KINDS,
    Finding,
    FormField,
    FormGroup,
    FormPairs,
    KakaoAPIError,
    KakaoShareError,
    MessageForm,
    TemplateError,
    Text,
    browser,
    explain_api_error,
    finding_text,
    language,
    message_form,
)
from pyodide.ffi import create_proxy

from .dom import Listeners, by_id, closest, document, find, h, slug, text
from .i18n import t
from .logic import Evaluation, Restored, evaluate, restore
from .presets import PRESETS, preset

STORE = "kakao-share:"
#: Inputs that take a whole row; the rest (numbers, choices, links' URLs, short texts) pair up.
WIDE_INPUTS = {"textarea", "image"}
WIDE_FIELDS = {"title", "header_title", "address", "request_url", "id"}
HASH_DELAY_MS = 400
_PATH_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _stored(name: str) -> str | None:
    try:
        value = js.localStorage.getItem(STORE + name)
    except Exception:  # storage disabled (privacy settings): nothing remembered
        return None
    return value if isinstance(value, str) else None


def _store(name: str, value: str) -> None:
    with contextlib.suppress(Exception):  # storage disabled or full: the page works, it only forgets
        js.localStorage.setItem(STORE + name, value)


def _param(name: str) -> str | None:
    value = js.URLSearchParams.new(js.location.search).get(name)
    return value if isinstance(value, str) and value else None


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def _size(length: int | None) -> str:
    if length is None:
        return "?"
    return f"{length / 1024:.1f} KB" if length >= 1024 else f"{length} B"


def _page_base() -> str:
    """The absolute URL of this page's folder (where ``playground/images/`` lives)."""
    return str(js.URL.new("playground/", js.document.baseURI).href)


class Playground:
    def __init__(self) -> None:
        self.lang = language(document.documentElement.lang)
        self.listeners = Listeners()
        self.form: MessageForm = message_form("feed")
        self.values: dict[str, Any] = self.form.blank()
        self.ev: Evaluation | None = None
        self.prepared: Any = None
        self.sdk_state = "idle"
        self.sdk_reason = ""
        self.shown: dict[str, str] = {}
        self.edited = False
        #: A share link's message the form could not show as it is, until the visitor edits the form.
        self.held: Restored | None = None
        self.undo: tuple[str, dict[str, Any]] | None = None
        self.js_style = "send"
        self.link = ""
        self._hash_timer: Any = None
        self._hash_proxy = create_proxy(self._sync_hash)
        self.tasks: set[asyncio.Future[None]] = set()

    # --- start -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Render the page for the link in the address (or the first preset) and make it usable."""
        self._sdk_fields()
        opened = self._open_link(js.location.hash) if str(js.location.hash).startswith("#share=") else None
        if opened is None:
            self._apply_values(preset(PRESETS[0].name).build(_page_base()))
        self._wire()
        self._set_lang(self.lang, announce=False)
        text("footer-versions", self._versions())
        for element in document.querySelectorAll("[data-boot-disabled]"):
            element.disabled = False
            element.removeAttribute("data-boot-disabled")
        if opened:
            self.say(opened)
        else:
            self.say(t("ready", self.lang))
        root = document.documentElement
        root.setAttribute("aria-busy", "false")
        root.setAttribute("data-ready", "")

    async def load_sdk_if_known(self) -> None:
        if by_id("app-key").value.strip():
            await self.load_sdk()

    @staticmethod
    def _versions() -> str:
        return (
            f"kakao-share {kakao_share.__version__} · pydantic {pydantic.VERSION} · "
            f"Jinja2 {jinja2.__version__} · Pyodide {pyodide.__version__}"
        )

    def _spawn(self, work: Any) -> None:
        """Run a coroutine started by a click; its task is kept until it ends."""
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def say(self, message: str) -> None:
        """Announce ``message`` in the status line (an aria-live region)."""
        text("status", message)

    # --- wiring ------------------------------------------------------------------------------------

    def _wire(self) -> None:
        on = self.listeners.on
        on(by_id("message-form"), "input", self._on_input)
        on(by_id("message-form"), "click", self._on_form_click)
        on(by_id("message-form"), "submit", lambda event: event.preventDefault())
        on(by_id("types"), "change", self._on_type)
        on(by_id("presets"), "click", self._on_preset)
        on(by_id("undo"), "click", self._on_undo)
        on(by_id("sdk-form"), "submit", self._on_sdk_submit)
        on(by_id("sdk-form"), "input", self._on_sdk_input)
        on(by_id("share-kakao"), "click", self._on_share)
        on(by_id("code-tabs"), "click", self._on_tab_click)
        on(by_id("code-tabs"), "keydown", self._on_tab_key)
        on(by_id("js-style"), "change", self._on_js_style)
        for button in document.querySelectorAll("[data-copy]"):
            on(button, "click", self._on_copy)
        on(by_id("img-upload"), "click", lambda _e: self._spawn(self.upload_image()))
        on(by_id("img-scrap"), "click", lambda _e: self._spawn(self.scrap_image()))
        on(by_id("error-code"), "input", lambda _e: self._explain_code())
        on(by_id("lang-switch"), "click", self._on_lang)
        on(js.window, "hashchange", self._on_hashchange)

    # --- language ----------------------------------------------------------------------------------

    def _on_lang(self, event: Any) -> None:
        button = closest(event.target, "[data-lang]")
        if button is not None:
            self._set_lang(str(button.dataset.lang), announce=True)

    def _set_lang(self, lang: str, *, announce: bool) -> None:
        self.lang = language(lang)
        document.documentElement.lang = self.lang
        document.title = t("title", self.lang)
        for button in document.querySelectorAll("#lang-switch [data-lang]"):
            button.setAttribute("aria-pressed", "true" if button.dataset.lang == self.lang else "false")
        if announce:
            _store("lang", self.lang)
        self._render_form()
        self._render_sdk_state()
        self._explain_code()
        self.update()
        if announce:
            self.say(t("ready", self.lang))

    # --- the message form --------------------------------------------------------------------------

    def _apply_values(self, settings: dict[str, Any], *, kind: str | None = None) -> list[Finding]:
        """Show ``settings`` in the form (the type chosen from them unless ``kind``)."""
        form = message_form(kind) if kind else kakao_share.form_for_settings(settings)
        if form is None:
            form = message_form("feed")
        values, problems = form.values(settings)
        self._show(form, values)
        return problems

    def _show(self, form: MessageForm, values: dict[str, Any]) -> None:
        self.form, self.values = form, values
        for radio in document.querySelectorAll("#types input[type=radio]"):
            radio.checked = radio.value == form.kind
        self._render_form()
        self.update()

    def _snapshot(self) -> tuple[str, dict[str, Any]]:
        return self.form.kind, dict(self.values)

    def _offer_undo(self, message: str) -> None:
        self.say(message)
        by_id("undo").hidden = False

    def _on_type(self, event: Any) -> None:
        kind = str(event.target.value)
        if kind not in MESSAGE_KINDS or kind == self.form.kind:
            return
        form = message_form(kind)
        candidate = {**form.blank(), **self.values}
        wanted = dict(form.fields(candidate))
        self._show(form, {path: value for path, value in candidate.items() if path in wanted})
        self._edited()
        self.say(t("type_changed", self.lang, kind=form.label.get(self.lang)))

    def _on_preset(self, event: Any) -> None:
        button = closest(event.target, "button[data-preset]")
        if button is None:
            return
        self.undo = self._snapshot()
        name = str(button.dataset.preset)
        if name == "clear":
            self._show(self.form, self.form.blank())
            self._offer_undo(t("cleared", self.lang))
        else:
            chosen = preset(name)
            self._apply_values(chosen.build(_page_base()))
            self._offer_undo(t("preset_loaded", self.lang, name=chosen.label.get(self.lang)))
        self._edited()

    def _on_undo(self, _event: Any) -> None:
        if self.undo is None:
            return
        kind, values = self.undo
        self.undo = None
        by_id("undo").hidden = True
        self._show(message_form(kind), values)
        self._edited()
        self.say(t("undone", self.lang))

    def _on_input(self, event: Any) -> None:
        target = event.target
        path = target.name
        if not path or path not in self.values:
            return
        self.values[path] = bool(target.checked) if target.type == "checkbox" else str(target.value)
        self._count(path)
        self._edited()
        self.update()

    def _on_form_click(self, event: Any) -> None:
        button = closest(event.target, "button[data-action]")
        if button is None:
            return
        event.preventDefault()
        path = str(button.dataset.path)
        if button.dataset.action == "add":
            self.values = self.form.add_row(self.values, path)
            index = self.form.rows(self.values, path) - 1
            focus = f"{path}[{index}]"
        else:
            index = int(button.dataset.index)
            self.values = self.form.remove_row(self.values, path, index)
            focus = ""
        self._render_form()
        self._edited()
        self.update()
        self._focus_after_row_change(path, focus)

    def _focus_after_row_change(self, path: str, row: str) -> None:
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

    # --- rendering the form ------------------------------------------------------------------------

    def _render_form(self) -> None:
        lang = self.lang
        form = self.form
        by_id("kind-description").textContent = form.description.get(lang)
        fragment = document.createDocumentFragment()
        message = self._group(form.message, "", t("message", lang, kind=form.label.get(lang)), root="message")
        fragment.append(message)
        fragment.append(self._group(form.options, "", t("options", lang), root="options"))
        by_id("message-form").replaceChildren(fragment)
        self._render_image_targets()
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
            box.append(h("p", {"class": "since"}, t("since", self.lang, version=_dotted(group.since))))
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
            self._count(path, box=box, limit=field.limit)
        return box

    def _count(self, path: str, *, box: Any = None, limit: int | None = None) -> None:
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

    def describe(self, path: str) -> str:
        """A form path in words: ``buttons[1].link.web_url`` -> ``Buttons › Button 2 › Link › Web URL (PC)``."""
        lang = self.lang
        words: list[str] = []
        nodes: tuple[Any, ...] = self.form.message.children + self.form.options.children
        node: Any = None
        for name, index in _PATH_TOKEN.findall(path):
            if name:
                node = next((n for n in nodes if n.name == name), None)
                if node is None:
                    words.append(name)
                    nodes = ()
                    continue
                words.append(node.label.get(lang))
                nodes = node.children if isinstance(node, FormGroup) else ()
            elif isinstance(node, FormGroup) and node.row_label is not None:
                words.append(node.row_label.get(lang).replace("{n}", str(int(index) + 1)))
            else:
                words.append(str(int(index) + 1))
        return " › ".join(words) if words else t("whole", lang)

    # --- evaluation --------------------------------------------------------------------------------

    def _sdk_args(self) -> dict[str, str | None]:
        return {
            "app_key": by_id("app-key").value.strip() or None,
            "sdk_version": by_id("sdk-version").value.strip() or None,
            "integrity": by_id("sdk-integrity").value.strip() or None,
        }

    def update(self) -> None:
        """Re-evaluate the message and refresh everything that shows it; prepare the share."""
        ev = evaluate(self.form, self.values, **self._sdk_args())
        self.ev = ev
        self.prepared = browser.prepare(ev.template, ev.options) if ev.valid else None
        self._show_findings(ev)
        self._show_preview(ev)
        self._show_code(ev)
        self._show_link(ev)
        self._refresh_share()

    def _finding_text(self, finding: Finding, *, where: str | None) -> str:
        rule, fix = finding_text(finding, self.lang)
        line = rule
        if fix:
            line += f" — {fix}"
        return f"{where}: {line}" if where else line

    def _show_findings(self, ev: Evaluation) -> None:
        wanted: dict[str, list[str]] = {}
        for kind, found in (("e", ev.errors), ("w", ev.warnings)):
            for path, items in found.items():
                target = f"{kind}-{slug(path)}" if path else f"{kind}-message"
                exact = by_id(target) is not None
                if not exact:
                    target = f"{kind}-message"
                for item in items:
                    where = None if exact else self.describe(item.path)
                    wanted.setdefault(target, []).append(self._finding_text(item, where=where))
        held = self._held_lines()
        if held:
            wanted["e-message"] = [*held, *wanted.get("e-message", [])]
        texts = {target: "\n".join(lines) for target, lines in wanted.items()}
        for target in set(self.shown) - set(texts):
            element = by_id(target)
            if element is not None:
                element.textContent = ""
                element.hidden = True
            self._mark_invalid(target, False)
        for target, message in texts.items():
            if self.shown.get(target) == message:
                continue
            element = by_id(target)
            element.textContent = message
            element.hidden = False
            self._mark_invalid(target, target.startswith("e-"))
        self.shown = texts

    @staticmethod
    def _mark_invalid(target: str, invalid: bool) -> None:
        if not target.startswith("e-"):
            return
        control = by_id("f-" + target[2:])
        if control is not None:
            if invalid:
                control.setAttribute("aria-invalid", "true")
            else:
                control.removeAttribute("aria-invalid")

    def _show_preview(self, ev: Evaluation) -> None:
        note = by_id("preview-note")
        if ev.preview is not None:
            by_id("preview").innerHTML = ev.preview  # kakao_share's preview: every user text escaped
            by_id("preview").classList.remove("stale")
            note.textContent = ""
            note.hidden = True
            return
        has_preview = find(".ks-card", by_id("preview")) is not None
        by_id("preview").classList.toggle("stale", has_preview)
        note.textContent = t("preview_stale" if has_preview else "preview_none", self.lang)
        note.hidden = False

    def _show_code(self, ev: Evaluation) -> None:
        lang = self.lang
        invalid = t("code_invalid", lang)
        js_key = "button" if self.js_style == "button" else "javascript"
        for name, code in (
            ("python", ev.code.get("python")),
            ("javascript", ev.code.get(js_key)),
            ("json", ev.code.get("json")),
        ):
            by_id(f"code-{name}").textContent = (
                code if code is not None else (invalid if name != "python" else "# " + invalid[3:])
            )
            by_id(f"copy-{name}").disabled = code is None
        method = self.form.method
        text("js-send-label", t("js_send", lang, method=f"Kakao.Share.{method}"))
        text("js-button-label", t("js_button", lang, method=f"Kakao.Share.create{method[4:]}Button"))
        text("json-caption", "template_object" if self.form.is_default else "validation_params")

    def _show_link(self, ev: Evaluation) -> None:
        self.link = ev.link
        page = str(js.location.href).split("#")[0].split("?")[0]
        by_id("share-link").value = page + ev.link

    def _edited(self) -> None:
        """Keep the address bar's fragment on the current message (a reload or Back restores it)."""
        self.edited = True
        self.held = None
        if self._hash_timer is not None:
            js.clearTimeout(self._hash_timer)
        self._hash_timer = js.setTimeout(self._hash_proxy, HASH_DELAY_MS)

    def _sync_hash(self, *_args: Any) -> None:
        self._hash_timer = None
        if self.link and js.location.hash != self.link:
            js.history.replaceState(
                js.history.state, "", str(js.location.pathname) + str(js.location.search) + self.link
            )

    # --- sharing -----------------------------------------------------------------------------------

    def _blocker(self) -> str | None:
        lang = self.lang
        ev = self.ev
        if ev is None or not ev.valid:
            first = ""
            if ev is not None:
                for path, items in ev.errors.items():
                    rule, _fix = finding_text(items[0], lang)
                    first = f"{self.describe(path if path else items[0].path)}: {rule}"
                    break
            return t("why_errors", lang, count=ev.problem_count() if ev else 0, first=first)
        if self.held is not None:
            return t("why_link_held", lang)
        if self.sdk_state == "loading":
            return t("why_sdk_loading", lang)
        info = browser.sdk_info()
        if self.sdk_state != "ready" or info is None:
            return t("why_sdk", lang)
        needed = ev.needs
        if needed is not None and tuple(info.version_tuple) < needed:
            return t("why_version", lang, needed=_dotted(needed), loaded=info.version)
        return None

    def _refresh_share(self) -> None:
        blocker = self._blocker()
        by_id("share-kakao").disabled = blocker is not None
        text("share-why", blocker or t("shareable", self.lang))
        self._bind_sdk_button(blocker is None)

    def _bind_sdk_button(self, shareable: bool) -> None:
        button = by_id("sdk-button")
        if self.sdk_state == "ready":
            browser.cleanup()  # drops the listener the SDK added for the previous message
        if shareable and self.prepared is not None:
            try:
                self.prepared.create_button(button)
            except KakaoShareError as exc:
                button.disabled = True
                text("sdk-button-state", str(exc))
                return
            button.disabled = False
            text("sdk-button-state", t("button_bound", self.lang))
        else:
            button.disabled = True
            text("sdk-button-state", t("button_unbound", self.lang))

    def _on_share(self, _event: Any) -> None:
        """Synchronous on purpose: the SDK opens its popup inside this click."""
        if self.prepared is None:
            return
        try:
            self.prepared.send()
        except KakaoShareError as exc:
            self.say(t("share_failed", self.lang, reason=str(exc)))
        else:
            self.say(t("shared", self.lang))

    # --- the SDK -----------------------------------------------------------------------------------

    def _sdk_fields(self) -> None:
        key = _param("app_key") or _stored("app-key") or ""
        version = _param("sdk_version") or _stored("sdk-version") or browser.DEFAULT_SDK_VERSION
        # An SRI hash has no spaces: a "+" pasted into a URL unescaped arrives as one.
        pasted = (_param("sdk_integrity") or "").replace(" ", "+")
        integrity = pasted or _stored("sdk-integrity") or browser.PUBLISHED_SRI.get(version, "")
        by_id("app-key").value = key
        by_id("sdk-version").value = version
        by_id("sdk-integrity").value = integrity

    def _on_sdk_input(self, event: Any) -> None:
        if event.target.id == "sdk-version":
            version = str(event.target.value).strip()
            known = browser.PUBLISHED_SRI.get(version)
            if known:
                by_id("sdk-integrity").value = known
        self._render_sdk_state()
        self.update()

    def _on_sdk_submit(self, event: Any) -> None:
        event.preventDefault()
        self._spawn(self.load_sdk())

    def _render_sdk_state(self) -> None:
        lang = self.lang
        info = browser.sdk_info()
        state = self.sdk_state
        if state == "loading":
            message = t("sdk_loading", lang, version=by_id("sdk-version").value.strip())
        elif state == "ready" and info is not None:
            message = t("sdk_ready", lang, version=info.version, key=self._masked_key())
        elif state == "failed":
            message = t("sdk_failed", lang, reason=self.sdk_reason)
        else:
            message = t("sdk_idle", lang)
        element = by_id("sdk-state")
        element.textContent = message
        element.dataset.state = state
        loaded = info is not None
        by_id("sdk-version").disabled = loaded
        by_id("sdk-integrity").disabled = loaded
        text("sdk-load", t("sdk_use_key" if loaded else "sdk_load", lang))
        version = by_id("sdk-version").value.strip()
        if loaded and info is not None:
            hint = t("sdk_reload", lang, version=info.version)
        elif browser.PUBLISHED_SRI.get(version) == by_id("sdk-integrity").value.strip():
            hint = t("sdk_sri_known", lang, version=version)
        else:
            hint = t("sdk_sri_needed", lang)
        text("sdk-integrity-hint", hint)

    def _masked_key(self) -> str:
        key = by_id("app-key").value.strip()
        return key[:4] + "…" if len(key) > 6 else key

    async def load_sdk(self) -> None:
        key = by_id("app-key").value.strip()
        if not key:
            self.sdk_state, self.sdk_reason = "failed", t("sdk_key_missing", self.lang)
            self._render_sdk_state()
            self.say(by_id("sdk-state").textContent)
            by_id("app-key").focus()
            return
        version = by_id("sdk-version").value.strip() or browser.DEFAULT_SDK_VERSION
        integrity = by_id("sdk-integrity").value.strip() or None
        self.sdk_state = "loading"
        self._render_sdk_state()
        self._refresh_share()
        self.say(by_id("sdk-state").textContent)
        try:
            if browser.sdk_info() is not None:  # loaded already: switch the key
                browser.cleanup_sdk()
                browser.init(key)
            else:
                await browser.load_sdk(key, version=version, integrity=integrity)
        except KakaoShareError as exc:
            self.sdk_state, self.sdk_reason = "failed", str(exc)
        else:
            self.sdk_state, self.sdk_reason = "ready", ""
            _store("app-key", key)
            _store("sdk-version", version)
            _store("sdk-integrity", integrity or "")
        self._render_sdk_state()
        self.update()
        self.say(by_id("sdk-state").textContent)

    # --- code panel --------------------------------------------------------------------------------

    def _select_tab(self, tab: Any, *, focus: bool) -> None:
        for other in document.querySelectorAll("#code-tabs [role=tab]"):
            selected = other.id == tab.id
            other.setAttribute("aria-selected", "true" if selected else "false")
            other.tabIndex = 0 if selected else -1
            by_id(other.getAttribute("aria-controls")).hidden = not selected
        if focus:
            tab.focus()

    def _on_tab_click(self, event: Any) -> None:
        tab = closest(event.target, "[role=tab]")
        if tab is not None:
            self._select_tab(tab, focus=False)

    def _on_tab_key(self, event: Any) -> None:
        tabs = list(document.querySelectorAll("#code-tabs [role=tab]"))
        current = next((i for i, tab in enumerate(tabs) if tab.getAttribute("aria-selected") == "true"), 0)
        moves = {"ArrowRight": current + 1, "ArrowLeft": current - 1, "Home": 0, "End": len(tabs) - 1}
        if event.key in moves:
            event.preventDefault()
            self._select_tab(tabs[moves[event.key] % len(tabs)], focus=True)

    def _on_js_style(self, event: Any) -> None:
        self.js_style = str(event.target.value)
        if self.ev is not None:
            self._show_code(self.ev)

    def _on_copy(self, event: Any) -> None:
        name = str(event.currentTarget.dataset.copy)
        source = by_id("share-link").value if name == "link" else by_id(f"code-{name}").textContent
        self._spawn(self.copy(str(source), name))

    async def copy(self, value: str, name: str) -> None:
        try:
            await js.navigator.clipboard.writeText(value)
        except Exception:  # no clipboard access (permissions, insecure context): let the user copy
            target = by_id("share-link" if name == "link" else f"code-{name}")
            selection = js.window.getSelection()
            selection.selectAllChildren(target) if name != "link" else target.select()
            self.say(t("copy_failed", self.lang))
        else:
            self.say(t("copied", self.lang, what=t(name, self.lang)))

    # --- share links -------------------------------------------------------------------------------

    def _open_link(self, link: str) -> str:
        """Show the message of a share link; return what to announce.

        A link whose message the form cannot show as it is (not one Kakao takes, or changed to fit the
        form) is held: what was wrong and what changed stay shown, and sharing waits for an edit.
        """
        lang = self.lang
        try:
            restored = restore(link)
        except TemplateError as exc:
            self.held = None
            self._show(message_form("feed"), message_form("feed").blank())
            return t("link_malformed", lang, reason=finding_text(exc.problems[0], lang)[0])
        self.held = restored if restored.needs_edit else None
        self._show(restored.form, restored.values)
        self.link = link if link.startswith("#") else "#" + link.partition("#")[2]
        problems = [*restored.problems, *restored.wrong]
        if self.ev is not None:
            problems += [item for items in self.ev.errors.values() for item in items]
        if problems or restored.changes:
            lines = self._held_lines() or [self._finding_text(problems[0], where=self.describe(problems[0].path))]
            first = next(line for line in lines if line not in (t("link_wrong", lang), t("link_changed", lang)))
            count = len({(item.path, item.rule) for item in problems}) + len(restored.changes)
            return t("restored_problems", lang, count=count, first=first)
        return t("restored", lang)

    def _held_lines(self) -> list[str]:
        """What a held link had wrong and what the form changed, in the page's language."""
        held, lang = self.held, self.lang
        if held is None:
            return []
        lines = [self._finding_text(item, where=self.describe(item.path)) for item in held.problems]
        if held.wrong:
            lines.append(t("link_wrong", lang))
            lines += [self._finding_text(item, where=self.describe(item.path)) for item in held.wrong]
        if held.changes:
            lines.append(t("link_changed", lang))
            absent = t("absent", lang)
            lines += [
                t("link_change", lang, where=self.describe(c.path), was=c.was or absent, now=c.now or absent)
                for c in held.changes
            ]
        return lines

    def _on_hashchange(self, _event: Any) -> None:
        fragment = str(js.location.hash)
        if fragment.startswith("#share=") and fragment != self.link:
            self.say(self._open_link(fragment))

    # --- images ------------------------------------------------------------------------------------

    def _image_fields(self) -> list[tuple[str, str]]:
        return [(path, self.describe(path)) for path, field in self.form.fields(self.values) if field.input == "image"]

    def _render_image_targets(self) -> None:
        select = by_id("img-target")
        previous = select.value
        targets = self._image_fields()
        select.replaceChildren(*[h("option", {"value": path}, label) for path, label in targets])
        if previous and any(path == previous for path, _ in targets):
            select.value = previous
        for name in ("img-target", "img-file", "img-upload", "img-url", "img-scrap"):
            by_id(name).disabled = not targets
        result = by_id("img-result")
        if not targets:
            result.textContent = t("img_no_target", self.lang)
            result.classList.remove("failed")
        elif result.textContent == t("img_no_target", self.lang):
            result.textContent = ""

    def _image_ready(self) -> str | None:
        if self.sdk_state != "ready":
            return t("img_need_sdk", self.lang)
        if not by_id("img-target").value:
            return t("img_no_target", self.lang)
        return None

    async def upload_image(self) -> None:
        problem = self._image_ready()
        files = by_id("img-file").files
        if problem is None and (files is None or files.length == 0):
            problem = t("img_no_file", self.lang)
        if problem:
            self._image_result(problem, failed=True)
            return
        self._image_result(t("img_uploading", self.lang))
        await self._image_call(browser.upload_image(files))

    async def scrap_image(self) -> None:
        problem = self._image_ready()
        url = by_id("img-url").value.strip()
        if problem is None and not url:
            problem = t("img_no_url", self.lang)
        if problem:
            self._image_result(problem, failed=True)
            return
        self._image_result(t("img_scraping", self.lang))
        await self._image_call(browser.scrap_image(url))

    async def _image_call(self, call: Any) -> None:
        target = by_id("img-target").value
        try:
            info = await call
        except KakaoAPIError as exc:
            self._image_result(t("img_failed", self.lang, reason=exc.message), failed=True)
            self._show_api_error(by_id("img-error"), exc.code, exc.message)
            return
        except KakaoShareError as exc:
            self._image_result(t("img_failed", self.lang, reason=str(exc)), failed=True)
            return
        self.values[target] = info.url
        parent = target.rpartition(".")[0]
        for name, size in (("image_width", info.width), ("image_height", info.height)):
            path = f"{parent}.{name}" if parent else name
            if path in self.values and size is not None:
                self.values[path] = str(size)
        for path in (target, f"{parent}.image_width", f"{parent}.image_height"):
            control = by_id("f-" + slug(path))
            if control is not None:
                control.value = self.values[path]
        self._edited()
        self.update()
        self._image_result(
            t(
                "img_done",
                self.lang,
                url=info.url,
                width=info.width if info.width is not None else "?",
                height=info.height if info.height is not None else "?",
                size=_size(info.length),
                target=self.describe(target),
            )
        )

    def _image_result(self, message: str, *, failed: bool = False) -> None:
        element = by_id("img-result")
        element.textContent = message
        element.classList.toggle("failed", failed)
        if not failed:
            by_id("img-error").replaceChildren()
        self.say(message)

    # --- Kakao's error codes -----------------------------------------------------------------------

    def _show_api_error(self, box: Any, code: Any, message: str | None) -> bool:
        explained = explain_api_error(code, message, lang=self.lang)
        if explained is None:
            box.replaceChildren()
            return False
        box.replaceChildren(
            h(
                "dl",
                {"class": "explained"},
                h("dt", None, t("cause", self.lang)),
                h("dd", None, explained.cause),
                h("dt", None, t("fix", self.lang)),
                h("dd", None, explained.fix),
            )
        )
        return True

    def _explain_code(self) -> None:
        value = str(by_id("error-code").value).strip()
        box = by_id("error-help")
        if not value:
            box.replaceChildren(h("p", None, t("code_enter", self.lang)))
        elif not self._show_api_error(box, value, None):
            box.replaceChildren(h("p", None, t("code_unknown", self.lang, code=value)))
