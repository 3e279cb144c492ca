"""A message in a URL: :class:`ShareLink`, the codec of the playground's share links.

**The format is a stable contract**: a page URL's fragment ``#share=`` followed by the base64url
encoding, without ``=`` padding, of the UTF-8 JSON document::

    {"method": "sendDefault" | "sendCustom" | "sendScrap", "settings": {...}}

where ``settings`` is exactly the object JavaScript passes to ``Kakao.Share.<method>``: the template's
fields and the share options side by side, camelCase (what :func:`~kakao_share.share_settings` makes).
A fragment never reaches the server, so a shared message stays between the people who pass the link.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from ._exceptions import Finding, TemplateError
from ._options import ShareOptions
from ._share import ShareParts, parse_settings, share_settings
from ._template_parsing import parse_template
from ._templates import CUSTOM_SHARE, DEFAULT_SHARE, SCRAP_SHARE

__all__ = ["METHODS", "SHARE_FRAGMENT", "ShareLink"]

SHARE_FRAGMENT = "#share="
"""What a share link's URL fragment starts with."""

METHODS = tuple(kind.send_method for kind in (DEFAULT_SHARE, CUSTOM_SHARE, SCRAP_SHARE))
"""The ``Kakao.Share`` functions a share link may name."""

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_FIX = "copy the whole link again, or start a new message"


def _malformed(rule: str, fix: str = _FIX) -> TemplateError:
    return TemplateError([Finding("", rule, fix, "share_link")], model="share link")


class ShareLink(NamedTuple):
    """A message as a share link carries it: the SDK ``method`` and its one ``settings`` object.

    ``ShareLink.of(template, options).fragment()`` makes a link's fragment; ``ShareLink.parse(url)``
    reads one back and ``.split()`` validates it into a template and options.
    """

    method: str
    settings: dict[str, Any]

    @classmethod
    def of(cls, template: Any, options: ShareOptions | Mapping[str, Any] | None = None) -> ShareLink:
        """The link of a (valid) message: its send method and :func:`~kakao_share.share_settings`."""
        model = parse_template(template)
        return cls(model.send_method, share_settings(model, options))

    def fragment(self) -> str:
        """``#share=<base64url of the JSON>``: append it to the page's address."""
        text = json.dumps({"method": self.method, "settings": self.settings}, ensure_ascii=False, separators=(",", ":"))
        return SHARE_FRAGMENT + base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def parse(cls, link: str) -> ShareLink:
        """Read a share link: a whole URL, its fragment (``#share=…``) or the fragment without ``#``.

        Only the container is checked here (encoding, JSON, the method, an object of settings); the
        settings themselves are validated by :meth:`split`, so a page can show an invalid message and
        say what is wrong with it. Raises :class:`TemplateError` (code ``share_link``) when malformed.
        """
        fragment = link.partition("#")[2] if "#" in link else link
        if not fragment.startswith(SHARE_FRAGMENT[1:]):
            raise _malformed("this is not a share link (its address has no #share= part)")
        encoded = fragment[len(SHARE_FRAGMENT) - 1 :].rstrip("=")  # padding is tolerated, never written
        if not _BASE64URL.fullmatch(encoded) or len(encoded) % 4 == 1:
            raise _malformed("the share link is damaged: its data is not base64url text")
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            document = json.loads(raw.decode("utf-8"))
        except (binascii.Error, UnicodeDecodeError):
            raise _malformed("the share link is damaged: its data is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise _malformed(f"the share link is damaged: its data is not JSON ({exc.msg})") from None
        if not isinstance(document, dict):
            raise _malformed('the share link\'s data must be a JSON object {"method": …, "settings": …}')
        method, settings = document.get("method"), document.get("settings")
        if method not in METHODS:
            raise _malformed(f"the share link names no known method ({', '.join(METHODS)}), but {method!r}")
        if not isinstance(settings, dict):
            raise _malformed("the share link's settings must be a JSON object")
        extra = sorted(set(document) - {"method", "settings"})
        if extra:
            raise _malformed(f"the share link has unknown keys: {', '.join(extra)}")
        return cls(method, settings)

    def split(self) -> ShareParts:
        """Validate the settings into ``(template, options)``; :class:`TemplateError` lists every problem,
        including a template that the link's method does not send."""
        template, options = parse_settings(self.settings)
        if template.send_method != self.method:
            raise TemplateError(
                [
                    Finding(
                        "",
                        f"the link says {self.method}, but its settings are a {template.send_method} message",
                        "share the message again to make a new link",
                        "share_link",
                    )
                ],
                model="share link",
            )
        return ShareParts(template, options)
