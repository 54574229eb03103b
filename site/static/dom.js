// What the site's scripts build in both UI languages: a Chinese and an English span, the page showing one.
export function ui(zh, en) {
  const frag = document.createDocumentFragment();
  const a = document.createElement("span"); a.className = "ui-zh"; a.textContent = zh;
  const b = document.createElement("span"); b.className = "ui-en"; b.lang = "en"; b.textContent = en;
  frag.append(a, b);
  return frag;
}
