// What the demo portal's pages share beyond the package's own DOM helpers:
// for the hand-built pages (partners, claim, neighbourhood, place) the page's
// one GOV.UK error summary (put first in <main> when first needed), its status
// line and a receipt; for the charts, `svg`. Elements, form groups,
// tables and money cells are the package's (src/js/dom.js, served in pkg/), so
// the pages build their HTML exactly as the elements do: as text, no inline
// styles or scripts. What these helpers write themselves (the summary's title,
// "Remove", the receipt) is in the page's language now (shell.js); the engine's
// own sentences stay English and are marked so (`english`).
export { formatMoney, percentToRate, rateToPercent } from "../pkg/elements.js";
export { el, formGroup, moneyCell, table } from "../pkg/dom.js";
export { confirmThen };
import { checkbox, confirmThen, details, el, fieldMessage, formGroup, summaryList } from "../pkg/dom.js";
import {
  caseFile, caseFileName, clearAll, deleteDraft, download, readCaseFile, readDraft, shapeError, writeDraft,
} from "../pkg/case-store.js";
import { t } from "../pkg/i18n.js";
import { languageSwitch, pageLanguage } from "./shell.js";

export const $ = (id) => document.getElementById(id);

/**
 * A page's words, `{ key: { en, cy } }`, as a function: `words(key, values)` is
 * the key's text in the page's language now, each `{name}` replaced by `values[name]`.
 */
export const wordsOf = (table) => (key, values = {}) =>
  table[key][pageLanguage()].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

/** Text of the engine's (in English whatever the page's language), marked as English for screen readers. */
export const english = (text) => el("span", { lang: "en-GB", text });

/**
 * A line of the page (#id) in the page's `words`: `say(key, values)` writes it (a null key empties it),
 * with `values.english` after it if given (the engine's or the browser's words, marked English);
 * `again()` writes it again, after a change of language.
 */
