"""The ``<kakao-share-button>`` element's attributes, read and checked: what ``WidgetConfig`` is made of.

A site owner configures the share widget with HTML attributes only, so every mistake has to be
explained in their terms: the attribute's name (``template-args.count``, not a Python field), the
rule, and the fix written as HTML. Each ``read_*`` function reads one attribute's text or raises
:class:`~kakao_share.portable.findings.Invalid`; :func:`check_together` checks them as a whole;
:func:`read_attributes` does all of it for the widget. :class:`kakao_share.WidgetConfig` validates
its fields with the same functions.
"""

from .findings import Invalid, finding, format_path
from .jsontext import JSONError, Number, loads
from .limits import MAX_SAFE_INTEGER, PICKER_LIMIT, PICKER_TYPES, RANGE_RULES, check_picker
from .sdk import PUBLISHED_SRI
from .spelling import close_match
from .text import ascii_lower, is_digits, new_object, strip
from .urls import WEB_URL_FIX, describe_bad_url, is_web_url, join

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = [
    "DISPLAY_ATTRIBUTES",
    "ELEMENT",
    "FIELDS",
    "INLINE",
    "INLINE_TEMPLATE_TYPE",
    "SHARE_ATTRIBUTES",
    "TAG",
    "app_key_warnings",
    "attribute",
    "attribute_path",
    "check_together",
    "close_match",
    "read",
    "read_address",
    "read_app_key",
    "read_attributes",
    "read_picker_limit",
    "read_picker_type",
    "read_string_map",
    "read_switch",
    "read_template_id",
    "read_whole_number",
    "scan",
]

#: What each attribute the widget's Python reads does (the README documents them with examples).
SHARE_ATTRIBUTES = {
    "app-key": "the app's JavaScript key (required)",
    "template-id": "share a message template built in Kakao's console (sendCustom)",
    "template-args": "values for the console template's ${placeholders}, as a JSON object of strings",
    "template-src": "the URL of a Jinja2 message template filled from the page",
    "scrap": "let Kakao scrape the page's Open Graph tags (sendScrap)",
    "url": "the address to share instead of the page's own",
    "callback-args": "values Kakao forwards to the app's share webhook, as a JSON object of strings",
    "install-talk": "send people without KakaoTalk to the app store",
    "picker-type": "show only friends (friend) or only chats (chat) in the target picker",
    "picker-limit": "how many targets may be picked, 1-10",
    "sdk-version": "the Kakao JavaScript SDK version to load",
    "sdk-integrity": "the SRI hash of that SDK version, from Kakao's download page",
    "sdk-src": "load the SDK from this address (a copy you host) instead of Kakao's CDN",
}
#: Attributes the loader draws the button from (validated there, before Python starts).
DISPLAY_ATTRIBUTES = ("text", "size", "theme", "lang")
#: The ``type`` of a ``<script>`` child that holds an inline message template.
INLINE_TEMPLATE_TYPE = "text/x-kakao-template"

#: The widget's custom element (the loader defines it; tests hold the loader's constants to these).
TAG = "kakao-share-button"
ELEMENT = "<" + TAG + ">"
INLINE = '<script type="' + INLINE_TEMPLATE_TYPE + '">'

#: The configuration's fields in the order they are checked (and errors reported).
FIELDS = (
    "app_key",
    "template_id",
    "template_args",
    "template_src",
    "inline_template",
    "scrap",
    "url",
    "callback_args",
    "install_talk",
    "picker_type",
    "picker_limit",
    "sdk_version",
    "sdk_integrity",
    "sdk_src",
    "data",
)
_HEX = "0123456789abcdef"
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def attribute(field: str) -> str:
    """``template_id`` -> ``template-id``."""
    return field.replace("_", "-")


def attribute_path(path: str, renamed: "dict[str, str] | None" = None) -> str:
    """A field path (``template_args.count``) as the attribute it came from (``template-args.count``)."""
    end = 0
    while end < len(path) and (path[end] == "_" or "a" <= path[end] <= "z"):
        end += 1
    head = path[:end]
    head = (renamed or {}).get(head, head)
    if head in FIELDS:
        head = attribute(head)
    return head + path[end:]


# --- one attribute each -----------------------------------------------------------------------------


def read_switch(field: str, text: str) -> bool:
    """A boolean attribute: present (``scrap``, ``scrap=""``, ``scrap="true"``) or ``"false"``."""
    value = ascii_lower(strip(text))
    name = attribute(field)
    if value in ("", "true", name):
        return True
    if value == "false":
        return False
    raise Invalid("switch", "is an on/off switch and takes no value", "write " + name + " alone to turn it on")


def read_whole_number(field: str, text: str) -> int:
    value = strip(text)
    if is_digits(value) and len(value) <= 16:
        return int(value)
    name = attribute(field)
    example = "12345" if name == "template-id" else "5"
    raise Invalid("whole_number", "must be a whole number", f'write it as digits only, e.g. {name}="{example}"')


