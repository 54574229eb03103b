// SPARQL in the browser: the WebAssembly build of Oxigraph (vendored under static/oxigraph/ by the build),
// loaded with the data a query needs and no more. The build cuts the graph into one N-Quads segment per
// predicate (rdf:type one per class; publish/sitegen/sparqldata.py); sparql-scope.js reads a query for what
// it can touch, and the segments it names are fetched once and kept. A query that could touch any
// predicate fetches them all. Results show labels and link to this site's pages; they download as CSV
// or JSON; the query lives in the address (?query=…), so a link to it runs it.
import init, { Store, namedNode } from "./oxigraph/web.js";
import { scope, tokenize } from "./sparql-scope.js";
import { ui } from "./dom.js";

const config = JSON.parse(document.getElementById("sparql-config").textContent);
const status = document.getElementById("sparql-status");
const editor = document.getElementById("sparql-query");
const output = document.getElementById("sparql-results");
const about = document.getElementById("sparql-about");
const share = document.getElementById("sparql-share");
const runButton = document.getElementById("sparql-run");
const root = new URL("../", import.meta.url);                  // the site: static/ is under it
const data = new URL(`${config.data}/`, root);
const SHOWN = 1000;                                             // rows drawn; the downloads hold them all
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABELS = ["http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
  "http://purl.org/dc/terms/title"];
const NUMBER = "http://data.europa.eu/eli/ontology#id_local";
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

let store = null;
const fetched = new Map();     // segment file -> the promise of its loading
let urls = [];                 // the download links' object URLs, revoked on the next run

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
}

// --- data ---------------------------------------------------------------------------------------------------
function segmentsFor(sc) {
  if (sc.all) return [...Object.values(config.segments), ...Object.values(config.types)];
  const out = sc.iris.filter((p) => config.segments[p] && p !== RDF_TYPE).map((p) => config.segments[p]);
  if (sc.types === null) {
    out.push(...Object.values(config.types));
    if (config.segments[RDF_TYPE]) out.push(config.segments[RDF_TYPE]);   // types that are not IRIs
  } else {
    out.push(...sc.types.filter((c) => config.types[c]).map((c) => config.types[c]));
  }
  return out;
}

async function load(segments) {
  const started = performance.now();
  const fresh = segments.filter((s) => !fetched.has(s.file));
  // fetched in parallel, loaded one after another as they arrive (the engine is single-threaded)
  for (const s of fresh) {
    fetched.set(s.file, fetch(new URL(s.file, data)).then((r) => {
      if (!r.ok) throw new Error(`${s.file}: ${r.status}`);
      return r.text();
    }).then((text) => store.load(text, { format: "application/n-quads", no_transaction: true })));
  }
  await Promise.all(segments.map((s) => fetched.get(s.file)));
  return { ms: performance.now() - started, fetched: fresh.length, bytes: fresh.reduce((n, s) => n + s.bytes, 0) };
}

