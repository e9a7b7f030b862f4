// Times costFamily on the Salford-style family, in Node, against the built pkg/.
//   node bench/cost_family.mjs [runs] [calls-per-run]
// Prints the median and range of the per-call time over the runs, in microseconds.
import { readFileSync } from "node:fs";
import { initSync, costFamily } from "../pkg/community_budget.js";

initSync({ module: readFileSync(new URL("../pkg/community_budget_bg.wasm", import.meta.url)) });
const fixtures = JSON.parse(readFileSync(new URL("../tests/fixtures/cost_family.json", import.meta.url), "utf8"));
const call = fixtures.find((f) => f.name === "salford-family").call;
const runs = Number(process.argv[2] ?? 9);
const calls = Number(process.argv[3] ?? 2000);

if (costFamily(call).total !== "45780.44") throw new Error("wrong answer");
for (let i = 0; i < calls; i++) costFamily(call); // warm up
const perCall = [];
for (let r = 0; r < runs; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) costFamily(call);
  perCall.push(Number(process.hrtime.bigint() - start) / calls / 1000);
}
perCall.sort((a, b) => a - b);
const median = perCall[Math.floor(perCall.length / 2)];
console.log(JSON.stringify({ median_us: +median.toFixed(2), min_us: +perCall[0].toFixed(2), max_us: +perCall.at(-1).toFixed(2), runs, calls }));
