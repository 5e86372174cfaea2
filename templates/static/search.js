/* Site search with Pagefind's JS API over the index's shards (one bundle per content type
   and year, listed by the page in data-bundles on #search-status): the first bundle is
   loaded, the others merged into it, so one query searches them all and the hits come
   back ranked together.
   A hit inside a plan item or a report entry (an element with id="item-…") links to
   that item, a hit under a heading with an id links to the heading, others to the page.
   Texts come from the page (data-* on #search-status), in the site's language. */
const form = document.querySelector(".search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const section = list.closest("section");
const text = (key) => status.dataset[key] || "";
const bundles = text("bundles").split(" ").filter(Boolean);
const PAGE_SIZE = 10;
const PER_PAGE = 4; // links shown under one page
const OPTIONS = { excerptLength: 30 };

let pagefind = null;
let pending = [];
let generation = 0;

async function engine() {
  if (!pagefind) {
    const first = await import(`${bundles[0]}pagefind.js`);
    await first.options(OPTIONS);
    await first.init(); // first: merged bundles take the first one's language and wasm
    // Options reach only the first bundle: each merged one gets its own. All are fetched
    // at once; Pagefind adds each to its list when called, so the list keeps the page's
    // order and hits of equal score keep one order from query to query.
    await Promise.all(bundles.slice(1).map((url) => first.mergeIndex(url, OPTIONS)));
    pagefind = first;
  }
  return pagefind;
}

function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function pageUrl(url) {
  return url.split("#")[0];
}

/* Words of the page between two word positions, hits marked (Pagefind counts
   locations in words of `content`). */
function snippet(words, from, to, hits) {
  const start = Math.max(0, from);
  const end = Math.min(words.length, to);
  const parts = [];
  for (let i = start; i < end; i++) {
    const w = escapeHtml(words[i]);
    parts.push(hits.has(i) ? `<mark>${w}</mark>` : w);
  }
  return (start > 0 ? "… " : "") + parts.join(" ") + (end < words.length ? " …" : "");
}

/* Group a page's hits by the plan item / report entry / heading they fall under. */
function targets(data) {
  const words = (data.content || "").split(/\s+/).filter(Boolean);
  const anchors = (data.anchors || [])
    .filter((a) => a.id && (a.id.startsWith("item-") || /^h[1-6]$/i.test(a.element)))
    .sort((a, b) => a.location - b.location);
  const groups = new Map();
  const loose = [];
  for (const loc of data.locations || []) {
    let owner = null;
    for (const a of anchors) {
      if (a.location <= loc) { owner = a; } else { break; }
    }
    if (owner) {
      if (!groups.has(owner.id)) { groups.set(owner.id, { anchor: owner, hits: [] }); }
      groups.get(owner.id).hits.push(loc);
    } else {
      loose.push(loc);
    }
  }
  const base = pageUrl(data.url);
  const out = [];
  const ordered = [...groups.values()].sort((a, b) => b.hits.length - a.hits.length || a.anchor.location - b.anchor.location);
  for (const { anchor, hits } of ordered) {
    const next = anchors.find((a) => a.location > anchor.location);
    const end = next ? next.location : words.length;
    const hitSet = new Set(hits);
    let title;
    if (anchor.text) {
      title = anchor.text;
    } else {
      const head = words.slice(anchor.location, Math.min(end, anchor.location + 14)).join(" ");
      title = `${text("item")} ${head}${end > anchor.location + 14 ? " …" : ""}`;
    }
    const first = hits[0];
    const from = Math.max(anchor.location, first - 12);
    out.push({ url: `${base}#${encodeURIComponent(anchor.id)}`, title, excerpt: snippet(words, from, Math.min(end, from + 30), hitSet) });
  }
  return { words, loose, out };
}

function link(href, title) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = title;
  return a;
}

function paragraph(className, html) {
  const p = document.createElement("p");
  p.className = className;
  p.innerHTML = html; // escaped above, or Pagefind's excerpt: escaped text with <mark>
  return p;
}

function render(data) {
  const li = document.createElement("li");
  if (data.meta.kind) {
    const kind = document.createElement("p");
    kind.className = "search-kind";
    kind.textContent = data.meta.kind;
    li.append(kind);
  }
  const { loose, out } = targets(data);
  const heading = document.createElement("h2");
  const title = data.meta.title || data.url;
  if (out.length === 1 && loose.length === 0) {
    // One place on the page: the title itself goes there.
    heading.append(link(out[0].url, `${title}: ${out[0].title}`));
    li.append(heading, paragraph("search-excerpt", out[0].excerpt));
    return li;
  }
  heading.append(link(pageUrl(data.url), title));
  li.append(heading);
  if (loose.length || !out.length) { li.append(paragraph("search-excerpt", data.excerpt)); }
  if (out.length) {
    const sub = document.createElement("ul");
    sub.className = "search-sub";
    for (const target of out.slice(0, PER_PAGE)) {
      const item = document.createElement("li");
      item.append(link(target.url, target.title), paragraph("search-excerpt", target.excerpt));
      sub.append(item);
    }
    li.append(sub);
  }
  return li;
}

async function showNext(current) {
  const batch = pending.splice(0, PAGE_SIZE);
  const pages = await Promise.all(batch.map((r) => r.data()));
  if (current !== generation) { return; }
  for (const data of pages) { list.append(render(data)); }
  more.hidden = pending.length === 0;
}

async function run(query) {
  const current = ++generation;
  list.replaceChildren();
  more.hidden = true;
  section.hidden = true;
  pending = [];
  if (!query.trim()) { status.textContent = ""; return; }
  if (!bundles.length) { status.textContent = text("none"); return; } // nothing indexed
  status.textContent = text("loading");
  try {
    const pf = await engine();
    const search = await pf.search(query);
    if (current !== generation) { return; }
    pending = search.results.slice();
    status.textContent = pending.length ? text("found").replace("{n}", String(pending.length)) : text("none");
    section.hidden = pending.length === 0;
    await showNext(current);
  } catch (error) {
    if (current === generation) { status.textContent = text("fail"); }
  }
}

more.addEventListener("click", () => {
  const first = list.children.length;
  showNext(generation).then(() => {
    const link = list.children[first] && list.children[first].querySelector("a");
    if (link) { link.focus(); }
  });
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  history.replaceState(null, "", query ? `?q=${encodeURIComponent(query)}` : location.pathname);
  run(query);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
