// Which predicates a SPARQL query can touch: the SPARQL page fetches the data segment of each (one N-Quads
// file per predicate, publish/sitegen/sparqldata.py), or every segment when the query could match a
// predicate it does not name.
//
// Why that is sound: a pattern whose predicate is named (an IRI, `a`, or a property path of IRIs) matches
// only quads of that predicate, so evaluating the query over the quads of the predicates it names gives
// the same solutions as over the whole graph. These break that, and make the page load everything:
// - a variable predicate, unless the same group binds it to named predicates (VALUES ?p { … } without
//   UNDEF, or FILTER (?p IN (…)) / FILTER (?p = …) as a conjunct of the group's filter): the extra
//   matches the whole graph would give are then removed by that join or filter in both cases;
// - a negated property set (!eli:cites matches every other predicate);
// - a path that may have length zero (p*, p?) between two variables: it matches every node of the graph;
// - GRAPH ?g over a group with no pattern of a named predicate (GRAPH ?g {} lists every graph);
// - DESCRIBE (but DESCRIBE of named resources alone is answered from their pages' own data files: all that
//   is said of each as subject, which is what Oxigraph's DESCRIBE gives);
// - a relative IRI, an undeclared prefix, a \u escape, or anything this reader does not parse.
// The rest of SPARQL reads no data beyond its patterns. tests/test_search_sparql.py holds the answers in
// the browser to the server's, on the example queries and on queries made to break each rule.

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

const PN_CHARS_BASE = "A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D" +
  "\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const PN_CHARS_U = PN_CHARS_BASE + "_";
const PN_CHARS = PN_CHARS_U + "\\-0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
const PLX = "%[0-9A-Fa-f]{2}|\\\\[_~.\\-!$&'()*+,;=/?#@%]";
const PN_PREFIX = `[${PN_CHARS_BASE}](?:[${PN_CHARS}.]*[${PN_CHARS}])?`;
const PN_LOCAL = `(?:[${PN_CHARS_U}:0-9]|${PLX})(?:(?:[${PN_CHARS}.:]|${PLX})*(?:[${PN_CHARS}:]|${PLX}))?`;

