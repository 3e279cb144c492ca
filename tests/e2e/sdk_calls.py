"""What a page hands Kakao's SDK, seen at the SDK's own entry points: ``Kakao.init`` and ``Kakao.Share.*``.

Some facts of a share never cross the network in a form anyone documents (how SDK 2.8 sends picker
settings) or are not a request at all (how often ``Kakao.init`` ran). A test that needs them watches the
calls instead, from the page's side of the boundary: an init script wraps the functions whichever SDK
defines them, the double (an object with ``init`` when assigned to ``window.Kakao``) or a real build
(``window.Kakao = {}`` first, ``init`` added later, ``Kakao.Share`` only set by ``init``). The SDK runs
unchanged; each call's arguments are recorded as JSON before the SDK sees (and mutates) them::

    sdk_calls.watch(context)                    # before the page loads
    sdk_calls.count(page, "init")               # 1
    sdk_calls.calls(page, "Share.sendDefault")  # [[{...settings...}], ...]
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page

__all__ = ["WATCH", "calls", "count", "watch"]

WATCH = """(() => {
  const calls = (window.__kakaoCalls = []);
  const asJson = (value) => JSON.parse(JSON.stringify(value, (key, v) =>
    v instanceof Element ? `<${v.localName}>` : typeof v === "function" ? "[function]" : v) ?? "null");
  const recorded = (name, fn, self) => function (...args) {
    calls.push({ name, args: asJson(args) });
    return fn.apply(self ?? this, args);
  };
  const shareViews = new WeakMap();
  // Kakao.Share may be frozen: calls go through a view whose functions record and then call the SDK's.
  const shareView = (share) => {
    if (!share || typeof share !== "object") return share;
    if (!shareViews.has(share)) {
      const view = Object.create(share);
      for (const key of Object.keys(share)) {
        if (typeof share[key] === "function") view[key] = recorded(`Share.${key}`, share[key], share);
      }
      shareViews.set(share, view);
    }
    return shareViews.get(share);
  };
  const watchSdk = (sdk) => {
    if (!sdk || typeof sdk !== "object" || Object.isFrozen(sdk)) return;
    let init = sdk.init, share = sdk.Share;
    let initView = typeof init === "function" ? recorded("init", init) : init;
    Object.defineProperty(sdk, "init", {
      configurable: true, enumerable: true,
      get: () => initView,
      set: (fn) => { init = fn; initView = typeof fn === "function" ? recorded("init", fn) : fn; },
    });
    Object.defineProperty(sdk, "Share", {
      configurable: true, enumerable: true,
      get: () => shareView(share),
      set: (value) => { share = value; },
    });
  };
  let kakao;
  Object.defineProperty(window, "Kakao", {
    configurable: true, enumerable: true,
    get: () => kakao,
    set: (value) => { kakao = value; watchSdk(value); },
  });
})();"""


def watch(target: BrowserContext | Page) -> None:
    """Record the SDK calls of every page ``target`` loads from now on."""
    target.add_init_script(WATCH)


def calls(page: Page, name: str) -> list[list[Any]]:
    """The arguments of each call to ``name`` (``"init"``, ``"Share.sendDefault"``, …), in order."""
    return [call["args"] for call in page.evaluate("window.__kakaoCalls") if call["name"] == name]


def count(page: Page, name: str) -> int:
    return len(calls(page, name))
