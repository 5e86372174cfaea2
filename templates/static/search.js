/* Search with Pagefind's JS API; results link to the exact plan item or entry. */
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const lang = document.documentElement.lang;
const words = lang === "en"
  ? { none: "Nothing found.", found: (n) => `Found: ${n}`, fail: "Search is unavailable." }
  : { none: "Ничего не найдено.", found: (n) => `Найдено: ${n}`, fail: "Поиск недоступен." };

let pagefind = null;
async function engine() {
  if (!pagefind) {
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ excerptLength: 24 });
  }
  return pagefind;
}

function item(href, title, excerpt) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = href;
  a.textContent = title;
  const p = document.createElement("p");
  p.innerHTML = excerpt; // Pagefind escapes the text and adds only <mark>
  li.append(a, p);
  return li;
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) { status.textContent = ""; return; }
  try {
    const pf = await engine();
    const search = await pf.search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    status.textContent = results.length ? words.found(search.results.length) : words.none;
    for (const data of results) {
      const subs = (data.sub_results || []).filter((s) => s.url !== data.url).slice(0, 3);
      if (subs.length) {
        for (const sub of subs) { list.append(item(sub.url, `${data.meta.title}: ${sub.title}`, sub.excerpt)); }
      } else {
        list.append(item(data.url, data.meta.title, data.excerpt));
      }
    }
  } catch (error) {
    status.textContent = words.fail;
  }
}

const params = new URLSearchParams(location.search);
if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
document.querySelector(".search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
  run(input.value);
});
