// entente dashboard. Data comes from the JSON API; every piece of text goes into the page
// through textContent or setAttribute, never as markup, because event text is news text.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  const PAGE = 50;
  let offset = 0;
  const names = new Map();
  const name = (c) => names.get(c) || c;
  const label = (c) => (name(c) === c ? c : name(c) + " (" + c + ")");

  function el(tag, attrs, text) {
    const e = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function status(msg, isError) {
    $("status").textContent = msg || "";
    $("status").className = isError ? "error" : "";
  }

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== undefined && v !== null) q.set(k, v);
    const res = await fetch(path + "?" + q.toString(), { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({ error: "the server sent no JSON (" + res.status + ")" }));
    if (!res.ok) throw new Error(body.error || ("HTTP " + res.status));
    return body;
  }

  function selection() {
    return { a: $("a").value, b: $("b").value, from: $("from").value, to: $("to").value };
  }

  async function loadPairs() {
    const data = await api("/api/pairs", { limit: 500 });
    const totals = new Map();
    for (const p of data.pairs) {
      totals.set(p.a, (totals.get(p.a) || 0) + p.events);
      totals.set(p.b, (totals.get(p.b) || 0) + p.events);
      names.set(p.a, p.a_name || p.a);
      names.set(p.b, p.b_name || p.b);
    }
    const key = (c) => name(c).replace(/^the /, "");
    const countries = [...totals.keys()].sort((x, y) => key(x).localeCompare(key(y), "en"));
    for (const id of ["a", "b"]) {
      const s = $(id);
      s.replaceChildren(el("option", { value: "" }, "choose…"));
      for (const c of countries) s.append(el("option", { value: c }, label(c)));
    }
    const top = $("top-pairs");
    top.replaceChildren();
    if (data.pairs.length === 0) {
      top.textContent = "The store has no events between two countries yet: import some with entente ingest.";
      return;
    }
    top.append("Most reported pairs: ");
    for (const p of data.pairs.slice(0, 10)) {
      const a = el("a", { href: "?a=" + encodeURIComponent(p.a) + "&b=" + encodeURIComponent(p.b), "data-a": p.a, "data-b": p.b },
        name(p.a) + "–" + name(p.b) + " (" + p.events.toLocaleString("en") + ")");
      a.addEventListener("click", (ev) => { ev.preventDefault(); $("a").value = p.a; $("b").value = p.b; show(true); });
      top.append(a);
    }
  }

  function drawChart(series) {
    const fig = $("chart");
    fig.replaceChildren();
    const ps = series.periods;
    if (ps.length === 0) { fig.append(el("p", {}, "No events in this period.")); return; }
    const W = 960, H = 300, L = 48, R = 10, T = 24, B = 28;
    const up = ps.map((p) => p.quad[0] + p.quad[1]);
    const down = ps.map((p) => p.quad[2] + p.quad[3]);
    const max = Math.max(1, ...up, ...down);
    const mid = T + (H - T - B) / 2;
    const y = (n) => (n / max) * ((H - T - B) / 2);
    const bw = (W - L - R) / ps.length;
    const svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Events per " + series.granularity + ", cooperation above the line, conflict below" });
    svg.append(el("svg:line", { x1: L, x2: W - R, y1: mid, y2: mid, stroke: "#888" }));
    for (const [v, label] of [[max, max], [-max, max]]) {
      svg.append(el("svg:text", { x: L - 4, y: mid - y(v) + 4, "text-anchor": "end" }, label.toLocaleString("en")));
    }
    svg.append(el("svg:text", { x: L - 4, y: mid + 4, "text-anchor": "end" }, "0"));
    ps.forEach((p, i) => {
      const x = L + i * bw;
      const g = el("svg:g", { class: "bar", "data-period": p.period });
      g.append(el("svg:title", {}, p.period + ": " + p.events + " events; " +
        QUADS.map((q, k) => p.quad[k] + " " + q).join(", ") +
        (p.goldstein_mean === null ? "" : "; mean Goldstein " + p.goldstein_mean.toFixed(2))));
      let top = mid;
      for (const k of [0, 1]) {
        const h = y(p.quad[k]);
        if (h > 0) { top -= h; g.append(el("svg:rect", { class: "q" + (k + 1), x: x + 0.5, y: top, width: Math.max(bw - 1, 0.5), height: h })); }
      }
      let bottom = mid;
      for (const k of [2, 3]) {
        const h = y(p.quad[k]);
        if (h > 0) { g.append(el("svg:rect", { class: "q" + (k + 1), x: x + 0.5, y: bottom, width: Math.max(bw - 1, 0.5), height: h })); bottom += h; }
      }
      svg.append(g);
      const label = series.granularity === "month" ? (p.period.endsWith("-01") || i === 0 ? p.period.slice(0, 4) : null)
        : (i % Math.ceil(ps.length / 12) === 0 ? p.period : null);
      if (label) svg.append(el("svg:text", { x: x + 1, y: H - 8 }, label));
    });
    svg.append(el("svg:text", { x: L + 4, y: T - 8 }, "↑ cooperation"));
    let lx = W - R - 4 * 150;
    QUADS.forEach((q, k) => {
      svg.append(el("svg:rect", { class: "q" + (k + 1), x: lx, y: T - 18, width: 10, height: 10 }));
      svg.append(el("svg:text", { x: lx + 14, y: T - 9 }, q));
      lx += 150;
    });
    svg.append(el("svg:text", { x: L + 4, y: H - B - 4 }, "↓ conflict"));
    fig.append(svg);
  }

  function docCell(ev) {
    const td = el("td", { class: "evidence" });
    if (ev.text) td.append(el("q", {}, ev.text));
    else td.append(el("span", { class: "none" }, "no sentence in this dataset"));
    if (ev.document) {
      const label = ev.document + (ev.sentence !== null && ev.sentence !== undefined ? " #" + ev.sentence : "");
      // Only web addresses become links: a document id like "javascript:..." stays text.
      if (/^https?:\/\//i.test(ev.document)) {
        const a = el("a", { class: "doc", href: ev.document, rel: "noopener noreferrer nofollow", target: "_blank" }, label);
        td.append(a);
      } else {
        td.append(el("span", { class: "doc" }, label));
      }
    }
    td.append(el("span", { class: "doc" }, ev.dataset + " · id " + ev.event_id));
    return td;
  }

  // Filters can change faster than the store answers: only the latest request may fill the table,
  // or a slow, older answer would overwrite a newer one.
  let eventsRequest = 0;

  async function loadEvents() {
    const s = selection();
    const mine = ++eventsRequest;
    const data = await api("/api/events", Object.assign({}, s, {
      root: $("root").value, quad: $("quad").value, direction: $("direction").value, limit: PAGE, offset: offset,
    }));
    if (mine !== eventsRequest) return;
    const tbody = $("events").tBodies[0];
    tbody.replaceChildren();
    for (const ev of data.events) {
      const tr = el("tr", { class: "event" });
      tr.append(el("td", { class: "date" }, ev.date));
      const who = (ev.source_name || ev.source || ev.source_country || "?") + " → " + (ev.target_name || ev.target || ev.target_country || "?");
      tr.append(el("td", {}, who));
      tr.append(el("td", {}, ev.code + " " + (ev.code_name || "")));
      const q = el("td", {});
      if (ev.quad_class) { q.append(el("span", { class: "quad q" + ev.quad_class })); q.append(QUADS[ev.quad_class - 1]); }
      tr.append(q);
      tr.append(el("td", { class: "num" }, ev.goldstein === null ? "" : ev.goldstein.toFixed(1)));
      tr.append(docCell(ev));
      tbody.append(tr);
    }
    if (data.events.length === 0) {
      const tr = el("tr", {});
      tr.append(el("td", { colspan: 6 }, "No events match these filters."));
      tbody.append(tr);
    }
    $("prev").disabled = offset === 0;
    $("next").disabled = !data.more;
    $("page").textContent = data.events.length ? "events " + (offset + 1) + "–" + (offset + data.events.length) : "";
  }

  const TRENDS = { rising: "↑ rising", falling: "↓ falling", steady: "→ steady" };

  // Mentions per period as small bars, one per period of the chart (or of the theme itself).
  function spark(perPeriod, periods) {
    const td = el("td", { class: "spark" });
    const labels = periods.length ? periods : Object.keys(perPeriod).sort();
    const n = (p) => (Object.hasOwn(perPeriod, p) ? Number(perPeriod[p]) || 0 : 0);
    const max = Math.max(1, ...labels.map(n));
    const W = 96, H = 22, bw = W / Math.max(labels.length, 1);
    const svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "aria-label": "mentions per period" });
    labels.forEach((p, i) => {
      const v = n(p);
      if (v === 0) return;
      const h = Math.max(2, (v / max) * (H - 2));
      const r = el("svg:rect", { x: i * bw, y: H - h, width: Math.max(bw - 0.5, 0.8), height: h });
      r.append(el("svg:title", {}, p + ": " + v));
      svg.append(r);
    });
    td.append(svg);
    return td;
  }

  function drawThemes(data, periods) {
    const box = $("themes");
    box.replaceChildren();
    if (data.domains.length === 0) {
      box.append(el("p", { class: "none" }, "No themes were extracted from the sentences of these events (GDELT and ICEWS rows carry none)."));
      return;
    }
    if (data.truncated) box.append(el("p", { class: "note" }, "Only the latest " + data.rows.toLocaleString("en") + " theme mentions are counted: narrow the period."));
    for (const d of data.domains) {
      box.append(el("h4", { class: "domain" }, d.domain + " · " + d.mentions.toLocaleString("en") + (d.mentions === 1 ? " mention" : " mentions")));
      const table = el("table", { class: "themes" });
      const tbody = el("tbody", {});
      for (const t of d.themes) {
        const tr = el("tr", { class: "theme", "data-theme": t.theme });
        const what = el("td", { class: "what" });
        what.append(el("strong", { title: t.theme }, t.label));
        const ex = t.examples.find((x) => x.text);
        if (ex) what.append(el("q", { class: "example", title: ex.date + " · " + ex.doc_id }, ex.text));
        tr.append(what);
        tr.append(el("td", { class: "num" }, t.mentions.toLocaleString("en")));
        tr.append(el("td", { class: "date" }, t.first === t.last ? t.first : t.first + " – " + t.last));
        tr.append(el("td", { class: "trend " + t.trend }, TRENDS[t.trend] || t.trend));
        tr.append(spark(t.per_period, periods));
        tbody.append(tr);
      }
      table.append(tbody);
      box.append(table);
    }
  }

  function drawPlaces(data, s) {
    const q = new URLSearchParams({ a: s.a, b: s.b });
    if (s.from) q.set("from", s.from);
    if (s.to) q.set("to", s.to);
    // An <img>: the SVG is drawn (and escaped) by the server and nothing in an image runs.
    $("map-img").setAttribute("src", "/api/map.svg?" + q.toString());
    $("map-img").setAttribute("alt", "Map of where events between " + name(s.a) + " and " + name(s.b) + " happened");
    const tbody = $("places").tBodies[0];
    tbody.replaceChildren();
    for (const p of data.places.slice(0, 25)) {
      const tr = el("tr", { class: "place" });
      tr.append(el("td", {}, p.name || "–"));
      tr.append(el("td", {}, p.country ? (p.country_name || p.country) : "–"));
      tr.append(el("td", { class: "num" }, p.events.toLocaleString("en")));
      tr.append(el("td", {}, p.dataset));
      tbody.append(tr);
    }
    if (data.places.length === 0) {
      const tr = el("tr", {});
      tr.append(el("td", { colspan: 4 }, "No event of this pair has a place with coordinates in this period."));
      tbody.append(tr);
    }
  }

  // As for events: only the answer to the latest selection may fill the panels.
  let knowledgeRequest = 0;

  async function loadKnowledge(s, periods) {
    const mine = ++knowledgeRequest;
    const [themes, places] = await Promise.all([
      api("/api/themes", Object.assign({}, s, { granularity: "month" })),
      api("/api/places", Object.assign({}, s, { limit: 200 })),
    ]);
    if (mine !== knowledgeRequest) return;
    drawThemes(themes, periods);
    drawPlaces(places, s);
  }

  function guideLinks(s) {
    for (const f of ["html", "md", "json"]) {
      const q = new URLSearchParams({ a: s.a, b: s.b, format: f });
      if (s.from) q.set("from", s.from);
      if (s.to) q.set("to", s.to);
      $("guide-" + f).setAttribute("href", "/api/guide?" + q.toString());
    }
  }

  async function show(push) {
    const s = selection();
    if (!s.a || !s.b) { status("Choose two countries."); return; }
    if (push) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(s)) if (v) q.set(k, v);
      history.pushState(null, "", "?" + q.toString());
    }
    offset = 0;
    status("Loading " + s.a + "–" + s.b + "…");
    try {
      const series = await api("/api/series", Object.assign({}, s, { granularity: "month" }));
      $("result").hidden = false;
      $("title").textContent = name(s.a) + " and " + name(s.b);
      $("dir-ab").textContent = name(s.a) + " → " + name(s.b);
      $("dir-ba").textContent = name(s.b) + " → " + name(s.a);
      const t = series.totals;
      const coop = t.quad[0] + t.quad[1], conf = t.quad[2] + t.quad[3];
      $("summary").textContent = t.events.toLocaleString("en") + " events" +
        (series.periods.length ? " from " + series.periods[0].period + " to " + series.periods[series.periods.length - 1].period : "") +
        ": " + coop.toLocaleString("en") + " cooperative, " + conf.toLocaleString("en") + " conflictual" +
        (t.goldstein_mean === null ? "." : "; mean Goldstein " + t.goldstein_mean.toFixed(2) + ".");
      drawChart(series);
      guideLinks(s);
      await Promise.all([loadEvents(), loadKnowledge(s, series.periods.map((p) => p.period))]);
      status("");
    } catch (e) {
      status(e.message, true);
    }
  }

  async function refreshEvents() {
    try { await loadEvents(); status(""); } catch (e) { status(e.message, true); }
  }

  $("pick").addEventListener("submit", (ev) => { ev.preventDefault(); show(true); });
  for (const id of ["root", "quad", "direction"]) $(id).addEventListener("change", () => { offset = 0; refreshEvents(); });
  $("filters").addEventListener("submit", (ev) => ev.preventDefault());
  $("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); refreshEvents(); });
  $("next").addEventListener("click", () => { offset += PAGE; refreshEvents(); });
  window.addEventListener("popstate", () => location.reload());

  (async function init() {
    try {
      await loadPairs();
    } catch (e) {
      status("Cannot list countries: " + e.message, true);
      return;
    }
    const q = new URLSearchParams(location.search);
    for (const k of ["a", "b"]) {
      const v = q.get(k);
      if (v && ![...$(k).options].some((o) => o.value === v)) $(k).append(el("option", { value: v }, v));
    }
    for (const k of ["a", "b", "from", "to"]) if (q.get(k)) $(k).value = q.get(k);
    if ($("a").value && $("b").value) show(false);
  })();
})();
