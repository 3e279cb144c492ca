"""Options of a share call that are not part of the message: :class:`ShareOptions`, :class:`PickerSettings`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import AfterValidator, BeforeValidator, Strict, StrictBool, model_validator

from ._base import FrozenDict, KakaoModel, StrMap, flat_str_map
from ._i18n import Text
from ._problems import invalid, problem
from ._sdk_features import SDKFeature
from ._wire import compact_json
from .portable.limits import PICKER_LIMIT, PICKER_SETTINGS_SDK, check_picker
from .portable.sdk import PICKER_SETTINGS_WORDS

__all__ = ["PICKER_SETTINGS", "Options", "PickerSettings", "ShareOptions", "share_options"]

PICKER_SETTINGS = SDKFeature(Text(*PICKER_SETTINGS_WORDS), PICKER_SETTINGS_SDK)
"""``pickerSettings`` is accepted from JavaScript SDK 2.8.0 (older SDKs reject the key). Kakao's changelog says
2.7.9 added share-target settings too; whether it takes them under this name is not known, so 2.8.0 it is."""

#: How deep extras may nest (JSON that deep is a mistake, and deeper input would exhaust the stack).
MAX_EXTRAS_DEPTH = 32


def _callback_args(value: Any) -> Any:
    return flat_str_map(value, what="server callback args", allow_json=True)


def _json_safe(value: Any, path: tuple[Any, ...]) -> Any:
    if len(path) > MAX_EXTRAS_DEPTH:
        raise problem("json_value", f"nests deeper than {MAX_EXTRAS_DEPTH} levels", "flatten the data", at=path[:1])
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise problem("json_value", "must be a finite number", "", at=path)
        return value
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise problem("string_type", "keys must be strings", "", at=path)
            out[key] = _json_safe(item, (*path, key))
        return out
    if isinstance(value, (list, tuple)):
        return [_json_safe(item, (*path, i)) for i, item in enumerate(value)]
    raise problem("json_value", f"must be a JSON value, not {type(value).__name__}", "", at=path)


def _extras(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise problem("object_type_error", "must be a mapping", "pass a dict")
    return FrozenDict(_json_safe(value, ()))


class PickerSettings(KakaoModel):
    """Restricts the share target screen (JavaScript SDK 2.8.0+, and only for apps Kakao allowed).

    Without Kakao's permission the settings are silently ignored (both lists, up to ``PICKER_LIMIT[1]`` targets).
    """

    type: Literal["friend", "chat"] | None = None  # = PICKER_TYPES (a test holds the two together)
    """Show only friends (``"friend"``) or only chatrooms (``"chat"``); both when not set."""

    limit: Annotated[int, Strict(), Ge(PICKER_LIMIT[0]), Le(PICKER_LIMIT[1])] | None = None
    """How many targets may be picked, within ``PICKER_LIMIT`` (at most ``PICKER_CHAT_LIMIT`` chatrooms with
    ``type="chat"``; :mod:`kakao_share.portable.limits`)."""

    @model_validator(mode="after")
    def _chat_limit(self) -> PickerSettings:
        wrong = check_picker(self.type, self.limit)
        if wrong is not None:
            raise problem(*wrong, at=("limit",))
        return self

    def to_js(self) -> dict[str, Any]:
        """``{"type"?, "limit"?}`` with only what is set."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def _none_if_unset(value: PickerSettings | None) -> PickerSettings | None:
    """Picker settings with nothing set restrict nothing: the SDK gets none."""
    return value if value is not None and value.to_js() else None


class ShareOptions(KakaoModel):
    """Options that go with any template on ``Kakao.Share.send*``.

    The deprecated ``callback`` option is deliberately absent (SDK 2.7 rejects it); to learn that a
    share happened, register a webhook and send ``server_callback_args``.
    """

    install_talk: StrictBool | None = None
    """Send users without KakaoTalk to the app store (SDK default: false)."""

    through_talk: StrictBool | None = None
    """Share through the KakaoTalk app on mobile (SDK default: true)."""

    server_callback_args: Annotated[
        StrMap | None,
        BeforeValidator(_callback_args, json_schema_input_type=dict[str, str] | str | None),
    ] = None
    """Forwarded to the app's share webhook: a flat str-to-str mapping, or a JSON object string."""

    extras: Annotated[
        Annotated[dict[str, Any], AfterValidator(FrozenDict)] | None,
        BeforeValidator(_extras, json_schema_input_type=dict[str, Any] | None),
    ] = None
    """Extra data passed to KakaoTalk on the app-launch path (a JSON object)."""

    picker_settings: Annotated[PickerSettings | None, AfterValidator(_none_if_unset)] = None
    """Restrict the share target screen (SDK 2.8.0+); settings with nothing set count as none."""

    def to_js(self) -> dict[str, Any]:
        """``{"installTalk"?, "throughTalk"?, "serverCallbackArgs"?, "extras"?, "pickerSettings"?}``."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @property
    def lcba(self) -> str | None:
        """The ``lcba`` form field the SDK posts for ``server_callback_args`` (compact JSON)."""
        if self.server_callback_args is None:
            return None
        return compact_json(self.server_callback_args)

    @property
    def sdk_features(self) -> tuple[SDKFeature, ...]:
        """What these options use that needs a recent JavaScript SDK (empty: any 2.x)."""
        return (PICKER_SETTINGS,) if self.picker_settings is not None else ()

    @property
    def min_sdk_version(self) -> tuple[int, int, int] | None:
        """Oldest JavaScript SDK that supports these options (picker settings need 2.8.0)."""
        return max((feature.version for feature in self.sdk_features), default=None)


Options = ShareOptions | Mapping[str, Any] | None
"""Share options as a model or a mapping of its fields (snake_case or camelCase)."""

#: Every input key of the options (field name and camelCase alias) -> the field name.
_FIELD_NAMES = {
    key: name for name, field in ShareOptions.model_fields.items() for key in (name, field.alias) if key is not None
}


def share_options(*layers: Options, **fields: Any) -> ShareOptions:
    """Options merged from ``layers`` and then ``fields``, later ones winning field by field.

    Each layer is a :class:`ShareOptions`, a mapping of its fields (either spelling) or None, so
    ``share_options(from_settings, options, install_talk=True)`` reads like the call it serves.
    """
    given = [
        layer for layer in (*layers, fields) if layer is not None and not (isinstance(layer, Mapping) and not layer)
    ]
    if len(given) == 1 and isinstance(given[0], ShareOptions):
        return given[0]
    merged: dict[str, Any] = {}
    for layer in given:
        if isinstance(layer, ShareOptions):
            merged.update(layer.model_dump(exclude_none=True))
        elif isinstance(layer, Mapping):
            merged.update({_FIELD_NAMES.get(key, key): value for key, value in layer.items()})
        else:
            raise invalid(
                "options",
                f"must be ShareOptions or a dict of its fields, not {type(layer).__name__}",
                code="object_type_error",
                model="ShareOptions",
            )
    return ShareOptions.model_validate(merged)
