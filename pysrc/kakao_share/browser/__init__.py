"""The browser bridge: Python in a PyScript page driving Kakao's JavaScript SDK (``Kakao.Share``).

This is the one package of kakao-share that imports ``js`` and ``pyodide``; import it only in the browser::

    from kakao_share import browser, FeedTemplate, Content, Link

    await browser.load_sdk("YOUR_JAVASCRIPT_KEY")          # once, at start-up
    share = browser.prepare(FeedTemplate(...))              # validate and convert ahead of the click

    @when("click", "#share")
    def on_click(event):                                    # synchronous: no await before the SDK call
        share.send()

Every call that takes a template also takes the one settings object JavaScript passes to
``Kakao.Share`` (``{"objectType": "text", ..., "installTalk": True}``, a dict or JSON); options written
inside it are split out (:func:`kakao_share.parse_settings`).

Why it is shaped like this:

* Everything is validated by the models *before* the SDK sees it, so Kakao's own (terser) errors only
  appear if the SDK and the models disagree, and nothing is ever half-sent. The decisions made on the
  way (which template a call takes, the options merge, the SDK version check) are the models' own
  (:mod:`kakao_share._share`), tested on CPython.
* Browsers only let a page open a popup in the same task as the user's click. ``send_*`` and
  ``PreparedShare.send`` are plain functions that call the SDK synchronously; ``prepare`` does the work
  that may be slow (parsing, validation, conversion) before the click.
* Settings cross to JavaScript as plain objects: no Python proxies are handed to the SDK, so nothing
  leaks however many buttons come and go.

Modules: ``_sdk`` (loading and ``Kakao.init``), ``_sharing`` (send, buttons, the popup watch),
``_images`` (Kakao's image storage) and ``_interop`` (JavaScript values seen from Python).
"""

from ._images import delete_image, scrap_image, upload_image
from ._sdk import DEFAULT_SDK_VERSION, PUBLISHED_SRI, SDKInfo, cleanup_sdk, init, load_sdk, sdk_info
from ._sharing import (
    PreparedShare,
    cleanup,
    create_custom_button,
    create_default_button,
    create_scrap_button,
    prepare,
    send_custom,
    send_default,
    send_scrap,
)

__all__ = [
    "DEFAULT_SDK_VERSION",
    "PUBLISHED_SRI",
    "PreparedShare",
    "SDKInfo",
    "cleanup",
    "cleanup_sdk",
    "create_custom_button",
    "create_default_button",
    "create_scrap_button",
    "delete_image",
    "init",
    "load_sdk",
    "prepare",
    "scrap_image",
    "sdk_info",
    "send_custom",
    "send_default",
    "send_scrap",
    "upload_image",
]
