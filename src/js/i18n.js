// Every user-facing string of the custom elements, in English and Welsh, in one
// table. A key missing in Welsh falls back to English (a test checks none is
// missing). Placeholders are written {name}.
//
// The Welsh was written for this project and should be reviewed by a Welsh
// speaker in the council before use with the public; the keys make that easy.

export const STRINGS = {
  en: {
    "priceYear.label": "Price year",
    "priceYear.hint": "Every cost is re-based to this year’s prices with the GDP deflator.",
    "priceYear.forecast": "{year} (forecast)",
    "items.legend": "Services the family used",
    "items.hint": "Type a unit-cost code or words such as “arrest” and choose from the list. Rows left empty are not counted.",
    "item.code": "Service {n}: unit-cost code",
    "item.quantity": "Service {n}: how many a year",
    "item.remove": "Remove",
    "item.removeHidden": " service {n}",
    "item.local": "{description} (your council’s cost)",
    "items.add": "Add another service",
    "form.clear": "Clear the form",
    "local.legend": "Your council’s own costs",
    "local.hint": "For something the national table lacks (a police call-out, a council-tax summons) or that your council prices differently. A national code replaces that row; a new code adds one.",
    "local.field.code": "Local cost {n}: code",
    "local.field.description": "Local cost {n}: what it is",
    "local.field.agency": "Local cost {n}: agency that bears the cost",
    "local.field.subAgency": "Local cost {n}: team or service (optional)",
    "local.field.unit": "Local cost {n}: unit (optional)",
    "local.field.cost": "Local cost {n}: cost per unit",
    "local.field.priceYear": "Local cost {n}: price year of the cost",
    "local.remove": "Remove",
    "local.removeHidden": " local cost {n}",
    "local.add": "Add a local cost",
    "local.default": "Local cost",
    "summary.heading": "Cost by agency",
    "summary.total": "Total {amount} a year at {year} prices",
    "summary.empty": "Add a service to see what the family costs each agency.",
    "summary.caption": "A year, at {year} prices",
    "table.agency": "Agency",
    "table.cost": "Cost",
    "table.total": "Total",
    "table.team": "Team or service",
    "bySub.caption": "By agency and team",
    "lines.heading": "How the cost is made up",
    "lines.empty": "The lines appear here as you add services.",
    "lines.caption": "Line by line: unit cost re-based and rounded to the penny, times the quantity",
    "lines.code": "Code",
    "lines.service": "Service",
    "lines.source": "Source cost (year)",
    "lines.unit": "Unit cost {year}",
    "lines.quantity": "Quantity",
    "receipt.summary": "Receipt: how to reproduce this result",
    "receipt.engine": "Engine version",
    "receipt.table": "Unit-cost table",
    "receipt.input": "Input (SHA-256)",
    "errors.title": "There is a problem",
    "errors.prefix": "Error: ",
    "errors.correct": "Correct the problems shown to see the costs.",
    "errors.broken": "The calculator could not read the form: {message}",
    "status.total": "Total {amount} a year at {year} prices.",
    "status.problems.one": "There is 1 problem with the form.",
    "status.problems.many": "There are {n} problems with the form.",
    "status.loading": "Loading the calculator…",
    "status.failed": "The calculator could not start: {message}",
    "case.heading": "Save or open this case",
    "case.hint": "Nothing is kept unless you choose to. A case file is saved where you choose; a draft is kept only in this browser on this device.",
    "case.save": "Save case to a file",
    "case.open": "Open a case file",
    "case.draft": "Keep a draft on this device",
    "case.clear": "Clear saved data",
    "case.opened": "Opened the case file {name}.",
    "case.saved": "Saved the case as {name}.",
    "case.cleared": "Saved data cleared from this device.",
    "case.draftOn": "A draft of this case is being kept in this browser on this device.",
    "case.restored": "Restored the draft kept on this device.",
    "case.bad": "The file {name} is not a case file this calculator can open: {reason}",
    "case.badJson": "it is not valid JSON",
    "case.badShape": "it does not have the fields of a case ({field})",
    "error.unknown_code": "There is no unit cost with that code in the national table or your council’s costs.",
    "error.unknown_code.empty": "Enter or choose a unit-cost code.",
  },
  cy: {
    "priceYear.label": "Blwyddyn brisiau",
    "priceYear.hint": "Caiff pob cost ei hailseilio i brisiau’r flwyddyn hon gyda datchwyddydd CMC.",
    "priceYear.forecast": "{year} (rhagolwg)",
    "items.legend": "Gwasanaethau a ddefnyddiodd y teulu",
    "items.hint": "Teipiwch god cost uned neu eiriau Saesneg fel “arrest” a dewiswch o’r rhestr. Ni chaiff rhesi gwag eu cyfrif.",
    "item.code": "Gwasanaeth {n}: cod cost uned",
    "item.quantity": "Gwasanaeth {n}: faint y flwyddyn",
    "item.remove": "Dileu",
    "item.removeHidden": " gwasanaeth {n}",
    "item.local": "{description} (cost eich cyngor)",
    "items.add": "Ychwanegu gwasanaeth arall",
    "form.clear": "Clirio’r ffurflen",
    "local.legend": "Costau eich cyngor eich hun",
    "local.hint": "Ar gyfer rhywbeth nad yw yn y tabl cenedlaethol (galwad allan gan yr heddlu, gwŷs treth gyngor) neu y mae eich cyngor yn ei brisio’n wahanol. Mae cod cenedlaethol yn disodli’r rhes honno; mae cod newydd yn ychwanegu un.",
    "local.field.code": "Cost leol {n}: cod",
    "local.field.description": "Cost leol {n}: beth ydyw",
    "local.field.agency": "Cost leol {n}: yr asiantaeth sy’n talu’r gost",
    "local.field.subAgency": "Cost leol {n}: tîm neu wasanaeth (dewisol)",
    "local.field.unit": "Cost leol {n}: uned (dewisol)",
    "local.field.cost": "Cost leol {n}: cost yr uned",
    "local.field.priceYear": "Cost leol {n}: blwyddyn brisiau’r gost",
    "local.remove": "Dileu",
    "local.removeHidden": " cost leol {n}",
    "local.add": "Ychwanegu cost leol",
    "local.default": "Cost leol",
    "summary.heading": "Cost fesul asiantaeth",
    "summary.total": "Cyfanswm {amount} y flwyddyn ym mhrisiau {year}",
    "summary.empty": "Ychwanegwch wasanaeth i weld beth mae’r teulu’n ei gostio i bob asiantaeth.",
    "summary.caption": "Y flwyddyn, ym mhrisiau {year}",
    "table.agency": "Asiantaeth",
    "table.cost": "Cost",
    "table.total": "Cyfanswm",
    "table.team": "Tîm neu wasanaeth",
    "bySub.caption": "Fesul asiantaeth a thîm",
    "lines.heading": "Sut mae’r gost yn cael ei chyfrif",
    "lines.empty": "Bydd y llinellau’n ymddangos yma wrth i chi ychwanegu gwasanaethau.",
    "lines.caption": "Fesul llinell: cost yr uned wedi’i hailseilio a’i thalgrynnu i’r geiniog, wedi’i lluosi â’r nifer",
    "lines.code": "Cod",
    "lines.service": "Gwasanaeth",
    "lines.source": "Cost y ffynhonnell (blwyddyn)",
    "lines.unit": "Cost yr uned {year}",
    "lines.quantity": "Nifer",
    "receipt.summary": "Derbynneb: sut i atgynhyrchu’r canlyniad hwn",
    "receipt.engine": "Fersiwn yr injan",
    "receipt.table": "Tabl costau uned",
    "receipt.input": "Mewnbwn (SHA-256)",
    "errors.title": "Mae problem wedi codi",
    "errors.prefix": "Gwall: ",
    "errors.correct": "Cywirwch y problemau a ddangosir i weld y costau.",
    "errors.broken": "Ni allai’r cyfrifiannell ddarllen y ffurflen: {message}",
    "status.total": "Cyfanswm {amount} y flwyddyn ym mhrisiau {year}.",
    "status.problems.one": "Mae 1 problem gyda’r ffurflen.",
    "status.problems.many": "Mae {n} problem gyda’r ffurflen.",
    "status.loading": "Wrthi’n llwytho’r cyfrifiannell…",
    "status.failed": "Ni allai’r cyfrifiannell ddechrau: {message}",
    "case.heading": "Cadw neu agor yr achos hwn",
    "case.hint": "Ni chaiff dim ei gadw oni bai eich bod yn dewis hynny. Caiff ffeil achos ei chadw lle rydych yn dewis; caiff drafft ei gadw yn y porwr hwn ar y ddyfais hon yn unig.",
    "case.save": "Cadw’r achos mewn ffeil",
    "case.open": "Agor ffeil achos",
    "case.draft": "Cadw drafft ar y ddyfais hon",
    "case.clear": "Clirio’r data a gadwyd",
    "case.opened": "Agorwyd y ffeil achos {name}.",
    "case.saved": "Cadwyd yr achos fel {name}.",
    "case.cleared": "Cliriwyd y data a gadwyd o’r ddyfais hon.",
    "case.draftOn": "Mae drafft o’r achos hwn yn cael ei gadw yn y porwr hwn ar y ddyfais hon.",
    "case.restored": "Adferwyd y drafft a gadwyd ar y ddyfais hon.",
    "case.bad": "Nid yw’r ffeil {name} yn ffeil achos y gall y cyfrifiannell hwn ei hagor: {reason}",
    "case.badJson": "nid yw’n JSON dilys",
    "case.badShape": "nid oes ganddi feysydd achos ({field})",
    "error.unknown_code": "Nid oes cost uned gyda’r cod hwnnw yn y tabl cenedlaethol nac yng nghostau eich cyngor.",
    "error.unknown_code.empty": "Rhowch neu dewiswch god cost uned.",
    "error.negative_quantity": "Ni all nifer fod yn llai na sero.",
    "error.fractional_quantity": "Rhaid i nifer fod yn rhif cyfan.",
    "error.invalid_quantity": "Rhowch faint: rhif cyfan, 0 neu fwy.",
    "error.unknown_year": "Nid yw’r flwyddyn honno ym mynegai’r datchwyddydd CMC; ysgrifennwch hi fel “2013/14”.",
    "error.invalid_money": "Rhowch swm mewn punnoedd, er enghraifft “1249.50”, nad yw’n negyddol.",
    "error.duplicate_code": "Mae cost leol arall eisoes yn defnyddio’r cod hwn.",
    "error.invalid_field.description": "Rhowch beth yw’r gost leol.",
    "error.invalid_field.agencyL1": "Rhowch yr un asiantaeth sy’n talu’r gost leol.",
    "error.invalid_field.code": "Mae cod cost leol rhwng 1 a 32 o lythrennau, digidau neu’r nodau . & - _, heb fylchau.",
    "error.overflow": "Mae’r rhif yn rhy fawr i’w gyfrifo’n union.",
    "note.forecast_index": "Rhagolwg (OBR, Mawrth 2013) yw mynegai’r datchwyddydd CMC ar gyfer {year}, nid alldro; amcangyfrifon yw costau ym mhrisiau {year}.",
    "note.local_override": "Mae {code} yn defnyddio cost leol y cyngor, nid un y tabl cenedlaethol.",
    "note.parts_differ": "Yn y ffynhonnell, nid yw rhannau {code} yn adio i’w chyfanswm; caiff y llinell ei chostio o’r rhannau fel bod pob asiantaeth yn cael ei chyfran.",
    "note.price_year_differs": "Mae {code} wedi’i phrisio mewn blwyddyn wahanol i’w rhannau; caiff y llinell ei chostio o’r rhannau.",
  },
};