const RULES = [
  ["ws", /\s+/uy],
  ["comment", /#[^\n\r]*/uy],
  ["iri", /<([^<>"{}|^`\\\u0000-\u0020]*)>/uy],
  ["var", new RegExp(`[?$][${PN_CHARS_U}0-9][${PN_CHARS_U}0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, "uy")],
  ["string", /"""(?:[^"\\]|\\.|"(?!""))*"""|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'/uy],
  ["bnode", new RegExp(`_:[${PN_CHARS_U}0-9](?:[${PN_CHARS}.]*[${PN_CHARS}])?`, "uy")],
  ["anon", /\[\s*\]/uy],
  ["nil", /\(\s*\)/uy],
  ["lang", /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/uy],
  ["number", /(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)/uy],
  ["pname", new RegExp(`(?:${PN_PREFIX})?:(?:${PN_LOCAL})?`, "uy")],
  ["word", /[A-Za-z_][A-Za-z0-9_]*/uy],
  ["punct", /\^\^|&&|\|\||!=|<=|>=|[{}()[\].;,|/^*+?!=<>-]/uy],
];

export function tokenize(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    let hit = null;
    for (const [type, re] of RULES) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m[0].length) { hit = [type, m]; break; }
    }
    if (!hit) throw new Error(`cannot read the query at ${i}`);
    const [type, m] = hit;
    i += m[0].length;
    if (type === "ws" || type === "comment") continue;
    const tok = { type, text: m[0] };
    if (type === "iri") tok.value = m[1];
    if (type === "word") tok.upper = m[0].toUpperCase();
    out.push(tok);
  }
  return out;
}

class All extends Error {}

export function scope(query) {
  try {
    return read(query);
  } catch (e) {
    return { all: true, reason: e instanceof All ? e.message : `not read (${e.message})`, iris: [], types: null };
  }
}

function read(query) {
  if (/\\[uU]/.test(query)) throw new All("a \\u escape");
  const toks = tokenize(query);
  let i = 0;
  const prefixes = {};
  let usesList = false;
  let typeSeen = 0;          // rdf:type met in a predicate position
  let typesAll = false;      // some pattern may match an rdf:type quad of any class
  let varPredicates = false;
  const classes = new Set(); // the classes named in `?x a C` patterns

  const peek = (k = 0) => toks[i + k];
  const isP = (t, p) => t && t.type === "punct" && t.text === p;
  const isW = (t, w) => t && t.type === "word" && t.upper === w;
  const fail = (what) => { throw new Error(`${what} at token ${i}${toks[i] ? ` (${toks[i].text})` : ""}`); };
  const expectP = (p) => { if (!isP(peek(), p)) fail(`expected ${p}`); i++; };

  // prologue
  while (isW(peek(), "BASE") || isW(peek(), "PREFIX")) {
    if (isW(peek(), "BASE")) { i++; if (peek()?.type !== "iri") fail("BASE"); i++; continue; }
    i++;
    const ns = peek();
    if (!ns || ns.type !== "pname" || !ns.text.endsWith(":")) fail("PREFIX");
    i++;
    if (peek()?.type !== "iri") fail("PREFIX IRI");
    prefixes[ns.text.slice(0, -1)] = peek().value;
    i++;
  }

  // --- the parts that are not patterns ---------------------------------------------------------------------
  // a bracketed expression; a group inside (EXISTS { … }) is read as a pattern; returns the tokens at depth 1
  function expression() {
    expectP("(");
    const flat = [];
    let depth = 1;
    while (depth > 0) {
      const t = peek();
      if (!t) fail("unclosed (");
      if (isP(t, "{")) { group(); flat.push({ type: "group", text: "{}" }); continue; }
      if (isP(t, "(")) depth++;
      if (isP(t, ")")) { depth--; if (depth === 0) { i++; break; } }
      if (depth === 1) flat.push(t); else flat.push({ ...t, nested: true });
      i++;
    }
    return flat;
  }

  function skipBraces() {
    expectP("{");
    let depth = 1;
    while (depth > 0) {
      const t = peek();
      if (!t) fail("unclosed {");
      if (isP(t, "{")) depth++;
      if (isP(t, "}")) depth--;
      i++;
    }
  }

  // VALUES: the variables it binds to named values only (no UNDEF in their column)
  function value() {
    const t = peek();
    i++;
    if (t.type === "string") {
      if (peek()?.type === "lang") i++; else if (isP(peek(), "^^")) i += 2;
    } else if ((isP(t, "+") || isP(t, "-")) && peek()?.type === "number") i++;
  }
  function values() {
    let vars = [];
    let single = false;
    if (peek()?.type === "var") { vars = [peek().text]; single = true; i++; } else if (peek()?.type === "nil") i++;
    else {
      expectP("(");
      while (peek()?.type === "var") { vars.push(peek().text); i++; }
      expectP(")");
    }
    const undef = new Set();
    expectP("{");
    while (!isP(peek(), "}")) {
      if (!peek()) fail("unclosed VALUES");
      if (single) { if (isW(peek(), "UNDEF")) undef.add(vars[0]); value(); continue; }
      if (peek().type === "nil") { i++; continue; }
      expectP("(");
      for (let col = 0; !isP(peek(), ")"); col++) {
        if (!peek()) fail("unclosed VALUES row");
        if (isW(peek(), "UNDEF")) undef.add(vars[col]);
        value();
      }
      i++;
    }
    i++;
    return vars.filter((v) => !undef.has(v));
  }

  // FILTER: a pattern inside (EXISTS) is read; a conjunct naming a variable's only values restricts it
  function filter(sc) {
    const t = peek();
    if (isP(t, "(")) {
      restrictions(expression(), sc);
    } else if (isW(t, "NOT")) {
      i++; if (!isW(peek(), "EXISTS")) fail("NOT EXISTS"); i++; group();
    } else if (isW(t, "EXISTS")) {
      i++; group();
    } else if (t && (t.type === "word" || t.type === "iri" || t.type === "pname")) {
      i++;
      if (peek()?.type === "nil") i++; else expression();
    } else fail("FILTER");
  }

  function isNamed(t) { return t && (t.type === "iri" || t.type === "pname"); }
  function expand(t) {
    if (t.type === "iri") {
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(t.value)) throw new All("a relative IRI");
      return t.value;
    }
    const at = t.text.indexOf(":");
    const ns = prefixes[t.text.slice(0, at)];
    if (ns === undefined) throw new All(`the undeclared prefix ${t.text.slice(0, at)}:`);
    return ns + t.text.slice(at + 1).replace(/\\(.)/g, "$1");
  }

  function restrictions(flat, sc) {
    // conjuncts at the top of the expression: ?v IN (iri, …) | ?v = iri | iri = ?v
    const parts = [[]];
    for (const t of flat) {
      if (!t.nested && isP(t, "&&")) parts.push([]); else parts[parts.length - 1].push(t);
    }
    for (const part of parts) {
      const top = part.filter((t) => !t.nested);
      if (top.length === 3 && top[0].type === "var" && isP(top[1], "=") && isNamed(top[2]) && part.length === 3) sc.restricted.add(top[0].text);
      else if (top.length === 3 && isNamed(top[0]) && isP(top[1], "=") && top[2].type === "var" && part.length === 3) sc.restricted.add(top[2].text);
      else if (part.length >= 4 && part[0].type === "var" && isW(part[1], "IN") && isP(part[2], "(") && isP(part[part.length - 1], ")")) {
        const list = part.slice(3, -1);
        const ok = list.length > 0 && list.every((t, k) => (k % 2 === 0 ? isNamed(t) : isP(t, ",")));
        if (ok) sc.restricted.add(part[0].text);
      }
    }
  }

  // --- patterns ----------------------------------------------------------------------------------------------
  function group() {
    expectP("{");
    const sc = { varPreds: [], restricted: new Set(), anchored: false };
    if (isW(peek(), "SELECT")) {
      // a sub-select: its clauses until its WHERE group, then its modifiers
      while (!isP(peek(), "{")) {
        if (!peek()) fail("sub-select");
        if (isP(peek(), "(")) expression(); else i++;
      }
      group();
      while (!isP(peek(), "}")) {
        if (!peek()) fail("sub-select end");
        if (isW(peek(), "VALUES")) { i++; values(); continue; }
        if (isP(peek(), "(")) expression(); else i++;
      }
      i++;
      return { anchored: false };
    }
    for (;;) {
      const t = peek();
      if (!t) fail("unclosed group");
      if (isP(t, "}")) { i++; break; }
      if (isP(t, ".")) { i++; continue; }
      if (isW(t, "OPTIONAL") || isW(t, "MINUS")) { i++; group(); continue; }
      if (isW(t, "GRAPH")) {
        i++;
        const g = peek();
        if (!g || !(g.type === "var" || isNamed(g))) fail("GRAPH");
        i++;
        const inner = group();
        if (g.type === "var" && !inner.anchored) throw new All("GRAPH over a variable with no pattern of a named predicate");
        continue;
      }
      if (isW(t, "SERVICE")) { i++; if (isW(peek(), "SILENT")) i++; i++; group(); continue; }
      if (isW(t, "FILTER")) { i++; filter(sc); continue; }
      if (isW(t, "BIND")) { i++; expression(); continue; }
      if (isW(t, "VALUES")) { i++; for (const v of values()) sc.restricted.add(v); continue; }
      if (isP(t, "{")) {
        group();
        while (isW(peek(), "UNION")) { i++; group(); }
        continue;
      }
      triples(sc);
    }
    for (const v of sc.varPreds) {
      if (!sc.restricted.has(v)) throw new All(`the variable predicate ${v}`);
    }
    return sc;
  }

  function isVerbStart(t) {
    return t && (t.type === "var" || isNamed(t) || (t.type === "word" && t.text === "a") ||
      isP(t, "^") || isP(t, "!") || isP(t, "("));
  }

  // a node: whether it is a variable or a blank node (a zero-length path could bind it to any node), and
  // the IRI it names, if it names one
  function node(sc) {
    const t = peek();
    if (!t) fail("node");
    if (isP(t, "[")) { i++; properties(sc, true); expectP("]"); return { free: true }; }
    if (isP(t, "(")) {
      i++;
      usesList = true;
      while (!isP(peek(), ")")) node(sc);
      i++;
      return { free: true };
    }
    if (t.type === "var" || t.type === "bnode" || t.type === "anon") { i++; return { free: true }; }
    if (t.type === "string") {
      i++;
      if (peek()?.type === "lang") i++;
      else if (isP(peek(), "^^")) { i++; if (!isNamed(peek())) fail("datatype"); i++; }
      return { free: false };
    }
    if ((isP(t, "+") || isP(t, "-")) && peek(1)?.type === "number") { i += 2; return { free: false }; }
    if (isNamed(t)) { i++; return { free: false, iri: expand(t) }; }
    if (t.type === "number" || t.type === "nil" || isW(t, "TRUE") || isW(t, "FALSE")) { i++; return { free: false }; }
    fail("node");
  }

  // a property path: whether it may have length zero, and the one predicate it is if it is a plain one
  function path() {
    let p = sequence();
    while (isP(peek(), "|")) { i++; const q = sequence(); p = { nullable: p.nullable || q.nullable }; }
    return p;
  }
  function sequence() {
    let p = element();
    while (isP(peek(), "/")) { i++; const q = element(); p = { nullable: p.nullable && q.nullable }; }
    return p;
  }
  function element() {
    let p;
    if (isP(peek(), "^")) { i++; p = { nullable: primary().nullable }; } else p = primary();
    const m = peek();
    if (isP(m, "*") || isP(m, "?")) { i++; p = { nullable: true }; } else if (isP(m, "+")) { i++; p = { nullable: p.nullable }; }
    return p;
  }
  function primary() {
    const t = peek();
    if (isNamed(t) || (t && t.type === "word" && t.text === "a")) {
      i++;
      const iri = t.type === "word" ? RDF + "type" : expand(t);
      if (iri === RDF + "type") typeSeen++;
      return { nullable: false, simple: iri };
    }
    if (isP(t, "!")) throw new All("a negated property set");
    if (isP(t, "(")) { i++; const p = path(); expectP(")"); return p; }
    fail("path");
  }

  function properties(sc, subjectFree) {
    for (;;) {
      const v = peek();
      let verb;
      const seen = typeSeen;
      if (v && v.type === "var") { i++; verb = { variable: v.text }; } else verb = path();
      const objects = [node(sc)];
      while (isP(peek(), ",")) { i++; objects.push(node(sc)); }
      if (verb.simple === RDF + "type") {
        // `?x a C`: only the quads typing something a C
        for (const o of objects) { if (o.iri) classes.add(o.iri); else typesAll = true; }
      } else if (typeSeen > seen) typesAll = true;   // rdf:type inside a path: any class
      if (verb.variable) { sc.varPreds.push(verb.variable); varPredicates = true; }
      else if (verb.nullable && subjectFree && objects.some((o) => o.free)) throw new All("a path of length zero between two variables");
      else if (!verb.nullable) sc.anchored = true;
      if (!isP(peek(), ";")) return;
      while (isP(peek(), ";")) i++;
      if (!isVerbStart(peek())) return;
    }
  }

  function triples(sc) {
    const t = peek();
    if (isP(t, "[")) {
      i++; properties(sc, true); expectP("]");
      if (isVerbStart(peek())) properties(sc, true);
      return;
    }
    if (isP(t, "(")) {
      const subject = node(sc);
      if (isVerbStart(peek())) properties(sc, subject.free);
      return;
    }
    properties(sc, node(sc).free);
  }

  // --- the query after its prologue --------------------------------------------------------------------------
  // DESCRIBE of named resources alone: all that is said of each as subject (what Oxigraph's DESCRIBE gives),
  // which is each resource's own page data (index.ttl beside its page); the page fetches those instead
  if (isW(peek(), "DESCRIBE") && toks.length > i + 1 && toks.slice(i + 1).every(isNamed)) {
    return { all: false, reason: null, iris: [], types: [], describe: toks.slice(i + 1).map(expand) };
  }
  while (i < toks.length) {
    const t = peek();
    if (isW(t, "DESCRIBE")) throw new All("DESCRIBE");
    if (isW(t, "CONSTRUCT")) { i++; if (isP(peek(), "{")) skipBraces(); continue; }
    if (isW(t, "VALUES")) { i++; values(); continue; }
    if (isW(t, "PREFIX") || isW(t, "BASE")) fail("PREFIX after the prologue");
    if (isP(t, "{")) { group(); continue; }
    if (isP(t, "(")) { expression(); continue; }
    i++;
  }

  // every IRI the query names: those that are predicates are the segments to fetch. rdf:type is fetched by
  // class: the classes of its `?x a C` patterns, or every class where a pattern may match any (a path
  // through rdf:type, a variable class, a variable predicate in a query naming rdf:type)
  const iris = new Set();
  for (const t of toks) if (isNamed(t)) iris.add(expand(t));
  if (usesList) { iris.add(RDF + "first"); iris.add(RDF + "rest"); }
  if (varPredicates && iris.has(RDF + "type")) typesAll = true;
  iris.delete(RDF + "type");
  return { all: false, reason: null, iris: [...iris].sort(), types: typesAll ? null : [...classes].sort() };
}
