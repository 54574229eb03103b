// Pagefind, a bundle at a time: node search_index.mjs <site dir> <spec.json>
// The spec lists bundles: {"output": folder, "pages": [[path in the site, file to read], ...]}. Each bundle
// is built, written and deleted before the next starts, so the indexer's memory is bounded by the bundle,
// not by the site. The search page merges the bundles (PagefindUI's mergeIndex).
import { readFileSync } from "node:fs";
import { createIndex, close } from "pagefind";

// What a page shows that is not its text in the index's one language (zh-Hans, as the pages declare):
// the English half of every bilingual label (the UI shows one half at a time), language tags, counts,
// relation badges, IRIs and hashes (code, links out), the chain drawing (its labels are the page's own
// links again), the data-file links, the provenance (source lines, file names), the legend and the scroll
// cue, and a form's text (the SPARQL page's query). Anything else a template marks data-pagefind-ignore.
// The page's title and filters come from its <head> (site/templates/search-meta.html).
const EXCLUDE = [".ui-en", ".fallback", ".lang", ".count", ".rel", "code", "a[rel=external]", "svg", ".data-links",
                 ".provenance", ".scroll-cue", ".legend", "textarea"];

const [site, specFile] = process.argv.slice(2);
process.chdir(site);   // result URLs are computed from the page paths, relative to the site
const spec = JSON.parse(readFileSync(specFile, "utf-8"));
try {
  for (const bundle of spec) {
    const { index, errors } = await createIndex({ excludeSelectors: EXCLUDE });
    if (errors.length) throw new Error(errors.join("; "));
    for (const [sourcePath, file] of bundle.pages) {
      const r = await index.addHTMLFile({ sourcePath, content: readFileSync(file, "utf-8") });
      if (r.errors.length) throw new Error(`${sourcePath}: ${r.errors.join("; ")}`);
    }
    const w = await index.writeFiles({ outputPath: bundle.output });
    if (w.errors.length) throw new Error(w.errors.join("; "));
    await index.deleteIndex();
  }
} catch (e) {
  console.error(String(e.message || e));
  await close();
  process.exit(1);
}
await close();
