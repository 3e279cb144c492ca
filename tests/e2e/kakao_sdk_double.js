/*
 * kakao-share test double of the Kakao JavaScript SDK's share module.
 *
 * This is an independent test double written from Kakao's documentation and from what real SDK builds
 * were observed to do, as the contract tests in tests/e2e/contract/ state it. It is not Kakao's code and
 * contains none of it: it only reproduces, at the network boundary, the behaviour those tests hold it
 * to, so that end-to-end tests can run against fake Kakao endpoints (tests/e2e/kakao_fakes.py). The
 * contract tests must pass unchanged against a real SDK build (KAKAO_SDK_FILE=...), which keeps it
 * honest.
 *
 * What it does:
 *  - window.Kakao with VERSION (read from the URL path it was loaded from, default "2.8.3"),
 *    init / isInitialized / cleanup; Kakao.Share only after init; window.kakaoAsyncInit called on load.
 *  - Kakao.Share.send{Default,Custom,Scrap} and create{Default,Custom,Scrap}Button: synchronous
 *    validation with the SDK's error messages, then a share:
 *      desktop: window.open(SHARER, "sharer", ...) (a previous "sharer" popup is closed first), then a
 *               hidden form POST into it: app_key, ka, validation_action, validation_params[, lcba].
 *      mobile (Android / iOS / KakaoTalk in-app user agents): GET kapi template validation with
 *               Authorization: KakaoAK <key> and KA headers, then navigation to the app link
 *               (iOS: https://talk-apps.kakao.com/scheme/<encoded kakaolink://send?...>,
 *                Android: intent://send?...#Intent;scheme=kakaolink;...), or to
 *               https://sharer.kakao.com/picker/failed?app_key=...&error=... when validation fails.
 *    The form is hidden with a style attribute, "display:none", as real builds do (2.7.1 observed), and
 *    submitted and removed in the same task.
 *  - uploadImage / scrapImage / deleteImage: XHRs to kapi returning Promises.
 *  - What changed in 2.7 (observed in 2.7.1 and 2.7.4; the double applies it from 2.7.0): content
 *    title and imageUrl became optional; the deprecated callback is rejected.
 *  - The same in every 2.x build observed (2.2.0, 2.5.0, 2.6.0, 2.7.1, 2.7.2, 2.7.4): sendDefault(null)
 *    throws the TypeError of reading objectType of null; a text template's own link is checked "in
 *    defaultObject" and, when not an object, is an illegal argument of Share.sendDefault.
 *
 * Choices left open by what was observed (documented, not facts about Kakao's SDK):
 *  - pickerSettings: accepted from 2.8.0 (as Kakao documents it), "Invalid parameter keys: pickerSettings ..."
 *    before; when given it must be an object. How a real 2.8 build checks its contents and puts it on the
 *    wire is not known (Kakao's iOS and Flutter SDKs send it as `scheme_params` on the app-launch path
 *    only), so the double sends it nowhere and checks nothing inside it: tests assert only that the
 *    settings reach the SDK call (tests/e2e/sdk_calls.py), never how they travel.
 *  - callback (accepted and type-checked before 2.7, never called; "Invalid parameter keys" from 2.7).
 *  - the mobile payload limit: JSON.stringify(validation_params).length > 10000 throws a KakaoError
 *    synchronously, before anything is sent.
 *  - messages for nested objects not observed follow the observed pattern (a list's headerLink and
 *    links inside content or buttons are checked "in Share"; a link that is not an object throws the
 *    plain Error "params should be an Object").
 */
