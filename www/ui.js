// What the demo portal's pages share beyond the package's own DOM helpers:
// for the hand-built pages (partners, claim, neighbourhood, place) the page's
// one GOV.UK error summary (put first in <main> when first needed), its status
// line and a receipt; for the charts, `svg`. Elements, form groups,
// tables and money cells are the package's (src/js/dom.js, served in pkg/), so
// the pages build their HTML exactly as the elements do: as text, no inline
// styles or scripts. What these helpers write themselves (the summary's title,
// "Remove", the receipt, "Save or open this case", the problems' count) is in
// the language of the page's <main> now, from the package's word table; an
// engine error with no Welsh twin stays English, marked lang="en-GB".
export { formatMoney, percentToRate, rateToPercent } from "../pkg/elements.js";
export { el, formGroup, moneyCell, table } from "../pkg/dom.js";
export { confirmThen };
import { checkbox, confirmThen, details, el, fieldMessage, formGroup, summaryList } from "../pkg/dom.js";
import {
  caseFile, caseFileName, clearAll, deleteDraft, download, readCaseFile, readDraft, shapeError, writeDraft,
} from "../pkg/case-store.js";
import { errorMessage, language, t } from "../pkg/i18n.js";
import { languageSwitch } from "./shell.js";

export const $ = (id) => document.getElementById(id);

/**
 * `en` or `cy`: the language of the page's <main> now: the page's, unless the
 * page has no Welsh words of its own (the shell then keeps <main> English).
 */
const lang = () => language(($("main-content") ?? document.documentElement).closest("[lang]")?.getAttribute("lang"));

/**
 * A page's sentences (`table`: { key: { en, cy } }, placeholders written
 * {name}) as a function: `words(key, values)` is the sentence in the page's
 * language now, its placeholders filled from `values`.
 */
