// Helpers shared by the demo portal's pages: building elements (no inline
// styles or scripts: the server's Content-Security-Policy forbids them),
// GOV.UK tables and form groups, money on screen, and the GOV.UK error summary.

// Money on screen: the package's own exact formatter (never a floating-point number);
// percentages typed by officers and rates shown as percentages, by moving the decimal point.
export { formatMoney, percentToRate, rateToPercent } from "../pkg/elements.js";
import { formatMoney } from "../pkg/elements.js";

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function formGroup(id, label, input, { hint, extra } = {}) {
  return el(
    "div",
    { class: "govuk-form-group", id: `${id}-group` },
    el("label", { class: "govuk-label", for: id, text: label }),
    hint ? el("div", { class: "govuk-hint", id: `${id}-hint`, text: hint }) : null,
    el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
    input,
    extra,
  );
}

export function moneyCell(amount, attrs = {}) {
  return el("td", { class: "govuk-table__cell govuk-table__cell--numeric", ...attrs, text: formatMoney(amount) });
}

export function tableOf(caption, headings, rows, id) {
  return el(
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
}

export function clearErrors() {
  $("error-summary").hidden = true;
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
  const list = $("error-summary-list");
  list.replaceChildren();
  for (const error of errors) {
    const id = idFor(error.path);
    list.append(el("li", {}, el("a", { href: `#${id}`, text: error.message })));
    const input = $(id);
    const message = $(`${id}-error`);
    if (!input || !message) continue;
    $(`${id}-group`)?.classList.add("govuk-form-group--error");
    input.classList.add(input.tagName === "SELECT" ? "govuk-select--error" : "govuk-input--error");
    if (message.hidden) {
      message.hidden = false;
      message.append(el("span", { class: "govuk-visually-hidden", text: "Error: " }), error.message);
    }
    const described = new Set((input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
    described.add(`${id}-error`);
    input.setAttribute("aria-describedby", [...described].join(" "));
  }
  // While the officer types, the summary is shown but focus is not moved into it:
  // stealing focus mid-word would make the form unusable. The status line announces it.
  $("error-summary").hidden = false;
}

/** Links in the error summary put the cursor in their field. */
export function followErrorLinks() {
  $("error-summary-list").addEventListener("click", (e) => {
    const link = e.target.closest("a");
    if (!link) return;
    e.preventDefault();
    document.getElementById(link.getAttribute("href").slice(1))?.focus();
  });
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
  return el("details", { class: "govuk-details" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: "Receipt: how to reproduce this result" })),
    el("div", { class: "govuk-details__text" }, el("dl", { class: "govuk-summary-list" },
      [["Engine version", r.engineVersion], ["Unit-cost table", `${r.unitCostTable.id} (SHA-256 ${r.unitCostTable.sha256})`], ["Input (SHA-256)", r.inputSha256], ...extra]
        .map(([k, v]) => el("div", { class: "govuk-summary-list__row" },
          el("dt", { class: "govuk-summary-list__key", text: k }),
          el("dd", { class: "govuk-summary-list__value cb-hash", text: v }))))));
}