(function () {
  "use strict";

  var SHARER_URL = "https://sharer.kakao.com/picker/link";
  var FAILED_URL = "https://sharer.kakao.com/picker/failed";
  var KAPI = "https://kapi.kakao.com";
  var LINK_VER = "4.0";
  var PAYLOAD_LIMIT = 10000;
  var OBJECT_TYPES = ["feed", "list", "commerce", "location", "calendar", "text"];

  var script = document.currentScript;
  var src = (script && script.src) || "";
  var match = /\/kakao_js_sdk\/(\d+\.\d+\.\d+)\//.exec(src);
  var VERSION = match ? match[1] : "2.8.3";

  function versionAtLeast(wanted) {
    var have = VERSION.split(".").map(Number);
    var want = wanted.split(".").map(Number);
    for (var i = 0; i < 3; i++) {
      if ((have[i] || 0) !== (want[i] || 0)) return (have[i] || 0) > (want[i] || 0);
    }
    return true;
  }

  class KakaoError extends Error {
    constructor(message) {
      super(message);
      this.name = "KakaoError";
    }
  }

  // ---- the agent string, computed once at load --------------------------------------------------
  var KA = [
    "sdk/" + VERSION,
    "os/javascript",
    "sdk_type/javascript",
    "lang/" + navigator.language,
    "device/" + String(navigator.platform).replace(/ /g, "_"),
    "origin/" + encodeURIComponent(location.protocol + "//" + location.host),
  ].join(" ");

  // ---- type checks --------------------------------------------------------------------------------
  function isObject(v) { return typeof v === "object" && v !== null && !Array.isArray(v); }
  function isString(v) { return typeof v === "string"; }
  function isInteger(v) { return typeof v === "number" && Number.isInteger(v); }
  function isBoolean(v) { return typeof v === "boolean"; }
  function isFunction(v) { return typeof v === "function"; }
  function isArray(v) { return Array.isArray(v); }
  function isStringOrObject(v) { return isString(v) || isObject(v); }
  function isElementOrString(v) { return isString(v) || (v instanceof Element); }

  function own(obj) { return Object.keys(obj); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  /*
   * rule = {required: {key: check}, optional: {key: check}}; a check is a predicate, or a function
   * that validates a nested value itself and returns true.
   * Messages: "Missing required keys: a,b at <where>", "Invalid parameter keys: c at <where>",
   * "Illegal argument for "<key>" in <where>".
   */
  function validate(params, rule, where) {
    if (!isObject(params)) throw new Error("params should be an Object");
    var required = rule.required || {};
    var optional = rule.optional || {};
    var missing = own(required).filter(function (k) { return params[k] === undefined; });
    if (missing.length) throw new KakaoError("Missing required keys: " + missing.join(",") + " at " + where);
    var invalid = own(params).filter(function (k) { return !has(required, k) && !has(optional, k); });
    if (invalid.length) throw new KakaoError("Invalid parameter keys: " + invalid.join(",") + " at " + where);
    own(params).forEach(function (k) {
      var check = has(required, k) ? required[k] : optional[k];
      if (params[k] === undefined && !has(required, k)) return;
      if (!check(params[k], k)) throw new KakaoError('Illegal argument for "' + k + '" in ' + where);
    });
  }

  function nested(rule, context) {
    // Validates a nested object; a non-object throws the plain "params should be an Object".
    return function (value, key) {
      validate(value, rule(), 'parameter "' + key + '" in ' + context);
      return true;
    };
  }

  function sizedArray(max, min, each, sizeMessage) {
    return function (value, key) {
      if (!isArray(value)) return false;
      if (value.length > max || value.length < min) {
        throw new KakaoError('Illegal argument for "' + key + '" in Share: size of ' + key + " should be " + sizeMessage);
      }
      value.forEach(function (item) { each(item, key); });
      return true;
    };
  }

  // ---- template rules: what the SDK validates per template type ----------------------------------
  function linkRule() {
    return {
      optional: {
        webUrl: isString, mobileWebUrl: isString,
        androidExecutionParams: isString, iosExecutionParams: isString,
      },
    };
  }
  var link = nested(linkRule, "Share");

  // A text template's own link: a non-object is an illegal top-level argument and its keys are
  // checked "in defaultObject".
  function textLink(value, key) {
    if (!isObject(value)) return false;
    validate(value, linkRule(), 'parameter "' + key + '" in defaultObject');
    return true;
  }

  function contentRule() {
    var rule = {
      required: { link: link },
      optional: {
        title: isString, imageUrl: isString, description: isString,
        imageWidth: isInteger, imageHeight: isInteger,
      },
    };
    if (!versionAtLeast("2.7.0")) {
      rule.required.title = isString;
      rule.required.imageUrl = isString;
      delete rule.optional.title;
      delete rule.optional.imageUrl;
    }
    return rule;
  }
  var content = nested(contentRule, "defaultObject");

  function buttonRule() { return { required: { title: isString, link: link } }; }
  var buttons = sizedArray(2, 0, nested(buttonRule, "defaultObject"), "up to 2");

  function socialRule() {
    return {
      optional: {
        likeCount: isInteger, commentCount: isInteger, sharedCount: isInteger,
        viewCount: isInteger, subscriberCount: isInteger,
      },
    };
  }
  function itemRule() { return { required: { item: isString, itemOp: isString } }; }
  function itemContentRule() {
    return {
      optional: {
        profileText: isString, profileImageUrl: isString, titleImageUrl: isString,
        titleImageText: isString, titleImageCategory: isString,
        items: sizedArray(5, 0, nested(itemRule, "defaultObject"), "up to 5"),
        sum: isString, sumOp: isString,
      },
    };
  }
  function commerceRule() {
    return {
      required: { regularPrice: isInteger },
      optional: {
        discountPrice: isInteger, discountRate: isInteger, fixedDiscountPrice: isInteger,
        currencyUnit: isString, currencyUnitPosition: isInteger, productName: isString,
      },
    };
  }

  var TEMPLATE_RULES = {
    feed: function () {
      return {
        required: { content: content },
        optional: {
          itemContent: nested(itemContentRule, "defaultObject"),
          social: nested(socialRule, "defaultObject"),
          buttonTitle: isString, buttons: buttons,
        },
      };
    },
    list: function () {
      return {
        required: {
          headerTitle: isString,
          headerLink: link,
          contents: sizedArray(3, 2, content, "more than 1 and up to 3"),
        },
        optional: { buttonTitle: isString, buttons: buttons },
      };
    },
    commerce: function () {
      return {
        required: { content: content, commerce: nested(commerceRule, "defaultObject") },
        optional: { buttonTitle: isString, buttons: buttons },
      };
    },
    location: function () {
      return {
        required: { content: content, address: isString },
        optional: {
          addressTitle: isString, social: nested(socialRule, "defaultObject"),
          buttonTitle: isString, buttons: buttons,
        },
      };
    },
    calendar: function () {
      return {
        required: {
          idType: function (v) { return v === "event" || v === "calendar"; },
          id: isString, content: content,
        },
        optional: { buttons: buttons },
      };
    },
    text: function () {
      return {
        required: { text: isString, link: textLink },
        optional: { buttonTitle: isString, buttons: buttons },
      };
    },
  };

  // Keys every share accepts besides the template's own (not part of template_object).
  var OPTION_KEYS = ["objectType", "container", "installTalk", "throughTalk", "serverCallbackArgs",
    "extras", "pickerSettings", "callback"];

  function addCommonOptions(rule) {
    rule.optional = rule.optional || {};
    rule.optional.installTalk = isBoolean;
    rule.optional.throughTalk = isBoolean;
    rule.optional.serverCallbackArgs = isStringOrObject;
    rule.optional.extras = isObject;
    if (versionAtLeast("2.8.0")) rule.optional.pickerSettings = isObject;
    if (!versionAtLeast("2.7.0")) rule.optional.callback = isFunction;
    return rule;
  }

  function fillDefaults(settings) {
    // Like the SDK: defaults are written into the caller's object.
    if (settings.installTalk === undefined) settings.installTalk = false;
    if (settings.throughTalk === undefined) settings.throughTalk = true;
  }

  // ---- template_object: camelCase -> snake_case, key order rule ---------------------------------
  function snake(key) {
    return key.replace(/[A-Z]/g, function (c) { return "_" + c.toLowerCase(); });
  }

  function snakeDeep(value) {
    if (isArray(value)) return value.map(snakeDeep);
    if (isObject(value)) {
      var out = {};
      own(value).forEach(function (k) { if (value[k] !== undefined) out[snake(k)] = snakeDeep(value[k]); });
      return out;
    }
    return value;
  }

  // Type-specific keys go last, in this order; [key, value when not given] (undefined = omit).
  var TYPE_SPECIFIC = {
    feed: [], commerce: [],
    list: [["headerTitle", undefined]],
    location: [["address", undefined], ["addressTitle", ""]],
    calendar: [["idType", undefined], ["id", undefined]],
    text: [["text", undefined]],
  };

  /*
   * template_object for a validated default-template settings object:
   *   1. object_type;  2. button_title, only if buttonTitle is set;
   *   3. every other template key in the caller's own key order (snake_case, recursively, nested
   *      key order unchanged), except the type-specific keys and the share options;
   *   4. the type-specific keys in the fixed order of TYPE_SPECIFIC.
   */
  function templateObject(settings) {
    var type = settings.objectType;
    var specific = TYPE_SPECIFIC[type];
    var specificKeys = specific.map(function (pair) { return pair[0]; });
    var out = { object_type: type };
    if (settings.buttonTitle !== undefined) out.button_title = settings.buttonTitle;
    own(settings).forEach(function (k) {
      if (k === "buttonTitle" || OPTION_KEYS.indexOf(k) >= 0 || specificKeys.indexOf(k) >= 0) return;
      if (settings[k] === undefined) return;
      out[snake(k)] = snakeDeep(settings[k]);
    });
    specific.forEach(function (pair) {
      var value = settings[pair[0]] === undefined ? pair[1] : settings[pair[0]];
      if (value !== undefined) out[snake(pair[0])] = snakeDeep(value);
    });
    return out;
  }

  function lcbaOf(settings) {
    var args = settings.serverCallbackArgs;
    if (args === undefined) return undefined;
    return isString(args) ? args : JSON.stringify(args);
  }

  // ---- share requests ---------------------------------------------------------------------------
  // A prepared share: everything computed synchronously at validation time.
  function prepareDefault(settings, where) {
    // The type is read before anything is checked: null or undefined throws a TypeError.
    var type = settings.objectType;
    if (!isObject(settings) || OBJECT_TYPES.indexOf(type) < 0) {
      throw new KakaoError("objectType should be one of (" + OBJECT_TYPES.join(", ") + ")");
    }
    var rule = addCommonOptions(TEMPLATE_RULES[settings.objectType]());
    rule.optional.objectType = isString;
    return finishPrepare(settings, rule, where, "default", function () {
      return { link_ver: LINK_VER, template_object: templateObject(settings) };
    });
  }

  function prepareCustom(settings, where) {
    var rule = addCommonOptions({ required: { templateId: isInteger }, optional: { templateArgs: isObject } });
    return finishPrepare(settings, rule, where, "custom", function () {
      return { link_ver: LINK_VER, template_id: settings.templateId, template_args: settings.templateArgs || {} };
    });
  }

  function prepareScrap(settings, where) {
    var rule = addCommonOptions({
      required: { requestUrl: isString },
      optional: { templateId: isInteger, templateArgs: isObject },
    });
    return finishPrepare(settings, rule, where, "scrap", function () {
      var params = { link_ver: LINK_VER, request_url: settings.requestUrl };
      if (settings.templateId !== undefined) params.template_id = settings.templateId;
      params.template_args = settings.templateArgs || {};
      return params;
    });
  }

  function finishPrepare(settings, rule, where, action, build) {
    if (where.indexOf("create") >= 0) {
      rule.required = rule.required || {};
      rule.required.container = isElementOrString;
    }
    validate(settings, rule, where);
    fillDefaults(settings);
    var params = build();
    return {
      action: action,
      params: params,
      json: JSON.stringify(params),
      lcba: lcbaOf(settings),
      extras: settings.extras,
      installTalk: settings.installTalk,
    };
  }

  function isMobile() {
    return /Android|iPhone|iPad|iPod|KAKAOTALK/i.test(navigator.userAgent);
  }
  function isAndroid() { return /Android/i.test(navigator.userAgent); }

  var sharerWindow = null;

  function submitForm(action, target, fields) {
    var form = document.createElement("form");
    form.setAttribute("method", "post");
    form.setAttribute("action", action);
    form.setAttribute("target", target);
    form.setAttribute("accept-charset", "utf-8");
    form.setAttribute("style", "display:none"); // as real builds do: a style-src-attr matter under a CSP
    fields.forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    (document.body || document.documentElement).appendChild(form);
    form.submit();
    form.parentNode.removeChild(form);
  }

  function shareOnDesktop(prepared) {
    if (sharerWindow && !sharerWindow.closed) sharerWindow.close();
    var popup = window.open(SHARER_URL, "sharer", "width=480,height=700,resizable=yes,scrollbars=yes");
    sharerWindow = popup;
    popup.focus(); // a blocked popup (null) throws TypeError here, before anything is sent
    var fields = [
      ["app_key", appKey],
      ["ka", KA],
      ["validation_action", prepared.action],
      ["validation_params", prepared.json],
    ];
    if (prepared.lcba !== undefined) fields.push(["lcba", prepared.lcba]);
    submitForm(SHARER_URL, "sharer", fields);
  }

  function query(pairs) {
    return pairs.map(function (pair) {
      return encodeURIComponent(pair[0]) + "=" + encodeURIComponent(pair[1]);
    }).join("&");
  }

  function validationQuery(prepared) {
    var p = prepared.params;
    var pairs = [["link_ver", p.link_ver]];
    if (prepared.action === "default") {
      pairs.push(["template_object", JSON.stringify(p.template_object)]);
    } else {
      if (p.request_url !== undefined) pairs.push(["request_url", p.request_url]);
      if (p.template_id !== undefined) pairs.push(["template_id", String(p.template_id)]);
      pairs.push(["template_args", JSON.stringify(p.template_args)]);
    }
    return query(pairs);
  }

  function appLink(prepared, response) {
    var extras = { KA: KA };
    if (prepared.lcba !== undefined) extras.lcba = prepared.lcba;
    if (isObject(prepared.extras)) Object.assign(extras, prepared.extras);
    var pairs = [
      ["linkver", LINK_VER],
      ["appkey", appKey],
      ["appver", "1.0"],
      ["template_id", String(response.template_id === undefined ? "" : response.template_id)],
      ["template_args", JSON.stringify(response.template_args || {})],
      ["template_json", JSON.stringify(response.template_msg || {})],
      ["extras", JSON.stringify(extras)],
    ];
    var q = query(pairs);
    if (isAndroid()) {
      return "intent://send?" + q + "#Intent;scheme=kakaolink;launchFlags=0x14008000;package=com.kakao.talk;end;";
    }
    return "https://talk-apps.kakao.com/scheme/" + encodeURIComponent("kakaolink://send?" + q);
  }

  function failedPage(error) {
    return FAILED_URL + "?" + query([["app_key", appKey], ["error", error]]);
  }

  function shareOnMobile(prepared) {
    if (prepared.json.length > PAYLOAD_LIMIT) {
      throw new KakaoError(
        "Failed to send message because it exceeds the message size limit. Please contact the app administrator.");
    }
    var path = "/v2/api/kakaolink/talk/template/" +
      { default: "default", custom: "validate", scrap: "scrap" }[prepared.action];
    request("GET", path + "?" + validationQuery(prepared), null, null).then(
      function (response) { location.href = appLink(prepared, response || {}); },
      function (error) { location.href = failedPage(JSON.stringify(error)); }
    );
  }

  function share(prepared) {
    if (isMobile()) shareOnMobile(prepared);
    else shareOnDesktop(prepared);
  }

  // ---- kapi XHRs --------------------------------------------------------------------------------
  function parseBody(text) {
    if (!text) return null;
    try { return JSON.parse(text); } catch (e) { return text; }
  }

  function request(method, path, body, contentType) {
    var key = appKey;
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, KAPI + path);
      xhr.setRequestHeader("Authorization", "KakaoAK " + key);
      xhr.setRequestHeader("KA", KA);
      if (contentType) xhr.setRequestHeader("Content-Type", contentType);
      xhr.onload = function () {
        var parsed = parseBody(xhr.responseText);
        if (xhr.status === 200) resolve(parsed);
        else reject(parsed);
      };
      xhr.onerror = function () { reject({ code: -1, msg: "network error" }); };
      xhr.send(body);
    });
  }

  // ---- module state -----------------------------------------------------------------------------
  var appKey = null;
  var listeners = [];

  function resolveContainer(container) {
    var element = container;
    if (isString(container)) {
      try { element = document.querySelector(container); } catch (e) { element = null; }
    }
    if (!(element instanceof Element)) {
      throw new KakaoError("container is required for KakaoTalk sharing: pass in element or id");
    }
    return element;
  }

  function makeSender(prepare, name) {
    return function (settings) {
      share(prepare(settings, "Share." + name));
    };
  }

  function makeButton(prepare, name) {
    return function (settings) {
      var where = "Share." + name;
      var prepared = prepare(settings, where);
      var element = resolveContainer(settings.container);
      var handler = function (event) {
        event.preventDefault();
        event.stopPropagation();
        share(prepared);
      };
      element.addEventListener("click", handler, false);
      listeners.push([element, handler]);
    };
  }

  function shareCleanup() {
    listeners.forEach(function (pair) { pair[0].removeEventListener("click", pair[1], false); });
    listeners = [];
  }

  function isFileList(file) { return typeof file === "object" && file !== null; }

  var Share = {
    sendDefault: makeSender(prepareDefault, "sendDefault"),
    sendCustom: makeSender(prepareCustom, "sendCustom"),
    sendScrap: makeSender(prepareScrap, "sendScrap"),
    createDefaultButton: makeButton(prepareDefault, "createDefaultButton"),
    createCustomButton: makeButton(prepareCustom, "createCustomButton"),
    createScrapButton: makeButton(prepareScrap, "createScrapButton"),
    cleanup: shareCleanup,
    uploadImage: function (settings) {
      validate(settings, { required: { file: isFileList } }, "Share.uploadImage");
      var form = new FormData();
      // Iterates the list by index: a single File (no length) adds no part, like the SDK.
      for (var i = 0; i < settings.file.length; i++) form.append("file", settings.file[i]);
      return request("POST", "/v2/api/talk/message/image/upload", form, null);
    },
    scrapImage: function (settings) {
      validate(settings, { required: { imageUrl: isString } }, "Share.scrapImage");
      return request("POST", "/v2/api/talk/message/image/scrap", query([["image_url", settings.imageUrl]]),
        "application/x-www-form-urlencoded");
    },
    deleteImage: function (settings) {
      validate(settings, { required: { imageUrl: isString } }, "Share.deleteImage");
      return request("DELETE", "/v2/api/talk/message/image/delete?" + query([["image_url", settings.imageUrl]]),
        null, null);
    },
  };

  var Kakao = {
    VERSION: VERSION,
    init: function (key) {
      if (!isString(key)) throw new KakaoError("Kakao.init: App key must be provided");
      if (appKey !== null) throw new KakaoError("Kakao.init: Already initialized");
      appKey = key;
      Kakao.Share = Share;
    },
    isInitialized: function () { return appKey !== null; },
    cleanup: function () {
      shareCleanup();
      appKey = null;
      delete Kakao.Share;
    },
  };

  window.Kakao = Kakao;
  if (typeof window.kakaoAsyncInit === "function") window.kakaoAsyncInit();
})();
