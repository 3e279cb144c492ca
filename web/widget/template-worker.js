// The widget's Web Worker for template buttons (Jinja2): kakao-share's full runtime (Pyodide with
// pydantic and jinja2, from this bundle, without the memory snapshot) renders and validates their
// messages off the host page's main thread. Started by widget/button.js only on pages that have such a
// button; it answers each {id, generation, payload} with {id, generation, outcome} (outcome: JSON).

let render = null;

async function start({ pyodide, python }) {
  // Pyodide started as pages start it (without stack switching), with the bundle's lock; no snapshot here.
  const { loadPyodide } = await import(pyodide);
  const [runtime, source] = await Promise.all([
    loadPyodide({ lockFileURL: new URL("pyodide-lock.json", pyodide).href, packages: ["kakao-share"] }),
    fetch(python).then((response) => {
      if (!response.ok) throw new Error(`${python} answered HTTP ${response.status}`);
      return response.text();
    }),
  ]);
  runtime.runPython(source, { filename: "template_worker.py" });
  return runtime.globals.get("render");
}

addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    render ??= start(data);
    return;
  }
  const { id, generation, payload } = data;
  let outcome;
  try {
    outcome = await (await render)(payload);
  } catch (error) {
    const problem = `kakao-share's full runtime could not render its template (${error?.message || error})`;
    outcome = JSON.stringify({ problem });
  }
  postMessage({ id, generation, outcome });
});
