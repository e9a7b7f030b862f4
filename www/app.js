// The demo portal's own script. The calculator itself is the package's custom
// element, used exactly as a council web team would: one import, one tag.
import { languageSwitch, pageLanguage } from "./shell.js";
import { pricesLine } from "../pkg/elements.js";
import { confirmThen } from "../pkg/dom.js";

// In today's money: no price year, so the element's (the deflator series'
// latest outturn year); the council's own costs at the prices they were set in.
const EXAMPLE = {
  items: [
    { code: "CR1.0", quantity: "58" },
    { code: "CR6.0", quantity: "5" },
    { code: "HE9.0", quantity: "5" },
    { code: "HE3.0", quantity: "5" },
    { code: "LOCAL-INJ", quantity: "2" },
    { code: "LOCAL-CTAX", quantity: "1" },
  ],
  localRows: [
    {
      code: "LOCAL-INJ", description: "Neighbourhood-dispute injunction", agencyL1: "Local Authority",
      agencyL2: "Housing Services", unit: "Per injunction", cost: "1249", priceYear: "2006/07",
    },
    {
      code: "LOCAL-CTAX", description: "Council-tax arrears summons", agencyL1: "Local Authority",
      agencyL2: "Revenues", unit: "Per summons", cost: "100", priceYear: "2024/25",
    },
  ],
};

// The page's own words (the shell and the element translate themselves).
const PAGE = {
  title: {
    en: "Cost a family’s use of public services – community budget demo portal",
    cy: "Costio defnydd teulu o wasanaethau cyhoeddus – porth arddangos cyllideb gymunedol",
  },
  "page-heading": { en: "Cost a family’s use of public services", cy: "Costio defnydd teulu o wasanaethau cyhoeddus" },
  "page-intro": {
    en: "Add what the family used in a year. The cost to each agency updates as you type, in today’s money, from the unit-cost table you choose (the New Economy Unit Cost Database v1.2 unless you load your council’s own) and your council’s own costs.",
    cy: "Ychwanegwch yr hyn a ddefnyddiodd y teulu mewn blwyddyn. Mae’r gost i bob asiantaeth yn diweddaru wrth i chi deipio, yn arian heddiw, o’r tabl costau uned a ddewiswch (Cronfa Ddata Costau Uned New Economy v1.2 oni bai eich bod yn llwytho un eich cyngor) a chostau eich cyngor eich hun.",
  },
  "load-example": { en: "Fill in an example family", cy: "Llenwi teulu enghreifftiol" },
  "footer-text": {
    en: "Calculations run on this device.",
    cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon.",
  },
};

const family = document.getElementById("family");

/** The footer names the price year, deflator series and unit-cost table the element works in, in the page's language. */
function showPrices() {
  if (family.prices) document.getElementById("footer-prices").textContent = pricesLine(pageLanguage(), family.prices);
}

languageSwitch(PAGE, showPrices);
// The example replaces what the officer has typed only once they confirm.
document.getElementById("load-example").addEventListener("click", (e) => {
  confirmThen(e.currentTarget, pageLanguage(), "example", () => family.load(EXAMPLE), family.hasWork);
});
family.addEventListener("community-budget:prices", showPrices);
family.addEventListener("community-budget:ready", () => {
  performance.mark("community-budget:ready");
  document.documentElement.dataset.ready = "true";
}, { once: true });
