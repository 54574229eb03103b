// The search page: Pagefind's index (its bundles merged), with filters, a query folded from traditional to
// simplified characters, and a code typed whole (文号, heritage or unit code) putting its page first.
// Everything it reads is in the site: ../pagefind/, the bundles, and search/t2s.json and search/codes/
// (written by publish/sitegen/searchmeta.py). The folding rules are in fold.js.
import { codeKey, codeShard, fold, useTable } from "./fold.js";
import { ui } from "./dom.js";

const config = JSON.parse(document.getElementById("search-config").textContent);
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const filterBox = document.getElementById("search-filters");
const root = new URL("../", location.href);      // the site's root: the page is search/index.html
const PAGE = 20;

let pagefind = null;
const codes = new Map();  // the files of the code list fetched so far (promises)
let seq = 0;               // the latest search; an older one that ends later is dropped
let pending = [];          // ranked results not yet shown
let shownPaths = new Set();
let dupes = 0;             // ranked results that were already shown as exact hits

// --- small DOM helpers ------------------------------------------------------------------------------------
function valueLabel(value) {
  const en = config.values[value];
  return en ? ui(value, en) : document.createTextNode(value);
}

// Pagefind's excerpt marks the matched words with <mark>: keep those, and only text besides
function excerpt(html) {
  const p = document.createElement("p");
  p.className = "excerpt";
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  for (const node of doc.body.childNodes) {
    if (node.nodeName === "MARK") {
      const m = document.createElement("mark"); m.textContent = node.textContent; p.append(m);
    } else {
      p.append(document.createTextNode(node.textContent));
    }
  }
  return p;
}

function pathOf(url) {
  return new URL(url, location.href).pathname;
}

// --- filters ----------------------------------------------------------------------------------------------
const TIERS = ["国家级", "省级", "地市级", "区县级", "乡镇级"];

function sortValues(key, values) {
  if (key === "year") return values.sort().reverse();
  if (key === "level") return values.sort((a, b) => TIERS.indexOf(a) - TIERS.indexOf(b));
  return values.sort((a, b) => a.localeCompare(b, "zh-Hans-CN"));
}

function drawFilters(available) {
  filterBox.replaceChildren();
  const wanted = new URLSearchParams(location.search);
  for (const f of config.filters) {
    const counts = available[f.key];
    if (!counts || !Object.keys(counts).length) continue;
    const box = document.createElement("details");
    box.className = "filter";
    box.dataset.filter = f.key;
    if (["kind", "genre", "year", "level", "category"].includes(f.key) || wanted.has(f.key)) box.open = true;
    const summary = document.createElement("summary");
    summary.append(ui(f.zh, f.en));
    box.append(summary);
    const group = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.className = "visually-hidden";
    legend.append(ui(f.zh, f.en));
    group.append(legend);
    for (const value of sortValues(f.key, Object.keys(counts))) {
      const label = document.createElement("label");
      const box2 = document.createElement("input");
      box2.type = "checkbox";
      box2.name = f.key;
      box2.value = value;
      box2.checked = wanted.getAll(f.key).includes(value);
      box2.addEventListener("change", () => search());
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = ` (${counts[value]})`;
      label.append(box2, " ", valueLabel(value), n);
      group.append(label);
    }
    box.append(group);
    filterBox.append(box);
  }
}

function selected() {
  const out = {};
  for (const box of filterBox.querySelectorAll("input[type=checkbox]:checked")) {
    (out[box.name] = out[box.name] || []).push(box.value);
  }
  return out;
}

// within a filter any value may match, across filters every filter must
function pagefindFilters(chosen) {
  const out = {};
  for (const [k, v] of Object.entries(chosen)) out[k] = { any: v };
  return out;
}

function passes(entryFilters, chosen) {
  return Object.entries(chosen).every(([k, values]) => (entryFilters[k] || []).some((v) => values.includes(v)));
}

// --- exact codes ------------------------------------------------------------------------------------------
// the code list comes in files cut by a hash of the key: a typed code fetches the one file it can be in
async function exactHits(raw, chosen) {
  const key = codeKey(raw);
  if (!/[0-9]/.test(key) && !/^[IVX]+$/.test(key)) return [];
  const n = codeShard(key, config.codeFiles);
  if (!codes.has(n)) {
    codes.set(n, fetch(new URL(`codes/${n}.json`, location.href)).then((r) => (r.ok ? r.json() : {})));
  }
  return ((await codes.get(n))[key] || []).filter((e) => passes(e.filters, chosen));
}

