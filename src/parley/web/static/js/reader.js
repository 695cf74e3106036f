// The article reader: choose a highlight or a record to see the record and its evidential status.
// The highlighted text itself is built (and escaped) on the server.
"use strict";

(function () {
  const { el, entityLabel, entitiesLabel } = parley;
  const data = JSON.parse(document.getElementById("analysis-data").textContent);
  const text = document.getElementById("article-text");
  const panel = document.getElementById("record-panel");

  const EVIDENTIALITY = {
    quote: "inside a direct quotation of a named speaker",
    attributed: "reported as said, written or done by a named source",
    anonymous: "attributed to an unnamed source (“officials said”, “a source familiar with”)",
    hedged: "hedged by the outlet (“reportedly”, “allegedly”, “is said to”)",
    outlet: "asserted by the article in its own voice",
  };

  const records = new Map(); // ref -> {kind, record}
  const byId = new Map(); // record id -> ref
  const add = (letter, kind, list) => (list || []).forEach((record, i) => {
    records.set(letter + i, { kind, record });
    if (record.id) byId.set(record.id, letter + i);
  });
  add("e", "event", data.events);
  add("q", "quote", data.quotes);
  add("f", "flag", data.flags);
  add("c", "claim", data.claims);

  const spanLength = (ref) => {
    const { kind, record } = records.get(ref);
    const where = kind === "event" ? (record.trigger || record.text_info || {}) : record;
    return (where.end || 0) - (where.start || 0);
  };

  function field(name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
    return [el("dt", {}, name), el("dd", {}, Array.isArray(value) ? value.join(", ") : String(value))];
  }

  function evidential(status) {
    if (!status) return null;
    return [el("dt", {}, "evidential status"),
      el("dd", {}, el("span", { class: `ev ev-${status}` }, status), " — ", EVIDENTIALITY[status] || "")];
  }

  function describe(ref) {
    const { kind, record: r } = records.get(ref);
    const rows = [];
    if (kind === "event") {
      const loc = r.event_loc || {};
      rows.push(field("type", (r.event || []).join("/")), field("mode", r.mode), field("context", r.context),
        field("actor", entitiesLabel(r.actor)), field("recipient", entitiesLabel(r.recipient)),
        field("date", r.date || "unknown"), evidential(r.evidentiality),
        field("reported by", r.speaker ? entityLabel(r.speaker) : null), field("modality", r.modality),
        field("CAMEO", r.cameo), field("place", loc.resolved_place || loc.extracted_place),
        field("trigger", r.trigger && r.trigger.text), field("sentence", r.event_text), field("id", r.id));
    } else if (kind === "quote") {
      rows.push(field("speaker", r.speaker ? entityLabel(r.speaker) : r.anonymous ? "anonymous source" : "unknown"),
        field("kind", r.kind), field("medium", r.medium), field("cue", r.cue), field("date", r.date),
        evidential(r.anonymous ? "anonymous" : r.kind === "direct" ? "quote" : "attributed"),
        field("text", r.text), field("id", r.id));
    } else if (kind === "claim") {
      rows.push(field("text", r.text), evidential(r.evidentiality),
        field("speaker", r.speaker ? entityLabel(r.speaker) : null), field("cue", r.cue), field("id", r.id));
    } else {
      rows.push(field("kind", r.kind), field("message", r.message), field("words", r.mention),
        field("expected", r.expected), field("category", r.category));
    }
    return el("dl", { class: "record" }, rows.flat().filter(Boolean));
  }

  function select(ref, { focus = false, scroll = true } = {}) {
    if (!records.has(ref)) return;
    document.querySelectorAll(".hl.active, .rec.active").forEach((n) => n.classList.remove("active"));
    const marks = text.querySelectorAll(`[data-refs~="${ref}"]`);
    marks.forEach((n) => n.classList.add("active"));
    document.querySelectorAll(`.rec[data-ref="${ref}"]`).forEach((n) => n.classList.add("active"));
    const { kind } = records.get(ref);
    const here = marks.length ? marks[0].dataset.refs.split(" ").filter((r) => r !== ref) : [];
    const parts = [
      el("h2", {}, kind[0].toUpperCase() + kind.slice(1)),
      describe(ref),
      marks.length ? null : el("p", { class: "muted" }, "Not highlighted in the text."),
      here.length ? el("div", { class: "also" }, "Also here: ",
        here.map((other) => el("button", { type: "button", class: "linkish", onclick: () => select(other, { focus: true }) },
          `${records.get(other).kind} ${other.slice(1)}`))) : null,
    ];
    panel.replaceChildren(...parts.filter(Boolean));
    panel.dataset.ref = ref;
    if (marks.length && scroll) marks[0].scrollIntoView({ block: "center", behavior: "instant" });
    if (marks.length && focus) marks[0].focus({ preventScroll: true });
  }

  function fromMark(mark) {
    // the shortest record covering the piece is the most specific one
    const refs = mark.dataset.refs.split(" ").sort((a, b) => spanLength(a) - spanLength(b));
    select(refs[0], { scroll: false });
  }

  text.addEventListener("click", (event) => {
    const mark = event.target.closest(".hl");
    if (mark) fromMark(mark);
  });
  text.addEventListener("keydown", (event) => {
    const mark = event.target.closest(".hl");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      fromMark(mark);
    }
  });
  document.querySelectorAll(".rec[data-ref]").forEach((button) =>
    button.addEventListener("click", () => select(button.dataset.ref, { focus: true })));

  function fromHash() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id && byId.has(id)) select(byId.get(id), { focus: true });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.dataset.ready = "true";
})();
