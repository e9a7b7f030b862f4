// Declarations for the hand-written custom elements (the engine's own
// declarations are generated into community_budget.d.ts).
import type {
  AppraiseAnswer, AppraiseCall, CheckEligibilityAnswer, CheckEligibilityCall, CostFamilyAnswer, CostFamilyCall, CouncilTableCall,
  LoadUnitCostTableAnswer, LoadUnitCostTableCall, ReadUnitCostTableAnswer, ReadUnitCostTableCall, UnitCostView, UnitCostsAnswer,
  UnitCostsOptions, ValidateRulePackAnswer,
} from "./community_budget.js";

/** A built-in unit-cost table's id. */
export type UnitCostTableId = "ucd-v1.2" | "ucd-v1.4";
/** A built-in deflator series' id. */
export type DeflatorId = "hmt-gdp-2026-03" | "ucd-v1.2-ons-2013-06";

/**
 * The prices an element (or an answer) works in: ids of the table and series;
 * a council's table is `council:<name>`, with `extendsTable` the built-in table
 * its rows sit on. `discounting` is an appraisal's discount schedule, when there is one.
 */
export interface Prices {
  baseYear: string;
  deflator: string;
  unitCostTable: string;
  extendsTable?: string;
  discounting?: { schedule?: string; source?: string; edition?: string };
}

/** The detail of `community-budget:answer` events from `<community-budget-family-cost>`. */
export interface FamilyCostAnswerDetail {
  call: CostFamilyCall;
  answer: CostFamilyAnswer;
}

/** The detail of `community-budget:answer` events from `<community-budget-eligibility>`. */
export interface EligibilityAnswerDetail {
  call: CheckEligibilityCall;
  answer: CheckEligibilityAnswer;
}

/** The detail of `community-budget:answer` events from `<community-budget-savings>`. */
export interface SavingsAnswerDetail {
  call: AppraiseCall;
  answer: AppraiseAnswer;
}

/** The detail of any element's `community-budget:answer` event: look at the event's target to tell which. */
export type AnswerDetail = FamilyCostAnswerDetail | EligibilityAnswerDetail | SavingsAnswerDetail;

/** The events of an element whose answers carry `Detail`: a listener on the element gets the element's own detail. */
export interface CommunityBudgetEventMap<Detail extends AnswerDetail> extends HTMLElementEventMap {
  "community-budget:answer": CustomEvent<Detail>;
  "community-budget:ready": CustomEvent<{ version: string }>;
  /** The family-cost and savings elements: the prices they work in, once loaded and after every change of them. */
  "community-budget:prices": CustomEvent<Prices>;
}


/**
 * `<community-budget-family-cost price-year unit-cost-table deflator lang case-storage engine-worker>`: `price-year` left out is
 * the deflator series' latest outturn year (today's money); `unit-cost-table` a {@link UnitCostTableId} (default
 * `ucd-v1.2`); `deflator` a {@link DeflatorId} (default `hmt-gdp-2026-03`); `engine-worker` the URL of the engine
 * worker a large call's recalculation goes to (default the package's `engine-worker.js`; `none`: every call on the
 * page's thread). With a worker, a large call's answer (and `answer`) comes after the keystroke's event, not in it.
 */
