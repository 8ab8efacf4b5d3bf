/* herald's chart: monthly event counts stacked by QuadClass, with an optional mean-Goldstein line.
 *
 * Small on purpose (no dependency, no network): one chart type is all the pages need. Everything
 * is drawn as SVG elements built with createElementNS and text nodes, so labels coming from the data
 * can never be parsed as markup. Exposes window.HeraldChart.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const QUADS = [
    { key: 1, name: "Verbal cooperation", cls: "q1" },
    { key: 2, name: "Material cooperation", cls: "q2" },
    { key: 3, name: "Verbal conflict", cls: "q3" },
    { key: 4, name: "Material conflict", cls: "q4" },
  ];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function svg(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, label, attrs) {
    const t = svg("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = label;
    return t;
  }

  /* "2010-11" -> months since year 0, and back. */
  function monthIndex(m) {
    const [y, mo] = m.split("-").map(Number);
    return y * 12 + (mo - 1);
  }
  function monthName(i) {
    const y = Math.floor(i / 12);
    const mo = (i % 12) + 1;
    return `${y}-${String(mo).padStart(2, "0")}`;
  }
  function monthLabel(i, long) {
    const y = Math.floor(i / 12);
    return long ? `${MONTHS[i % 12]} ${y}` : String(y);
  }

  /* Round axis maximum and tick step (1, 2, 5 x 10^k). */
  function niceTicks(max, count) {
    if (max <= 0) return { max: 1, step: 1 };
    const raw = max / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) || 10 * mag;
    const stepInt = Math.max(1, Math.round(step)) === step ? step : Math.max(1, Math.ceil(step));
    return { max: Math.ceil(max / stepInt) * stepInt, step: stepInt };
  }

  /* Continuous months from first to last (gaps are months with no events), at least `minSpan`. */
  function fillMonths(rows, minSpan) {
    const byMonth = new Map(rows.map((r) => [monthIndex(r.month), r]));
    let lo = Math.min(...byMonth.keys());
    let hi = Math.max(...byMonth.keys());
    while (hi - lo + 1 < minSpan) {
      lo -= 1;
      if (hi - lo + 1 < minSpan) hi += 1;
    }
    const out = [];
    for (let i = lo; i <= hi; i++) {
      const r = byMonth.get(i);
      out.push({
        index: i,
        month: monthName(i),
        counts: r ? r.counts || {} : {},
        total: r ? r.total || 0 : 0,
        goldstein: r && r.goldstein !== null && r.goldstein !== undefined ? r.goldstein : null,
      });
    }
    return out;
  }

  function tooltipLines(b) {
    const lines = [`${monthLabel(b.index, true)}: ${b.total} event${b.total === 1 ? "" : "s"}`];
    for (const q of QUADS) {
      const n = b.counts[q.key] || 0;
      if (n) lines.push(`${q.name}: ${n}`);
    }
    if (b.goldstein !== null) lines.push(`Mean Goldstein: ${b.goldstein > 0 ? "+" : ""}${b.goldstein.toFixed(1)}`);
    return lines;
  }

  /**
   * Draw the timeline into `container` (emptied first).
   * rows: [{month: "YYYY-MM", counts: {1: n, 2: n, 3: n, 4: n}, total: n, goldstein: number|null}]
   * options: {goldstein: bool (draw the line and its axis), height: px, onSelect: fn(month)}
   */
  function timeline(container, rows, options) {
    const opts = Object.assign({ goldstein: false, height: 280, minSpan: 7 }, options || {});
    container.replaceChildren();
    container.classList.add("hchart");
    if (!rows || rows.length === 0) {
      const empty = document.createElement("p");
      empty.className = "chart-empty";
      empty.textContent = "No dated events to chart.";
      container.appendChild(empty);
      return null;
    }
    const bands = fillMonths(rows, opts.minSpan);
    const width = Math.max(320, container.clientWidth || 900);
    const height = opts.height;
    const m = { top: 26, right: opts.goldstein ? 44 : 16, bottom: 34, left: 46 };
    const iw = width - m.left - m.right;
    const ih = height - m.top - m.bottom;
    const root = svg("svg", {
      width: width, height: height, viewBox: `0 0 ${width} ${height}`,
      role: "img", class: "hchart-svg",
      "aria-label": `Events per month, ${bands[0].month} to ${bands[bands.length - 1].month}`,
    }, container);
    const plot = svg("g", { transform: `translate(${m.left},${m.top})` }, root);

    // left axis: counts
    const maxTotal = Math.max(...bands.map((b) => b.total));
    const yt = niceTicks(maxTotal, 5);
    const y = (v) => ih - (v / yt.max) * ih;
    const grid = svg("g", { class: "grid" }, plot);
    for (let v = 0; v <= yt.max + 1e-9; v += yt.step) {
      svg("line", { x1: 0, x2: iw, y1: y(v), y2: y(v) }, grid);
      text(grid, -8, y(v) + 4, String(v), { "text-anchor": "end", class: "tick" });
    }
    text(plot, -m.left + 4, -14, "events", { class: "axis-title" });

    // bars, stacked bottom-up: cooperation first, conflict on top
    const band = iw / bands.length;
    const barW = Math.max(1, Math.min(48, band * 0.72));
    const bars = svg("g", { class: "bars" }, plot);
    bands.forEach((b, i) => {
      const x = i * band + (band - barW) / 2;
      let acc = 0;
      for (const q of QUADS) {
        const n = b.counts[q.key] || 0;
        if (!n) continue;
        svg("rect", {
          x: x, y: y(acc + n), width: barW, height: Math.max(0.5, y(acc) - y(acc + n)),
          class: `bar ${q.cls}`, "data-month": b.month, "data-quad": q.key,
        }, bars);
        acc += n;
      }
      const other = b.total - acc; // events whose QuadClass is unknown
      if (other > 0) {
        svg("rect", { x: x, y: y(acc + other), width: barW, height: y(acc) - y(acc + other), class: "bar q0" }, bars);
      }
    });

    // x axis labels: at most ~10, on January when the span is long
    const axis = svg("g", { class: "x-axis" }, plot);
    svg("line", { x1: 0, x2: iw, y1: ih, y2: ih, class: "baseline" }, axis);
    const long = bands.length <= 14;
    const slots = Math.max(1, Math.floor(iw / (long ? 70 : 50)));
    const every = long ? Math.ceil(bands.length / slots) : Math.ceil(bands.length / 12 / slots);
    bands.forEach((b, i) => {
      const show = long ? i % every === 0 : b.index % 12 === 0 && Math.floor(b.index / 12) % every === 0;
      if (!show) return;
      const cx = i * band + band / 2;
      svg("line", { x1: cx, x2: cx, y1: ih, y2: ih + 4, class: "tick-mark" }, axis);
      text(axis, cx, ih + 18, monthLabel(b.index, long), { "text-anchor": "middle", class: "tick" });
    });

    // Goldstein line on its own axis, -10..+10; gaps where a month has no events
    if (opts.goldstein) {
      const g = svg("g", { class: "goldstein" }, plot);
      const gy = (v) => ih / 2 - (v / 10) * (ih / 2);
      for (const v of [-10, -5, 0, 5, 10]) {
        text(g, iw + 8, gy(v) + 4, v > 0 ? `+${v}` : String(v), { class: "tick" });
      }
      svg("line", { x1: 0, x2: iw, y1: gy(0), y2: gy(0), class: "zero" }, g);
      text(g, iw + m.right - 4, -14, "Goldstein", { class: "axis-title", "text-anchor": "end" });
      let path = "";
      let prev = false;
      bands.forEach((b, i) => {
        if (b.goldstein === null) { prev = false; return; }
        const cx = i * band + band / 2;
        path += `${prev ? "L" : "M"}${cx.toFixed(1)},${gy(b.goldstein).toFixed(1)}`;
        prev = true;
      });
      if (path) svg("path", { d: path, class: "gline" }, g);
      bands.forEach((b, i) => {
        if (b.goldstein === null) return;
        svg("circle", { cx: i * band + band / 2, cy: gy(b.goldstein), r: 3.5, class: "gdot", "data-month": b.month }, g);
      });
    }

    // hover targets and tooltip
    const tip = document.createElement("div");
    tip.className = "hchart-tip";
    tip.hidden = true;
    container.appendChild(tip);
    const hover = svg("g", { class: "hover" }, plot);
    bands.forEach((b, i) => {
      const r = svg("rect", { x: i * band, y: 0, width: band, height: ih, class: "hit", "data-month": b.month }, hover);
      const title = svg("title", {}, r);
      title.textContent = tooltipLines(b).join("\n");
      r.addEventListener("mouseenter", () => {
        tip.replaceChildren(...tooltipLines(b).map((line, k) => {
          const d = document.createElement("div");
          if (k === 0) d.className = "tip-head";
          d.textContent = line;
          return d;
        }));
        tip.hidden = false;
        const left = m.left + i * band + band / 2;
        tip.style.left = `${Math.min(Math.max(left, 80), width - 80)}px`;
        tip.style.top = `${m.top + 4}px`;
        r.classList.add("on");
      });
      r.addEventListener("mouseleave", () => { tip.hidden = true; r.classList.remove("on"); });
      if (opts.onSelect && b.total > 0) {
        r.classList.add("clickable");
        r.addEventListener("click", () => opts.onSelect(b.month));
      }
    });
    return root;
  }

  /* Legend: one swatch per QuadClass (+ the Goldstein line when drawn). */
  function legend(container, withGoldstein) {
    container.replaceChildren();
    const items = QUADS.map((q) => [q.cls, q.name]);
    if (withGoldstein) items.push(["gl", "Mean Goldstein (right axis)"]);
    for (const [cls, name] of items) {
      const item = document.createElement("span");
      item.className = "legend-item";
      const sw = document.createElement("span");
      sw.className = `swatch ${cls}`;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(name));
      container.appendChild(item);
    }
  }

  /* Redraw on resize (the chart is drawn at the container's pixel width, so text stays crisp). */
  function responsive(container, draw) {
    draw();
    let timer = null;
    window.addEventListener("resize", () => {
      clearTimeout(timer);
      timer = setTimeout(draw, 150);
    });
  }

  window.HeraldChart = { timeline, legend, responsive, QUADS };
})();
