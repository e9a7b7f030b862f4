// Cohort reports in a Web Worker: `community-budget/cohort`.
//
//   import { CohortWorker } from "community-budget/cohort";
//   const worker = new CohortWorker();            // starts the worker and its engine
//   const job = worker.run(file, { rulePack: "tf-2015" },     // at the latest outturn year's prices
//                          { onProgress: (p) => console.log(p.rows, p.bytes / p.totalBytes) });
//   const answer = await job.result;              // the runCohort answer: { type: "success", report, html, csv, … }
//   job.cancel();                                 // rejects job.result with an AbortError
//
// The file never leaves the browser: the worker reads it from the File object
// the page hands it (a drop or an <input type=file>), in chunks. Small files
// can go through `runCohort(csvText, options)` of the engine on the page's own
// thread instead. Nothing here needs an inline script or style.

let jobs = 0;

/** A Web Worker running the cohort pipeline; one job at a time is the usual use, several queue. */
export class CohortWorker {
  /** Starts the worker (it loads the engine at once, so a first run does not wait for it). */
  constructor({ url = new URL("./cohort-worker.js", import.meta.url) } = {}) {
    this._worker = new Worker(url, { type: "module" });
    this._pending = new Map();
    this.ready = new Promise((resolve, reject) => {
      this._ready = resolve;
      this._failed = reject;
    });
    this._worker.onmessage = (event) => this._receive(event.data);
    this._worker.onerror = (event) => {
      const error = new Error(`The cohort worker failed: ${event.message ?? "it could not be started"}.`);
      this._failed(error);
      for (const job of this._pending.values()) job.reject(error);
      this._pending.clear();
    };
  }

  _receive(message) {
    if (message.type === "ready") {
      this.version = message.version;
      this._ready(message.version);
      return;
    }
    const job = this._pending.get(message.id);
    if (!job) return;
    if (message.type === "progress") {
      job.onProgress?.({
        rows: message.rows, rejectedRows: message.rejectedRows, families: message.families,
        bytes: message.bytes, totalBytes: message.totalBytes,
      });
      return;
    }
    this._pending.delete(message.id);
    if (message.memoryBytes) this.memoryBytes = message.memoryBytes;
    if (message.type === "done") job.resolve(message.answer);
    else if (message.type === "cancelled") job.reject(new DOMException("The cohort run was cancelled.", "AbortError"));
    else job.reject(new Error(message.message));
  }

  _start(message, onProgress) {
    const id = ++jobs;
    const result = new Promise((resolve, reject) => this._pending.set(id, { resolve, reject, onProgress }));
    this._worker.postMessage({ ...message, id });
    return { id, result };
  }

  /**
   * Runs a cohort file: `input` is a File or Blob (streamed), an ArrayBuffer or
   * a string. `onProgress({ rows, rejectedRows, families, bytes, totalBytes })`
   * is called after each chunk. Returns `{ result, cancel }`.
   */
  run(input, options, { onProgress } = {}) {
    const { id, result } = this._start({ type: "run", input, options }, onProgress);
    return { result, cancel: () => this._worker.postMessage({ type: "cancel", id }) };
  }

  /** A synthetic cohort as CSV text, generated in the worker: `{ families, seed?, first?, assessmentDate?, header?, claims? }`. */
  generate(call) {
    return this._start({ type: "generate", call }).result;
  }

  /** The unit-cost tables and deflator series (the engine's `unitCosts(options)`), from the worker's engine. */
  unitCosts(options) {
    return this._start({ type: "unitCosts", call: options }).result;
  }

  /** A council's own unit-cost table read and checked (the engine's `readUnitCostTable(call)`): its rows, and the problems by line and column. */
  readUnitCostTable(call) {
    return this._start({ type: "readUnitCostTable", call }).result;
  }

  /** An appraisal (the engine's `appraise(call)`), worked out in the worker. */
  appraise(call) {
    return this._start({ type: "appraise", call }).result;
  }

  /** The worker's engine memory (WebAssembly memory, in bytes) after its last run: it only grows, so this is its peak. */
  memoryBytes = 0;

  /** Stops the worker; pending jobs are rejected. */
  terminate() {
    this._worker.terminate();
    for (const job of this._pending.values()) job.reject(new DOMException("The cohort worker was stopped.", "AbortError"));
    this._pending.clear();
  }
}

/** Saves text as a file through a blob URL (nothing is sent anywhere). */
export function saveText(text, fileName, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Makes the download buttons of a report's HTML work: each button with
 * `data-export-table` and `data-format` saves that table (or, for
 * `rejected`, the rejected rows' problems) as CSV or JSON.
 */
export function bindExports(container, answer) {
  container.addEventListener("click", (event) => {
    const button = event.target.closest("[data-export-table]");
    if (!button || !container.contains(button)) return;
    const id = button.dataset.exportTable;
    if (id === "rejected") {
      saveText(answer.rejectedCsv, "rejected-rows.csv");
      return;
    }
    const csv = answer.csv.find((t) => t.id === id);
    if (!csv) return;
    if (button.dataset.format === "json") {
      const table = answer.report.sections.flatMap((s) => s.tables).find((t) => t.id === id);
      saveText(JSON.stringify(table, null, 2), csv.fileName.replace(/\.csv$/, ".json"), "application/json");
    } else {
      saveText(csv.text, csv.fileName);
    }
  });
}