export function wordsOf(table) {
  return (key, values = {}) => table[key][lang()].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/**
 * Starts a hand-built page: its HTML's words (`words`, { id or "title": { en, cy } },
 * with "engine-status" the line said while the engine loads) go to the
 * shell's language switch; `start()` loads the engine and fills the form;
 * then #engine-status says `ready` ({ en, cy }), or `failed` ({ en, cy }) and
 * the browser's reason (English). After a switch of language, once started,
 * an open confirmation is put away (as Cancel would) and `redraw()` writes
 * the form and the results again in the new language.
 */
export function startPage({ words, ready, failed, start, redraw }) {
  const engine = { ready: false, failure: null };
  const show = () => {
    const status = $("engine-status");
    if (engine.failure !== null) status.replaceChildren(failed[lang()], el("span", { lang: "en-GB", text: engine.failure }));
    else status.textContent = (engine.ready ? ready : words["engine-status"])[lang()];
  };
  languageSwitch(words, () => {
    if (engine.ready) {
      document.querySelectorAll(".cb-confirm").forEach((question) => question.remove());
      redraw();
    }
    show();
  });
  start().then(() => {
    engine.ready = true;
    show();
    document.documentElement.dataset.ready = "true";
  }, (e) => {
    engine.failure = e.message;
    show();
  });
}

/** The page's GOV.UK error summary, first in <main> (made the first time it is needed), hidden until there is a problem. */
function errorSummary() {
  let summary = $("error-summary");
  if (!summary) {
    summary = el("div", { id: "error-summary", class: "govuk-error-summary", hidden: true, tabindex: "-1" },
      el("div", { class: "govuk-error-summary__body" },
        el("h2", { class: "govuk-error-summary__title", id: "error-summary-title", text: t(lang(), "errors.title") }),
        el("ul", { class: "govuk-list govuk-error-summary__list", id: "error-summary-list" })));
    $("main-content").prepend(summary);
  }
  return summary;
}

/** SVG elements for the pages' charts, as `el` makes HTML ones: `svg("rect", { x: 0, text: "…" }, child, …)`. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}

export function clearErrors() {
  errorSummary().hidden = true;
  document.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  document.querySelectorAll(".govuk-input--error, .govuk-select--error").forEach((i) => {
    i.classList.remove("govuk-input--error", "govuk-select--error");
  });
  document.querySelectorAll(".govuk-error-message").forEach((p) => { p.hidden = true; p.textContent = ""; });
  document.querySelectorAll("[aria-describedby]").forEach((input) => {
    const ids = input.getAttribute("aria-describedby").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  });
}

/** Lists the errors in the summary and marks each field; `idFor(path)` names the input of an error path. */
export function showErrors(errors, idFor) {
  const summary = errorSummary();
  const list = $("error-summary-list");
  const l = lang();
  $("error-summary-title").textContent = t(l, "errors.title");
  list.replaceChildren();
  for (const error of errors) {
    const id = idFor(error.path);
    const input = $(id);
    // The page's own messages (no code) come in its language; the engine's are put in it where they can be.
    const said = error.code === undefined ? error.message : fieldMessage(l, error, input, errorMessage(l, error));
    const english = l === "cy" && error.code !== undefined && said === error.message;
    const text = () => (english ? el("span", { lang: "en-GB", text: said }) : said);
    list.append(el("li", {}, el("a", { href: `#${id}` }, text())));
    const message = $(`${id}-error`);
    if (!input || !message) continue;
    $(`${id}-group`)?.classList.add("govuk-form-group--error");
    input.classList.add(input.tagName === "SELECT" ? "govuk-select--error" : "govuk-input--error");
    if (message.hidden) {
      message.hidden = false;
      message.append(el("span", { class: "govuk-visually-hidden", text: t(l, "errors.prefix") }), text());
    }
    const described = new Set((input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
    described.add(`${id}-error`);
    input.setAttribute("aria-describedby", [...described].join(" "));
  }
  // While the officer types, the summary is shown but focus is not moved into it:
  // stealing focus mid-word would make the form unusable. The status line announces it.
  summary.hidden = false;
}

/** Links in the error summary put the cursor in their field. */
export function followErrorLinks() {
  errorSummary();
  $("error-summary-list").addEventListener("click", (e) => {
    const link = e.target.closest("a");
    if (!link) return;
    e.preventDefault();
    document.getElementById(link.getAttribute("href").slice(1))?.focus();
  });
}

/**
 * One recalculation of a hand-built page: with nothing typed (`empty`), the
 * `placeholders` ([summary, results] texts) in #summary and #results and
 * nothing said; else `compute()`, its answer given to `onAnswer`, and a broken
 * call (`broken`: what to say) or a failure shown in the error summary, each
 * problem at its field (`idFor(path)`), with `correct` in place of the results.
 * Returns a success answer, or null.
 */
export function answerOf({ empty, placeholders: [summary, results], compute, broken, idFor, correct, onAnswer = () => {} }) {
  clearErrors();
  const say = (id, text) => $(id).replaceChildren(el("p", { class: "govuk-body", text }));
  if (empty) {
    say("summary", summary);
    say("results", results);
    announce("");
    return null;
  }
  let answer;
  try {
    answer = compute();
  } catch (e) {
    // Only a call of the wrong shape throws; the form never builds one, so this is a bug.
    showErrors([{ message: `${broken}: ${e.message}` }], idFor);
    return null;
  }
  onAnswer(answer);
  if (answer.type === "failure") {
    showErrors(answer.errors, idFor);
    say("summary", correct);
    say("results", correct);
    const n = answer.errors.length;
    announce(n === 1 ? t(lang(), "status.problems.one") : t(lang(), "status.problems.many", { n }));
    return null;
  }
  return answer;
}

/**
 * Fills #container with a row per item of `list` (`make(row, i)` its fields), each with a "Remove"
 * button (read out with `label` and its number) that takes the item out of `list` and calls `onRemove`;
 * then puts the cursor in row `focusIndex`, if given.
 */
export function rowList(container, list, make, label, focusIndex, onRemove) {
  const node = $(container);
  node.replaceChildren(...list.map((row, i) => el("div", { class: "cb-row", id: `${container}-${i}` }, make(row, i),
    el("button", {
      type: "button", class: "govuk-button govuk-button--secondary",
      onclick: () => { list.splice(i, 1); onRemove(); },
    }, t(lang(), "item.remove"), el("span", { class: "govuk-visually-hidden", text: ` ${label} ${i + 1}` })))));
  if (focusIndex !== undefined) node.querySelector(`#${container}-${focusIndex} input, #${container}-${focusIndex} select`)?.focus();
}

let lastAnnouncement = "";
/** Says `text` in the page's status line (read out by screen readers), once. */
export function announce(text) {
  if (text === lastAnnouncement) return;
  lastAnnouncement = text;
  $("status").textContent = text;
}

/** The receipt of an answer in a GOV.UK details element, with any `extra` [label, text] rows. */
export function receiptDetails(r, extra = []) {
  const l = lang();
  return details(t(l, "receipt.summary"), {}, summaryList([
    [t(l, "receipt.engine"), r.engineVersion],
    [t(l, "receipt.table"), `${r.unitCostTable.id} (SHA-256 ${r.unitCostTable.sha256})`],
    [t(l, "receipt.input"), r.inputSha256],
    ...extra,
  ], "cb-hash"));
}

/**
 * "Save or open this case" for a hand-built page, as the package's elements
 * offer it (case-storage="file draft", in the same words): a case file saved
 * (`KIND-YYYY-MM-DD.json`) and opened, a draft kept in this browser only once
 * the officer opts in, and saved data cleared once they confirm. Appended to
 * the form `formId`. `kind` names the case; `schema` is its shape (see
 * case-store.js's shapeError) and `check(data)`, if given, the path of a
 * further problem or null; `current()` is what is kept and `load(data)` puts
 * it back. A file that is not a case of this kind is refused, naming what is
 * wrong, and the form stays as it was. Returns `changed()`, to call after
 * every edit (it keeps the draft), `restore()`, to call once at start, and
 * `relabel()`, to call when the page's language changes.
 */
export function keepCase({ formId, kind, schema, check = () => null, current, load, idFor }) {
  const key = `page:${kind}`;
  let draftOn = false;
  const say = (text) => { $("case-message").textContent = text; };
  const problem = (data) => shapeError(data, schema) ?? check(data);
  const open = async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const read = readCaseFile(await file.text(), kind, problem);
    e.target.value = "";
    const l = lang();
    if (read.error) {
      const reason = ["json", "format", "version", "kind"].includes(read.error)
        ? t(l, `case.bad.${read.error}`, { kind }) : t(l, "case.badShape", { field: read.error });
      say("");
      clearErrors();
      showErrors([{ message: t(l, "case.bad", { name: file.name, reason }), path: "@open-case" }], (path) => (path === "@open-case" ? "open-case" : idFor(path)));
      $("error-summary").focus();
      return;
    }
    load(read.call);
    say(t(l, "case.opened", { name: file.name }));
  };
  // The section, in the page's language now (made again when the language changes).
  const section = (l = lang()) => {
    const clearSaved = el("button", { type: "button", class: "govuk-button govuk-button--warning", id: "clear-saved", text: t(l, "case.clear"),
      onclick: () => confirmThen(clearSaved, lang(), "saved", async () => {
        draftOn = false;
        $("keep-draft").checked = false;
        await clearAll();
        say(t(lang(), "case.cleared"));
        clearSaved.focus();
      }) });
    return el("fieldset", { class: "govuk-fieldset", id: "case-section", "aria-describedby": "case-hint" },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
        el("h2", { class: "govuk-fieldset__heading", text: t(l, "case.heading") })),
      el("div", { class: "govuk-hint", id: "case-hint", text: t(l, "case.hint") }),
      el("div", { class: "govuk-button-group" },
        el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "save-case", text: t(l, "case.save"),
          onclick: () => {
            const name = caseFileName(kind);
            download(name, caseFile(kind, current()));
            say(t(lang(), "case.saved", { name }));
          } })),
      formGroup("open-case", t(l, "case.open"), el("input", { type: "file", accept: ".json,application/json", id: "open-case", class: "govuk-file-upload", onchange: open })),
      el("div", { class: "govuk-checkboxes govuk-checkboxes--small govuk-form-group", "data-module": "govuk-checkboxes" },
        checkbox("keep-draft", t(l, "case.draft"), draftOn, async (on) => {
          draftOn = on;
          if (on) await writeDraft(key, current());
          else await deleteDraft(key);
          say(t(lang(), on ? "case.draftOn" : "case.draftOff"));
        })),
      el("div", { class: "govuk-button-group" }, clearSaved),
      el("p", { class: "govuk-body", id: "case-message", role: "status" }));
  };
  $(formId).append(section());
  return {
    changed() {
      if (draftOn) writeDraft(key, current()).catch(() => {});
    },
    async restore() {
      const draft = await readDraft(key).catch(() => undefined);
      if (draft === undefined || problem(draft) !== null) return;
      draftOn = true;
      $("keep-draft").checked = true;
      load(draft);
      say(t(lang(), "case.restored"));
    },
    /** Writes the section again in the page's language now (what it last said, in the old one, goes). */
    relabel() {
      $("case-section").replaceWith(section());
    },
  };
}
