// Small DOM helpers shared by the elements. No innerHTML: every text goes in
// as text, so nothing typed or loaded can become markup.

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
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A GOV.UK form group: label, optional hint, error message slot, the control. */
export function formGroup(id, label, control, { hint } = {}) {
  return el(
    "div",
    { class: "govuk-form-group", id: `${id}-group` },
    el("label", { class: "govuk-label", for: id, text: label }),
    hint ? el("div", { class: "govuk-hint", id: `${id}-hint`, text: hint }) : null,
    el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
    control,
  );
}

/** A GOV.UK table with a caption; `headings` are [text, numeric?] pairs. */
export function table(id, caption, headings, rows) {
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
