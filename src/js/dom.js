// Small DOM helpers shared by the elements. No innerHTML: every text goes in
// as text, so nothing typed or loaded can become markup.
import { formatMoney, t } from "./i18n.js";

// The few rules the elements need to work without GOV.UK Frontend's stylesheet:
// visually hidden texts (the live region, table captions, "Member 2, offence 1:")
// stay off screen, a wide table scrolls in its own box, and `hidden` always hides (GOV.UK's button class would
// otherwise show a hidden button). The same rules as GOV.UK Frontend's, kept to
// the elements. A constructed stylesheet, so a strict Content-Security-Policy
// (`style-src 'self'`, no 'unsafe-inline') allows it.
const ELEMENTS = ":where(community-budget-family-cost, community-budget-eligibility, community-budget-savings)";
const RULES = `${ELEMENTS} [hidden] { display: none !important; }
${ELEMENTS} .cb-table-wrapper { overflow-x: auto; max-width: 100%; }
${ELEMENTS} .govuk-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important;
  margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; user-select: none; }`;
let adopted = false;

/** Adds the elements' own rules (above) to the document, once. */
export function adoptStyles(doc = document) {
  if (adopted || !("adoptedStyleSheets" in doc) || typeof CSSStyleSheet.prototype.replaceSync !== "function") return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(RULES);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  adopted = true;
}

/** `el("p", { class: "govuk-body", text: "Hello" }, child, …)`. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** Replaces `node`'s children with `children`, flattening lists and leaving out null, undefined and false. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/**
 * A GOV.UK form group: label, optional hint, error message slot, the control.
 * `context`, if given, is read out before the label but not shown ("Member 2, offence 1: Date").
 */
export function formGroup(id, label, control, { hint, context } = {}) {
  return el(
    "div",
    { class: "govuk-form-group", id: `${id}-group` },
    el("label", { class: "govuk-label", for: id },
      context ? el("span", { class: "govuk-visually-hidden", text: `${context}: ` }) : null, label),
    hint ? el("div", { class: "govuk-hint", id: `${id}-hint`, text: hint }) : null,
    el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
    control,
  );
}

// A table wider than its place scrolls sideways in its wrapper; the wrapper can
// then be focused (and so scrolled by keyboard), named by the table's caption.
const overflowing = typeof ResizeObserver === "function" ? new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (!target.isConnected) overflowing.unobserve(target);
    else if (target.scrollWidth > target.clientWidth + 1) {
      target.setAttribute("tabindex", "0");
      target.setAttribute("role", "region");
      target.setAttribute("aria-label", target.querySelector("caption")?.textContent ?? "");
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) target.removeAttribute(name);
    }
  }
}) : null;

/** A GOV.UK table with a caption; `headings` are [text, numeric?] pairs. Scrolls sideways when wider than its place. */
export function table(id, caption, headings, rows) {
  const wrapper = el(
    "div",
    { class: "cb-table-wrapper" },
    el(
      "table",
      { class: "govuk-table", id },
      el("caption", { class: "govuk-table__caption govuk-table__caption--s", text: caption }),
      el("thead", { class: "govuk-table__head" }, el("tr", { class: "govuk-table__row" },
        headings.map(([text, numeric]) => el("th", {
          scope: "col", class: `govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`, text,
        })))),
      el("tbody", { class: "govuk-table__body" }, rows),
    ),
  );
  overflowing?.observe(wrapper);
  return wrapper;
}

/** A GOV.UK text input (in a prefix/suffix wrapper when given one) calling `onInput(value)` as the officer types. */
export function input(id, value, onInput, { width = "govuk-input--width-5", mode, list, prefix, suffix, describedBy } = {}) {
  const field = el("input", {
    class: `govuk-input ${width}`, id, type: "text", value, autocomplete: "off", spellcheck: "false", inputmode: mode, list,
    "aria-describedby": describedBy, oninput: (e) => onInput(e.target.value),
  });
  if (!prefix && !suffix) return field;
  return el("div", { class: "govuk-input__wrapper" },
    prefix ? el("div", { class: "govuk-input__prefix", "aria-hidden": "true", text: prefix }) : null,
    field,
    suffix ? el("div", { class: "govuk-input__suffix", "aria-hidden": "true", text: suffix }) : null);
}

/** The label of `control` when it is a percentage field (a GOV.UK input with a "%" suffix), else null. */
export function percentFieldLabel(control) {
  if (control?.closest(".govuk-input__wrapper")?.querySelector(".govuk-input__suffix")?.textContent !== "%") return null;
  return control.ownerDocument.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent.trim() ?? null;
}