function hasPage(iri) {
  return iri.startsWith(config.base) && config.pageRoots.includes(iri.slice(config.base.length).split(/[/#]/)[0]);
}

function pageOf(iri) {
  return new URL(`${iri.slice(config.base.length)}/`, root).href;
}

// DESCRIBE of resources with pages: their pages' data files say all there is of them as subject
async function describe(iris) {
  const scratch = new Store();
  const texts = await Promise.all(iris.map((iri) => fetch(new URL("index.ttl", pageOf(iri))).then((r) => (r.ok ? r.text() : ""))));
  for (const t of texts) scratch.load(t, { format: "text/turtle" });
  return scratch;
}

function form(text) {
  try {
    for (const t of tokenize(text)) {
      if (t.type === "word" && ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"].includes(t.upper)) return t.upper;
    }
  } catch (e) { /* the engine will say what is wrong */ }
  return "SELECT";
}

export async function runQuery(text) {
  const sc = scope(text);
  let target = store;
  let loaded = { ms: 0, fetched: 0, bytes: 0 };
  if (sc.describe && sc.describe.every(hasPage)) {
    const started = performance.now();
    target = await describe(sc.describe);
    loaded = { ms: performance.now() - started, fetched: sc.describe.length, bytes: 0 };
  } else {
    if (sc.describe) Object.assign(sc, { all: true, reason: "DESCRIBE of a resource with no page here" });
    loaded = await load(segmentsFor(sc));
  }
  const kind = form(text);
  const graph = kind === "CONSTRUCT" || kind === "DESCRIBE";
  const started = performance.now();
  const raw = target.query(text, {
    results_format: graph ? "text/turtle" : "application/sparql-results+json", use_default_graph_as_union: true,
  });
  const ms = performance.now() - started;
  return { kind, graph, raw, json: graph ? null : JSON.parse(raw), ms, load: loaded, scope: sc };
}

// --- showing results ----------------------------------------------------------------------------------------
function shorten(iri, prefixes) {
  for (const [p, ns] of prefixes) {
    if (iri.startsWith(ns) && /^[\w.-]*$/u.test(iri.slice(ns.length))) return `${p}:${iri.slice(ns.length)}`;
  }
  if (iri.startsWith(config.base)) return iri.slice(config.base.length);
  return iri;
}

function queryPrefixes(text) {
  const found = {};
  try {
    const toks = tokenize(text);
    for (let k = 0; k + 2 < toks.length; k++) {
      if (toks[k].type === "word" && toks[k].upper === "PREFIX" && toks[k + 2].type === "iri") {
        found[toks[k + 1].text.replace(/:$/, "")] = toks[k + 2].value;
      }
    }
  } catch (e) { /* the built-in prefixes serve */ }
  // the longest namespace first, so a namespace inside another is not shadowed
  return Object.entries({ ...config.prefixes, ...found }).filter(([p]) => p).sort((a, b) => b[1].length - a[1].length);
}

function cell(term, prefixes, linked) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const short = shorten(term.value, prefixes);
    if (hasPage(term.value)) {
      const a = document.createElement("a");
      a.href = pageOf(term.value);
      a.title = term.value;
      a.dataset.iri = term.value;
      a.className = "resource";
      a.textContent = short;
      linked.add(term.value);
      td.append(a);
    } else {
      const code = document.createElement("code");
      code.title = term.value;
      code.textContent = short;
      td.append(code);
    }
  } else if (term.type === "bnode") {
    td.textContent = `_:${term.value}`;
  } else {
    td.textContent = term.value;
    const tag = term["xml:lang"] ? `@${term["xml:lang"]}` : term.datatype && term.datatype !== XSD_STRING ? shorten(term.datatype, prefixes) : null;
    if (tag) {
      const s = document.createElement("span");
      s.className = "dt";
      s.textContent = tag;
      td.append(s);
    }
  }
  return td;
}

// the labels of the resources shown: their segments are fetched after the rows are drawn
async function label(links) {
  if (!links.size) return;
  await load(LABELS.concat(NUMBER).filter((p) => config.segments[p]).map((p) => config.segments[p]));
  for (const a of output.querySelectorAll("a.resource")) {
    const node = namedNode(a.dataset.iri);
    const found = {};
    for (const p of LABELS) {
      for (const q of store.match(node, namedNode(p), null, null)) {
        const lang = (q.object.language || "").toLowerCase();
        if (!(lang in found)) found[lang] = q.object.value;
      }
    }
    const text = found["zh-hans"] || found.en || found[""] || Object.values(found)[0];
    const number = store.match(node, namedNode(NUMBER), null, null)[0];
    const full = number && (!text || !text.includes(number.object.value)) ? `${number.object.value}${text ? ` ${text}` : ""}` : text;
    if (!full) continue;
    const short = a.textContent;
    a.textContent = full;
    const s = document.createElement("span");
    s.className = "short";
    s.textContent = short;
    a.append(s);
  }
}

function csvField(term) {
  if (!term) return "";
  const v = term.type === "bnode" ? `_:${term.value}` : term.value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

// SPARQL 1.1 Query Results CSV: the values alone, a row a line, CRLF
export function toCsv(json) {
  if (json.boolean !== undefined) return `_askResult\r\n${json.boolean}\r\n`;
  const vars = json.head.vars;
  return [vars.join(","), ...json.results.bindings.map((b) => vars.map((v) => csvField(b[v])).join(","))].join("\r\n") + "\r\n";
}

function download(name, type, text, zh, en) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  urls.push(url);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.append(ui(zh, en));
  return a;
}

function summary(r, rows) {
  const p = document.createElement("p");
  p.className = "sparql-info";
  const fetchedNote = r.load.fetched ? `; fetched ${r.load.fetched} segment(s), ${mb(r.load.bytes)}, ${r.load.ms.toFixed(0)} ms` : "";
  const fetchedZh = r.load.fetched ? `；取数据 ${r.load.fetched} 段 ${mb(r.load.bytes)}，${r.load.ms.toFixed(0)} 毫秒` : "";
  const scopeEn = r.scope.all ? ` (every segment: ${r.scope.reason})` : "";
  const scopeZh = r.scope.all ? `（需全部数据：${r.scope.reason}）` : "";
  p.append(ui(`${rows}，查询 ${r.ms.toFixed(0)} 毫秒${fetchedZh}${scopeZh}`, `${rows}, query ${r.ms.toFixed(0)} ms${fetchedNote}${scopeEn}`));
  return p;
}

function render(r, text) {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
  output.replaceChildren();
  const actions = document.createElement("p");
  actions.className = "sparql-actions";
  if (r.graph) {
    const n = r.raw.split("\n").filter((l) => l.trim() && !l.startsWith("@prefix")).length;
    output.append(summary(r, `${n} lines of Turtle`));
    actions.append(download("results.ttl", "text/turtle", r.raw, "下载 Turtle", "Download Turtle"));
    const pre = document.createElement("pre");
    pre.textContent = r.raw;
    output.append(actions, pre);
    return;
  }
  const json = r.json;
  actions.append(download("results.csv", "text/csv", toCsv(json), "下载 CSV", "Download CSV"), " ",
    download("results.json", "application/sparql-results+json", r.raw, "下载 JSON", "Download JSON"));
  if (json.boolean !== undefined) {
    output.append(summary(r, String(json.boolean)), actions);
    return;
  }
  const rows = json.results.bindings;
  output.append(summary(r, `${rows.length} rows`), actions);
  const prefixes = queryPrefixes(text);
  const linked = new Set();
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const v of json.head.vars) { const th = document.createElement("th"); th.scope = "col"; th.textContent = `?${v}`; head.append(th); }
  const body = table.createTBody();
  for (const b of rows.slice(0, SHOWN)) {
    const tr = body.insertRow();
    for (const v of json.head.vars) tr.append(cell(b[v], prefixes, linked));
  }
  output.append(table);
  if (rows.length > SHOWN) {
    const p = document.createElement("p");
    p.append(ui(`只显示前 ${SHOWN} 行；下载可得全部。`, `The first ${SHOWN} rows are shown; the downloads hold them all.`));
    output.append(p);
  }
  return label(linked);
}

function showLink(text) {
  const url = new URL(location.href);
  url.search = `?query=${encodeURIComponent(text)}`;
  share.href = url.search;
  share.hidden = false;
  history.replaceState(null, "", url.search);
}

async function runAndShow(text) {
  showLink(text);
  output.replaceChildren(ui("运行中……", "Running…"));
  try {
    const r = await runQuery(text);
    await render(r, text);
    document.documentElement.dataset.sparqlDone = String(Number(document.documentElement.dataset.sparqlDone || 0) + 1);
  } catch (e) {
    output.replaceChildren();
    const p = document.createElement("pre");
    p.className = "error";
    p.textContent = String(e.message || e);
    output.append(p);
    document.documentElement.dataset.sparqlDone = String(Number(document.documentElement.dataset.sparqlDone || 0) + 1);
  }
}

function choose(tab) {
  for (const t of document.querySelectorAll("[data-query]")) t.setAttribute("aria-pressed", String(t === tab));
  about.textContent = tab ? tab.dataset.about : "";
}

async function start() {
  await init(new URL("./oxigraph/web_bg.wasm", import.meta.url));
  store = new Store();
  const ready = performance.now();
  const quads = Object.values(config.segments).concat(Object.values(config.types)).reduce((n, s) => n + s.quads, 0);
  const bytes = Object.values(config.segments).concat(Object.values(config.types)).reduce((n, s) => n + s.bytes, 0);
  const segs = Object.keys(config.segments).length + Object.keys(config.types).length;
  status.replaceChildren(ui(`引擎已就绪（${ready.toFixed(0)} 毫秒）。数据共 ${quads} 条四元组，分 ${segs} 段（${mb(bytes)}），查询只取它用到的谓词的数据段。`,
    `Engine ready (${ready.toFixed(0)} ms). The data: ${quads} quads in ${segs} segments (${mb(bytes)}); a query fetches only the segments of the predicates it names.`));
  window.gongbaoQuery = async (q) => {
    const r = await runQuery(q);
    return JSON.stringify({ json: r.json, text: r.graph ? r.raw : null, ms: r.ms, load: r.load, all: r.scope.all, reason: r.scope.reason });
  };
  window.gongbaoReady = ready;
  document.documentElement.dataset.sparqlReady = "yes";
  const shared = new URLSearchParams(location.search).get("query");
  if (shared) {
    editor.value = shared;
    choose([...document.querySelectorAll("[data-query]")].find((t) => t.dataset.query === shared) || null);
    await runAndShow(shared);
  }
}

runButton.addEventListener("click", () => { if (store) runAndShow(editor.value); });
for (const tab of document.querySelectorAll("[data-query]")) {
  tab.addEventListener("click", () => {
    editor.value = tab.dataset.query;
    choose(tab);
    if (store) runAndShow(tab.dataset.query);
  });
}
editor.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && store) { e.preventDefault(); runAndShow(editor.value); }
});
start().catch((e) => { status.textContent = `could not start: ${e}`; });
