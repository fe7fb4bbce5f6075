// newsbrief's page: collects articles, calls POST /v1/summarize, shows the
// brief beside the sources. Every text from a user or an article goes in
// through textContent, never innerHTML.
"use strict";

const $ = (id) => document.getElementById(id);
let fileDocs = []; // [{source, text} | {source, html}]

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) {
    if (c == null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function setStatus(text, isError) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", !!isError);
}

function renderFiles() {
  const list = $("file-list");
  list.replaceChildren();
  fileDocs.forEach((d, i) => {
    const remove = el("button", { type: "button", title: "Remove " + d.source, ariaLabel: "Remove " + d.source }, "×");
    remove.addEventListener("click", () => { fileDocs.splice(i, 1); renderFiles(); });
    list.append(el("li", {}, d.source, remove));
  });
}

async function addFiles(files) {
  for (const f of files) {
    const body = await f.text();
    const isHtml = /\.html?$/i.test(f.name) || f.type === "text/html";
    fileDocs.push(isHtml ? { source: f.name, html: body } : { source: f.name, text: body });
  }
  renderFiles();
}

function pastedDocs() {
  return $("articles").value
    .split(/^\s*\|\|\|\|\|\s*$/m)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t, i) => ({ source: "pasted " + (i + 1), text: t }));
}

async function loadMethods() {
  try {
    const r = await fetch("/v1/methods");
    const { methods } = await r.json();
    const sel = $("method");
    for (const m of methods) {
      const opt = el("option", { value: m.name, title: m.description }, m.name);
      if (m.default) opt.selected = true;
      sel.append(opt);
    }
  } catch (e) {
    setStatus("Could not load the methods: " + e, true);
  }
}

async function loadExample() {
  setStatus("Loading the example…");
  const r = await fetch("/v1/example");
  const { documents } = await r.json();
  fileDocs = documents;
  $("articles").value = "";
  renderFiles();
  setStatus("Loaded the example: " + documents.length + " reports of the April 2017 Tillerson–Lavrov talks. Press Summarize.");
}

function cite(article, sentence) {
  const b = el("button", {
    type: "button",
    class: "cite",
    title: "Show the sentence in source " + (article + 1),
    "data-article": article,
    "data-sentence": sentence,
  }, "[" + (article + 1) + "]");
  b.addEventListener("click", () => highlight(article, sentence));
  return b;
}

function highlight(article, sentence) {
  for (const old of document.querySelectorAll(".sent.highlight")) old.classList.remove("highlight");
  const target = $("s-" + article + "-" + sentence);
  if (!target) return;
  target.classList.add("highlight");
  target.scrollIntoView({ block: "center", behavior: "smooth" });
}

function section(title, items, emptyText) {
  const box = el("div", { class: "brief-section" }, el("h3", {}, title));
  if (items.length === 0) box.append(el("p", { class: "empty" }, emptyText));
  else box.append(el("ul", {}, ...items));
  return box;
}

function renderResult(data) {
  const out = $("result");
  out.replaceChildren();
  const brief = data.brief;
  if (brief && brief.headline) out.append(el("h2", { class: "headline" }, brief.headline));
  out.append(el("p", { class: "meta" }, data.method + " · " + data.words + " words · " + data.documents.length + " sources"));
  const summary = el("div", { class: "summary", id: "summary" });
  data.sentences.forEach((s, k) => {
    const p = el("p", { class: "summary-sentence" }, s.text);
    for (const c of s.sources) p.append(cite(c.article, c.sentence));
    if (brief) p.append(el("span", { class: "carried" }, "(" + brief.corroboration[k] + " of " + data.documents.length + " sources)"));
    summary.append(p);
  });
  out.append(summary);
  if (brief) {
    out.append(section("Who said what", brief.quotes.slice(0, 15).map((q) => {
      const li = el("li", {},
        q.speaker ? el("span", { class: "speaker" }, q.speaker) : el("span", { class: "unknown" }, "speaker not named"),
        ": “" + q.text + "”");
      for (const p of q.sources) li.append(cite(p.article, p.sentence));
      return li;
    }), "No direct quotations."));
    out.append(section("Where the sources disagree", brief.conflicts.map((c) => {
      const li = el("li", {}, el("strong", {}, c.about), ": ");
      c.figures.forEach((f, i) => {
        if (i > 0) li.append(" vs ");
        li.append("“" + f.text + "”", cite(f.article, f.sentence));
      });
      li.append(" ", el("span", { class: "verdict" }, c.compatible ? "(could all hold)" : "(cannot all be true)"));
      return li;
    }), "No conflicting figures."));
    out.append(section("Only in one source", brief.exclusives.map((x) =>
      el("li", {}, x.text, cite(x.article, x.sentence))), "Every statement is carried by another source."));
    const kinds = [["person", "People"], ["organization", "Organizations"], ["place", "Places"]];
    out.append(section("Named", kinds.map(([kind, label]) => {
      const names = brief.entities.filter((e) => e.kind === kind)
        .map((e) => e.name + " (" + e.mentions.filter((m) => m > 0).length + "/" + data.documents.length + ")");
      return names.length ? el("li", {}, el("strong", {}, label + ": "), names.join(", ")) : null;
    }).filter((x) => x), "No names found."));
  }
  for (const w of data.warnings || []) out.append(el("p", { class: "meta" }, "Warning: " + w));
}