def read_template_id(field: str, text: str) -> int:
    number = read_whole_number(field, text)
    if not 1 <= number <= MAX_SAFE_INTEGER:
        rule, fix = RANGE_RULES["template_id"]
        raise Invalid("out_of_range", rule, fix)
    return number


def read_picker_limit(field: str, text: str) -> int:
    number = read_whole_number(field, text)
    low, high = PICKER_LIMIT
    if not low <= number <= high:
        rule = f"must be from {low} to {high}"
        raise Invalid("out_of_range", rule, f'write a number from {low} to {high}, e.g. picker-limit="5"')
    return number


def read_string_map(field: str, text: str) -> "dict[str, str]":
    """A JSON object of strings, as an attribute writes it: ``'{"post": "42"}'``."""
    fix = f"""write a JSON object of strings, e.g. {attribute(field)}='{{"key": "value"}}'"""
    try:
        data = loads(text, keep_numbers=True)
    except JSONError as exc:
        raise Invalid("json_invalid", f"is not valid JSON ({exc.msg} at character {exc.pos})", fix) from None
    if not isinstance(data, dict):
        raise Invalid("object_type_error", "must be a JSON object", fix)
    for key, item in data.items():
        if isinstance(item, (dict, list)):
            raise Invalid("string_type", "values must be strings, not nested data", "flatten it", (key,))
        if not isinstance(item, str):
            shown = item.text if isinstance(item, Number) else {None: "null", True: "true", False: "false"}[item]
            raise Invalid(
                "string_type",
                "values must be strings, not " + shown,
                f'put the value in quotes: "{shown}"',
                (key,),
            )
    return data


def read_address(field: str, text: str, base_url: "str | None") -> str:
    """A URL attribute, read against the page's address like the browser reads ``href``."""
    value = strip(text)
    if not value:
        raise Invalid("string_too_short", "is empty", "give " + attribute(field) + " an address, or leave it out")
    url = join(base_url, value) if isinstance(base_url, str) else value
    if not is_web_url(url):
        raise Invalid("url", describe_bad_url(url), WEB_URL_FIX)
    return url


def read_app_key(text: "str | None") -> str:
    value = strip(text) if isinstance(text, str) else text
    if not value:
        raise Invalid(
            "app_key_missing",
            "is required: the app's JavaScript key",
            'add app-key="…" with the JavaScript key from Kakao Developers (your app › App Keys)',
        )
    return value


def read_picker_type(text: str) -> str:
    value = strip(text)
    if value not in PICKER_TYPES:
        raise Invalid("picker_type", "must be friend or chat", 'write picker-type="friend" or picker-type="chat"')
    return value


def read(field: str, text: "Any", base_url: "str | None") -> "Any":
    """The value of ``field`` from its attribute text (``inline_template`` and ``data`` as given)."""
    if field == "app_key":
        return read_app_key(text)
    if field == "template_id":
        return read_template_id(field, text)
    if field in ("template_args", "callback_args"):
        return read_string_map(field, text)
    if field in ("template_src", "url", "sdk_src"):
        return read_address(field, text, base_url)
    if field in ("scrap", "install_talk"):
        return read_switch(field, text)
    if field == "picker_type":
        return read_picker_type(text)
    if field == "picker_limit":
        return read_picker_limit(field, text)
    if field in ("sdk_version", "sdk_integrity"):
        return strip(text)
    return text


# --- all of them together ---------------------------------------------------------------------------


def _is_version(text: str) -> bool:
    """``\\d+\\.\\d+\\.\\d+``."""
    parts = text.split(".")
    return len(parts) == 3 and all(is_digits(part) for part in parts)


def _is_sri(text: str) -> bool:
    """``sha(256|384|512)-`` then base64 (padding at most ``==``)."""
    if text[:7] not in ("sha256-", "sha384-", "sha512-"):
        return False
    body = text[7:]
    core = body.rstrip("=")
    return bool(core) and len(body) - len(core) <= 2 and all(ch in _BASE64 for ch in core)