/**
 * An engine error as the officer should read it: a rate refused on a
 * percentage field is asked for as a percentage, as they write it (the
 * engine's own sentence asks for a decimal); any other error is `message`.
 */
export function fieldMessage(lang, error, control, message) {
  const label = error.code === "invalid_rate" ? percentFieldLabel(control) : null;
  return label ? t(lang, "percent.error", { field: label }) : message;
}

/** A GOV.UK select of `[value, text]` options calling `onChange(value)`. */
export function select(id, value, options, onChange) {
  const node = el("select", { class: "govuk-select", id, onchange: (e) => onChange(e.target.value) });
  for (const [v, text] of options) node.append(el("option", { value: v, text }));
  node.value = value;
  return node;
}

/** One GOV.UK checkbox (put it in a `govuk-checkboxes` container) calling `onChange(checked)`. */
export function checkbox(id, label, checked, onChange, { hint } = {}) {
  return el("div", { class: "govuk-checkboxes__item" },
    el("input", { class: "govuk-checkboxes__input", id, type: "checkbox", checked, "aria-describedby": hint ? `${id}-hint` : undefined,
      onchange: (e) => onChange(e.target.checked) }),
    el("label", { class: "govuk-label govuk-checkboxes__label", for: id, text: label }),
    hint ? el("div", { class: "govuk-hint govuk-checkboxes__hint", id: `${id}-hint`, text: hint }) : null);
}

/** A fieldset with a heading as its legend (GOV.UK), then `children`. */
export function fieldset(heading, { id, hintId, size = "m", level = "h2" } = {}, ...children) {
  return el("fieldset", { class: "govuk-fieldset", id, "aria-describedby": hintId },
    el("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${size}` },
      el(level, { class: "govuk-fieldset__heading", text: heading })),
    children);
}

/** A GOV.UK summary list of `[key, value, id?]` rows; `valueClass` is added to each value. */
export function summaryList(rows, valueClass = "") {
  return el("dl", { class: "govuk-summary-list" }, rows.map(([key, value, id]) => el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: key }),
    el("dd", { class: `govuk-summary-list__value${valueClass ? ` ${valueClass}` : ""}`, id, text: value }))));
}

/** A GOV.UK details element: a summary line and, when opened, `children`. */
export function details(summary, attrs, ...children) {
  return el("details", { class: "govuk-details", ...attrs },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: summary })),
    el("div", { class: "govuk-details__text" }, children));
}

/** A numeric table cell holding an exact amount of money (a decimal string), formatted with formatMoney. */
export function moneyCell(amount, attrs = {}) {
  return el("td", { class: "govuk-table__cell govuk-table__cell--numeric", ...attrs, text: formatMoney(amount) });
}

/** A datalist of the unit-cost table's codes, each labelled with its description and agency. */
export function unitCostOptions(id, rows) {
  return el("datalist", { id }, rows.map((r) => el("option", { value: r.code, label: `${r.description} (${r.agency})` })));
}

/**
 * Runs `run` only once the officer confirms, when `needed` (there is work it
 * would replace); otherwise at once. The question, in `lang`, is a GOV.UK
 * warning just after `button`'s group, with a warning button that does it and
 * a Cancel: focus moves to the question, so it is read out; Cancel or Escape
 * puts focus back on `button` and changes nothing. `action` names the words:
 * "clear" (the form), "example" (fill in an example), "saved" (clear saved data).
 */
export function confirmThen(button, lang, action, run, needed = true) {
  if (!needed) {
    run();
    return;
  }
  const id = `${button.id}-confirm`;
  document.getElementById(id)?.remove();
  const cancel = () => { panel.remove(); button.focus(); };
  const panel = el("div", { class: "govuk-warning-text cb-confirm", id, role: "group", "aria-labelledby": `${id}-question`,
    onkeydown: (e) => { if (e.key === "Escape") cancel(); } },
  el("span", { class: "govuk-warning-text__icon", "aria-hidden": "true", text: "!" }),
  el("div", { class: "govuk-warning-text__text" },
    el("span", { class: "govuk-visually-hidden", text: t(lang, "confirm.warning") }),
    el("p", { class: "govuk-body govuk-!-font-weight-bold", id: `${id}-question`, tabindex: "-1", text: t(lang, `confirm.${action}.question`) }),
    el("div", { class: "govuk-button-group" },
      el("button", { type: "button", class: "govuk-button govuk-button--warning", id: `${id}-yes`, text: t(lang, `confirm.${action}.yes`),
        onclick: () => { panel.remove(); run(); } }),
      el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${id}-cancel`, text: t(lang, "confirm.cancel"),
        onclick: cancel }))));
  (button.closest(".govuk-button-group") ?? button).after(panel);
  panel.querySelector(`#${CSS.escape(id)}-question`).focus();
}
