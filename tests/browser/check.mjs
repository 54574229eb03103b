// Drive Debian's chromium with playwright-core: visit pages, collect console errors and dialogs,
// optionally run a search. Prints one JSON object. Usage: node check.mjs <config.json>
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await chromium.launch({
  executablePath: config.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const result = { pages: {}, search: null, sparql: null };
try {
  const context = await browser.newContext();
  for (const path of config.pages) {
    const page = await context.newPage();
    const errors = [];
    const dialogs = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    page.on("requestfailed", (r) => errors.push("request failed: " + r.url()));
    const response = await page.goto(config.base + path, { waitUntil: "load" });
    const title = await page.title();
    const text = await page.evaluate(() => document.body.innerText);
    const scripts = await page.evaluate(() => document.querySelectorAll("main script, main img[onerror]").length);
    result.pages[path] = { status: response ? response.status() : 0, title, errors, dialogs, text, scripts };
    if (config.screenshots && config.screenshots[path]) {
      await page.setViewportSize({ width: 1200, height: 1600 });
      await page.screenshot({ path: config.screenshots[path], fullPage: false });
    }
    await page.close();
  }
  if (config.sparql) {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(config.base + "sparql/", { waitUntil: "load" });
    await page.waitForSelector("html[data-sparql-ready=yes]", { timeout: 60000 });
    const answers = {};
    for (const [name, text] of Object.entries(config.sparql)) {
      answers[name] = JSON.parse(await page.evaluate((q) => window.gongbaoQuery(q), text));
    }
    result.sparql = { answers, errors };
  }
  if (config.search) {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(config.base + "search/", { waitUntil: "load" });
    await page.waitForSelector("html[data-search-ready=yes]", { state: "attached", timeout: 20000 });
    await page.fill("#search-input", config.search);
    await page.waitForSelector("html[data-search-done]", { state: "attached", timeout: 20000 });
    const links = await page.$$eval("#search-results a.result-link", (as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
    result.search = { links, errors };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
