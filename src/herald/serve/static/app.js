/* herald's pages: overview, dyad, document, API reference.
 *
 * Every value from the API reaches the page as a DOM text node or an attribute set through the DOM
 * (el() below never touches innerHTML), so article text such as "<script>" shows as text. Links
 * to article URLs are only made for http(s) URLs. Offsets from the API count Unicode code points
 * (Python's str), so the article text is sliced with Array.from, not with UTF-16 string indexes.
 */
(function () {
  "use strict";

  const QUAD = {
    1: { name: "Verbal cooperation", short: "verbal coop.", cls: "q1" },
    2: { name: "Material cooperation", short: "material coop.", cls: "q2" },
    3: { name: "Verbal conflict", short: "verbal conflict", cls: "q3" },
    4: { name: "Material conflict", short: "material conflict", cls: "q4" },
  };

  /* el("a", {href: "/x", class: "c"}, "text", childNode, ...): children strings become text nodes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    nodes(children).forEach((k) => node.appendChild(k));
    return node;
  }

  /* Children as nodes: strings become text nodes, null/false are skipped, arrays are flattened. */
  function nodes(children) {
    return children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
  }

  /* Replace a node's children (never with markup). */
  function put(node, ...children) {
    node.replaceChildren(...nodes(children));
    return node;
  }
  const $ = (id) => document.getElementById(id);

  // The events shown default to the API's confidence floor (the coder's display threshold); a page
  // opened with ?min_confidence=0 (the "show all" links) passes its own floor to every request.
  const pageFloor = new URLSearchParams(window.location.search).get("min_confidence");
  function showAllHref() {
    const u = new URL(window.location.href);
    u.searchParams.set("min_confidence", "0");
    return u.pathname + u.search;
  }

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    if (pageFloor !== null && pageFloor !== "") url.searchParams.set("min_confidence", pageFloor);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    }
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = `${res.status} ${res.statusText}`;
      try {
        const body = await res.json();
        if (body && body.detail) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return res.json();
  }

  function showError(where, err) {
    const box = el("div", { class: "error", role: "alert" }, `Could not load: ${err.message || err}`);
    (where || $("main")).prepend(box);
  }

  const fmtInt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
  const fmtG = (g) => (g === null || g === undefined ? "–" : `${g > 0 ? "+" : ""}${Number(g).toFixed(1)}`);
  const gClass = (g) => (g === null || g === undefined ? "" : g > 0.05 ? "pos" : g < -0.05 ? "neg" : "zero");

  const docHref = (id, anchor) => `/documents/${encodeURIComponent(id)}${anchor ? `#${anchor}` : ""}`;
  const dyadHref = (a, b) => `/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;

  function safeUrl(u) {
    if (!u) return null;
    try {
      const parsed = new URL(u);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function actorName(a) {
    if (!a) return "–";
    return a.name || a.key || a.code || a.country || "–";
  }

  function actorChip(a) {
    if (!a) return el("span", { class: "actor none" }, "–");
    const code = a.code || a.country;
    return el("span", { class: "actor", title: [a.name, a.role, code].filter(Boolean).join(" · ") },
      actorName(a), code && code !== a.name ? el("span", { class: "code" }, code) : null);
  }

  function quadPill(q) {
    const meta = QUAD[q];
    return meta ? el("span", { class: `pill ${meta.cls}`, title: meta.name }, meta.short) : el("span", { class: "pill q0" }, "unknown");
  }

  /* The sentence with the trigger words marked (first case-insensitive match). */
  function evidence(sentence, trigger) {
    const s = sentence || "";
    if (!trigger) return el("span", { class: "evidence" }, s);
    const i = s.toLowerCase().indexOf(String(trigger).toLowerCase());
    if (i < 0) return el("span", { class: "evidence" }, s);
    return el("span", { class: "evidence" }, s.slice(0, i), el("mark", { class: "trigger" }, s.slice(i, i + trigger.length)), s.slice(i + trigger.length));
  }

  /* The story-level PLOVER type with its confidence ("CONSULT 0.62", or with long: "CONSULT, confidence
   * 0.62"), or null when the document has none (not coded, or stored before herald kept it). */
  function storyType(d, long) {
    if (!d || !d.plover_type) return null;
    const p = d.plover_confidence;
    const conf = p === null || p === undefined ? null : Number(p).toFixed(2);
    return el("span", { class: "story-type", title: `What the whole story is (PLOVER type by the story classifier)${conf === null ? "" : `, confidence ${conf}`}` },
      d.plover_type, conf === null ? null : el("span", { class: "muted" }, long ? `, confidence ${conf}` : ` ${conf}`));
  }

  function card(label, value, extra, cls) {
    return el("div", { class: `card ${cls || ""}` }, el("div", { class: "card-value" }, value), el("div", { class: "card-label" }, label), extra || null);
  }

  function emptyRow(tbody, cols, message) {
    tbody.appendChild(el("tr", { class: "empty" }, el("td", { colspan: cols }, message)));
  }

  /* A compact stacked bar of QuadClass shares, for tables. */
  function quadBar(counts, total) {
    const bar = el("span", { class: "quadbar", title: Object.entries(QUAD).map(([k, q]) => `${q.name}: ${(counts && counts[k]) || 0}`).join("\n") });
    for (const k of [1, 2, 3, 4]) {
      const n = (counts && counts[k]) || 0;
      if (!n || !total) continue;
      const seg = el("span", { class: `seg ${QUAD[k].cls}` });
      seg.style.width = `${(100 * n) / total}%`;
      bar.appendChild(seg);
    }
    return bar;
  }

  function eventRow(ev, opts) {
    const o = opts || {};
    return el("tr", { class: "event-row", dataset: { doc: ev.doc_id, index: ev.index } },
      el("td", { class: "nowrap date" }, ev.date || "–"),
      o.noActors ? null : el("td", { class: "dir" }, actorChip(ev.source), el("span", { class: "arrow" }, " → "), actorChip(ev.target)),
      el("td", {}, el("span", { class: "etype", title: ev.cameo ? `CAMEO ${ev.cameo}` : null }, ev.type || "–"),
        ev.mode ? el("span", { class: "emode" }, ev.mode) : null, ev.negated ? el("span", { class: "badge neg" }, "negated") : null),
      el("td", {}, quadPill(ev.quad_class)),
      el("td", { class: `num g ${gClass(ev.goldstein)}` }, fmtG(ev.goldstein)),
      el("td", { class: "ev" }, evidence(ev.sentence, ev.trigger)),
      el("td", { class: "nowrap" }, el("a", { class: "doc-link", href: docHref(ev.doc_id, `event-${ev.index}`), title: ev.doc_title || ev.doc_id }, "article ›")));
  }

  function quoteItem(q) {
    return el("li", { class: "quote-item" },
      el("blockquote", { class: `quote ${q.kind || ""}` }, q.text),
      el("div", { class: "quote-meta" },
        el("span", { class: "speaker" }, q.speaker || "unknown speaker"),
        q.cue ? el("span", { class: "muted" }, ` ${q.cue}`) : null,
        el("span", { class: "muted" }, ` · ${q.kind || ""}`),
        q.date ? el("span", { class: "muted" }, ` · ${q.date}`) : null,
        " · ", el("a", { class: "doc-link", href: docHref(q.doc_id, `quote-${q.index}`), title: q.doc_title || q.doc_id }, q.doc_title || "article")));
  }

  /* "Load more" paging over a list endpoint answering {total, limit, offset, items}.
   * Returns {load, reset(params)}; the status line and button go after opts.anchor (default target). */
  function pager(target, path, params, renderItem, opts) {
    const o = Object.assign({ limit: 50, empty: "Nothing found." }, opts || {});
    const more = el("button", { class: "more", type: "button", hidden: true }, "Load more");
    const status = el("p", { class: "muted pager-status" });
    (o.anchor || target).after(status, more);
    let offset = 0;
    let current = params;
    async function load() {
      more.disabled = true;
      try {
        const page = await api(path, Object.assign({}, current, { limit: o.limit, offset: offset }));
        if (page.total === 0) {
          if (o.onEmpty) o.onEmpty(); else status.textContent = o.empty;
        }
        page.items.forEach((it) => target.appendChild(renderItem(it)));
        offset += page.items.length;
        if (page.total > 0) status.textContent = `Showing ${fmtInt(offset)} of ${fmtInt(page.total)}`;
        more.hidden = offset >= page.total;
      } catch (err) {
        showError((o.anchor || target).parentElement, err);
      } finally {
        more.disabled = false;
      }
    }
    more.addEventListener("click", load);
    return {
      load: load,
      reset(next) {
        current = next;
        offset = 0;
        target.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        return load();
      },
    };
  }

  function drawTimeline(container, legendBox, rows, withGoldstein, onSelect) {
    HeraldChart.legend(legendBox, withGoldstein);
    HeraldChart.responsive(container, () => HeraldChart.timeline(container, rows, { goldstein: withGoldstein, onSelect: onSelect }));
  }

  // ---------------------------------------------------------------- overview

  async function overview() {
    const params = new URLSearchParams(window.location.search);
    const q = (params.get("q") || "").trim();
    const input = document.querySelector("header form.search input");
    if (q && input) input.value = q;
    if (q) search(q);

    try {
      const s = await api("/api/summary");
      $("db-name").textContent = `Store: ${s.db}`;
      const c = s.counts;
      put($("counts"), 
        card("articles", fmtInt(c.documents)),
        card("events", fmtInt(c.events)),
        card("quotes", fmtInt(c.quotes)),
        card("actors", fmtInt(c.actors)),
        card("stories", fmtInt(c.stories)),
        card("stale pages", fmtInt(c.stale)));
      if (!c.documents) $("empty-store").hidden = false;
    } catch (err) {
      showError(null, err);
    }

    api("/api/timeline").then((t) => {
      drawTimeline($("timeline"), $("timeline-legend"), t.items, true);
    }).catch((err) => showError($("timeline").parentElement, err));

    worldMap();

    api("/api/dyads", { limit: 15 }).then((d) => {
      const tb = $("pairs").querySelector("tbody");
      if (!d.items.length) emptyRow(tb, 5, "No actor pairs yet.");
      for (const p of d.items) {
        tb.appendChild(el("tr", {},
          el("td", {}, el("a", { class: "pair-link", href: dyadHref(p.a, p.b) },
            el("span", { class: "actor", title: p.a }, p.a_name || p.a), el("span", { class: "arrow" }, " ⇄ "),
            el("span", { class: "actor", title: p.b }, p.b_name || p.b))),
          el("td", { class: "num" }, fmtInt(p.events)),
          el("td", {}, quadBar(p.counts, p.events)),
          el("td", { class: `num g ${gClass(p.goldstein)}` }, fmtG(p.goldstein)),
          el("td", { class: "nowrap muted" }, p.first === p.last ? p.first || "–" : `${p.first || "?"} – ${p.last || "?"}`)));
      }
    }).catch((err) => showError($("pairs").parentElement, err));

    pager($("docs"), "/api/documents", {}, (d) => el("li", { class: "doc-item" },
      el("a", { href: docHref(d.id) }, d.title || d.id),
      el("div", { class: "muted small" },
        [d.event_date || d.published || "undated", `${fmtInt(d.events)} events`, `${fmtInt(d.quotes)} quotes`].join(" · "),
        d.plover_type ? " · " : null, storyType(d),
        d.stale ? el("span", { class: "badge stale" }, "stale") : null,
        d.status !== "ok" ? el("span", { class: "badge err" }, d.status) : null)), { limit: 10, empty: "No articles yet." }).load();

    api("/api/actors", { limit: 20 }).then((a) => {
      const list = $("actors");
      if (!a.items.length) list.appendChild(el("li", { class: "muted" }, "No actors yet."));
      for (const x of a.items) {
        list.appendChild(el("li", {},
          el("a", { href: `/?q=${encodeURIComponent(x.key)}` }, x.name || x.key),
          x.key !== x.name ? el("span", { class: "code" }, x.key) : null,
          el("span", { class: "muted small" }, ` ${fmtInt(x.events)} events · ${fmtInt(x.quotes)} quotes`)));
      }
    }).catch((err) => showError($("actors").parentElement, err));
  }

  /* The overview's map: outlines and places load in parallel; a dot lists the events there. */
  async function worldMap() {
    const box = $("map");
    try {
      const [outlines, places] = await Promise.all([api("/api/map/outlines"), api("/api/places", { limit: 2000 })]);
      const located = places.items.reduce((n, p) => n + (p.events || 0), 0);
      $("map-note").textContent = places.total
        ? `${fmtInt(located)} located event${located === 1 ? "" : "s"} at ${fmtInt(places.total)} place${places.total === 1 ? "" : "s"}`
        : "No event has a location yet.";
      HeraldMap.draw(box, outlines, places.items, { onSelect: placeEvents });
    } catch (err) {
      showError($("map-panel"), err);
    }
  }

  async function placeEvents(p) {
    $("map-hint").hidden = true;
    $("map-place").hidden = false;
    put($("map-place-name"), [p.name, p.country_name || p.country].filter(Boolean).join(", "),
      el("span", { class: "muted small" }, ` · ${fmtInt(p.events)} event${p.events === 1 ? "" : "s"}`));
    const list = put($("map-events"));
    try {
      const page = await api("/api/events", { place: p.name, country: p.country, merged: "true", limit: 50 });
      for (const ev of page.items) {
        list.appendChild(el("li", { class: "map-event" },
          el("div", {}, el("span", { class: "nowrap muted" }, ev.date || "–"), " ", el("strong", {}, ev.type || "–"), " ",
            actorChip(ev.source), el("span", { class: "arrow" }, " → "), actorChip(ev.target)),
          evidence(ev.sentence, ev.trigger),
          el("a", { class: "doc-link", href: docHref(ev.doc_id, `event-${ev.index}`), title: ev.doc_title || ev.doc_id },
            ev.doc_title || "article", " ›")));
      }
      if (page.total > page.items.length) list.appendChild(el("li", { class: "muted small" }, `and ${fmtInt(page.total - page.items.length)} more`));
    } catch (err) {
      showError($("map-side"), err);
    }
  }

  async function search(q) {
    const box = $("search-results");
    box.hidden = false;
    $("search-term").textContent = q;
    try {
      const r = await api("/api/search", { q: q });
      const fill = (id, items, render, none) => {
        const list = $(id);
        list.replaceChildren();
        if (!items.length) list.appendChild(el("li", { class: "muted" }, none));
        items.forEach((it) => list.appendChild(render(it)));
      };
      fill("sr-actors", r.actors, (a) => el("li", {},
        el("strong", {}, a.name || a.key), a.key !== a.name ? el("span", { class: "code" }, a.key) : null,
        el("span", { class: "muted small" }, ` ${fmtInt(a.events)} events`),
        a.partners && a.partners.length ? el("div", { class: "small" }, "with ",
          a.partners.map((p, i) => [i ? ", " : "", el("a", { href: dyadHref(a.key, p.key) }, p.name || p.key)])) : null),
      "No actor matches.");
      fill("sr-docs", r.documents, (d) => el("li", {}, el("a", { href: docHref(d.id) }, d.title || d.id),
        el("div", { class: "muted small" }, d.event_date || d.published || "")), "No article matches.");
      fill("sr-quotes", r.quotes, quoteItem, "No quote matches.");
    } catch (err) {
      showError(box, err);
    }
  }

  // ---------------------------------------------------------------- dyad

  function pathParts(prefix) {
    const rest = window.location.pathname.slice(prefix.length);
    return rest.split("/").map((p) => decodeURIComponent(p));
  }

  async function dyad() {
    const [a, b] = pathParts("/dyads/");
    document.title = `herald · ${a} ⇄ ${b}`;
    put($("dyad-title"), el("span", { class: "actor" }, a), el("span", { class: "arrow" }, " ⇄ "), el("span", { class: "actor" }, b));
    $("crumb-here").textContent = `${a} ⇄ ${b}`;
    const pair = { source: a, target: b, symmetric: "true" };
    try {
      const s = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
      if (s.a_name && s.b_name) {
        put($("dyad-title"), 
          el("span", { class: "actor", title: a }, s.a_name), el("span", { class: "arrow" }, " ⇄ "), el("span", { class: "actor", title: b }, s.b_name));
      }
      put($("dyad-cards"), 
        card("events", fmtInt(s.events)),
        card(`${s.a_name || a} → ${s.b_name || b}`, fmtInt(s.a_to_b)),
        card(`${s.b_name || b} → ${s.a_name || a}`, fmtInt(s.b_to_a)),
        card("mean Goldstein", fmtG(s.goldstein)),
        card("quotes", fmtInt(s.quotes)),
        card("period", s.first ? (s.first === s.last ? s.first : `${s.first} – ${s.last}`) : "undated", null, "long"));
    } catch (err) {
      showError(null, err);
    }
    api("/api/timeline", pair).then((t) => {
      drawTimeline($("dyad-chart"), $("dyad-legend"), t.items, true, (month) => filterMonth(month));
    }).catch((err) => showError($("dyad-chart").parentElement, err));

    const table = $("dyad-events");
    const tbody = table.querySelector("tbody");
    // every copy of each story event, each with its own article link (the API's default merges them)
    const copies = Object.assign({ merged: "false" }, pair);
    const events = pager(tbody, "/api/events", copies, (ev) => eventRow(ev), {
      limit: 50, anchor: table, onEmpty: () => {
        emptyRow(tbody, 7, pageFloor === null ? "No events between these actors at or above the confidence floor. " : "No events between these actors.");
        if (pageFloor === null) tbody.querySelector("td").append(el("a", { href: showAllHref(), id: "show-all" }, "Show all events"));
      },
    });
    function filterMonth(month) {
      $("month-filter").hidden = !month;
      $("month-filter-label").textContent = month || "";
      events.reset(Object.assign({ since: month ? `${month}-01` : null, until: month ? lastDay(month) : null }, copies));
    }
    $("month-clear").addEventListener("click", () => filterMonth(null));
    const quotes = pager($("dyad-quotes"), `/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/quotes`, {}, quoteItem,
      { limit: 20, empty: "No quotes from either side in these articles." });
    await Promise.all([events.load(), quotes.load()]);
  }

  function lastDay(month) {
    const [y, m] = month.split("-").map(Number);
    const d = new Date(Date.UTC(y, m, 0));
    return d.toISOString().slice(0, 10);
  }

  // ---------------------------------------------------------------- document

  /* Split the text at every span boundary; each piece carries the spans that cover it. */
  function segments(chars, spans) {
    const cuts = new Set([0, chars.length]);
    for (const s of spans) {
      cuts.add(Math.max(0, Math.min(chars.length, s.start)));
      cuts.add(Math.max(0, Math.min(chars.length, s.end)));
    }
    const points = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [lo, hi] = [points[i], points[i + 1]];
      if (hi <= lo) continue;
      out.push({ lo, hi, text: chars.slice(lo, hi).join(""), on: spans.filter((s) => s.start <= lo && s.end >= hi) });
    }
    return out;
  }

  function renderArticle(box, doc) {
    const chars = Array.from(doc.text || "");
    const spans = [];
    doc.events.forEach((e) => { if (e.end > e.start) spans.push({ kind: "event", start: e.start, end: e.end, item: e }); });
    doc.quotes.forEach((q) => { if (q.end > q.start) spans.push({ kind: "quote", start: q.start, end: q.end, item: q }); });
    (doc.mentions || []).forEach((m) => { if (m.end > m.start) spans.push({ kind: "mention", start: m.start, end: m.end, item: m }); });
    const anchored = new Set();
    const pieces = segments(chars, spans).map((seg) => {
      if (!seg.on.length) return document.createTextNode(seg.text);
      const classes = [];
      const titles = [];
      let id = null;
      const ev = seg.on.filter((s) => s.kind === "event");
      const qu = seg.on.filter((s) => s.kind === "quote");
      const me = seg.on.filter((s) => s.kind === "mention");
      if (ev.length) {
        const quad = QUAD[ev[0].item.quad_class];
        classes.push("hl-event", quad ? quad.cls : "q0");
        ev.forEach((s) => titles.push(`Event ${s.item.type}: ${actorName(s.item.source)} → ${actorName(s.item.target)} (Goldstein ${fmtG(s.item.goldstein)})`));
      }
      if (qu.length) {
        classes.push("hl-quote");
        qu.forEach((s) => titles.push(`Quote (${s.item.kind}) by ${s.item.speaker || "unknown"}`));
      }
      if (me.length) {
        classes.push("hl-mention");
        titles.push(`Actor: ${me[0].item.name || ""}${me[0].item.code ? ` (${me[0].item.code})` : ""}`);
      }
      for (const s of seg.on) {
        if (s.kind === "mention") continue;
        const key = `${s.kind}-${s.item.index}`;
        if (!anchored.has(key) && s.start === seg.lo) { anchored.add(key); id = id || key; }
      }
      const node = el("span", { class: classes.join(" "), title: titles.join("\n"), id: id }, seg.text);
      node.dataset.spans = seg.on.filter((s) => s.kind !== "mention").map((s) => `${s.kind}-${s.item.index}`).join(" ");
      return node;
    });
    box.replaceChildren(...pieces);
  }

  function flash(key) {
    const nodes = document.querySelectorAll(`#article [data-spans~="${CSS.escape(key)}"]`);
    if (!nodes.length) return;
    nodes[0].scrollIntoView({ behavior: "smooth", block: "center" });
    nodes.forEach((n) => { n.classList.remove("flash"); void n.offsetWidth; n.classList.add("flash"); });
    document.querySelectorAll(".side-item.active").forEach((n) => n.classList.remove("active"));
    const item = document.querySelector(`.side-item[data-key="${CSS.escape(key)}"]`);
    if (item) item.classList.add("active");
  }

  function dateRow(label, value) {
    return value ? el("div", { class: "kv" }, el("dt", {}, label), el("dd", {}, value)) : null;
  }

  async function documentPage() {
    const id = pathParts("/documents/").join("/");
    let doc;
    try {
      doc = await api(`/api/documents/${encodeURIComponent(id)}`);
    } catch (err) {
      $("doc-title").textContent = "Article not found";
      showError(null, err);
      return;
    }
    document.title = `herald · ${doc.title || doc.id}`;
    $("doc-title").textContent = doc.title || "(untitled)";
    $("crumb-here").textContent = doc.title || doc.id;
    const url = safeUrl(doc.url);
    put($("doc-meta"), 
      el("span", {}, doc.source || doc.id),
      doc.url ? " · " : null,
      doc.url ? (url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, doc.url) : el("span", {}, doc.url)) : null,
      doc.language ? ` · ${doc.language}` : null,
      doc.story_id ? el("span", { class: "muted" }, ` · story ${doc.story_id}${doc.story_size > 1 ? ` (${doc.story_size} articles)` : ""}`) : null,
      doc.status !== "ok" ? el("span", { class: "badge err" }, `${doc.status}: ${doc.error || ""}`) : null);

    if (doc.plover_type) {
      put($("doc-type"), "Story type ", storyType(doc, true));
      $("doc-type").hidden = false;
    }

    const d = doc.dates || {};
    const between = d.events_between || [];
    put($("doc-dates"), 
      d.stale ? el("div", { class: "stale-banner", id: "stale-badge" }, el("span", { class: "badge stale" }, "stale page"),
        " This page was published or updated long after the story it tells: its events are dated by the story, not by the page.") : null,
      el("dl", { class: "dates" },
        dateRow("Events happened", d.event_date),
        dateRow("Window", between[0] || between[1] ? `${between[0] || "?"} – ${between[1] || "?"}` : null),
        dateRow("Published", d.published),
        dateRow("Updated", d.updated),
        dateRow("Reference", d.reference)),
      d.evidence && d.evidence.length ? el("div", { class: "evidence-list" }, el("h3", {}, "Date evidence"),
        el("ul", {}, d.evidence.map((e) => el("li", {}, e)))) : null);
    if (!$("doc-dates").childNodes.length || (!d.stale && !d.event_date && !d.published && !d.updated && !(d.evidence || []).length)) {
      put($("doc-dates"), el("p", { class: "muted" }, "No date found on this page."));
    }

    renderArticle($("article"), doc);
    $("legend-counts").textContent = `${doc.events.length} events · ${doc.quotes.length} quotes · ${(doc.mentions || []).length} actor mentions`;

    const evList = $("doc-events");
    if (!doc.events.length) evList.appendChild(el("li", { class: "muted" }, "No events coded in this article."));
    doc.events.forEach((e) => evList.appendChild(el("li", { class: "side-item", dataset: { key: `event-${e.index}` }, onclick: () => flash(`event-${e.index}`) },
      el("div", {}, quadPill(e.quad_class), " ", el("strong", {}, e.type || "–"), e.mode ? el("span", { class: "emode" }, e.mode) : null,
        el("span", { class: `g ${gClass(e.goldstein)}` }, ` ${fmtG(e.goldstein)}`), e.negated ? el("span", { class: "badge neg" }, "negated") : null),
      el("div", { class: "small" }, actorChip(e.source), " → ", actorChip(e.target)),
      e.location ? el("div", { class: "small event-place" }, `in ${[e.location.name, e.location.country].filter(Boolean).join(", ")}`) : null,
      el("div", { class: "small muted" }, [e.date, e.rule, e.confidence !== null && e.confidence !== undefined ? `confidence ${Number(e.confidence).toFixed(2)}` : null].filter(Boolean).join(" · ")),
      e.source && e.target ? el("a", { class: "small", href: dyadHref(e.source.key, e.target.key), onclick: (ev) => ev.stopPropagation() }, "relationship ›") : null)));

    const qList = $("doc-quotes");
    if (!doc.quotes.length) qList.appendChild(el("li", { class: "muted" }, "No quotes found in this article."));
    doc.quotes.forEach((q) => qList.appendChild(el("li", { class: "side-item", dataset: { key: `quote-${q.index}` }, onclick: () => flash(`quote-${q.index}`) },
      el("div", {}, el("strong", {}, q.speaker || "unknown speaker"), el("span", { class: "muted small" }, ` ${q.kind}${q.cue ? ` · ${q.cue}` : ""}`)),
      el("div", { class: "small quote-snippet" }, (q.text || "").length > 160 ? `${q.text.slice(0, 160)}…` : q.text))));

    const bp = doc.boilerplate || [];
    $("boilerplate-count").textContent = `${bp.length} line${bp.length === 1 ? "" : "s"}`;
    const bpList = $("boilerplate");
    if (!bp.length) bpList.appendChild(el("li", { class: "muted" }, "Nothing was removed."));
    bp.forEach((line) => bpList.appendChild(el("li", {}, line)));

    if (window.location.hash) flash(decodeURIComponent(window.location.hash.slice(1)));
  }

  // ---------------------------------------------------------------- API reference

  async function apiDocs() {
    const spec = await api("/openapi.json");
    $("api-version").textContent = `${spec.info.title} ${spec.info.version}`;
    const box = $("endpoints");
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        box.appendChild(endpoint(path, method, op));
      }
    }
  }

  function schemaText(s) {
    if (!s) return "";
    const base = s.anyOf ? s.anyOf.map((x) => x.type || "").filter((t) => t && t !== "null").join(" | ") : s.type || "";
    const bits = [base + (s.format ? ` (${s.format})` : "")];
    const inner = s.anyOf ? s.anyOf.find((x) => x.type && x.type !== "null") || {} : s;
    for (const k of ["minimum", "maximum", "minLength", "maxLength", "pattern"]) {
      if (inner[k] !== undefined) bits.push(`${k} ${inner[k]}`);
    }
    if (s.default !== undefined && s.default !== null) bits.push(`default ${JSON.stringify(s.default)}`);
    return bits.filter(Boolean).join(", ");
  }

  function endpoint(path, method, op) {
    const params = op.parameters || [];
    const form = el("form", { class: "try" });
    const inputs = params.map((p) => {
      const input = el("input", { name: p.name, placeholder: p.schema && p.schema.default !== undefined && p.schema.default !== null ? String(p.schema.default) : "", required: p.required || null });
      form.appendChild(el("label", {}, el("span", {}, p.name), input));
      return [p, input];
    });
    const out = el("pre", { class: "response", hidden: true });
    form.appendChild(el("button", { type: "submit" }, "Send"));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      let url = path;
      const qs = new URLSearchParams();
      for (const [p, input] of inputs) {
        if (!input.value) continue;
        if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(input.value));
        else qs.set(p.name, input.value);
      }
      const full = qs.toString() ? `${url}?${qs}` : url;
      out.hidden = false;
      out.textContent = `GET ${full} …`;
      try {
        const res = await fetch(full);
        const body = await res.text();
        let pretty = body;
        try { pretty = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* keep raw */ }
        out.textContent = `GET ${full}\n${res.status} ${res.statusText}\n\n${pretty}`;
      } catch (err) {
        out.textContent = String(err);
      }
    });
    return el("section", { class: "panel endpoint" },
      el("h2", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), " ", el("code", {}, path)),
      op.summary ? el("p", {}, op.summary) : null,
      op.description ? el("p", { class: "muted" }, op.description) : null,
      params.length ? el("table", { class: "params" },
        el("thead", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "description"))),
        el("tbody", {}, params.map((p) => el("tr", {}, el("td", {}, el("code", {}, p.name), p.required ? " *" : ""),
          el("td", {}, p.in), el("td", { class: "small" }, schemaText(p.schema)), el("td", {}, p.description || ""))))) : null,
      form, out);
  }

  // ---------------------------------------------------------------- boot

  const pages = { overview: overview, dyad: dyad, document: documentPage, docs: apiDocs };
  document.addEventListener("DOMContentLoaded", () => {
    const page = pages[document.body.dataset.page];
    if (page) page().catch((err) => showError(null, err));
  });
})();
