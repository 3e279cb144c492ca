"""The one exception hierarchy of kakao-share.

Everything the library raises derives from :class:`KakaoShareError`, so a page can catch one class.
Template problems are found in Python before anything reaches Kakao (:class:`TemplateError`); the
``SDK*`` classes describe what can go wrong in the browser bridge around Kakao's JavaScript SDK::

    KakaoShareError
    ├── TemplateError  (also a ValueError)     a template or option is invalid; nothing was sent
    │   └── TemplateRenderError                a Jinja2-authored template failed to render
    ├── SDKError                               Kakao's JavaScript SDK failed or refused a call
    │   ├── SDKLoadError                       the SDK script did not load
    │   ├── SDKVersionError                    the loaded SDK is too old for a feature
    │   ├── SDKInitError                       Kakao.init with another app key
    │   ├── PopupBlocked                       the browser blocked the share popup
    │   └── KakaoAPIError                      Kakao's API answered with an error
    ├── InspectError                           (kakao_share.inspect) a target that cannot be inspected
    │   ├── FetchFailed                        a page, image or template gave no response
    │   └── AddressRefused                     an address refused before connecting to it
    ├── BadWebhookRequest                      (kakao_share.webhook) a webhook call the receiver refuses
    └── StoreError                             (kakao_share.webhook) the event store cannot be used
        └── StoreUnavailable                   a write did not commit: answer 5xx, Kakao retries

    KakaoShareWarning  (a UserWarning)         check() findings, when emitted as warnings

Every :class:`TemplateError` lists its problems as :class:`Finding` objects (path, rule, fix, code),
the same type :func:`kakao_share.check` returns for warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._i18n import Text
from .portable.sdk import SDK_TOO_OLD, dotted

if TYPE_CHECKING:
    from ._api_errors import APIErrorHelp
    from ._sdk_features import SDKFeature

__all__ = [
    "Finding",
    "KakaoAPIError",
    "KakaoShareError",
    "KakaoShareWarning",
    "PopupBlocked",
    "SDKError",
    "SDKInitError",
    "SDKLoadError",
    "SDKVersionError",
    "TemplateError",
    "TemplateRenderError",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a template or option, located by its field path.

    Used both for errors (inside :class:`TemplateError`) and for the warnings :func:`check` returns,
    so a UI can show either the same way.
    """

    path: str
    """Where the problem is, with snake_case field names: ``buttons[2]``, ``content.link.web_url``.
    The empty string means the template as a whole."""

    rule: str
    """The rule that was broken, in plain words (``at most 2 buttons``)."""

    fix: str = ""
    """A hint on how to fix it; may be empty."""

    code: str = ""
    """A short, stable identifier of the rule (``too_long``, ``text_truncated``, ...), for programs."""

    values: Mapping[str, int | str] = field(default_factory=dict, compare=False, hash=False)
    """The numbers and names in the rule, by name (``{"max_length": 2}``), so a program (or another
    language) can word it anew; not part of equality."""

    @classmethod
    def from_portable(cls, found: Mapping[str, str]) -> Finding:
        """The finding of a :mod:`kakao_share.portable` finding dict ``{path, rule, fix, code}``."""
        return cls(found["path"], found["rule"], found.get("fix", ""), found.get("code", ""))

    def __str__(self) -> str:
        where = self.path or "(template)"
        text = f"{where}: {self.rule}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


class KakaoShareError(Exception):
    """Base class of every error kakao-share raises."""


