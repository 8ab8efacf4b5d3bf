/* The overview, live: every 15 s (while the tab is visible) ask /api/arrivals for the newest articles,
 * the counts and the watched sources' health, and update the "Just arrived" panel and the count cards
 * in place. Like app.js, values reach the page only as text nodes and attributes set through the DOM. */
(function () {
  "use strict";

  const EVERY = 15000;
  const LABELS = { documents: "articles", events: "events", quotes: "quotes", actors: "actors", stories: "stories", stale: "stale pages" };
  const $ = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c !== null && c !== undefined) node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  const fmt = (n) => Number(n || 0).toLocaleString("en-US");
  const when = (iso) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : "never");

  function updateCounts(counts) {
    for (const card of document.querySelectorAll("#counts .card")) {
      const label = card.querySelector(".card-label");
      const value = card.querySelector(".card-value");
      if (!label || !value) continue;
      const key = Object.keys(LABELS).find((k) => LABELS[k] === label.textContent);
      if (key && counts[key] !== undefined) value.textContent = fmt(counts[key]);
    }
    const empty = $("empty-store");
    if (empty && counts.documents) empty.hidden = true;
  }

  function showArrivals(items) {
    const list = $("arrivals");
    list.replaceChildren(...items.map((d) => el("li", { class: "arrival" },
      el("a", { href: `/documents/${encodeURIComponent(d.id)}` }, d.title || d.id),
      el("div", { class: "muted small" }, `${when(d.ingested_at)} · ${fmt(d.events)} events`,
        d.status !== "ok" ? el("span", { class: "badge err", title: d.error || "" }, d.status) : null))));
    if (!items.length) list.appendChild(el("li", { class: "muted" }, "Nothing stored yet."));
  }

  function showSources(sources) {
    const box = $("watch-sources");
    box.hidden = !sources.length;
    box.replaceChildren(...sources.map((s) => el("li", { class: s.failing_checks ? "failing" : "" },
      el("span", { class: "code" }, s.kind || "source"), " ", s.source,
      el("span", { class: "muted small" }, ` · last success ${when(s.last_success)} · ${fmt(s.stored)} stored, `
        + `${fmt(s.pending)} pending, ${fmt(s.failed)} failed`
        + (s.failing_checks ? ` · failing: ${s.last_error || "?"}` : "")))));
  }

  async function refresh() {
    if (document.hidden) return;
    try {
      const res = await fetch("/api/arrivals?limit=8", { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      const a = await res.json();
      updateCounts(a.counts);
      showArrivals(a.latest);
      showSources(a.sources);
      $("arrivals-note").textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (err) {
      $("arrivals-note").textContent = `could not refresh: ${err.message}`;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (document.body.dataset.page !== "overview" || !$("arrivals")) return;
    refresh();
    setInterval(refresh, EVERY);
    document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
  });
})();
