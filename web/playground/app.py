"""The playground page's state and wiring: the panels (form, SDK, images, code) tied to one message, and sharing.

Every keystroke re-evaluates the message (:mod:`playground.logic`) and prepares the share, so a click on
"Share to KakaoTalk" only calls the SDK: nothing is awaited between the click and ``Kakao.Share``.
User text reaches the page as text (``textContent``, input values); the preview is the library's
escaped HTML.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import jinja2
import js
import kakao_share
import pydantic
import pyodide
from kakao_share import (
    MESSAGE_KINDS,
    Finding,
    KakaoShareError,
    MessageForm,
    SDKVersionError,
    TemplateError,
    browser,
    finding_text,
    language,
    message_form,
)
from kakao_share._share import check_sdk_version
from pyodide.ffi import create_proxy

from .code_panel import CodePanel
from .dom import Listeners, by_id, closest, document, find, text
from .error_codes import explain_code
from .form_view import FormView
from .i18n import t
from .image_panel import ImagePanel
from .logic import Evaluation, Restored, evaluate, restore
from .presets import PRESETS, preset
from .sdk_panel import SdkPanel
from .storage import store

__all__ = ["Playground"]

HASH_DELAY_MS = 400


def _page_base() -> str:
    """The absolute URL of this page's folder (where ``playground/images/`` lives)."""
    return str(js.URL.new("playground/", js.document.baseURI).href)


class Playground:
    """The page's state (language, form, values, evaluation, share link) and what ties the panels to it."""

    def __init__(self) -> None:
        self.lang = language(document.documentElement.lang)
        self.listeners = Listeners()
        self.form: MessageForm = message_form("feed")
        self.values: dict[str, Any] = self.form.blank()
        self.ev: Evaluation | None = None
        self.prepared: Any = None
        #: A share link's message the form could not show as it is, until the visitor edits the form.
        self.held: Restored | None = None
        self.undo: tuple[str, dict[str, Any]] | None = None
        self.link = ""
        self._hash_timer: Any = None
        self._hash_proxy = create_proxy(self._sync_hash)
        self.tasks: set[asyncio.Future[None]] = set()
        self.form_view = FormView(self)
        self.sdk = SdkPanel(self)
        self.images = ImagePanel(self)
        self.code = CodePanel(self)

    # --- start -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Render the page for the link in the address (or the first preset) and make it usable."""
        self.sdk.fill()
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
            await self.sdk.load()

    @staticmethod
    def _versions() -> str:
        return (
            f"kakao-share {kakao_share.__version__} · pydantic {pydantic.VERSION} · "
            f"Jinja2 {jinja2.__version__} · Pyodide {pyodide.__version__}"
        )

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
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
        on(by_id("sdk-form"), "submit", self.sdk.on_submit)
        on(by_id("sdk-form"), "input", self.sdk.on_input)
        on(by_id("share-kakao"), "click", self._on_share)
        on(by_id("code-tabs"), "click", self.code.on_tab_click)
        on(by_id("code-tabs"), "keydown", self.code.on_tab_key)
        on(by_id("js-style"), "change", self.code.on_js_style)
        for button in document.querySelectorAll("[data-copy]"):
            on(button, "click", self.code.on_copy)
        on(by_id("img-upload"), "click", lambda _e: self.spawn(self.images.upload()))
        on(by_id("img-scrap"), "click", lambda _e: self.spawn(self.images.scrap()))
        on(by_id("error-code"), "input", lambda _e: explain_code(self.lang))
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
            store("lang", self.lang)
        self._render_form()
        self.sdk.render()
        explain_code(self.lang)
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
        self.mark_edited()
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
        self.mark_edited()

    def _on_undo(self, _event: Any) -> None:
        if self.undo is None:
            return
        kind, values = self.undo
        self.undo = None
        by_id("undo").hidden = True
        self._show(message_form(kind), values)
        self.mark_edited()
        self.say(t("undone", self.lang))

    def _on_input(self, event: Any) -> None:
        target = event.target
        path = target.name
        if not path or path not in self.values:
            return
        self.values[path] = bool(target.checked) if target.type == "checkbox" else str(target.value)
        self.form_view.count(path)
        self.mark_edited()
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
        self.mark_edited()
        self.update()
        self.form_view.focus_after_row_change(path, focus)

    def _render_form(self) -> None:
        self.form_view.render()
        self.images.render_targets()

    def describe(self, path: str) -> str:
        """A form path in words, in the page's language (see :meth:`FormView.describe`)."""
        return self.form_view.describe(path)

    # --- evaluation --------------------------------------------------------------------------------

    def update(self) -> None:
        """Re-evaluate the message and refresh everything that shows it; prepare the share."""
        ev = evaluate(self.form, self.values, **self.sdk.args())
        self.ev = ev
        self.prepared = browser.prepare(ev.template, ev.options) if ev.valid else None
        self.form_view.show_findings(ev, self._held_lines())
        self._show_preview(ev)
        self.code.show(ev)
        self._show_link(ev)
        self.refresh_share()

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

    def _show_link(self, ev: Evaluation) -> None:
        self.link = ev.link
        page = str(js.location.href).split("#")[0].split("?")[0]
        by_id("share-link").value = page + ev.link

    def mark_edited(self) -> None:
        """Keep the address bar's fragment on the current message (a reload or Back restores it)."""
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
        if self.sdk.state == "loading":
            return t("why_sdk_loading", lang)
        info = browser.sdk_info()
        if self.sdk.state != "ready" or info is None:
            return t("why_sdk", lang)
        if ev.template is not None and ev.options is not None:
            try:  # the library's rule and its wording, in the page's language
                check_sdk_version(info.version, ev.template, ev.options)
            except SDKVersionError as too_old:
                return too_old.text(lang)
        return None

    def refresh_share(self) -> None:
        blocker = self._blocker()
        by_id("share-kakao").disabled = blocker is not None
        text("share-why", blocker or t("shareable", self.lang))
        self._bind_sdk_button(blocker is None)

    def _bind_sdk_button(self, shareable: bool) -> None:
        button = by_id("sdk-button")
        if self.sdk.state == "ready":
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
            lines = self._held_lines() or [
                self.form_view.finding_line(problems[0], where=self.describe(problems[0].path))
            ]
            first = next(line for line in lines if line not in (t("link_wrong", lang), t("link_changed", lang)))
            count = len({(item.path, item.rule) for item in problems}) + len(restored.changes)
            return t("restored_problems", lang, count=count, first=first)
        return t("restored", lang)

    def _held_lines(self) -> list[str]:
        """What a held link had wrong and what the form changed, in the page's language."""
        held, lang = self.held, self.lang
        if held is None:
            return []
        lines = [self.form_view.finding_line(item, where=self.describe(item.path)) for item in held.problems]
        if held.wrong:
            lines.append(t("link_wrong", lang))
            lines += [self.form_view.finding_line(item, where=self.describe(item.path)) for item in held.wrong]
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
