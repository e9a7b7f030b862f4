// The demo portal's savings calculator: the package's <community-budget-savings>
// element (the form, the headline figures, the tables and the receipt, in
// English or Welsh), with what is this page's own: an example programme, the
// language switch, the footer's prices, and two charts drawn from the
// element's community-budget:answer event.
//
// The charts place their bars and points with JS numbers (geometry only);
// every label on them is one of the engine's decimal strings through
// formatMoney. Nothing here does arithmetic on money.
import { languageSwitch, pageLanguage, printProgramme } from "./shell.js";
import { formatMoney, pricesLine } from "../pkg/elements.js";
import { confirmThen, el } from "../pkg/dom.js";
import { svg } from "./ui.js";
import { t } from "../pkg/i18n.js";

// domain.md WE6: 100 families, 80% engage, 50% succeed, 20% deadweight, £2,000 a
// year per success (police £1,000, council £600, NHS £400, evidence grade 3),
// three years fading 20% a year, £60,000 in year 0; in today's money (the
// price year the element opens at), as the values are the council's own.
const EXAMPLE = {
  name: "Family intervention", cohort: "100", schedule: "greenBook", sensitivity: false,
  costs: [{ year: "0", funder: "Council", amount: "60000" }],
  outcome: { name: "Family turned around", engagement: "80", success: "50", deadweight: "20", lag: "0", duration: "3", dropOff: "20" },
  values: [
    { description: "Police time", agency: "Police", amount: "1000", grade: "3" },
    { description: "Council services", agency: "Local Authority", amount: "600", grade: "3" },
    { description: "Health services", agency: "NHS", amount: "400", grade: "3" },
  ],
  cashable: [{ agency: "Police", share: "50" }],
};

