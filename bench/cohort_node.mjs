// Times the cohort pipeline in wasm under Node (V8, as in Chromium) on
// generated families: `node bench/cohort_node.mjs [families] [runs]`.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { initSync, generateCohort, cohortStart, cohortPush, cohortPushUnhashed, cohortFinish } from "../pkg/community_budget.js";

initSync({ module: readFileSync(new URL("../pkg/community_budget_bg.wasm", import.meta.url)) });
const families = Number(process.argv[2] ?? 100000);
const runs = Number(process.argv[3] ?? 3);
const text = generateCohort({ families, seed: 1 });
const bytes = new TextEncoder().encode(text);
const hashed = process.argv[4] !== "unhashed";
const times = [];
let answer;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const run = cohortStart({ rulePack: "tf-2015", baseYear: "2013/14", deflator: "ucd-v1.2-ons-2013-06" });
  for (let i = 0; i < bytes.length; i += 1 << 20) {
    const chunk = bytes.subarray(i, Math.min(bytes.length, i + (1 << 20)));
    if (hashed) cohortPush(run, chunk); else cohortPushUnhashed(run, chunk);
  }
  answer = hashed ? cohortFinish(run) : cohortFinish(run, createHash("sha256").update(bytes).digest("hex"));
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ families, bytes: bytes.length, medianMs: +times[Math.floor(runs / 2)].toFixed(1), minMs: +times[0].toFixed(1), type: answer.type, summary: answer.report?.summary.map((f) => `${f.key}=${f.value}`).join(" ") }));