/** "cy", "cy-GB" → "cy"; anything else → "en". */
export function language(tag) {
  return String(tag ?? "").toLowerCase().startsWith("cy") ? "cy" : "en";
}

/** The string `key` in `lang`, with {placeholders} filled from `values`. */
export function t(lang, key, values = {}) {
  const text = STRINGS[language(lang)][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? `{${name}}`));
}

/**
 * £ and thousands separators on an exact decimal string: "45780.44" → "£45,780.44".
 * en-GB and cy-GB write money the same way; the string is never turned into a
 * floating-point number.
 */
export function formatMoney(text) {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const pence = fraction.length ? `.${fraction.padEnd(2, "0")}` : "";
  return `${negative ? "−" : ""}£${grouped}${pence}`;
}

/**
 * An engine error in the officer's language. The engine writes English
 * sentences with the specifics; in Welsh the sentence for the error's code
 * (and field) is used.
 */
export function errorMessage(lang, error) {
  if (language(lang) === "en") return error.message;
  const field = /\.(\w+)$/.exec(error.path ?? "")?.[1];
  const empty = error.code === "unknown_code" && /Enter or choose/.test(error.message);
  const keys = [
    empty ? "error.unknown_code.empty" : null,
    field ? `error.${error.code}.${field}` : null,
    `error.${error.code}`,
  ].filter(Boolean);
  const key = keys.find((k) => STRINGS.cy[k]);
  return key ? STRINGS.cy[key] : error.message;
}

/** An engine note in the officer's language (English: the engine's own sentence). */
export function noteMessage(lang, note, values) {
  if (language(lang) === "en") return note.message;
  const key = `note.${note.code}`;
  return STRINGS.cy[key] ? t("cy", key, values) : note.message;
}
