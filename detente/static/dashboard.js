// detente dashboard: plain JavaScript, no build step. Every page fetches its data from /api/*.
// Article text is untrusted: the DOM is built with createElement and textContent only, never innerHTML.
"use strict";

(function () {
  const QUADS = {
    1: { name: "verbal cooperation", color: "#8fd18a" },
    2: { name: "material cooperation", color: "#2e7d32" },
    3: { name: "verbal conflict", color: "#f28e2b" },
    4: { name: "material conflict", color: "#d62728" },
  };
  const QUAD_KEYS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
  const PLOT_CONFIG = { displaylogo: false, responsive: true,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"] };
  const FONT = { family: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Arial, sans-serif", size: 12,
    color: "#1f2933" };

  // -- small helpers ------------------------------------------------------------------------------

  /** h("a", {href: "/x", className: "y"}, "text", child): an element; strings become text nodes. */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function $(id) { return document.getElementById(id); }

  function fill(target, ...children) {
    const node = typeof target === "string" ? $(target) : target;
    if (!node) return null;
    node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
    return node;
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok || !data || data.ok === false) {
      throw new Error((data && data.error) || `${response.status} ${response.statusText}`);
    }
    return data;
  }

  function showError(target, error) {
    fill(target, h("div", { className: "error", role: "alert" }, String(error.message || error)));
  }

  function fmt(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) return "–";
    return Number(value).toFixed(digits === undefined ? 2 : digits);
  }

  function signed(value, digits) {
    if (value === null || value === undefined) return "–";
    return (value > 0 ? "+" : value < 0 ? "−" : "") + fmt(Math.abs(value), digits);
  }

  function seg(text) { return encodeURIComponent(text); }
  function docPath(id) { return "/documents/" + String(id).split("/").map(seg).join("/"); }

  function actorLink(code, name) {
    if (!code) return h("span", { className: "muted" }, "–");
    return h("a", { href: "/actors/" + seg(code), title: name || code }, code);
  }

  function dyadLink(a, b) {
    return h("a", { href: `/dyads/${seg(a)}/${seg(b)}` }, `${a}–${b}`);
  }

  function docLink(id, title) {
    return h("a", { href: docPath(id) }, title || id);
  }

  function quadDot(quad) {
    return h("span", { className: `quad q${quad || 0}`, title: (QUADS[quad] || {}).name || "no quad class" });
  }

  function verdictBadge(verdict) {
    return h("span", { className: `badge verdict-${verdict}` }, verdict || "–");
  }

  function indexBar(value) {
    const width = Math.min(Math.abs(value || 0), 10) * 5;  // -10..10 onto 0..50 % of the track
    const fillBar = h("span", { className: `fill ${value >= 0 ? "pos" : "neg"}` });
    fillBar.style.width = width + "%";
    fillBar.style.left = value >= 0 ? "50%" : (50 - width) + "%";
    return h("span", { className: "ibar" }, h("span", { className: "track" }, fillBar),
      h("span", { className: value >= 0 ? "pos" : "neg" }, signed(value)));
  }

  function trendCell(row) {
    if (row.trend === null || row.trend === undefined) return h("span", { className: "muted" }, "–");
    const arrow = row.trend > 0.05 ? "↗" : row.trend < -0.05 ? "↘" : "→";
    return h("span", { className: row.trend >= 0 ? "pos" : "neg",
      title: `95% interval ${fmt(row.trend_low)} to ${fmt(row.trend_high)}` }, `${arrow} ${signed(row.trend)}/yr`);
  }

  function table(headers, rows) {
    const head = h("tr", {}, headers.map((c) => h("th", { className: c.num ? "num" : null }, c.label)));
    return h("table", {}, h("thead", {}, head), h("tbody", {}, rows));
  }

  function empty(text) { return h("p", { className: "empty" }, text); }

  /** A text with highlighted spans: marks are {start, end, className, title?, dataset?}, offsets into text. */
  function marked(text, marks) {
    const out = [];
    let at = 0;
    const sorted = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end)
      .sort((x, y) => x.start - y.start || y.end - x.end);
    for (const m of sorted) {
      if (m.start < at) continue;  // overlapping spans: the first one wins
      if (m.start > at) out.push(document.createTextNode(text.slice(at, m.start)));
      out.push(h("mark", { className: m.className, title: m.title, dataset: m.dataset }, text.slice(m.start, m.end)));
      at = m.end;
    }
    if (at < text.length) out.push(document.createTextNode(text.slice(at)));
    return out;
  }

  function eventTitle(ev) {
    return `${ev.source} → ${ev.target} · ${ev.cameo} ${ev.label || ""} · Goldstein ${fmt(ev.goldstein, 1)}` +
      ` · ${ev.factuality}`;
  }

  /** The event's sentence with its source, event word and target highlighted. */
  function sentenceOf(ev) {
    const marks = (ev.marks || []).map((m) => ({ start: m.start, end: m.end,
      className: m.kind === "event" ? `m-event q${ev.quad_class || 0}` : `m-${m.kind}`,
      title: m.kind === "event" ? eventTitle(ev) : `${m.kind}: ${m.kind === "source" ? ev.source : ev.target}` }));
    return h("span", { className: "sentence" }, marked(ev.sentence || "", marks));
  }

  function factTag(ev) {
    return ev.factuality && ev.factuality !== "asserted"
      ? h("span", { className: `fact ${ev.factuality}`, title: ev.factuality_cue ? `cue: ${ev.factuality_cue}` : null },
        ev.factuality) : null;
  }

  function codeCell(ev) {
    return h("td", {}, quadDot(ev.quad_class), h("b", {}, ev.cameo), h("span", { className: "sub" }, ev.label || ""));
  }

  function eventsTable(events, options) {
    const opts = options || {};
    if (!events.length) return empty("No events.");
    const headers = [{ label: "Date" }, { label: "Who → whom" }, { label: "Event" }, { label: "Sentence" }];
    if (opts.doc !== false) headers.push({ label: "Document" });
    const rows = events.map((ev, i) => {
      const cells = [
        h("td", { className: "nowrap" }, ev.date || "–"),
        h("td", { className: "nowrap" }, actorLink(ev.source, ev.source_name), " → ", actorLink(ev.target, ev.target_name)),
        codeCell(ev),
        h("td", {}, sentenceOf(ev), factTag(ev)),
      ];
      if (opts.doc !== false) cells.push(h("td", { className: "nowrap" }, docLink(ev.doc)));
      return h("tr", { id: opts.ids ? `event-${i}` : null }, cells);
    });
    return table(headers, rows);
  }

  function dyadTable(rows) {
    if (!rows.length) return empty("No dyads between states yet.");
    return table([{ label: "Dyad" }, { label: "Events", num: true }, { label: "Index" }, { label: "Trend" },
      { label: "Verdict" }], rows.map((r) => h("tr", {},
      h("td", {}, dyadLink(r.a, r.b)),
      h("td", { className: "num" }, r.events),
      h("td", { className: "nowrap" }, indexBar(r.index)),
      h("td", { className: "nowrap" }, trendCell(r)),
      h("td", {}, verdictBadge(r.verdict)))));
  }

  function stat(label, value, note, className) {
    return h("div", { className: "stat" }, h("div", { className: "label" }, label),
      h("div", { className: `value ${className || ""}` }, value), note ? h("div", { className: "note" }, note) : null);
  }

  function plot(target, traces, layout) {
    const node = $(target);
    if (!node) return;
    if (!window.Plotly) {
      fill(node, empty("Charts need the plotly package: pip install 'detente[web]'."));
      return;
    }
    const base = { font: FONT, margin: { l: 50, r: 50, t: 10, b: 40 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      legend: { orientation: "h", y: -0.15 }, hoverlabel: { font: FONT } };
    window.Plotly.newPlot(node, traces, Object.assign(base, layout || {}), PLOT_CONFIG);
  }

  function pager(target, data, go) {
    const last = data.offset + (data.events || data.documents || []).length;
    const prev = h("button", { className: "secondary", type: "button", disabled: data.offset === 0,
      onclick: () => go(Math.max(0, data.offset - data.limit)) }, "← Previous");
    const next = h("button", { className: "secondary", type: "button", disabled: last >= data.total,
      onclick: () => go(data.offset + data.limit) }, "Next →");
    fill(target, prev, h("span", {}, data.total ? `${data.offset + 1}–${last} of ${data.total}` : ""), next);
  }

  // -- pages --------------------------------------------------------------------------------------

  async function overview() {
    api("/api/stats").then((s) => fill("stats",
      `${s.documents} documents · ${s.events} events` + (s.first ? ` · events dated ${s.first} to ${s.last}` : "")))
      .catch((e) => showError("stats", e));
    api("/api/dyads?rank=index&limit=10").then((d) => fill("by-index", dyadTable(d.dyads)))
      .catch((e) => showError("by-index", e));
    api("/api/dyads?rank=change&limit=10").then((d) => fill("by-change", dyadTable(d.dyads)))
      .catch((e) => showError("by-change", e));
    api("/api/events?limit=12&sort=date&order=desc").then((d) => fill("recent", eventsTable(d.events)))
      .catch((e) => showError("recent", e));
    api("/api/network").then(drawNetwork).catch((e) => showError("network", e));
  }

  function drawNetwork(net) {
    if (!net.nodes.length) { fill("network", empty("No events between states yet.")); return; }
    const groupOf = {};
    net.groups.forEach((g, i) => g.forEach((n) => { groupOf[n] = i; }));
    const palette = ["#1d4e89", "#2e7d32", "#7b3fa0", "#b35900", "#00838f", "#6d4c41", "#5f6b7a"];
    const maxWeight = Math.max(1, ...net.edges.map((e) => Math.abs(e.weight)));
    const edges = net.edges.slice().sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight)).slice(0, 300)
      .map((e) => {
        const [x0, y0] = net.layout[e.a];
        const [x1, y1] = net.layout[e.b];
        return { type: "scatter", mode: "lines", x: [x0, x1], y: [y0, y1], hoverinfo: "skip", showlegend: false,
          line: { width: 1 + 7 * Math.abs(e.weight) / maxWeight, color: e.weight >= 0 ? "rgba(46,125,50,.55)" : "rgba(214,39,40,.55)" } };
      });
    const mids = { type: "scatter", mode: "markers", showlegend: false, marker: { size: 14, opacity: 0 },
      x: net.edges.map((e) => (net.layout[e.a][0] + net.layout[e.b][0]) / 2),
      y: net.edges.map((e) => (net.layout[e.a][1] + net.layout[e.b][1]) / 2),
      text: net.edges.map((e) => `${e.a}–${e.b}: net ${signed(e.weight, 1)} over ${e.events} events (index ${signed(e.index)})`),
      customdata: net.edges.map((e) => `/dyads/${seg(e.a)}/${seg(e.b)}`), hoverinfo: "text" };
    const nodes = { type: "scatter", mode: "markers+text", showlegend: false, textposition: "top center",
      x: net.nodes.map((n) => net.layout[n][0]), y: net.nodes.map((n) => net.layout[n][1]),
      text: net.nodes, hovertext: net.nodes.map((n) => `${n} · ${net.names[n] || ""}`), hoverinfo: "text",
      customdata: net.nodes.map((n) => `/actors/${seg(n)}`),
      marker: { size: 20, color: net.nodes.map((n) => palette[(groupOf[n] || 0) % palette.length]),
        line: { color: "#fff", width: 2 } }, textfont: { size: 13, color: "#1f2933" } };
    const axis = { visible: false, zeroline: false, showgrid: false };
    plot("network", [...edges, mids, nodes], { xaxis: axis, yaxis: axis, margin: { l: 10, r: 10, t: 20, b: 10 },
      hovermode: "closest" });
    if ($("network").on) $("network").on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      if (point && point.customdata) window.location.href = point.customdata;
    });
  }

  async function dyad(data) {
    const load = async () => {
      const by = $("dyad-by").value;
      try {
        const d = await api(`/api/dyads/${seg(data.a)}/${seg(data.b)}?by=${by}`);
        renderDyad(d);
      } catch (e) {
        showError("dyad-error", e);
        fill("evidence");
      }
    };
    $("dyad-by").addEventListener("change", load);
    await load();
  }

  function renderDyad(d) {
    const names = [d.names[d.a], d.names[d.b]].filter(Boolean).join(" and ");
    fill("dyad-title", `${d.a} – ${d.b}`);
    fill("dyad-names", names ? `Relations between ${names}` : "");
    document.title = `${d.a}–${d.b} · detente`;
    const trend = d.trend === null ? "–" : `${signed(d.trend)}/yr`;
    fill("dyad-stats",
      stat("Relation index", signed(d.index), "−10 conflict … +10 cooperation", d.index >= 0 ? "pos" : "neg"),
      stat("Trend", trend, d.trend === null ? "too few periods" : `95% interval ${fmt(d.trend_low)} to ${fmt(d.trend_high)}`,
        d.trend === null ? "" : d.trend >= 0 ? "pos" : "neg"),
      stat("Verdict", verdictBadge(d.verdict), `from ${d.series.length} ${d.by}s with events`),
      stat("Events counted", String(d.events), `${d.evidence_total} mentions in all, any factuality`));
    drawSeries(d);
    fill("dyad-changes", d.change_points.length ? h("p", { className: "hint" }, "Change points: ",
      d.change_points.map((c) => `${c.label} (${signed(c.before)} → ${signed(c.after)})`).join("; ")) : null);
    fill("evidence", d.evidence.length ? h("ol", { className: "evidence" }, d.evidence.map(evidenceItem))
      : empty("No events between these two."));
  }

  function drawSeries(d) {
    if (!d.series.length) { fill("dyad-chart", empty("No dated, asserted events to chart.")); return; }
    const x = d.series.map((r) => r.period);
    const labels = d.series.map((r) => r.label);
    const bars = QUAD_KEYS.map((key, i) => ({ type: "bar", name: QUADS[i + 1].name, x, y: d.series.map((r) => r[key]),
      customdata: labels, marker: { color: QUADS[i + 1].color },
      hovertemplate: `%{customdata}: %{y} ${QUADS[i + 1].name}<extra></extra>` }));
    const reach = Math.max(5, Math.ceil(Math.max(...d.series.map((r) => Math.abs(r.index)))) + 1);
    const line = { type: "scatter", mode: "lines+markers", name: "relation index", x, yaxis: "y2", customdata: labels,
      y: d.series.map((r) => r.index), line: { color: "#1f2933", width: 2 }, marker: { size: 7 },
      hovertemplate: "%{customdata}: index %{y:.2f}<extra></extra>" };
    const ticks = { year: "%Y", quarter: "%b %Y", month: "%b %Y" };
    plot("dyad-chart", [...bars, line], { barmode: "stack", legend: { orientation: "h", y: -0.15, traceorder: "normal" },
      xaxis: { type: "date", tickformat: ticks[d.by] || "%Y-%m-%d", hoverformat: ticks[d.by] || "%Y-%m-%d" },
      yaxis: { title: { text: "events" }, gridcolor: "#eef1f5", rangemode: "tozero" },
      yaxis2: { title: { text: "relation index" }, overlaying: "y", side: "right", range: [-reach, reach],
        tickmode: "linear", tick0: 0, dtick: reach <= 6 ? 2 : 5,
        zeroline: true, zerolinecolor: "#b8c1cc", showgrid: false } });
  }

  function evidenceItem(ev) {
    return h("li", {},
      h("div", { className: "when" }, ev.date || "undated", h("span", { className: "sub" }, docLink(ev.doc))),
      h("div", {},
        h("div", { className: "what" }, quadDot(ev.quad_class), h("b", {}, `${ev.source} → ${ev.target}`),
          ` · ${ev.cameo} ${ev.label || ""} · Goldstein ${fmt(ev.goldstein, 1)}`, factTag(ev)),
        sentenceOf(ev)));
  }

  /** Article text with every event's words highlighted, in document offsets. */
  function markedArticle(text, events) {
    const marks = [];
    events.forEach((ev, i) => {
      if (ev.sentence_start === null || ev.sentence_start === undefined) return;
      for (const m of ev.marks || []) {
        marks.push({ start: ev.sentence_start + m.start, end: ev.sentence_start + m.end,
          className: m.kind === "event" ? `m-event q${ev.quad_class || 0}` : `m-${m.kind}`,
          title: m.kind === "event" ? eventTitle(ev) : `${m.kind}: ${m.kind === "source" ? ev.source : ev.target}`,
          dataset: { event: String(i) } });
      }
    });
    return marked(text, marks);
  }

  function flashRow(event) {
    const mark = event.target.closest("mark[data-event]");
    const row = mark && $(`event-${mark.dataset.event}`);
    if (!row) return;
    row.scrollIntoView({ behavior: "smooth", block: "center" });
    row.classList.add("flash");
    setTimeout(() => row.classList.remove("flash"), 1200);
  }

  async function documentPage(data) {
    try {
      const d = await api(`/api/documents/${String(data.doc).split("/").map(seg).join("/")}`);
      const doc = d.document;
      fill("doc-title", doc.title || doc.id);
      document.title = `${doc.title || doc.id} · detente`;
      const meta = [["Id", doc.id], ["Published", doc.published], ["Outlet", doc.outlet], ["Author", doc.author],
        ["URL", doc.url], ["Sentences", doc.n_sentences], ["Events", d.events.length]].filter(([, v]) => v !== null && v !== undefined && v !== "");
      fill("doc-meta", meta.flatMap(([k, v]) => [h("dt", {}, k),
        h("dd", {}, k === "URL" && /^https?:\/\//i.test(v) ? h("a", { href: v, rel: "noopener noreferrer nofollow" }, v) : String(v))]));
      const article = fill("doc-text", markedArticle(doc.text, d.events));
      article.addEventListener("click", flashRow);
      fill("doc-events", eventsTable(d.events, { doc: false, ids: true }));
    } catch (e) {
      showError("doc-error", e);
      fill("doc-text");
    }
  }

  async function actor(data) {
    try {
      const d = await api(`/api/actors/${seg(data.code)}`);
      fill("actor-title", d.code);
      fill("actor-name", d.name || "");
      fill("actor-stats", stat("Events", String(d.events), `${d.as_source} as source, ${d.as_target} as target`),
        stat("Cooperative", String(d.verbal_coop + d.material_coop), `${d.verbal_coop} verbal, ${d.material_coop} material`, "pos"),
        stat("Conflictual", String(d.verbal_conflict + d.material_conflict),
          `${d.verbal_conflict} verbal, ${d.material_conflict} material`, "neg"));
      drawPartners(d.partners);
      fill("actor-dyads", dyadTable(d.dyads));
      fill("actor-recent", eventsTable(d.recent));
    } catch (e) {
      showError("actor-error", e);
    }
  }

  function drawPartners(partners) {
    if (!partners.length) { fill("actor-chart", empty("No counterparts.")); return; }
    const rows = partners.slice(0, 15).reverse();
    const y = rows.map((p) => p.partner);
    plot("actor-chart", QUAD_KEYS.map((key, i) => ({ type: "bar", orientation: "h", name: QUADS[i + 1].name, y,
      x: rows.map((p) => p[key]), marker: { color: QUADS[i + 1].color },
      hovertemplate: `%{y}: %{x} ${QUADS[i + 1].name}<extra></extra>` })),
    { barmode: "stack", margin: { l: 60, r: 20, t: 10, b: 40 }, yaxis: { type: "category" },
      xaxis: { gridcolor: "#eef1f5", title: { text: "events" } } });
  }

  async function searchPage() {
    const form = $("event-search");
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of params) if (form.elements[key]) form.elements[key].value = value;
    const go = async (offset) => {
      const query = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (value) query.set(key, value);
      query.set("limit", "50");
      query.set("offset", String(offset));
      try {
        const d = await api(`/api/events?${query}`);
        fill("results-count", `${d.total} events`);
        fill("results", eventsTable(d.events));
        pager("results-pager", d, go);
      } catch (e) {
        showError("results", e);
        fill("results-pager");
      }
    };
    await go(0);
  }

  async function documentsPage() {
    const form = $("doc-search");
    const go = async (offset) => {
      const q = form.elements.q.value;
      try {
        const d = await api(`/api/documents?limit=50&offset=${offset}` + (q ? `&q=${seg(q)}` : ""));
        fill("documents", d.documents.length ? table([{ label: "Published" }, { label: "Title" }, { label: "Outlet" },
          { label: "Events", num: true }], d.documents.map((doc) => h("tr", {},
          h("td", { className: "nowrap" }, doc.published || "–"),
          h("td", {}, docLink(doc.id, doc.title), h("span", { className: "sub" }, doc.id)),
          h("td", {}, doc.outlet || ""),
          h("td", { className: "num" }, doc.events)))) : empty("No documents."));
        pager("documents-pager", d, go);
      } catch (e) {
        showError("documents", e);
      }
    };
    form.addEventListener("submit", (event) => { event.preventDefault(); go(0); });
    await go(0);
  }

  function codePage(data) {
    const form = $("code-form");
    const status = $("code-status");
    const buttons = form.querySelectorAll("button");
    const body = () => {
      const out = { text: $("code-text").value };
      if ($("code-published").value) out.published = $("code-published").value;
      if ($("code-title") && $("code-title").value) out.title = $("code-title").value;
      return out;
    };
    const post = async (path, working) => {
      buttons.forEach((b) => { b.disabled = true; });
      fill(status, working);
      try {
        return await api(path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(body()) });
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    };
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const d = await post("/api/code", "Coding… (the first time, the model loads)");
        fill(status, `${d.events.length} event${d.events.length === 1 ? "" : "s"} found; nothing was stored.`);
        renderCoded(d);
      } catch (e) {
        showError(status, e);
      }
    });
    const store = $("code-store");
    if (store && data.allowIngest === "true") {
      store.addEventListener("click", async () => {
        if (!$("code-text").value.trim()) { fill(status, "Paste a text first."); return; }
        try {
          const d = await post("/api/ingest", "Coding and storing…");
          fill(status, `Stored as ${d.id} with ${d.events} events: `, h("a", { href: docPath(d.id) }, "open the document"));
        } catch (e) {
          showError(status, e);
        }
      });
    }
  }

  function renderCoded(d) {
    $("code-results").hidden = false;
    fill("code-text-marked", markedArticle(d.text, d.events));
    fill("code-events", d.events.length ? d.events.map((ev) => h("div", { className: `coded q${ev.quad_class || 0}` },
      h("h3", {}, quadDot(ev.quad_class), `${ev.source} → ${ev.target} · ${ev.cameo} ${ev.label || ""}`, factTag(ev)),
      h("div", {}, sentenceOf(ev)),
      h("dl", { className: "reasons" }, (ev.explain || []).flatMap((r) => [h("dt", {}, r.step), h("dd", {}, r.reason)]))))
      : empty("No events: no sentence names two actors with a verb pattern between them."));
  }

  const PAGES = { overview, dyad, document: documentPage, actor, search: searchPage, documents: documentsPage,
    code: codePage };

  document.addEventListener("DOMContentLoaded", () => {
    const page = PAGES[document.body.dataset.page];
    if (page) page(document.body.dataset);
  });
})();
