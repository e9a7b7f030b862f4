// Runs in headless Chromium (bench/run.mjs): the cohort pipeline in the
// package's Web Worker, file → report, as the cohort page runs it.
import { CohortWorker } from "../pkg/cohort.js";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A generated cohort as a File, built in parts (never one string). */
async function cohortFile(worker, families, claims) {
  const parts = [];
  for (let first = 1; first <= families; first += 50_000) {
    const n = Math.min(50_000, families - first + 1);
    parts.push(new Blob([await worker.generate({ families: n, seed: 1, first, header: first === 1, claims })]));
  }
  return new File(parts, `cohort-${families}.csv`, { type: "text/csv" });
}

// With `claims`, seven families in ten have an attachment date and the options
// name a pooled budget's partners: every step of the pipeline runs.
export const PARTNERS = [
  { name: "Council", agencies: ["Local Authority"], share: "0.6" },
  { name: "Police", agencies: ["Police"], share: "0.2" },
  { name: "NHS", agencies: ["NHS"], share: "0.1" },
  { name: "Jobcentre Plus", agencies: ["DWP"], share: "0.1" },
];

window.runCohortBench = async function runCohortBench({ families, runs, claims = false }) {
  const worker = new CohortWorker();
  await worker.ready;
  const file = await cohortFile(worker, families, claims);
  const options = { rulePack: "tf-2015", baseYear: "2013/14", deflator: "ucd-v1.2-ons-2013-06", ...(claims ? { pool: { partners: PARTNERS } } : {}) };
  const times = [];
  let answer = null;
  // The page's own thread while the worker reads: the longest gap between
  // animation frames.
  let longestFrame = 0;
  for (let r = 0; r < runs + 1; r++) {
    let last = performance.now();
    let frames = true;
    const tick = (t) => { longestFrame = Math.max(longestFrame, t - last); last = t; if (frames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const t0 = performance.now();
    answer = await worker.run(file, options).result;
    const ms = performance.now() - t0;
    frames = false;
    if (r > 0) times.push(ms); // the first run warms the engine up
  }
  const figure = (key) => answer.report.summary.find((f) => f.key === key).value;
  const result = {
    families,
    bytes: file.size,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    rows: figure("rowsRead"),
    annualCost: figure("annualCost"),
    memoryBytes: worker.memoryBytes,
    longestFrameMs: longestFrame,
  };
  worker.terminate();
  return result;
};
document.getElementById("state").textContent = "ready";
