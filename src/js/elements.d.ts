// Declarations for the hand-written custom elements (the engine's own
// declarations are generated into community_budget.d.ts).
import type {
  AppraiseAnswer, AppraiseCall, CheckEligibilityAnswer, CheckEligibilityCall, CostFamilyAnswer, CostFamilyCall,
} from "./community_budget.js";

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
}


/** `<community-budget-family-cost price-year lang case-storage>` */
export declare class FamilyCostElement extends HTMLElement {
  addEventListener<K extends keyof CommunityBudgetEventMap<FamilyCostAnswerDetail>>(type: K, listener: (this: HTMLElement, ev: CommunityBudgetEventMap<FamilyCostAnswerDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The call the form currently describes. */
  readonly call: CostFamilyCall;
  /** The last answer, or null before the first calculation. */
  readonly answer: CostFamilyAnswer | null;
  /** `en` or `cy`, from the `lang` attribute or the page. */
  readonly uiLanguage: "en" | "cy";
  /** Fills the form from a call and recalculates. */
  load(call: CostFamilyCall): void;
  /** Empties the form. */
  clear(): void;
}

/** `<community-budget-eligibility rule-pack assessment-date lang>` */
export declare class EligibilityElement extends HTMLElement {
  addEventListener<K extends keyof CommunityBudgetEventMap<EligibilityAnswerDetail>>(type: K, listener: (this: HTMLElement, ev: CommunityBudgetEventMap<EligibilityAnswerDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The checkEligibility call the form currently describes. */
  readonly call: CheckEligibilityCall;
  /** The last answer, or null before the first decision (or with no member entered). */
  readonly answer: CheckEligibilityAnswer | null;
  /** `en` or `cy`, from the `lang` attribute or the page. */
  readonly uiLanguage: "en" | "cy";
  /** Fills the form from a call with a built-in `rulePack` and decides again. */
  load(call: CheckEligibilityCall): void;
  /** Empties the form. */
  clear(): void;
}

/** What the officer types into `<community-budget-savings>`: text as typed, percentages as percentages ("80"). */
export interface SavingsForm {
  name?: string;
  baseYear?: string;
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

/** `<community-budget-savings price-year lang>` */
export declare class SavingsElement extends HTMLElement {
  addEventListener<K extends keyof CommunityBudgetEventMap<SavingsAnswerDetail>>(type: K, listener: (this: HTMLElement, ev: CommunityBudgetEventMap<SavingsAnswerDetail>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The appraise call the form currently describes. */
  readonly call: AppraiseCall;
  /** The last answer, or null before the first calculation. */
  readonly answer: AppraiseAnswer | null;
  /** `en` or `cy`, from the `lang` attribute or the page. */
  readonly uiLanguage: "en" | "cy";
  /** Fills the form and recalculates. */
  load(form: SavingsForm): void;
  /** Empties the form. */
  clear(): void;
}

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
  }
  /** The events bubble, so a page can listen once on the document. */
  interface DocumentEventMap {
    "community-budget:answer": CustomEvent<AnswerDetail>;
    "community-budget:ready": CustomEvent<{ version: string }>;
  }
}