function renderSources(data) {
  const box = $("sources");
  box.replaceChildren(el("h2", {}, "Sources"));
  (data.sources_text || []).forEach((src, a) => {
    const text = el("div", { class: "source-text" });
    for (const piece of src.pieces) {
      if (piece.sentence === undefined) text.append(piece.text);
      else text.append(el("span", { class: "sent", id: "s-" + a + "-" + piece.sentence }, piece.text));
    }
    box.append(el("article", { class: "source", id: "source-" + a },
      el("h3", {}, "[" + (a + 1) + "] " + (src.title || src.name) + " ", el("span", { class: "name" }, src.title ? src.name : "")),
      text));
  });
}

// An error leaves no stale brief on screen that could be read as its answer.
function showError(text) {
  $("result").replaceChildren();
  $("sources").replaceChildren();
  setStatus(text, true);
}

// The words box: a whole number from 1 up, said so when it is not (a number
// input reports "" for text such as "abc"; 0 or "abc" used to become 100).
// Renders a summary response (from /v1/summarize or a story) with its
// sources; on an error response shows the server's message and gives null.
async function show(r) {
  const data = await r.json();
  if (!r.ok) {
    showError((data.error && data.error.message) || ("HTTP " + r.status));
    return null;
  }
  renderResult(data);
  renderSources(data);
  return data;
}

function wordBudget() {
  const raw = $("words").value.trim();
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) {
    return null;
  }
  return Number(raw);
}

async function run() {
  const documents = fileDocs.concat(pastedDocs());
  if (documents.length === 0) {
    showError("Add at least one article, or press Load example.");
    return;
  }
  const words = wordBudget();
  if (words === null) {
    showError("Words must be a whole number of at least 1.");
    $("words").focus();
    return;
  }
  const body = { documents, method: $("method").value || undefined, words, brief: $("brief").checked, include_sources: true };
  setStatus("Summarizing " + documents.length + " articles…");
  $("run").disabled = true;
  const t0 = performance.now();
  try {
    const r = await fetch("/v1/summarize", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!(await show(r))) return;
    setStatus("Done in " + Math.round(performance.now() - t0) + " ms. Click a citation to see the sentence in its source.");
  } catch (e) {
    showError("The request failed: " + e);
  } finally {
    $("run").disabled = false;
  }
}

// The Stories view: shown only when the server has a store (`serve --db`);
// without one /v1/stories is a 404 and the view stays hidden.
function span(s) {
  const day = (t) => t.slice(0, 16).replace("T", " ");
  if (!s.first_seen) return "undated";
  return s.first_seen === s.last_seen ? day(s.first_seen) : day(s.first_seen) + " – " + day(s.last_seen);
}

async function loadStories() {
  let r;
  try {
    r = await fetch("/v1/stories?limit=200");
  } catch (e) {
    return;
  }
  if (!r.ok) return;
  const { stories } = await r.json();
  const list = $("story-list");
  list.replaceChildren();
  for (const s of stories) {
    const b = el("button", { type: "button", class: "story", "data-story": s.id },
      el("span", { class: "story-headline" }, s.headline),
      el("span", { class: "story-meta" },
        s.articles + (s.articles === 1 ? " article" : " articles") + " · " +
        s.sources + (s.sources === 1 ? " source" : " sources") + " · " + span(s)));
    b.addEventListener("click", () => openStory(s.id, b));
    list.append(el("li", {}, b));
  }
  if (stories.length === 0) list.append(el("li", { class: "empty" }, "No stories yet: add articles with `newsbrief stories add` or POST /v1/articles."));
  $("stories").hidden = false;
}

async function openStory(id, button) {
  for (const b of document.querySelectorAll(".story[aria-current]")) b.removeAttribute("aria-current");
  button.setAttribute("aria-current", "true");
  setStatus("Loading story " + id + "…");
  try {
    const r = await fetch("/v1/stories/" + id + "?include_sources=true");
    const data = await show(r);
    if (!data) return;
    setStatus("Story " + id + ": " + data.story.articles + " articles. Click a citation to see the sentence in its source.");
  } catch (e) {
    showError("The request failed: " + e);
  }
}

function init() {
  loadMethods();
  loadStories();
  $("run").addEventListener("click", run);
  $("load-example").addEventListener("click", () => loadExample().catch((e) => setStatus(String(e), true)));
  $("clear").addEventListener("click", () => {
    fileDocs = [];
    $("articles").value = "";
    renderFiles();
    $("result").replaceChildren();
    $("sources").replaceChildren();
    setStatus("");
  });
  $("files").addEventListener("change", (e) => addFiles(e.target.files));
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    addFiles(e.dataTransfer.files);
  });
}

init();