// The page's own words (the shell and the element translate themselves).
const PAGE = {
  title: { en: "Savings calculator – community budget demo portal", cy: "Cyfrifiannell arbedion – porth arddangos cyllideb gymunedol" },
  "page-heading": {
    en: "What would the programme save, for whom, and when does it pay back?",
    cy: "Beth fyddai’r rhaglen yn ei arbed, i bwy, a phryd mae’n talu’n ôl?",
  },
  "page-intro": {
    en: "A cost-benefit appraisal in the New Economy / HM Treasury (2014) method for local partnerships: engagement, success, deadweight, optimism bias by the evidence behind each value, and discounting with the Green Book 2026 (February 2026) schedules, with its sensitivity test (no pure time preference) if you ask for it. The net present value, who benefits, the returns and payback are shown side by side: no single ratio decides value for money. The results update as you type, in today’s money.",
    cy: "Arfarniad cost a budd yn null New Economy / Trysorlys EF (2014) ar gyfer partneriaethau lleol: ymgysylltu, llwyddiant, pwysau marw, gogwydd optimistiaeth yn ôl y dystiolaeth y tu ôl i bob gwerth, a disgowntio gydag amserlenni Llyfr Gwyrdd 2026 (Chwefror 2026), gyda’i brawf sensitifrwydd (dim ffafriaeth amser pur) os gofynnwch amdano. Dangosir y gwerth presennol net, pwy sy’n elwa, yr enillion a’r ad-dalu ochr yn ochr: nid oes un gymhareb yn penderfynu gwerth am arian. Mae’r canlyniadau’n diweddaru wrth i chi deipio, yn arian heddiw.",
  },
  "load-example": { en: "Fill in an example", cy: "Llenwi enghraifft" },
  "charts-heading": { en: "Charts", cy: "Siartiau" },
  "charts-empty": { en: "The charts appear here once the programme is appraised.", cy: "Bydd y siartiau’n ymddangos yma pan fydd y rhaglen wedi’i harfarnu." },
  "footer-text": { en: "Calculations run on this device.", cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon." },
};

// The charts' words.
const CHART = {
  en: {
    benefits: "Benefits by year at present value, by agency",
    position: "Cumulative fiscal position at present value: fiscal benefits less costs",
    year: "Year",
    bar: "{agency}, year {year}: {amount}",
    point: "Year {year}: {amount}",
    largest: "Largest in year {year}: fiscal {amount}. The element’s table of years gives every figure.",
    from: "From {first} in year 0 to {last} in year {horizon}; pays back {payback}.",
    marker: "Pays back: {years} years",
  },
  cy: {
    benefits: "Buddion fesul blwyddyn ar werth presennol, fesul asiantaeth",
    position: "Sefyllfa gyllidol gronnol ar werth presennol: buddion cyllidol llai costau",
    year: "Blwyddyn",
    bar: "{agency}, blwyddyn {year}: {amount}",
    point: "Blwyddyn {year}: {amount}",
    largest: "Mwyaf ym mlwyddyn {year}: cyllidol {amount}. Mae tabl blynyddoedd yr elfen yn rhoi pob ffigur.",
    from: "O {first} ym mlwyddyn 0 i {last} ym mlwyddyn {horizon}; yn talu’n ôl {payback}.",
    marker: "Yn talu’n ôl: {years} o flynyddoedd",
  },
};
const words = (key, values = {}) => CHART[pageLanguage()][key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

const savings = document.getElementById("savings");

// ----------------------------------------------------------------- charts

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 16, right: 16, top: 16, bottom: 36 };

function figure(id, caption, chart, legend) {
  return el("figure", { class: "cb-chart" },
    el("figcaption", { class: "govuk-body govuk-!-font-weight-bold", id: `${id}-caption`, text: caption }),
    chart, legend);
}

/** Payback as the element words it. */
function paybackText(p) {
  const lang = pageLanguage();
  if (p.status === "never") return t(lang, "app.payback.never");
  return p.year === 0 ? t(lang, "app.payback.now") : t(lang, "app.payback.year", { year: p.year, years: p.years });
}

/** Net benefit by year at present value, bars stacked by agency. */
function benefitsChart(s) {
  const agencies = s.byAgency.filter((a) => a.years.some((y) => Number(y.netPv) > 0));
  const totals = s.years.map((y) => Number(y.fiscal.netPv) + Number(y.economic.netPv) + Number(y.social.netPv));
  const max = Math.max(...totals, 0) || 1;
  const band = (WIDTH - PAD.left - PAD.right) / s.years.length;
  const scale = (HEIGHT - PAD.top - PAD.bottom) / max;
  const base = HEIGHT - PAD.bottom;
  const bars = s.years.map((y, i) => {
    let top = base;
    const segments = agencies.map((a, n) => {
      const cell = a.years[i];
      const h = Number(cell.netPv) * scale;
      top -= h;
      return h > 0 ? svg("rect", {
        class: `cb-series cb-series-${n % 6}`, x: PAD.left + i * band + band * 0.15, y: top,
        width: band * 0.7, height: h, "data-year": y.year, "data-agency": a.agency,
      }, svg("title", { text: words("bar", { agency: a.agency, year: y.year, amount: formatMoney(cell.netPv) }) })) : null;
    });
    return [segments, svg("text", { class: "cb-axis-label", x: PAD.left + (i + 0.5) * band, y: HEIGHT - 14, "text-anchor": "middle", text: String(y.year) })];
  });
  const tallest = s.years.reduce((best, y, i) => (totals[i] > totals[best] ? i : best), 0);
  const chart = svg("svg", {
    id: "chart-benefits", class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": "chart-benefits-caption chart-benefits-desc", "data-max": max.toFixed(2),
  },
  svg("desc", { id: "chart-benefits-desc", text: words("largest", { year: s.years[tallest].year, amount: formatMoney(s.years[tallest].fiscal.netPv) }) }),
  svg("line", { class: "cb-axis", x1: PAD.left, x2: WIDTH - PAD.right, y1: base, y2: base }),
  bars,
  svg("text", { class: "cb-axis-label", x: WIDTH / 2, y: HEIGHT - 1, "text-anchor": "middle", text: words("year") }));
  const lang = pageLanguage();
  const legend = el("ul", { class: "cb-legend govuk-list" }, agencies.map((a, n) => el("li", {},
    el("span", { class: `cb-swatch cb-series-${n % 6}`, "aria-hidden": "true" }),
    `${a.agency} (${t(lang, `app.valueType.${a.valueType}`)}): ${formatMoney(a.flow.netPv)}`)));
  return figure("chart-benefits", words("benefits"), chart, legend);
}

/** The cumulative discounted fiscal position, crossing zero at payback. */
function positionChart(s) {
  const values = s.years.map((y) => Number(y.fiscalPositionPv));
  const hi = Math.max(...values, 0);
  const lo = Math.min(...values, 0);
  const span = hi - lo || 1;
  const x = (i) => PAD.left + (i / Math.max(s.years.length - 1, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v) => PAD.top + ((hi - v) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const p = s.central.paybackPv;
  const marker = p.status === "reached" ? [
    svg("line", { class: "cb-payback", id: "payback-marker", x1: x(Number(p.years)), x2: x(Number(p.years)), y1: PAD.top, y2: HEIGHT - PAD.bottom }),
    svg("text", { class: "cb-axis-label", x: x(Number(p.years)) + 4, y: PAD.top + 12, text: words("marker", { years: p.years }) }),
  ] : [];
  const chart = svg("svg", {
    id: "chart-position", class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": "chart-position-caption chart-position-desc",
  },
  svg("desc", { id: "chart-position-desc", text: words("from", {
    first: formatMoney(s.years[0].fiscalPositionPv), last: formatMoney(s.years.at(-1).fiscalPositionPv), horizon: s.horizon, payback: paybackText(p),
  }) }),
  svg("line", { class: "cb-axis cb-zero", id: "zero-line", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0) }),
  svg("polyline", { class: "cb-position", id: "position-line", points }),
  s.years.map((yr, i) => svg("circle", { class: "cb-position__point", cx: x(i), cy: y(values[i]), r: 4 },
    svg("title", { text: words("point", { year: yr.year, amount: formatMoney(yr.fiscalPositionPv) }) }))),
  s.years.map((yr, i) => svg("text", { class: "cb-axis-label", x: x(i), y: HEIGHT - 14, "text-anchor": "middle", text: String(yr.year) })),
  marker);
  return figure("chart-position", words("position"), chart, null);
}

/** The charts of the element's last appraisal (none while the form is empty or has a problem). */
function showCharts() {
  const answer = savings.answer;
  const scenario = answer?.type === "success" ? answer.scenarios[0] : null;
  const charts = document.getElementById("charts");
  if (!scenario) {
    charts.replaceChildren(el("p", { class: "govuk-body", id: "charts-empty", text: PAGE["charts-empty"][pageLanguage()] }));
    return;
  }
  charts.replaceChildren(benefitsChart(scenario), positionChart(scenario));
}

/** The footer names the prices (and discounting) the element works in, in the page's language. */
function showPrices() {
  if (savings.prices) document.getElementById("footer-prices").textContent = pricesLine(pageLanguage(), savings.prices);
}

// The printout names the programme.
const showProgramme = () => {
  const name = savings.call?.scenarios?.[0]?.name;
  printProgramme(name ? `${pageLanguage() === "cy" ? "Rhaglen" : "Programme"}: ${name}` : "");
};
languageSwitch(PAGE, () => { showCharts(); showPrices(); showProgramme(); });
// The example replaces what the officer has typed only once they confirm.
document.getElementById("load-example").addEventListener("click", (e) => {
  confirmThen(e.currentTarget, pageLanguage(), "example", () => savings.load(EXAMPLE), savings.hasWork);
});
savings.addEventListener("community-budget:answer", () => { showCharts(); showPrices(); showProgramme(); });
savings.addEventListener("community-budget:prices", showPrices);
savings.addEventListener("community-budget:ready", (e) => {
  document.getElementById("footer-version").textContent = `community-budget ${e.detail.version}`;
  document.documentElement.dataset.ready = "true";
}, { once: true });
// Clearing the form (once confirmed) leaves no appraisal (and sends no answer): the charts go with it.
savings.addEventListener("click", (e) => { if (e.target.closest?.("#savings-clear, #savings-clear-confirm-yes")) showCharts(); });