export function wordLine(id, words) {
  let said = [null, {}];
  const again = () => {
    const [key, values] = said;
    $(id).replaceChildren(...(key ? [words(key, values), values.english ? english(values.english) : ""] : []));
  };
  return { say(key, values = {}) { said = [key, values]; again(); }, again };
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
    if (engine.failure !== null) status.replaceChildren(failed[pageLanguage()], el("span", { lang: "en-GB", text: engine.failure }));
    else status.textContent = (engine.ready ? ready : words["engine-status"])[pageLanguage()];
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
        el("h2", { class: "govuk-error-summary__title", id: "error-summary-title", text: t(pageLanguage(), "errors.title") }),
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

/**
 * An error's message in `lang`: a rate refused on a percentage field asked for
 * as a percentage, in `lang`; any other engine error (one with a `code`) as the
 * engine wrote it, marked English. (Not i18n.js's errorMessage: its Welsh is per
 * code, and these engines say more under one code, e.g. "Enter an amount above
 * zero.", which its "… that is not negative" would contradict.) A page's own
 * message (no `code`) is in its words, and may be a list of texts and nodes (`english(…)`).
 */
function errorText(lang, error, input) {
  const text = fieldMessage(lang, error, input, error.message);
  return error.code !== undefined && text === error.message ? english(text) : text;
}

/** A message (text, a node, or a list of both) as fresh nodes, so that it can be shown twice. */
const parts = (message) => [message].flat().map((p) => (typeof p === "string" ? p : p.cloneNode(true)));

/** Lists the errors in the summary and marks each field; `idFor(path)` names the input of an error path; `lang`, the page's language (by default the page's own). */
export function showErrors(errors, idFor, lang = pageLanguage()) {
  const summary = errorSummary();
  $("error-summary-title").textContent = t(lang, "errors.title");
  const list = $("error-summary-list");
  list.replaceChildren();
  for (const error of errors) {
    const id = idFor(error.path);
    const input = $(id);
    const text = errorText(lang, error, input);
    list.append(el("li", {}, el("a", { href: `#${id}` }, parts(text))));
    const message = $(`${id}-error`);
    if (!input || !message) continue;
    $(`${id}-group`)?.classList.add("govuk-form-group--error");
    input.classList.add(input.tagName === "SELECT" ? "govuk-select--error" : "govuk-input--error");
    if (message.hidden) {
      message.hidden = false;
      message.append(el("span", { class: "govuk-visually-hidden", text: t(lang, "errors.prefix") }), ...parts(text));
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
    announce(n === 1 ? t(pageLanguage(), "status.problems.one") : t(pageLanguage(), "status.problems.many", { n }));
    return null;
  }
  return answer;
}

/**
 * Fills #container with a row per item of `list` (`make(row, i)` its fields), each with a "Remove"
 * button (in the page's language, read out with `label` and its number) that takes the item out of `list` and calls `onRemove`;
 * then puts the cursor in row `focusIndex`, if given.
 */
export function rowList(container, list, make, label, focusIndex, onRemove) {
  const node = $(container);
  node.replaceChildren(...list.map((row, i) => el("div", { class: "cb-row", id: `${container}-${i}` }, make(row, i),
    el("button", {
      type: "button", class: "govuk-button govuk-button--secondary",
      onclick: () => { list.splice(i, 1); onRemove(); },
    }, t(pageLanguage(), "item.remove"), el("span", { class: "govuk-visually-hidden", text: ` ${label} ${i + 1}` })))));
  if (focusIndex !== undefined) node.querySelector(`#${container}-${focusIndex} input, #${container}-${focusIndex} select`)?.focus();
}

let lastAnnouncement = "";
/** Says `text` in the page's status line (read out by screen readers), once. */
export function announce(text) {
  if (text === lastAnnouncement) return;
  lastAnnouncement = text;
  $("status").textContent = text;
}

/** The receipt of an answer in a GOV.UK details element (in the page's language), with any `extra` [label, text] rows. */
export function receiptDetails(r, extra = []) {
  const lang = pageLanguage();
  return details(t(lang, "receipt.summary"), {}, summaryList([
    [t(lang, "receipt.engine"), r.engineVersion],
    [t(lang, "receipt.table"), `${r.unitCostTable.id} (SHA-256 ${r.unitCostTable.sha256})`],
    [t(lang, "receipt.input"), r.inputSha256],
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
 * wrong, and the form stays as it was. `lang()`, if given, is the page's
 * language now (default: the page's own), and `words` ({ "case.save": { en, cy }, … })
 * the page's own words for any of the package's `case.*` texts. Returns
 * `changed()`, to call after every edit (it keeps the draft), `restore()`, to
 * call once at start, and `relabel()`, to call after the language changes.
 */
export function keepCase({ formId, kind, schema, check = () => null, current, load, idFor, lang = pageLanguage, words = {} }) {
  const key = `page:${kind}`;
  let draftOn = false;
  // The page's word for `name`, else the package's, in the page's language now.
  const w = (name, values = {}) => (words[name]
    ? words[name][lang()].replace(/\{(\w+)\}/g, (_, v) => String(values[v] ?? `{${v}}`)) : t(lang(), name, values));
  // The last thing said (and the last file refused), to say again in another language.
  let said = null;
  let refused = null;
  const say = (name, values) => {
    said = name ? [name, values] : null;
    $("case-message").textContent = name ? w(name, values) : "";
  };
  const showRefusal = () => {
    const { name, error } = refused;
    const reason = ["json", "format", "version", "kind"].includes(error)
      ? w(`case.bad.${error}`, { kind }) : w("case.badShape", { field: error });
    showErrors([{ message: w("case.bad", { name, reason }), path: "@open-case" }], (path) => (path === "@open-case" ? "open-case" : idFor(path)), lang());
  };
  const problem = (data) => shapeError(data, schema) ?? check(data);
  const open = el("input", { type: "file", accept: ".json,application/json", id: "open-case", class: "govuk-file-upload",
    onchange: async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      const read = readCaseFile(await file.text(), kind, problem);
      e.target.value = "";
      if (read.error) {
        say(null);
        clearErrors();
        refused = { name: file.name, error: read.error };
        showRefusal();
        $("error-summary").focus();
        return;
      }
      refused = null;
      await load(read.call);
      say("case.opened", { name: file.name });
    } });
  const clearSaved = el("button", { type: "button", class: "govuk-button govuk-button--warning", id: "clear-saved", text: w("case.clear"),
    onclick: () => confirmThen(clearSaved, lang(), "saved", async () => {
      draftOn = false;
      $("keep-draft").checked = false;
      await clearAll();
      say("case.cleared");
      clearSaved.focus();
    }) });
  $(formId).append(el("fieldset", { class: "govuk-fieldset", id: "case-section", "aria-describedby": "case-hint" },
    el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
      el("h2", { class: "govuk-fieldset__heading", id: "case-heading", text: w("case.heading") })),
    el("div", { class: "govuk-hint", id: "case-hint", text: w("case.hint") }),
    el("div", { class: "govuk-button-group" },
      el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "save-case", text: w("case.save"),
        onclick: () => {
          const name = caseFileName(kind);
          download(name, caseFile(kind, current()));
          say("case.saved", { name });
        } })),
    formGroup("open-case", w("case.open"), open),
    el("div", { class: "govuk-checkboxes govuk-checkboxes--small govuk-form-group", "data-module": "govuk-checkboxes" },
      checkbox("keep-draft", w("case.draft"), false, async (on) => {
        draftOn = on;
        if (on) await writeDraft(key, current());
        else await deleteDraft(key);
        say(on ? "case.draftOn" : "case.draftOff");
      })),
    el("div", { class: "govuk-button-group" }, clearSaved),
    el("p", { class: "govuk-body", id: "case-message", role: "status" })));
  return {
    relabel() {
      for (const [id, name] of [["case-heading", "case.heading"], ["case-hint", "case.hint"], ["save-case", "case.save"], ["clear-saved", "case.clear"]]) {
        $(id).textContent = w(name);
      }
      document.querySelector('label[for="open-case"]').textContent = w("case.open");
      document.querySelector('label[for="keep-draft"]').textContent = w("case.draft");
      if (said) say(...said);
      // A refusal still on show is said again in the new language.
      if (refused && !$("error-summary").hidden && $("open-case-error")?.hidden === false) {
        clearErrors();
        showRefusal();
      }
    },
    changed() {
      if (draftOn) writeDraft(key, current()).catch(() => {});
    },
    async restore() {
      const draft = await readDraft(key).catch(() => undefined);
      if (draft === undefined || problem(draft) !== null) return;
      draftOn = true;
      $("keep-draft").checked = true;
      await load(draft);
      say("case.restored");
    },
  };
}