// --- results ----------------------------------------------------------------------------------------------
function item(href, title, extra) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.className = "result-link";
  a.href = href;
  a.textContent = title;
  li.append(a);
  if (extra) li.append(extra);
  return li;
}

function tags(filters) {
  const span = document.createElement("span");
  span.className = "tags";
  for (const key of ["kind", "year"]) {
    for (const v of (filters && filters[key]) || []) {
      const t = document.createElement("span");
      t.className = "tag";
      t.append(valueLabel(v));
      span.append(t);
    }
  }
  return span;
}

async function showMore() {
  const batch = pending.splice(0, PAGE);
  const data = await Promise.all(batch.map((r) => r.data()));
  for (const d of data) {
    const href = new URL(d.url, location.href).href;
    if (shownPaths.has(pathOf(href))) { dupes += 1; continue; }
    shownPaths.add(pathOf(href));
    const li = item(href, d.meta.title || d.url, tags(d.filters));
    li.append(excerpt(d.excerpt));
    list.append(li);
  }
  more.hidden = pending.length === 0;
}

function say(zh, en) {
  status.replaceChildren(ui(zh, en));
}

async function search() {
  const id = ++seq;
  const raw = input.value.trim();
  const chosen = selected();
  const params = new URLSearchParams();
  if (raw) params.set("q", raw);
  for (const [k, vs] of Object.entries(chosen)) for (const v of vs) params.append(k, v);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  if (!raw && !Object.keys(chosen).length) {
    list.replaceChildren(); more.hidden = true; say("", "");
    return;
  }
  const folded = fold(raw);
  const options = { filters: pagefindFilters(chosen) };
  // the folded query first; the query as typed too where folding changed it (a character OpenCC folds may
  // also be a simplified one in its own right: 乾 in 乾隆)
  const terms = raw ? [...new Set([folded, raw])] : [null];
  const [found, exact] = await Promise.all([Promise.all(terms.map((t) => pagefind.search(t, options))), exactHits(raw, chosen)]);
  if (id !== seq) return;
  const seen = new Set();
  pending = [];
  for (const s of found) for (const r of s.results) if (!seen.has(r.id)) { seen.add(r.id); pending.push(r); }
  list.replaceChildren();
  shownPaths = new Set();
  for (const e of exact) {
    const href = new URL(e.url, root).href;
    shownPaths.add(pathOf(href));
    const badge = document.createElement("span");
    badge.className = "exact";
    badge.append(ui("编号完全匹配", "exact code"));
    const li = item(href, e.title, tags(e.filters));
    li.classList.add("exact-hit");
    li.append(" ", badge);
    list.append(li);
  }
  const ranked = pending.length;
  dupes = 0;
  await showMore();
  if (id !== seq) return;
  const n = ranked + exact.length - dupes;
  say(`共 ${n} 条结果`, `${n} result${n === 1 ? "" : "s"}`);
  document.documentElement.dataset.searchDone = String(id);
}

async function start() {
  const [, table] = await Promise.all([
    (async () => {
      pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
      await pagefind.options({ excerptLength: 24 });
      // Pagefind takes the index's language, and how it cuts a query into words, from <html lang>, which
      // follows the UI; the index is Chinese in either UI, so it starts under zh-Hans (read as it starts)
      const html = document.documentElement;
      const lang = html.getAttribute("lang");
      html.setAttribute("lang", "zh-Hans");
      const started = pagefind.init();
      html.setAttribute("lang", lang);
      await started;
      for (const b of config.bundles) await pagefind.mergeIndex(new URL(`${b}/`, root).pathname);
    })(),
    fetch(new URL("t2s.json", location.href)).then((r) => r.json()),
  ]);
  useTable(table);
  drawFilters(await pagefind.filters());
  const q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); search(); });
  more.addEventListener("click", () => showMore());
  document.documentElement.dataset.searchReady = "yes";
  if (q || [...filterBox.querySelectorAll("input:checked")].length) await search();
}

start().catch((e) => {
  say("搜索索引尚未生成", "the search index was not built");
  console.warn(String(e));
});
