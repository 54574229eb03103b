// A document's status banner and chain for chosen days, in Debian's chromium: node asof.mjs <config.json>;
// config: {base, chromium, checks: [{path, day}]}. For each check, the day is picked in the page's
// "view as of" field (as a reader would), and the banner's state and Chinese text and the chain boxes'
// states are read. Prints a JSON list.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await chromium.launch({
  executablePath: config.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const out = [];
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  for (const { path, day } of config.checks) {
    await page.goto(config.base + path, { waitUntil: "load" });
    await page.fill("#as-of", day);
    await page.dispatchEvent("#as-of", "change");
    out.push(await page.evaluate(({ path, day }) => {
      const s = document.querySelector("section.status");
      const names = (sel) => [...document.querySelectorAll(sel)].map((n) => n.textContent.trim());
      return { path, day, state: s ? s.dataset.state : null,
               banner: s ? s.querySelector(".status-banner .ui-zh").textContent : null,
               ended: names(".chain-node.ended"), notYet: names(".chain-node.not-yet") };
    }, { path, day }));
  }
  if (errors.length) throw new Error(errors.join("; "));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
