// Pagefind, a bundle at a time: node search_index.mjs <site dir> <list file> <pages per bundle>
// The list file holds one site-relative HTML path per line. Each bundle is built, written and deleted
// before the next starts, so the indexer's memory is bounded by the bundle, not by the site. The
// search page merges the bundles (PagefindUI's mergeIndex). Prints the bundle folders, one per line.
import { readFileSync } from "node:fs";
import { createIndex, close } from "pagefind";

const [site, listFile, perBundle] = process.argv.slice(2);
process.chdir(site);
const paths = readFileSync(listFile, "utf-8").split("\n").filter(Boolean);
const size = Math.max(1, parseInt(perBundle, 10));
const bundles = [];
try {
  for (let start = 0, n = 1; start < paths.length || n === 1; start += size, n++) {
    const { index, errors } = await createIndex();
    if (errors.length) throw new Error(errors.join("; "));
    for (const sourcePath of paths.slice(start, start + size)) {
      const r = await index.addHTMLFile({ sourcePath, content: readFileSync(sourcePath, "utf-8") });
      if (r.errors.length) throw new Error(`${sourcePath}: ${r.errors.join("; ")}`);
    }
    const outputPath = n === 1 ? "pagefind" : `pagefind/bundle-${n}`;
    const w = await index.writeFiles({ outputPath });
    if (w.errors.length) throw new Error(w.errors.join("; "));
    await index.deleteIndex();
    bundles.push(outputPath);
    if (start + size >= paths.length) break;
  }
} catch (e) {
  console.error(String(e.message || e));
  await close();
  process.exit(1);
}
await close();
console.log(bundles.join("\n"));
