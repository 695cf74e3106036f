// The negotiation dashboard: timeline of events by PLOVER type, positions matrix,
// meetings and truces on a calendar. Data from the JSON API; drawn with SVG and tables.
"use strict";

(function () {
  const { el, svg, getJSON, entitiesLabel, entityLabel, plover, typeColour, formParams, readerLink, showError } = parley;
  const DAY = 86400000;
  const filtersForm = document.querySelector("form.filters");
  const filters = formParams(filtersForm);

  // ---- timeline ----------------------------------------------------------------

  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const parseDay = (s) => Date.parse(s + "T00:00:00Z");

  /** Group day buckets into weeks or months when the span is too long for one bar per day. */
  function rebucket(buckets) {
    if (!buckets.length) return { unit: "day", bins: [] };
    const first = parseDay(buckets[0].date);
    const last = parseDay(buckets[buckets.length - 1].date);
    const days = (last - first) / DAY + 1;
    const unit = days <= 400 ? "day" : days <= 2800 ? "week" : "month";
    const keyOf = (s) => {
      if (unit === "day") return s;
      if (unit === "month") return s.slice(0, 7) + "-01";
      const t = parseDay(s);
      const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
      return iso(t - weekday * DAY);
    };
    const bins = new Map();
    for (const b of buckets) {
      const key = keyOf(b.date);
      const bin = bins.get(key) || { date: key, counts: {} };
      for (const [type, n] of Object.entries(b.counts)) bin.counts[type] = (bin.counts[type] || 0) + n;
      bins.set(key, bin);
    }
    // every step between first and last, so gaps in the news show as gaps
    const out = [];
    let t = parseDay(keyOf(buckets[0].date));
    const end = parseDay(keyOf(buckets[buckets.length - 1].date));
    while (t <= end) {
      const key = iso(t);
      out.push(bins.get(key) || { date: key, counts: {} });
      if (unit === "day") t += DAY;
      else if (unit === "week") t += 7 * DAY;
      else { const d = new Date(t); d.setUTCMonth(d.getUTCMonth() + 1); t = d.getTime(); }
    }
    return { unit, bins: out };
  }

  function binEnd(bin, unit) {
    const t = parseDay(bin.date);
    if (unit === "day") return bin.date;
    if (unit === "week") return iso(t + 6 * DAY);
    const d = new Date(t); d.setUTCMonth(d.getUTCMonth() + 1); return iso(d.getTime() - DAY);
  }

  function drawTimeline(container, data, types) {
    const { unit, bins } = rebucket(data.buckets);
    if (!bins.length) {
      container.replaceChildren(el("p", { class: "muted" }, "No dated events match these filters."));
      container.dataset.status = "ready";
      return;
    }
    const sideOf = (type) => (types[type] ? types[type].side : "neutral");
    const order = Object.keys(types).sort((a, b) => types[a].score - types[b].score);
    const rank = (type) => (order.indexOf(type) === -1 ? order.length : order.indexOf(type));
    let maxUp = 1, maxDown = 1;
    for (const bin of bins) {
      let up = 0, down = 0;
      for (const [type, n] of Object.entries(bin.counts)) (sideOf(type) === "conflictual" ? (down += n) : (up += n));
      maxUp = Math.max(maxUp, up); maxDown = Math.max(maxDown, down);
    }
    const width = Math.max(320, container.clientWidth || 900);
    const height = 260, left = 44, right = 8, top = 10, bottom = 28;
    const plotH = height - top - bottom;
    const axisY = top + plotH * (maxUp / (maxUp + maxDown));
    const scale = plotH / (maxUp + maxDown);
    const step = (width - left - right) / bins.length;
    const barW = Math.min(36, Math.max(1, step * 0.8));

    const root = svg("svg", {
      class: "timeline-svg", width, height, viewBox: `0 0 ${width} ${height}`, role: "listbox", tabindex: 0,
      "aria-label": `Events per ${unit}: use Left and Right to move, Enter to list the events`,
    });
    root.append(svg("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, class: "axis" }));
    root.append(svg("text", { x: 4, y: top + 10, class: "axis-label" }, `+${maxUp}`));
    root.append(svg("text", { x: 4, y: height - bottom, class: "axis-label" }, `−${maxDown}`));

    const bars = [];
    bins.forEach((bin, i) => {
      const x = left + i * step + (step - barW) / 2;
      const entries = Object.entries(bin.counts).sort((a, b) => rank(b[0]) - rank(a[0]));
      const total = entries.reduce((sum, [, n]) => sum + n, 0);
      const label = `${bin.date}${unit === "day" ? "" : " to " + binEnd(bin, unit)}: ${total} event${total === 1 ? "" : "s"}` +
        (total ? " (" + entries.map(([t, n]) => `${n} ${t}`).join(", ") + ")" : "");
      const group = svg("g", { class: "bar", id: `bar-${i}`, role: "option", "aria-label": label, "data-date": bin.date, "data-count": total });
      group.append(svg("title", {}, label));
      // an invisible full-height target so thin bars are easy to hit
      group.append(svg("rect", { x: left + i * step, y: top, width: step, height: plotH, class: "hit" }));
      let up = axisY, down = axisY;
      for (const [type, n] of entries) {
        const h = n * scale;
        const conflictual = sideOf(type) === "conflictual";
        const y = conflictual ? down : up - h;
        group.append(svg("rect", { x, y, width: barW, height: Math.max(h, 0.5), fill: typeColour(types, type), "data-type": type }));
        if (conflictual) down += h; else up -= h;
      }
      group.addEventListener("click", () => select(i, true));
      root.append(group);
      bars.push({ group, bin });
    });
    // about ten date ticks, whatever the number of bars
    const every = Math.ceil(bins.length / 10);
    bins.forEach((bin, i) => {
      if (i % every !== 0) return;
      const x = left + i * step + step / 2;
      root.append(svg("text", { x, y: height - 8, class: "tick", "text-anchor": i === 0 ? "start" : "middle" },
        unit === "month" ? bin.date.slice(0, 7) : bin.date));
    });

    let current = -1;
    function select(i, load) {
      if (current >= 0) bars[current].group.classList.remove("selected");
      current = Math.max(0, Math.min(bars.length - 1, i));
      const { group, bin } = bars[current];
      group.classList.add("selected");
      root.setAttribute("aria-activedescendant", group.id);
      status.textContent = group.getAttribute("aria-label");
      if (load) listEvents(bin.date, binEnd(bin, unit));
    }
    root.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
      if (event.key in moves) {
        event.preventDefault();
        const target = moves[event.key] === -Infinity ? 0 : moves[event.key] === Infinity ? bars.length - 1 : (current < 0 ? 0 : current + moves[event.key]);
        select(target, false);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(current < 0 ? 0 : current, true);
      }
    });
    const status = el("p", { class: "hint timeline-status", "aria-live": "polite" });
    const note = data.undated ? el("p", { class: "muted" }, `${data.undated} matching event(s) have no date and are not drawn.`) : null;
    container.replaceChildren(root, status, note || "");
    container.dataset.status = "ready";
    container.dataset.total = data.total;
  }

  async function listEvents(start, end, offset = 0) {
    const panel = document.getElementById("day-events");
    const params = { ...filters, start, end, limit: 50, offset };
    delete params.as_of;
    if (filters.start && filters.start > start) params.start = filters.start;
    if (filters.end && filters.end < end) params.end = filters.end;
    panel.dataset.status = "loading";
    try {
      const page = await getJSON("/api/events", params);
      const types = await plover();
      const heading = el("h3", {}, `${start === end ? start : start + " to " + end}: ${page.total} event${page.total === 1 ? "" : "s"}`);
      const list = el("ol", { class: "event-list", start: offset + 1 });
      for (const e of page.items) {
        const type = (e.event || [])[0] || "?";
        const side = types[type] ? types[type].side : "neutral";
        list.append(el("li", { class: `side-${side}` },
          el("a", { href: readerLink(e.article_id, e.id), class: "event-link", "data-event-id": e.id },
            el("b", {}, (e.event || []).join("/")), " ", entitiesLabel(e.actor), " → ", entitiesLabel(e.recipient)),
          " ", el("span", { class: `ev ev-${e.evidentiality}` }, e.evidentiality || ""),
          e.date ? el("span", { class: "muted" }, " " + e.date) : null,
          el("div", { class: "snippet" }, e.event_text || "")));
      }
      const more = page.next_offset !== null
        ? el("button", { type: "button", onclick: () => listEvents(start, end, page.next_offset) }, `Next ${Math.min(50, page.total - page.next_offset)} →`)
        : null;
      const back = offset > 0 ? el("button", { type: "button", onclick: () => listEvents(start, end, Math.max(0, offset - 50)) }, "← Previous") : null;
      panel.replaceChildren(heading, list, el("div", { class: "pager" }, back || "", more || ""));
      panel.dataset.status = "ready";
    } catch (error) {
      showError(panel, error);
    }
  }

  // ---- positions matrix ---------------------------------------------------------

  const asList = (value) => (value === null || value === undefined ? [] : [].concat(value));

  function drawPositions(container, state) {
    const positions = state.positions || [];
    if (!positions.length) {
      container.replaceChildren(el("p", { class: "muted" }, "No positions found up to this date."));
      return;
    }
    const labels = new Map((state.issues || []).map((i) => [i.id, i.label]));
    const actors = [...new Set(positions.map((p) => entityLabel(p.actor)))].sort();
    const issues = [...new Set(positions.map((p) => p.issue || "—"))].sort();
    const cells = new Map(positions.map((p) => [entityLabel(p.actor) + "\u0000" + (p.issue || "—"), p]));
    const table = el("table", { class: "matrix" },
      el("caption", { class: "muted" }, `${actors.length} actors × ${issues.length} issues` + (state.as_of ? ` as of ${state.as_of}` : "")),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Actor"),
        issues.map((i) => el("th", { scope: "col", title: i }, labels.get(i) || i)))));
    const body = el("tbody");
    for (const actor of actors) {
      const row = el("tr", {}, el("th", { scope: "row" }, actor));
      for (const issue of issues) {
        const p = cells.get(actor + "\u0000" + issue);
        const td = el("td");
        if (p) {
          td.className = "stance stance-" + String(p.stance || "").toLowerCase().replace(/[^a-z]+/g, "-");
          td.append(el("div", { class: "stance-now" }, p.stance || "?", p.changed ? el("span", { class: "changed", title: "changed over time" }, " ↻") : null),
            el("div", { class: "muted" }, p.as_of ? `since ${p.as_of}` : ""), evidenceLinks(asList(p.evidence)));
          const history = (p.history || []).slice(0, -1);
          if (history.length) {
            td.append(el("details", {}, el("summary", {}, `${history.length} earlier`),
              el("ul", {}, history.map((h) => el("li", {}, `${h.date || "?"}: ${h.stance || "?"} `, evidenceLinks(asList(h.evidence)))))));
          }
        }
        row.append(td);
      }
      body.append(row);
    }
    table.append(body);
    container.replaceChildren(table);
  }

  function evidenceLinks(ids) {
    if (!ids.length) return el("span", { class: "muted" }, "no evidence");
    return el("span", { class: "evidence" }, "evidence ",
      ids.map((id, i) => [el("a", { href: `/records/${encodeURIComponent(id)}`, title: id }, `[${i + 1}]`), " "]));
  }

  function drawProposals(container, state) {
    const proposals = state.proposals || [];
    if (!proposals.length) {
      container.replaceChildren(el("p", { class: "muted" }, "No proposals found."));
      return;
    }
    container.replaceChildren(el("table", { class: "list" },
      el("thead", {}, el("tr", {}, ["Date", "By", "To", "What", "Status", "Evidence"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, proposals.map((p) => el("tr", {},
        el("td", {}, p.date || "—"), el("td", {}, entityLabel(p.by)), el("td", {}, entitiesLabel(asList(p.to))),
        el("td", {}, `${p.kind ? p.kind + ": " : ""}${p.what || p.issue || "?"}`),
        el("td", {}, el("span", { class: `status status-${p.status}` }, p.status || "?"),
          (p.responses || []).map((r) => el("div", { class: "muted" }, `${r.date || "?"} ${entityLabel(r.by)}: ${r.status} `, evidenceLinks(asList(r.evidence))))),
        el("td", {}, evidenceLinks(asList(p.evidence))))))));
  }

  // ---- calendar of meetings and truces ------------------------------------------

  function drawCalendar(container, state) {
    const meetings = state.meetings || [];
    const truces = (state.truces || []).filter((t) => t.start || t.end);
    const marks = new Map(); // day -> {meetings: [{meeting, status}], truces: []}
    const at = (day) => marks.get(day) || marks.set(day, { meetings: [], truces: [] }).get(day);
    for (const m of meetings) {
      // the meeting's own date, and each dated step of its history (proposed, agreed ...)
      const steps = (m.history || []).filter((h) => h.date);
      steps.forEach((h) => at(h.date).meetings.push({ meeting: m, status: h.status }));
      if (m.date && !steps.some((h) => h.date === m.date)) at(m.date).meetings.push({ meeting: m, status: m.status });
    }
    for (const t of truces) {
      let d = parseDay(t.start || t.end);
      const end = parseDay(t.end || t.start);
      for (let n = 0; d <= end && n < 400; d += DAY, n++) at(iso(d)).truces.push(t);
    }
    if (!marks.size) {
      container.replaceChildren(el("p", { class: "muted" }, "No dated meetings or truces found."));
      return;
    }
    const days = [...marks.keys()].sort();
    const month = new Date(parseDay(days[0].slice(0, 7) + "-01"));
    const lastMonth = days[days.length - 1].slice(0, 7);
    const grid = el("div", { class: "months" });
    for (let n = 0; iso(month.getTime()).slice(0, 7) <= lastMonth && n < 24; n++) {
      grid.append(monthTable(new Date(month), marks));
      month.setUTCMonth(month.getUTCMonth() + 1);
    }
    const list = el("ul", { class: "cal-list" });
    const LIST_MAX = 100;
    for (const m of meetings.slice(0, LIST_MAX)) {
      const where = [m.place, m.country_code ? `(${m.country_code})` : null].filter(Boolean).join(" ");
      list.append(el("li", { class: "meeting" },
        el("b", {}, `Meeting ${m.date ? "on " + m.date : "(no date yet)"} · ${m.status || "?"}`),
        where ? ` in ${where}` : "",
        ` — ${entitiesLabel(asList(m.participants && m.participants.length ? m.participants : m.parties))}`,
        asList(m.mediators).length ? `; mediators: ${entitiesLabel(asList(m.mediators))}` : "",
        m.proposed_by ? `; proposed by ${entitiesLabel(asList(m.proposed_by))}` : "", " ",
        evidenceLinks(asList(m.evidence)),
        (m.history || []).length ? el("div", { class: "muted" }, (m.history || []).map((h) => `${h.date || "?"} ${h.status}`).join(" → ")) : null));
    }
    if (meetings.length > LIST_MAX) {
      list.append(el("li", { class: "muted" }, `… and ${meetings.length - LIST_MAX} more meetings: narrow the dates or the actor to see them.`));
    }
    for (const t of truces.slice(0, LIST_MAX)) {
      list.append(el("li", { class: "truce" }, el("b", {}, `Truce ${t.start || "?"} to ${t.end || "?"}`),
        t.declared_by ? ` declared by ${entitiesLabel(asList(t.declared_by))}` : "",
        t.unilateral ? " (unilateral)" : "", t.extended ? " (extended)" : "",
        asList(t.violations_alleged_by).length ? `; violations alleged by ${entitiesLabel(asList(t.violations_alleged_by))}` : "",
        " ", evidenceLinks(asList(t.evidence))));
    }
    container.replaceChildren(
      el("p", { class: "legend" }, el("span", { class: "swatch truce" }), " truce ", el("span", { class: "swatch meeting" }), " meeting step"),
      grid, list);
  }

  function monthTable(first, marks) {
    const name = first.toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
    const table = el("table", { class: "month" }, el("caption", {}, name),
      el("thead", {}, el("tr", {}, ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].map((d) => el("th", { scope: "col" }, d)))));
    const body = el("tbody");
    const year = first.getUTCFullYear(), monthIndex = first.getUTCMonth();
    const lead = (first.getUTCDay() + 6) % 7;
    const length = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
    let row = el("tr");
    for (let i = 0; i < lead; i++) row.append(el("td"));
    for (let day = 1; day <= length; day++) {
      const key = iso(Date.UTC(year, monthIndex, day));
      const mark = marks.get(key);
      const classes = [];
      const notes = [];
      if (mark && mark.truces.length) { classes.push("truce"); notes.push("truce"); }
      if (mark && mark.meetings.length) {
        classes.push("meeting");
        for (const { meeting, status } of mark.meetings) notes.push(`meeting ${status || ""} ${meeting.place || ""}`.trim());
      }
      row.append(el("td", { class: classes.join(" ") || null, title: notes.join("; ") || null, "aria-label": notes.length ? `${key}: ${notes.join("; ")}` : null }, String(day)));
      if ((lead + day) % 7 === 0) { body.append(row); row = el("tr"); }
    }
    if (row.children.length) body.append(row);
    table.append(body);
    return table;
  }

  // ---- start ---------------------------------------------------------------------

  /** Every date on which the state records something: the steps of the as-of slider. */
  function datesOf(state) {
    const days = new Set();
    const add = (d) => d && days.add(d);
    for (const p of state.positions || []) { add(p.as_of); (p.history || []).forEach((h) => add(h.date)); }
    for (const p of state.proposals || []) { add(p.date); (p.responses || []).forEach((r) => add(r.date)); }
    for (const m of state.meetings || []) { add(m.date); (m.history || []).forEach((h) => add(h.date)); }
    for (const t of state.truces || []) { add(t.start); add(t.end); }
    return [...days].sort();
  }

  let stepDates = null;
  function setUpSlider(state) {
    const slider = document.getElementById("as-of-step");
    const label = document.getElementById("as-of-step-label");
    stepDates = datesOf(state);
    if (stepDates.length < 2) return;
    slider.max = String(stepDates.length - 1);
    slider.value = String(stepDates.length - 1);
    slider.disabled = false;
    label.textContent = `${stepDates.length} dates, ${stepDates[0]} to ${stepDates[stepDates.length - 1]}`;
    slider.addEventListener("change", () => {
      const day = stepDates[Number(slider.value)];
      document.getElementById("as-of").value = day;
      label.textContent = `as of ${day} (${Number(slider.value) + 1} of ${stepDates.length})`;
      loadState();
    });
  }

  async function loadState() {
    const asOf = document.getElementById("as-of").value;
    const boxes = ["positions", "proposals", "calendar"].map((id) => document.getElementById(id));
    try {
      const state = await getJSON("/api/state", { as_of: asOf, actor: filters.actor });
      if (stepDates === null && !asOf) setUpSlider(state);
      drawPositions(boxes[0], state);
      drawProposals(boxes[1], state);
      drawCalendar(boxes[2], state);
    } catch (error) {
      boxes.forEach((box) => showError(box, error));
    }
  }

  async function loadTimeline() {
    const timeline = document.getElementById("timeline");
    try {
      const [types, data] = await Promise.all([plover(), getJSON("/api/event-counts", { ...filters, as_of: undefined })]);
      drawTimeline(timeline, data, types);
    } catch (error) {
      showError(timeline, error);
    }
  }

  async function start() {
    document.getElementById("asof-form").addEventListener("submit", (event) => { event.preventDefault(); loadState(); });
    // the timeline does not wait for the (slower) negotiation state
    await Promise.all([loadTimeline(), loadState()]);
    document.body.dataset.ready = "true";
  }

  start();
})();
