// Folding what a reader types, as publish/sitegen/folding.py does it (tests/test_search_sparql.py holds the
// two to one answer): traditional characters to simplified ones by OpenCC's table (search/t2s.json), and a
// code to one key: NFKC (full width to half, Ⅷ to VIII), upper case, one kind of bracket and dash, no
// spaces, no closing 号.
let t2s = new Map();
const OPEN = "〔［[（(【〖{｛〈《";
const CLOSE = "〕］]）)】〗}｝〉》";
const DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc-";

export function fold(text) {
  let out = "";
  for (const c of text) out += t2s.get(c) || c;
  return out;
}

export function codeKey(text) {
  let key = "";
  for (const c of fold(text.normalize("NFKC")).toUpperCase()) {
    key += OPEN.includes(c) ? "[" : CLOSE.includes(c) ? "]" : DASHES.includes(c) ? "-" : c;
  }
  key = key.replace(/\s+/g, "");
  return key.endsWith("号") ? key.slice(0, -1) : key;
}

export function useTable(table) {
  t2s = new Map();
  const from = [...table.from], to = [...table.to];
  from.forEach((c, i) => t2s.set(c, to[i]));
}


// which file of the code list holds a key (FNV-1a over its UTF-8 bytes), as folding.code_shard
export function codeShard(key, shards) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % shards;
}
