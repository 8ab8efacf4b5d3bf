/* herald's map: country outlines and the places where events happened, drawn as plain SVG.
 *
 * No tile server and no map library: the outlines are Natural Earth's 1:110m countries, served by
 * the app (/api/map/outlines), projected here with the Equal Earth projection (Šavrič, Patterson &
 * Jenny 2018: equal-area, so big northern countries do not dwarf the rest, and a closed formula of
 * a dozen lines). Places are dots sized by their number of events; a click calls opts.onSelect.
 * Labels and tooltips are text nodes, never markup. Exposes window.HeraldMap.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
  const SCALE = 180; // SVG units per projected unit: the world is ~980 x 480
  const TOP = 84, BOTTOM = -58; // latitudes shown (Antarctica is left out)

  function svg(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  /* Equal Earth: [lon, lat] in degrees -> [x, y] in SVG units (y grows downwards). */
  function project(lon, lat) {
    const lam = (lon * Math.PI) / 180;
    const phi = (lat * Math.PI) / 180;
    const t = Math.asin(M * Math.sin(phi));
    const t2 = t * t, t6 = t2 * t2 * t2;
    const x = (lam * Math.cos(t)) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
    const y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    return [x * SCALE, -y * SCALE];
  }

  const XMAX = project(180, 0)[0];
  const YTOP = project(0, TOP)[1];
  const YBOTTOM = project(0, BOTTOM)[1];

  function ringPath(ring) {
    let d = "";
    ring.forEach(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      d += `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    });
    return `${d}Z`;
  }

  function featurePath(geometry) {
    const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polys.map((rings) => rings.map(ringPath).join("")).join("");
  }

  /* Draw the map into `container`: outlines (GeoJSON FeatureCollection) and places
   * ([{name, country, lat, lon, events, ...}]). opts.onSelect(place, dot) on a click or Enter. */
  function draw(container, outlines, places, opts) {
    const o = opts || {};
    const active = new Set(places.map((p) => p.country).filter(Boolean));
    const root = svg("svg", {
      viewBox: `${(-XMAX).toFixed(1)} ${YTOP.toFixed(1)} ${(2 * XMAX).toFixed(1)} ${(YBOTTOM - YTOP).toFixed(1)}`,
      class: "world", role: "img", "aria-label": `Map: ${places.length} places with events`,
    });
    const sea = svg("path", { class: "sphere", d: outlinePath() }, root);
    sea.setAttribute("aria-hidden", "true");
    const land = svg("g", { class: "land" }, root);
    for (const f of outlines.features || []) {
      const props = f.properties || {};
      if (props.iso3 === "ATA" || !f.geometry) continue;
      const path = svg("path", {
        class: `country${active.has(props.iso3) ? " active" : ""}`, d: featurePath(f.geometry),
        "data-iso3": props.iso3 || "",
      }, land);
      svg("title", {}, path).textContent = props.name || "";
    }
    const max = Math.max(1, ...places.map((p) => p.events || 0));
    const dots = svg("g", { class: "dots" }, root);
    // biggest first, so small places stay clickable on top of big ones
    [...places].sort((a, b) => (b.events || 0) - (a.events || 0)).forEach((p) => {
      if (p.lat === null || p.lon === null || p.lat === undefined || p.lon === undefined) return;
      const [x, y] = project(p.lon, p.lat);
      const r = 2.5 + 7 * Math.sqrt((p.events || 0) / max);
      const dot = svg("circle", {
        class: "place-dot", cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2), tabindex: 0,
        "data-name": p.name || "", "data-country": p.country || "",
      }, dots);
      dot.setAttribute("role", "button");
      const where = [p.name, p.country_name || p.country].filter(Boolean).join(", ");
      svg("title", {}, dot).textContent = `${where}: ${p.events} event${p.events === 1 ? "" : "s"}`;
      const select = () => {
        dots.querySelectorAll(".place-dot.selected").forEach((n) => n.classList.remove("selected"));
        dot.classList.add("selected");
        if (o.onSelect) o.onSelect(p, dot);
      };
      dot.addEventListener("click", select);
      dot.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(); } });
    });
    container.replaceChildren(root);
    return root;
  }

  /* The outline of the projected world between the latitudes shown (the sea). */
  function outlinePath() {
    const pts = [];
    for (let lat = BOTTOM; lat <= TOP; lat += 2) pts.push([180, lat]);
    for (let lat = TOP; lat >= BOTTOM; lat -= 2) pts.push([-180, lat]);
    return ringPath(pts);
  }

  window.HeraldMap = { draw: draw, project: project };
})();
