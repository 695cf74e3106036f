// Paste or upload an article: send it with the token, then poll the job and show its progress.
"use strict";

(function () {
  const { el, readerLink } = parley;
  const tokenInput = document.getElementById("token");
  const box = document.getElementById("progress");
  const bar = document.getElementById("progress-bar");
  const step = document.getElementById("progress-step");
  const results = document.getElementById("progress-results");
  const KEY = "parley-token";

  tokenInput.value = sessionStorage.getItem(KEY) || "";
  tokenInput.addEventListener("change", () => sessionStorage.setItem(KEY, tokenInput.value));

  async function send(url, init) {
    box.hidden = false;
    results.replaceChildren();
    bar.removeAttribute("value");
    step.textContent = "sending…";
    const headers = { Accept: "application/json", ...(init.headers || {}) };
    if (tokenInput.value) headers.Authorization = `Bearer ${tokenInput.value}`;
    let response, body;
    try {
      response = await fetch(url, { ...init, headers });
      body = await response.json().catch(() => null);
    } catch (error) {
      step.textContent = `Could not reach the server: ${error.message}`;
      return;
    }
    if (!response.ok) {
      step.textContent = `Refused (${response.status}): ${(body && body.error && body.error.message) || response.statusText}`;
      bar.value = 0;
      return;
    }
    poll(body.id);
  }

  async function poll(id) {
    const response = await fetch(`/api/jobs/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
    const job = await response.json();
    if (!response.ok) {
      step.textContent = (job.error && job.error.message) || "the job was lost";
      return;
    }
    if (job.total) { bar.max = job.total; bar.value = job.done; } else bar.removeAttribute("value");
    step.textContent = `${job.step}${job.total ? ` — ${job.done} of ${job.total} done` : ""}`;
    box.dataset.status = job.status;
    if (job.status === "done" || job.status === "failed") {
      bar.max = 1; bar.value = 1;
      results.replaceChildren(
        ...job.article_ids.map((a) => el("li", {}, "stored: ", el("a", { href: readerLink(a) }, a))),
        ...job.errors.map((message) => el("li", { class: "error-message" }, message)));
      return;
    }
    setTimeout(() => poll(id), 500);
  }

  document.getElementById("paste-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {};
    for (const [key, value] of form.entries()) if (value !== "") body[key] = value;
    send("/api/analyze", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  });

  document.getElementById("upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    if (!form.get("published")) form.delete("published");
    send("/api/ingest", { method: "POST", body: form });
  });
  document.body.dataset.ready = "true";
})();
