// axe-core on pages in Debian's chromium, in both UI languages, and the page's width at 375 px.
// Usage: node axe.mjs <config.json>; config: {base, chromium, pages: [path], languages: ["zh", "en"],
// screenshots: {dir, pages: [path], widths: [1280, 375]}}. Prints one JSON object:
// {"<lang> <path>": {violations: [{id, impact, nodes: [target]}], lang, overflow: px at 375 px}}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf-8");
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await chromium.launch({
  executablePath: config.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const result = {};
try {
  for (const lang of config.languages) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((l) => { try { localStorage.setItem("gongbao-ui", l); } catch (e) { /* none */ } }, lang);
    for (const path of config.pages) {
      const page = await context.newPage();
      await page.goto(config.base + path, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
      });
      const htmlLang = await page.evaluate(() => document.documentElement.lang);
      await page.setViewportSize({ width: 375, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      result[`${lang} ${path}`] = { violations: axe, lang: htmlLang, overflow };
      const shots = config.screenshots;
      if (shots && shots.pages.includes(path)) {
        for (const width of shots.widths) {
          await page.setViewportSize({ width, height: 900 });
          const name = (path.replace(/\/$/, "").replace(/[^A-Za-z0-9]+/g, "-") || "home") + `-${width}-${lang}.png`;
          await page.screenshot({ path: `${shots.dir}/${name}`, fullPage: true });
        }
      }
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
