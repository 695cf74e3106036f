// Helpers shared by the pages. Every piece of data goes into the DOM through
// textContent or setAttribute, never innerHTML: record text comes from untrusted articles.
"use strict";

const parley = (function () {
  const SVG = "http://www.w3.org/2000/svg";

  /** Make an element: el("a", {href: "/x", class: "c"}, "text", child, ...). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    return fill(node, attrs, children);
  }

  /** Make an SVG element the same way. */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    return fill(node, attrs, children);
  }

  function fill(node, attrs, children) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) {
        // handlers are functions from this code only; a string is never turned into an attribute
        if (typeof value === "function") node.addEventListener(key.slice(2), value);
        continue;
      }
      node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** GET a JSON API path; throws an Error carrying the API's own message on failure. */
  async function getJSON(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
      else if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
    }
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && body.error && body.error.message) || `HTTP ${response.status}`);
    }
    return body;
  }

  function entityLabel(entity) {
    if (!entity) return "—";
    if (typeof entity === "string") return entity;
    return entity.identifier_text || entity.entity_text || entity.code || "?";
  }

  function entitiesLabel(list) {
    return (list || []).map(entityLabel).join(", ") || "—";
  }

  let ploverPromise = null;
  /** PLOVER type -> {score, side}, from the packaged plover.json. */
  function plover() {
    if (!ploverPromise) {
      ploverPromise = fetch("/static/plover.json").then((r) => r.json()).then((d) => d.types);
    }
    return ploverPromise;
  }

  /** Fill colour of a PLOVER type: green cooperative, red conflictual, grey neutral, darker when stronger. */
  function typeColour(types, name) {
    const info = types[name];
    if (!info || info.side === "neutral") return "hsl(220, 8%, 60%)";
    const strength = Math.min(1, Math.abs(info.score) / 10);
    const light = 72 - 34 * strength;
    return info.side === "cooperative" ? `hsl(150, 55%, ${light}%)` : `hsl(4, 70%, ${light}%)`;
  }

  /** The page's filter form as an object of non-empty values. */
  function formParams(form) {
    const out = {};
    if (!form) return out;
    for (const [key, value] of new FormData(form).entries()) {
      if (value !== "") out[key] = value;
    }
    return out;
  }

  function readerLink(articleId, recordId) {
    return `/articles/${encodeURIComponent(articleId)}` + (recordId ? `#${encodeURIComponent(recordId)}` : "");
  }

  function showError(container, error) {
    container.replaceChildren(el("p", { class: "error-message", role: "alert" }, `Could not load: ${error.message}`));
    container.dataset.status = "error";
  }

  return { el, svg, getJSON, entityLabel, entitiesLabel, plover, typeColour, formParams, readerLink, showError };
})();
