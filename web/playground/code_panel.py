"""The code panel: the message as Python, JavaScript and JSON in keyboard-usable tabs, and the copy buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import js
from kakao_share import CustomTemplate, FeedTemplate, ScrapTemplate

from .dom import by_id, closest, document, text
from .i18n import t
from .logic import Evaluation

if TYPE_CHECKING:
    from kakao_share._templates import ShareKind

    from .app import Playground

__all__ = ["CodePanel"]

#: The ``Kakao.Share`` functions of each kind of template, by the function that sends it.
_SHARE_KINDS: dict[str, ShareKind] = {
    cls.share_kind.send_method: cls.share_kind for cls in (FeedTemplate, CustomTemplate, ScrapTemplate)
}


class CodePanel:
    """``#code-tabs`` and their panels; ``#js-style`` picks ``send`` (call on click) or ``button`` (bind)."""

    def __init__(self, app: Playground) -> None:
        self.app = app
        self.js_style = "send"

    def show(self, ev: Evaluation) -> None:
        """The code for ``ev`` (or why there is none), and the SDK functions it calls."""
        lang = self.app.lang
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
        form = self.app.form
        kind = _SHARE_KINDS[form.method]
        text("js-send-label", t("js_send", lang, method=f"Kakao.Share.{kind.send_method}"))
        text("js-button-label", t("js_button", lang, method=f"Kakao.Share.{kind.button_method}"))
        text("json-caption", "template_object" if form.is_default else "validation_params")

    def on_js_style(self, event: Any) -> None:
        self.js_style = str(event.target.value)
        if self.app.ev is not None:
            self.show(self.app.ev)

    # --- tabs --------------------------------------------------------------------------------------

    @staticmethod
    def _select_tab(tab: Any, *, focus: bool) -> None:
        for other in document.querySelectorAll("#code-tabs [role=tab]"):
            selected = other.id == tab.id
            other.setAttribute("aria-selected", "true" if selected else "false")
            other.tabIndex = 0 if selected else -1
            by_id(other.getAttribute("aria-controls")).hidden = not selected
        if focus:
            tab.focus()

    def on_tab_click(self, event: Any) -> None:
        tab = closest(event.target, "[role=tab]")
        if tab is not None:
            self._select_tab(tab, focus=False)

    def on_tab_key(self, event: Any) -> None:
        tabs = list(document.querySelectorAll("#code-tabs [role=tab]"))
        current = next((i for i, tab in enumerate(tabs) if tab.getAttribute("aria-selected") == "true"), 0)
        moves = {"ArrowRight": current + 1, "ArrowLeft": current - 1, "Home": 0, "End": len(tabs) - 1}
        if event.key in moves:
            event.preventDefault()
            self._select_tab(tabs[moves[event.key] % len(tabs)], focus=True)

    # --- copying -----------------------------------------------------------------------------------

    def on_copy(self, event: Any) -> None:
        """A ``[data-copy]`` button: copy that code (or the share link)."""
        name = str(event.currentTarget.dataset.copy)
        source = by_id("share-link").value if name == "link" else by_id(f"code-{name}").textContent
        self.app.spawn(self.copy(str(source), name))

    async def copy(self, value: str, name: str) -> None:
        lang = self.app.lang
        try:
            await js.navigator.clipboard.writeText(value)
        except Exception:  # no clipboard access (permissions, insecure context): let the user copy
            target = by_id("share-link" if name == "link" else f"code-{name}")
            selection = js.window.getSelection()
            selection.selectAllChildren(target) if name != "link" else target.select()
            self.app.say(t("copy_failed", lang))
        else:
            self.app.say(t("copied", lang, what=t(name, lang)))
