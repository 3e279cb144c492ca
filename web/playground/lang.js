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
    var preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    choice = /^ko\b/i.test(preferred) ? "ko" : "en";
  }
  document.documentElement.lang = choice;
})();