export declare class FamilyCostElement extends HTMLElement {
  addEventListener<K extends keyof CommunityBudgetEventMap<FamilyCostAnswerDetail>>(type: K, listener: (this: HTMLElement, ev: CommunityBudgetEventMap<FamilyCostAnswerDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The call the form currently describes. */
  readonly call: CostFamilyCall;
  /** The last answer, or null before the first calculation. */
  readonly answer: CostFamilyAnswer | null;
  /** `en` or `cy`, from the `lang` attribute or the page. */
  readonly uiLanguage: "en" | "cy";
  /** Whether the form holds anything the officer typed (clearing it or filling in an example would replace it: the element asks first). */
  readonly hasWork: boolean;
  /** The prices it works in (`council:<name>` for the council's own table), or null before the engine has loaded. */
  readonly prices: Prices | null;
  /** Fills the form from a call (its year, table, series and council table too) and recalculates. */
  load(call: CostFamilyCall): void;
  /** Empties the form. */
  clear(): void;
}

/**
 * `<community-budget-eligibility rule-pack assessment-date lang case-storage engine-worker>`: `rule-pack` a built-in
 * pack's id to apply whatever the date; left out, the built-in pack in force on the assessment date (`assessment-date`,
 * default today: `ff-2025`), which follows the date as the officer changes it until they choose a pack. `case-storage`
 * and `engine-worker` as for the family-cost element (a case file keeps the council's pack with the case). The form
 * takes each member's `circumstances` (kind, from, to), `exploitation` (date, kind) and `missingEpisodes` (date) as
 * well as the earlier facts.
 */
export declare class EligibilityElement extends HTMLElement {
  addEventListener<K extends keyof CommunityBudgetEventMap<EligibilityAnswerDetail>>(type: K, listener: (this: HTMLElement, ev: CommunityBudgetEventMap<EligibilityAnswerDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The checkEligibility call the form currently describes. */
  readonly call: CheckEligibilityCall;
  /** The last answer, or null before the first decision (or with no member entered). */
  readonly answer: CheckEligibilityAnswer | null;
  /** `en` or `cy`, from the `lang` attribute or the page. */
  readonly uiLanguage: "en" | "cy";
  /** Whether the form holds anything the officer typed (clearing it or filling in an example would replace it: the element asks first). */
  readonly hasWork: boolean;
  /** Fills the form from a call with a built-in `rulePack` (or the `councilPack` loaded) and decides again. */
  load(call: CheckEligibilityCall): void;
  /**
   * Reads a council's own rule pack (the JSON text of its file): a sound pack is offered beside the
   * built-in ones, chosen, with what it changes; a broken one's problems are listed at the file input.
   */
  loadCouncilPack(text: string): ValidateRulePackAnswer;
  /** Empties the form (a council pack loaded stays chosen). */
  clear(): void;
}

/** What the officer types into `<community-budget-savings>`: text as typed, percentages as percentages ("80"). */
export interface SavingsForm {
  name?: string;
  /** Year 0's price year; left out, the `price-year` attribute or the series' latest outturn year. */
  baseYear?: string;
  unitCostTable?: UnitCostTableId;
  deflator?: DeflatorId;
  /** A council's own unit-cost table (CSV text), used on `extends` or on its own. */
  councilTable?: CouncilTableCall;
  cohort?: string | number;
  /** The central discount schedule (Green Book 2026): standard, health, or the sensitivity schedule itself. */
  schedule?: "greenBook" | "health" | "sensitivity";
  /** Also show the Green Book 2026 sensitivity test (no pure time preference) beside the central case. */
  sensitivity?: boolean;
  costs?: { year?: string | number; funder?: string; amount?: string }[];
  outcome?: { name?: string; engagement?: string; success?: string; deadweight?: string; lag?: string | number; duration?: string | number; dropOff?: string };
  values?: { code?: string; quantity?: string; description?: string; agency?: string; amount?: string; grade?: string | number }[];
  cashable?: { agency?: string; share?: string }[];
}

/** `<community-budget-savings price-year unit-cost-table deflator lang case-storage engine-worker>` (the attributes as for the family-cost element; a case file keeps the form as typed, a {@link SavingsForm}). */
export declare class SavingsElement extends HTMLElement {
  addEventListener<K extends keyof CommunityBudgetEventMap<SavingsAnswerDetail>>(type: K, listener: (this: HTMLElement, ev: CommunityBudgetEventMap<SavingsAnswerDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The appraise call the form currently describes. */
  readonly call: AppraiseCall;
  /** The last answer, or null before the first calculation. */
  readonly answer: AppraiseAnswer | null;
  /** `en` or `cy`, from the `lang` attribute or the page. */
  readonly uiLanguage: "en" | "cy";
  /** Whether the form holds anything the officer typed (clearing it or filling in an example would replace it: the element asks first). */
  readonly hasWork: boolean;
  /** The prices it works in, with the discounting of its last appraisal; null before the engine has loaded. */
  readonly prices: Prices | null;
  /** Fills the form and recalculates. */
  load(form: SavingsForm): void;
  /** Empties the form. */
  clear(): void;
}

/** The choice of prices for a form of your own: price year, unit-cost table, deflator series and the council's own table. */
export declare class PricingFields {
  constructor(options: {
    /** A success answer of `unitCosts()`. */
    catalogue: Extract<UnitCostsAnswer, { type: "success" }>;
    /** `readUnitCostTable` of an engine module (or a worker: a promise of its answer). */
    read: (call: ReadUnitCostTableCall) => ReadUnitCostTableAnswer | Promise<ReadUnitCostTableAnswer>;
    /** For a table listed with `loaded: false`: its rows, once loaded (`tableLoader(api)`). */
    loadTable?: (id: string) => Promise<UnitCostsAnswer>;
    /** Prefixes the ids of its controls (`PREFIX-base-year`, `PREFIX-unit-cost-table`, `PREFIX-deflator`, `PREFIX-council-file`, …). */
    prefix?: string;
    baseYear?: string;
    table?: string;
    deflator?: string;
    /** After every change of the choice ("year", "table", "series" or "council"). */
    onChange?: (what: "year" | "table" | "series" | "council") => void;
    /** The council's file could not be read at all (path `@council-file`), or a table could not be loaded (path `unitCostTable`). */
    onProblem?: (message: string, path: "@council-file" | "unitCostTable") => void;
    /** A sentence for a live region. */
    announce?: (text: string) => void;
    /** Where "Download the template" points (default: unit_cost_template.csv beside the module). */
    templateUrl?: string;
  });
  /** Resolves once the table to start with has its rows (loading its data file if the module lacks it). */
  started(): Promise<void>;
  /** The fieldset, in `lang`; `{ year: false }` leaves out the price year. */
  node(lang: "en" | "cy", options?: { year?: boolean; level?: "h2" | "h3" }): HTMLElement;
  /** `{ baseYear, deflator, unitCostTable }`, or `{ baseYear, deflator, councilTable }`: spread into a call. */
  callFields(): { baseYear: string; deflator: string; unitCostTable?: string; councilTable?: CouncilTableCall };
  /** The prices chosen, for `pricesLine`. */
  prices(): Prices;
  /** The rows an item's code is looked up in (the council's first). */
  rows(): UnitCostView[];
  /** Takes `year` as the price year without calling `onChange` (for a form that shows the year itself). */
  chooseYear(year: string): void;
  /** The price year's options, `[year, text]`. */
  yearOptions(lang: "en" | "cy"): [string, string][];
  /** The id of the control an error's path is about (`baseYear`, `unitCostTable`, `deflator`, `councilTable…`), or null. */
  fieldFor(path?: string): string | null;
  /** Takes the pricing of a call as the choice (a council table is read again). */
  load(call?: { baseYear?: string; unitCostTable?: string; deflator?: string; councilTable?: CouncilTableCall }): void | Promise<void>;
  /** The price year chosen. */
  readonly baseYear: string;
  /** The council's table as read, or null. */
  readonly council: Extract<ReadUnitCostTableAnswer, { type: "success" }> | null;
}
/** "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2; discounting: Green Book 2026", in `lang`. */
export declare function pricesLine(lang: "en" | "cy", prices: Prices): string;
/** The prices a success answer (costFamily, appraise, appraisalDefaults, poolReturns, appraisePlace, runCohort) is in, or null. */
export declare function pricesOf(answer: unknown): Prices | null;
/** The URL of the council unit-cost table template (CSV) shipped beside the elements. */
export declare const TEMPLATE_URL: string;
/** `loadTable` for PricingFields: fetches a built-in table's data file from the package and loads it into `api`. */
export declare function tableLoader(api: {
  loadUnitCostTable(call: LoadUnitCostTableCall): LoadUnitCostTableAnswer;
  unitCosts(options?: UnitCostsOptions | null): UnitCostsAnswer;
}): (id: string) => Promise<UnitCostsAnswer>;

/** Every user-facing string, by language and key. */
export declare const STRINGS: Record<"en" | "cy", Record<string, string>>;
/** "45780.44" → "£45,780.44", exactly (never through a floating-point number). */
export declare function formatMoney(amount: string): string;
/** "80" → "0.8": a percentage typed by an officer as the engine's rate, by moving the decimal point in the text. */
export declare function percentToRate(percent: string): string;
/** "0.125" → "12.5%": an engine rate shown as a percentage, by moving the decimal point back. */
export declare function rateToPercent(rate: string): string;
/** The JSON text of a case file of `kind` holding `call`. */
export declare function caseFile(kind: string, call: unknown): string;
/** Reads a case file: `{ call }`, or `{ error }` naming what is wrong ("json", or the path of the first bad field). */
export declare function readCaseFile<T>(text: string, kind: string, checkCall: (call: unknown) => string | null): { call: T; error?: undefined } | { error: string; call?: undefined };
/** Offers `text` as a file download named `name` (a blob: URL; nothing leaves the device). */
export declare function download(name: string, text: string): void;
/**
 * Runs `run` once the officer confirms, when `needed` (otherwise at once): a GOV.UK warning after `button` asks,
 * in `lang`, before clearing the form, filling in an example or clearing saved data; Cancel or Escape changes nothing.
 */
export declare function confirmThen(button: HTMLElement, lang: "en" | "cy", action: "clear" | "example" | "saved", run: () => void, needed?: boolean): void;
/** Loads an engine module once ("full", or one capability: "costs", "eligibility", "appraisal"); resolves to its exports. */
export declare function loadEngine(part?: "full"): Promise<typeof import("./community_budget.js")>;
export declare function loadEngine(part: "costs"): Promise<typeof import("./community_budget_costs.js")>;
export declare function loadEngine(part: "eligibility"): Promise<typeof import("./community_budget_eligibility.js")>;
export declare function loadEngine(part: "appraisal"): Promise<typeof import("./community_budget_appraisal.js")>;

declare global {
  interface HTMLElementTagNameMap {
    "community-budget-family-cost": FamilyCostElement;
    "community-budget-eligibility": EligibilityElement;
    "community-budget-savings": SavingsElement;
  }
  interface HTMLElementEventMap {
    "community-budget:answer": CustomEvent<AnswerDetail>;
    "community-budget:ready": CustomEvent<{ version: string }>;
    "community-budget:prices": CustomEvent<Prices>;
  }
  /** The events bubble, so a page can listen once on the document. */
  interface DocumentEventMap {
    "community-budget:answer": CustomEvent<AnswerDetail>;
    "community-budget:ready": CustomEvent<{ version: string }>;
    "community-budget:prices": CustomEvent<Prices>;
  }
}
