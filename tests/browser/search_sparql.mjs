// The search and SPARQL pages, driven in Debian's chromium by playwright-core, as a reader uses them.
// Prints one JSON object. Usage: node search_sparql.mjs <config.json>
//   config: {base, chromium, axe?: true, search: [{name, query, filter?: [key, value]}],
//            sparql: {queries: {name: text}, shared: text, tab: name}} (every part optional)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await chromium.launch({
  executablePath: config.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const out = { search: {}, sparql: {}, errors: [], outside: [] };
const origin = new URL(config.base).origin;

async function open(context, url) {
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.errors.push(`${url}: ${m.text()}`); });
  page.on("pageerror", (e) => out.errors.push(`${url}: ${e}`));
  page.on("dialog", async (d) => { out.errors.push(`${url}: dialog ${d.message()}`); await d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) out.outside.push(r.url()); });
  await page.goto(url, { waitUntil: "load" });
  return page;
}

async function done(page, attr, after = 0) {
  await page.waitForFunction(([a, n]) => Number(document.documentElement.dataset[a] || 0) > n, [attr, after], { timeout: 60000 });
}

// axe-core on the page as it is now (with its results drawn), when asked
async function axe(page) {
  if (!config.axe) return null;
  await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf-8") });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) })));
}

async function results(page) {
  return page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    href: li.querySelector("a.result-link").getAttribute("href"),
    title: li.querySelector("a.result-link").textContent,
    exact: li.classList.contains("exact-hit"),
    excerpt: (li.querySelector(".excerpt") || {}).textContent || "",
  })));
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const c of config.search || []) {
    const page = await open(context, `${config.base}search/`);
    await page.waitForSelector("html[data-search-ready=yes]", { state: "attached", timeout: 30000 });
    const started = Date.now();
    await page.fill("#search-input", c.query);
    await done(page, "searchDone");
    const r = { ms: Date.now() - started, before: await results(page) };
    if (c.filter) {
      // the reader ticks a filter: the results are searched again within it
      const n = Number(await page.evaluate(() => document.documentElement.dataset.searchDone));
      await page.check(`#search-filters input[name="${c.filter[0]}"][value="${c.filter[1]}"]`);
      await done(page, "searchDone", n);
      r.after = await results(page);
      r.url = page.url();
    }
    r.status = await page.$eval("#search-status", (e) => e.textContent);
    r.axe = await axe(page);
    out.search[c.name] = r;
    await page.close();
  }
  const s = config.sparql;
  if (s && s.queries) {
    // each query in a page of its own: it must fetch what it needs itself
    out.sparql.answers = {};
    for (const [name, text] of Object.entries(s.queries)) {
      const page = await open(context, `${config.base}sparql/`);
      await page.waitForSelector("html[data-sparql-ready=yes]", { state: "attached", timeout: 60000 });
      const ready = await page.evaluate(() => window.gongbaoReady);
      const started = Date.now();
      const answer = JSON.parse(await page.evaluate((q) => window.gongbaoQuery(q), text));
      out.sparql.answers[name] = { ...answer, ready, wall: Date.now() - started };
      await page.close();
    }
  }
  if (s && s.shared) {
    // a shared link: the query in the address fills the editor and runs
    const shared = await open(context, `${config.base}sparql/?query=${encodeURIComponent(s.shared)}`);
    await done(shared, "sparqlDone");
    out.sparql.shared = await shared.evaluate(() => ({
      editor: document.getElementById("sparql-query").value,
      rows: document.querySelectorAll("#sparql-results tbody tr").length,
      links: [...document.querySelectorAll("#sparql-results a.resource")].map((a) => ({ href: a.getAttribute("href"), text: a.textContent })),
      csv: document.querySelector("#sparql-results a[download='results.csv']")?.href || null,
      json: document.querySelector("#sparql-results a[download='results.json']")?.href || null,
      pageWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
      tableWidth: document.querySelector("#sparql-results table")?.scrollWidth,
      boxWidth: document.querySelector("#sparql-results").clientWidth,
    }));
    out.sparql.shared.axe = await axe(shared);
    out.sparql.shared.csvText = await shared.evaluate(async (u) => (u ? (await fetch(u)).text() : null), out.sparql.shared.csv);
    out.sparql.shared.jsonText = await shared.evaluate(async (u) => (u ? (await fetch(u)).text() : null), out.sparql.shared.json);
    const links = out.sparql.shared.links.slice(0, 5);
    out.sparql.shared.linkStatus = [];
    for (const l of links) {
      const r = await shared.request.get(new URL(l.href, shared.url()).href);
      out.sparql.shared.linkStatus.push(r.status());
    }
    await shared.close();
  }
  if (s && s.tab) {
    // an example tab: named in words, and a click runs it
    const tabs = await open(context, `${config.base}sparql/`);
    await tabs.waitForSelector("html[data-sparql-ready=yes]", { state: "attached", timeout: 60000 });
    out.sparql.tabs = await tabs.$$eval("[data-query]", (bs) => bs.map((b) => ({ name: b.dataset.name, text: b.textContent })));
    await tabs.click(`[data-name="${s.tab}"]`);
    await done(tabs, "sparqlDone");
    out.sparql.tab = await tabs.evaluate(() => ({
      editor: document.getElementById("sparql-query").value,
      rows: document.querySelectorAll("#sparql-results tbody tr").length,
      pressed: document.querySelector("[aria-pressed=true]")?.dataset.name,
      address: location.search,
      label: document.querySelector("label[for=sparql-query]") !== null,
    }));
    await tabs.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
