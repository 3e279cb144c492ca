// Picks the playground's language before the page is painted, so nothing flips when Python starts:
// ?lang=ko|en, else the choice remembered in this browser, else the browser's languages.
(function () {
  var choice = null;
  try {
    choice = new URLSearchParams(location.search).get("lang") || localStorage.getItem("kakao-share:lang");
  } catch (error) {
    choice = null; // storage disabled: fall back to the browser's languages
  }
  if (choice !== "ko" && choice !== "en") {
    choice = language((navigator.languages && navigator.languages[0]) || navigator.language);
  }
  document.documentElement.lang = choice;

  /** "ko" for a Korean language tag (ko, ko-KR, ko_KR), "en" for anything else: kakao_share._i18n.language's rule. */
  function language(tag) {
    var primary = String(tag || "").replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").split(/[-_]/)[0];
    return primary.toLowerCase() === "ko" ? "ko" : "en";
  }
})();
