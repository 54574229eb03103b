// SPARQL in the browser: the WebAssembly build of Oxigraph, loaded with the site's own N-Quads dump.
// Nothing comes from elsewhere: the engine is vendored under static/oxigraph/ by the build.
import init, { Store } from "./oxigraph/web.js";

const status = document.getElementById("sparql-status");
const editor = document.getElementById("sparql-query");
const output = document.getElementById("sparql-results");
let store = null;

function cell(term) {
  if (!term) return "";
  return term.value;
}

function render(json, ms) {
  output.replaceChildren();
  const info = document.createElement("p");
  if (json.boolean !== undefined) {
    info.textContent = `${json.boolean} (${ms.toFixed(0)} ms)`;
    output.append(info);
    return;
  }
  const vars = json.head.vars;
  info.textContent = `${json.results.bindings.length} rows (${ms.toFixed(0)} ms)`;
  const table = document.createElement("table");
  table.className = "props";
  const head = table.insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.append(th); }
  for (const b of json.results.bindings) {
    const row = table.insertRow();
    for (const v of vars) { row.insertCell().textContent = cell(b[v]); }
  }
  output.append(info, table);
}

export function runQuery(text) {
  const started = performance.now();
  const raw = store.query(text, { results_format: "application/sparql-results+json", use_default_graph_as_union: true });
  return { json: JSON.parse(raw), ms: performance.now() - started };
}

async function start() {
  await init(new URL("./oxigraph/web_bg.wasm", import.meta.url));
  const response = await fetch(new URL("../dumps/all.nq", import.meta.url));
  const text = await response.text();
  store = new Store();
  store.load(text, { format: "application/n-quads" });
  status.textContent = `${store.size} quads loaded`;
  window.gongbaoQuery = (q) => { const r = runQuery(q); return JSON.stringify({ json: r.json, ms: r.ms }); };
  document.documentElement.dataset.sparqlReady = "yes";
}

document.getElementById("sparql-run").addEventListener("click", () => {
  try {
    const { json, ms } = runQuery(editor.value);
    render(json, ms);
  } catch (e) {
    output.textContent = String(e);
  }
});
for (const tab of document.querySelectorAll("[data-query]")) {
  tab.addEventListener("click", () => { editor.value = tab.dataset.query; });
}
start().catch((e) => { status.textContent = "could not start: " + e; });
