// The actor network: who acts on whom, edges weighted by event count, filterable by type and dates.
// Laid out with a few hundred steps of a force-directed layout started from a circle (deterministic).
"use strict";

(function () {
  const { el, svg, getJSON, plover, formParams, showError } = parley;
  const filters = formParams(document.querySelector("form.filters"));
  const container = document.getElementById("network");
  const info = document.getElementById("edge-info");
  const tableBox = document.getElementById("edge-table");

  function layout(nodes, edges, width, height) {
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({
      x: width / 2 + (width / 3) * Math.cos((2 * Math.PI * i) / n),
      y: height / 2 + (height / 3) * Math.sin((2 * Math.PI * i) / n),
    }));
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.75;
    let temperature = width / 8;
    for (let step = 0; step < 300; step++) {
      const move = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(0.01, Math.hypot(dx, dy));
          const f = (k * k) / d;
          move[i].x += (dx / d) * f; move[i].y += (dy / d) * f;
          move[j].x -= (dx / d) * f; move[j].y -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const a = index.get(e.source), b = index.get(e.target);
        const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = ((d * d) / k) * Math.min(2, 1 + Math.log(e.count) / 4);
        move[a].x -= (dx / d) * f; move[a].y -= (dy / d) * f;
        move[b].x += (dx / d) * f; move[b].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        // a weak pull to the centre keeps unconnected actors in view
        move[i].x += (width / 2 - pos[i].x) * 0.05;
        move[i].y += (height / 2 - pos[i].y) * 0.05;
        const d = Math.max(0.01, Math.hypot(move[i].x, move[i].y));
        pos[i].x = Math.min(width - 60, Math.max(60, pos[i].x + (move[i].x / d) * Math.min(d, temperature)));
        pos[i].y = Math.min(height - 30, Math.max(30, pos[i].y + (move[i].y / d) * Math.min(d, temperature)));
      }
      temperature *= 0.985;
    }
    return pos;
  }

  /** -1 (all conflictual) .. +1 (all cooperative) for an edge's type counts. */
  function balance(types, counts) {
    let coop = 0, conf = 0;
    for (const [type, n] of Object.entries(counts)) {
      const side = types[type] ? types[type].side : "neutral";
      if (side === "cooperative") coop += n; else if (side === "conflictual") conf += n;
    }
    return coop + conf ? (coop - conf) / (coop + conf) : 0;
  }

  function colour(b) {
    if (b > 0.2) return `hsl(150, 50%, ${60 - 25 * b}%)`;
    if (b < -0.2) return `hsl(4, 65%, ${60 + 25 * b}%)`;
    return "hsl(220, 8%, 55%)";
  }

  function describeEdge(e, labels) {
    const parts = Object.entries(e.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${n} ${t}`).join(", ");
    return `${labels.get(e.source)} → ${labels.get(e.target)}: ${e.count} event${e.count === 1 ? "" : "s"} (${parts})`;
  }

  function draw(data, types) {
    const labels = new Map(data.nodes.map((node) => [node.id, node.label]));
    if (!data.nodes.length) {
      container.replaceChildren(el("p", { class: "muted" }, "No events with both an actor and a recipient match these filters."));
      tableBox.replaceChildren();
      container.dataset.status = "ready";
      return;
    }
    const width = Math.max(360, container.clientWidth || 900), height = 560;
    const pos = layout(data.nodes, data.edges, width, height);
    const index = new Map(data.nodes.map((node, i) => [node.id, i]));
    const maxCount = Math.max(1, ...data.edges.map((e) => e.count));
    const maxEvents = Math.max(1, ...data.nodes.map((node) => node.events));
    const root = svg("svg", { class: "network-svg", width, height, viewBox: `0 0 ${width} ${height}` });
    root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }))));
    const radius = (node) => 5 + 12 * Math.sqrt(node.events / maxEvents);
    for (const e of data.edges) {
      const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
      const target = data.nodes[index.get(e.target)];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
      // bend each edge a little so A→B and B→A do not overlap
      const mx = (a.x + b.x) / 2 - (dy / d) * 18, my = (a.y + b.y) / 2 + (dx / d) * 18;
      const r = radius(target) + 3;
      const ex = b.x - ((b.x - mx) / Math.hypot(b.x - mx, b.y - my)) * r;
      const ey = b.y - ((b.y - my) / Math.hypot(b.x - mx, b.y - my)) * r;
      const path = svg("path", {
        d: `M ${a.x} ${a.y} Q ${mx} ${my} ${ex} ${ey}`, class: "edge", stroke: colour(balance(types, e.types)),
        "stroke-width": 1 + 7 * Math.sqrt(e.count / maxCount), "marker-end": "url(#arrow)",
      }, svg("title", {}, describeEdge(e, labels)));
      path.addEventListener("click", () => { info.textContent = describeEdge(e, labels); });
      root.append(path);
    }
    data.nodes.forEach((node, i) => {
      const g = svg("g", { class: "node" },
        svg("circle", { cx: pos[i].x, cy: pos[i].y, r: radius(node) }),
        svg("text", { x: pos[i].x, y: pos[i].y - radius(node) - 4, "text-anchor": "middle" }, node.label),
        svg("title", {}, `${node.label}${node.code ? " [" + node.code + "]" : ""}: ${node.events} events`));
      g.addEventListener("click", () => { info.textContent = `${node.label}${node.code ? " [" + node.code + "]" : ""}: in ${node.events} events`; });
      root.append(g);
    });
    container.replaceChildren(root);
    container.dataset.status = "ready";

    const table = el("table", { class: "list" },
      el("caption", { class: "muted" }, `${data.nodes.length} actors, ${data.edges.length} edges from ${data.events} events`),
      el("thead", {}, el("tr", {}, ["From", "To", "Events", "Types", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, data.edges.map((e) => el("tr", {},
        el("td", {}, labels.get(e.source)), el("td", {}, labels.get(e.target)), el("td", { class: "num" }, String(e.count)),
        el("td", {}, Object.entries(e.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ")),
        el("td", {}, el("a", { href: "/?" + new URLSearchParams({ ...filters, actor: labels.get(e.source) }) }, "timeline"))))));
    tableBox.replaceChildren(table);
  }

  async function start() {
    try {
      const [types, data] = await Promise.all([plover(), getJSON("/api/network", filters)]);
      draw(data, types);
    } catch (error) {
      showError(container, error);
    }
    document.body.dataset.ready = "true";
  }
  start();
})();
