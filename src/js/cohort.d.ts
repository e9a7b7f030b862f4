// Declarations for `community-budget/cohort` (the Web Worker wrapper).
import type {
  AppraiseAnswer, AppraiseCall, CohortAnswer, CohortOptions, GenerateCohortCall, ReadUnitCostTableAnswer, ReadUnitCostTableCall,
  UnitCostsAnswer, UnitCostsOptions,
} from "./community_budget.js";

/** How far a run has got. */
export interface CohortProgress {
  rows: number;
  rejectedRows: number;
  families: number;
  bytes: number;
  totalBytes: number;
}

/** A run under way. */
export interface CohortJob {
  /** The answer; rejects with an AbortError when cancelled, an Error for a broken call. */
  result: Promise<CohortAnswer>;
  /** Stops the run between two chunks. */
  cancel(): void;
}

/** A Web Worker running the cohort pipeline. */
export declare class CohortWorker {
  constructor(options?: { url?: URL | string });
  /** Resolves to the engine's version once the worker has loaded it. */
  readonly ready: Promise<string>;
  /** The worker's WebAssembly memory after its last run, in bytes (its peak: it only grows). */
  readonly memoryBytes: number;
  run(
    input: File | Blob | ArrayBuffer | string,
    options: CohortOptions,
    handlers?: { onProgress?: (progress: CohortProgress) => void },
  ): CohortJob;
  generate(call: GenerateCohortCall): Promise<string>;
  /** The unit-cost tables and deflator series, from the worker's engine. */
  unitCosts(options?: UnitCostsOptions): Promise<UnitCostsAnswer>;
  /** A council's own unit-cost table, read and checked in the worker. */
  readUnitCostTable(call: ReadUnitCostTableCall): Promise<ReadUnitCostTableAnswer>;
  /** An appraisal, worked out in the worker. */
  appraise(call: AppraiseCall): Promise<AppraiseAnswer>;
  terminate(): void;
}

/** Saves text as a file through a blob URL. */
export declare function saveText(text: string, fileName: string, type?: string): void;
/** Makes a report's download buttons (data-export-table) save its tables. */
export declare function bindExports(container: HTMLElement, answer: Extract<CohortAnswer, { type: "success" }>): void;
