// The progress line while Python starts: PyScript reports each step as a "py:progress" event.
// The status text is the page's aria-live region; the playground's Python takes it over when ready.
const STEPS = [
  ["Loading Pyodide", 0.15, "파이썬 런타임을 내려받는 중…", "Downloading the Python runtime…"],
  ["Loaded Pyodide", 0.45, "파이썬 런타임을 시작했습니다", "Python runtime started"],
  ["Loading packages", 0.5, "pydantic, Jinja2, kakao-share를 불러오는 중…", "Loading pydantic, Jinja2 and kakao-share…"],
  ["Loaded packages", 0.75, "패키지를 불러왔습니다", "Packages loaded"],
  ["Loading files", 0.8, "놀이터를 불러오는 중…", "Loading the playground…"],
  ["Loaded files", 0.9, "놀이터를 시작하는 중…", "Starting the playground…"],
];

const bar = document.getElementById("boot-bar");
const root = document.documentElement;

function show(fraction, ko, en) {
  if (root.hasAttribute("data-ready") || root.hasAttribute("data-error")) return;
  bar.style.transform = `scaleX(${fraction})`;
  const status = document.getElementById("status");
  const [koText, enText] = status.querySelectorAll("[lang]");
  if (koText && enText) {
    koText.textContent = ko;
    enText.textContent = en;
  }
}

addEventListener("py:progress", ({ detail }) => {
  const step = STEPS.find(([name]) => name === detail);
  if (step) show(step[1], step[2], step[3]);
});

new MutationObserver(() => {
  if (root.hasAttribute("data-ready") || root.hasAttribute("data-error")) {
    bar.style.transform = "scaleX(1)";
    root.classList.add("booted");
  }
  const reason = root.getAttribute("data-error");
  if (reason !== null) {
    const status = document.getElementById("status");
    status.classList.add("failed");
    status.textContent =
      root.lang === "ko" ? `파이썬을 시작하지 못했습니다: ${reason}` : `Python could not start: ${reason}`;
  }
}).observe(root, { attributes: true, attributeFilter: ["data-ready", "data-error"] });

show(0.05, "파이썬을 시작하는 중…", "Starting Python…");