class TemplateError(KakaoShareError, ValueError):
    """A template or share option is invalid; nothing was sent.

    ``problems`` lists every problem found, each with its field path, the rule and a fix hint.
    It is also a :class:`ValueError`, so code that guards input with ``except ValueError`` keeps working.
    """

    problems: list[Finding]

    def __init__(self, problems: Iterable[Finding], *, model: str | None = None) -> None:
        self.problems = list(problems)
        self.model = model
        super().__init__(self._describe())

    def _describe(self) -> str:
        subject = f" in {self.model}" if self.model else ""
        count = len(self.problems)
        if count == 1:
            return f"invalid{subject}: {self.problems[0]}"
        lines = [f"{count} problems{subject}:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)

    @property
    def paths(self) -> list[str]:
        """The field paths of all problems, in order (handy in tests and UIs)."""
        return [p.path for p in self.problems]


class TemplateRenderError(TemplateError):
    """A Jinja2-authored template failed: syntax, an undefined variable, bad JSON or an invalid result.

    ``lineno`` is the line of the template source the (first) problem points at, ``name`` the
    template's name; the message starts with both so an author can jump to the line.
    """

    def __init__(
        self,
        message: str,
        *,
        name: str,
        lineno: int | None,
        problems: Sequence[Finding] = (),
        source_line: str | None = None,
    ) -> None:
        self.name = name
        self.lineno = lineno
        self.source_line = source_line
        self.reason = message
        self.problems = list(problems) or [Finding("", message, code="render")]
        self.model = None
        where = f"{name}, line {lineno}" if lineno is not None else name
        text = f"{where}: {message}"
        if source_line is not None:
            text += f"\n    {source_line.strip()}"
        ValueError.__init__(self, text)


class SDKError(KakaoShareError):
    """Kakao's JavaScript SDK failed or refused a call in the browser.

    ``message`` is a readable description; ``code`` is Kakao's error code when it gave one, else None.
    """

    default_message = "Kakao's JavaScript SDK reported an error"

    def __init__(self, message: str | None = None, *, code: int | str | None = None) -> None:
        self.message = message or self.default_message
        self.code = code
        super().__init__(self.message)


class SDKLoadError(SDKError):
    """The SDK script did not load: blocked, failed, timed out, or it defines no ``Kakao.Share``."""

    default_message = "Kakao's JavaScript SDK could not be loaded"


class SDKVersionError(SDKError):
    """The loaded SDK is too old for a feature that was asked for (e.g. picker settings need 2.8.0).

    ``feature`` is the :class:`~kakao_share._base.SDKFeature` (what, and the oldest version that has it),
    ``loaded`` the version the page loaded; :meth:`text` words it for a person in English or Korean.
    """

    default_message = "the loaded Kakao JavaScript SDK is too old for this feature"

    def __init__(self, feature: SDKFeature, loaded: str) -> None:
        self.feature = feature
        self.loaded = loaded
        super().__init__(f"{self.text('en')} (pass version= and integrity= to browser.load_sdk)")

    def text(self, lang: str) -> str:
        """What a person reads, in ``lang`` (a Korean tag gives Korean, anything else English)."""
        what = self.feature.what.get(lang)
        return _SDK_TOO_OLD.get(lang).format(what=what, needed=dotted(self.feature.version), loaded=self.loaded)


_SDK_TOO_OLD = Text(*SDK_TOO_OLD)


class SDKInitError(SDKError):
    """The SDK is already initialised with a different app key (``Kakao.init`` works once per page)."""

    default_message = "Kakao's JavaScript SDK is already initialised with a different app key"


class PopupBlocked(SDKError):
    """The browser blocked the share popup (``window.open`` returned null), so nothing was sent."""

    default_message = (
        "the browser blocked KakaoTalk's share popup: call share directly from a click handler "
        "(do not await anything before it) and allow popups for this site"
    )


class KakaoAPIError(SDKError):
    """Kakao's API (kapi.kakao.com) answered with a non-200 status.

    ``status`` is the HTTP status when known, ``code`` Kakao's error code and ``message`` its ``msg``.
    """

    default_message = "Kakao's API rejected the request"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: int | str | None = None,
        status: int | None = None,
    ) -> None:
        self.status = status
        super().__init__(message, code=code)

    def explain(self, lang: str = "en") -> APIErrorHelp | None:
        """What Kakao's documented ``code`` means and how to fix it, in ``"en"`` or ``"ko"`` (None: undocumented)."""
        from ._api_errors import explain_api_error

        return explain_api_error(self.code, self.message, lang=lang)


class KakaoShareWarning(UserWarning):
    """Category of the warnings :func:`kakao_share.check` emits when asked to (``warn=True``)."""