def check_together(values: "dict[str, Any]") -> None:
    """What the attributes mean together (``values`` by field; None or absent when not given).

    Raises :class:`Invalid` for the first problem, ``at`` naming the field.
    """
    template_id = values.get("template_id")
    template_args = values.get("template_args")
    has_source = values.get("template_src") is not None or values.get("inline_template") is not None
    sdk_version = values.get("sdk_version")
    sdk_integrity = values.get("sdk_integrity")
    template = "a Jinja2 template (template-src or a " + INLINE + " child)"
    if template_id is not None and has_source:
        raise Invalid(
            "one_message",
            "a button shares one message: a console template (template-id) or " + template + ", not both",
            "remove template-id, or the Jinja2 template",
            ("template_id",),
        )
    if values.get("scrap") and has_source:
        raise Invalid(
            "one_message",
            "Kakao builds a scrap message from the page itself; it cannot use " + template,
            "remove scrap, or the Jinja2 template",
            ("scrap",),
        )
    if template_args is not None and template_id is None:
        raise Invalid(
            "args_without_template",
            "fills the placeholders of a console template, but the button has no template-id",
            'add template-id="…" (the number shown in Kakao\'s message template tool)',
            ("template_args",),
        )
    if values.get("template_src") is not None and values.get("inline_template") is not None:
        raise Invalid(
            "one_message",
            "the button also has a " + INLINE + " child; it can use one template",
            "remove template-src, or the child template",
            ("template_src",),
        )
    if sdk_version is not None and not _is_version(sdk_version):
        raise Invalid("sdk_version", "must be a version such as 2.8.3", 'write sdk-version="2.8.3"', ("sdk_version",))
    if sdk_integrity is not None:
        if not _is_sri(sdk_integrity):
            raise Invalid(
                "sdk_integrity",
                "must be an SRI hash such as sha384-…",
                "copy the integrity value shown next to the SDK version on Kakao's download page",
                ("sdk_integrity",),
            )
        if sdk_version is None:
            raise Invalid(
                "sdk_integrity",
                "is the hash of one SDK version, but the button names no sdk-version",
                'add sdk-version="…" for the version this hash belongs to',
                ("sdk_integrity",),
            )
    elif sdk_version is not None and sdk_version not in PUBLISHED_SRI:
        raise Invalid(
            "sdk_integrity",
            "is needed for Kakao SDK " + sdk_version + " (its hash is not built in)",
            'add sdk-integrity="sha384-…" as shown next to the version on Kakao\'s SDK download page',
            ("sdk_integrity",),
        )
    picker = check_picker(values.get("picker_type"), values.get("picker_limit"))
    if picker is not None:
        raise Invalid(picker[0], picker[1], picker[2], ("picker_limit",))


def scan(attributes: "Any") -> "tuple[dict[str, str], dict[str, str], list[dict[str, str]]]":
    """Sort an element's attributes: (share attributes by field, ``data-*`` values, unknown-attribute findings).

    ``attributes`` is a dict or a list of (name, value) pairs (document order, for MicroPython,
    whose dicts keep no order). Names are read case-insensitively.
    """
    pairs = attributes.items() if isinstance(attributes, dict) else attributes
    values = new_object()
    data = new_object()
    problems = []
    known = list(SHARE_ATTRIBUTES) + list(DISPLAY_ATTRIBUTES)
    for raw_name, value in pairs:
        name = ascii_lower(raw_name)
        if name.startswith("data-"):
            data[name[5:].replace("-", "_")] = value
        elif name in SHARE_ATTRIBUTES:
            values[name.replace("-", "_")] = value
        elif name not in DISPLAY_ATTRIBUTES and not name.startswith("aria-"):
            close = close_match(name, known)
            if close:
                problems.append(
                    finding(
                        name, "is not an attribute of " + ELEMENT, "did you mean " + close + "?", "unknown_attribute"
                    )
                )
    return values, data, problems


def read_attributes(
    attributes: "Any", base_url: str, inline_template: "str | None" = None
) -> "tuple[dict[str, Any] | None, list[dict[str, str]]]":
    """Every attribute read and checked: (values by field, or None when anything is wrong; the problems).

    Relative URLs are read against ``base_url``; ``data-*`` attributes become ``values["data"]``.
    Problems name attributes (``template-args.count``) and come in the order ``WidgetConfig`` gives them.
    """
    strings, data, problems = scan(attributes)
    texts: dict[str, Any] = dict(strings)
    texts["data"] = data
    if inline_template is not None:
        texts["inline_template"] = inline_template
    values = new_object()
    broken = False
    for field in FIELDS:
        if field not in texts and field != "app_key":
            continue
        try:
            values[field] = read(field, texts.get(field), base_url)
        except Invalid as exc:
            broken = True
            path = format_path((field,) + tuple(exc.at))  # noqa: RUF005 (MicroPython has no starred tuples)
            problems.append(finding(attribute_path(path), exc.rule, exc.fix, exc.code))
    if not broken:
        try:
            check_together(values)
        except Invalid as exc:
            problems.append(finding(attribute_path(format_path(exc.at)), exc.rule, exc.fix, exc.code))
    return (None if problems else values), problems


def app_key_warnings(app_key: "str | None") -> "list[dict[str, str]]":
    """An app key that is still a placeholder works nowhere: warn (32 characters, 0-9 and a-f)."""
    if app_key and not (len(app_key) == 32 and all(ch in _HEX for ch in app_key)):
        return [
            finding(
                "app-key",
                "does not look like a JavaScript key (32 characters, 0-9 and a-f)",
                "copy the JavaScript key from Kakao Developers (your app › App Keys)",
                "app_key_format",
            )
        ]
    return []
