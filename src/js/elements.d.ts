// Declarations for the hand-written custom elements (the engine's own
// declarations are generated into community_budget.d.ts).
import type { CostFamilyAnswer, CostFamilyCall } from "./community_budget.js";

/** The detail of `community-budget:answer` events. */
export interface FamilyCostAnswerDetail {
  call: CostFamilyCall;
  answer: CostFamilyAnswer;
}

/** `<community-budget-family-cost price-year lang case-storage>` */
export declare class FamilyCostElement extends HTMLElement {
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

/** Every user-facing string, by language and key. */
export declare const STRINGS: Record<"en" | "cy", Record<string, string>>;
/** "45780.44" → "£45,780.44", exactly (never through a floating-point number). */
export declare function formatMoney(amount: string): string;
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
  }
  interface HTMLElementEventMap {
    "community-budget:answer": CustomEvent<FamilyCostAnswerDetail>;
    "community-budget:ready": CustomEvent<{ version: string }>;
  }
}
