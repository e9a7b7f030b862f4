// Completes pkg/ (wasm-pack's output) as the npm package council web teams
// install: adds the hand-written custom elements from src/js/, the web-team
// README, and a package.json with an `exports` map and no dependencies.
//   node scripts/package.mjs        (run by `make build` after wasm-pack)
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);
const js = new URL("src/js/", root);

// One module per capability (built by make into target/part-*/): a page loads only the part it uses.
export const PARTS = ["costs", "eligibility", "appraisal", "neighbourhood", "place"];
const partFiles = [];
for (const part of PARTS) {
  const dir = new URL(`target/part-${part}/`, root);
  for (const suffix of [".js", ".d.ts", "_bg.wasm", "_bg.wasm.d.ts"]) {
    const file = `community_budget_${part}${suffix}`;
    await copyFile(new URL(file, dir), new URL(file, pkg));
    partFiles.push(file);
  }
}

const handWritten = (await readdir(js)).filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"));
for (const file of handWritten) await copyFile(new URL(file, js), new URL(file, pkg));
await copyFile(new URL("README.md", js), new URL("README.md", pkg));
await copyFile(new URL("LICENSE", root), new URL("LICENSE", pkg));
// Data files the elements find beside their modules, so a portal serves them with
// them: the template of a council's own unit-cost table ("Download the
// template"), and UCD v1.4, which the capability modules do not carry (an
// element fetches it only when the officer chooses that table).
const TEMPLATE = "unit_cost_template.csv";
const DATA = [TEMPLATE, "ucd_v1_4.tsv"];
for (const file of DATA) await copyFile(new URL(`data/${file}`, root), new URL(file, pkg));

const generated = JSON.parse(await readFile(new URL("package.json", pkg), "utf8"));
const manifest = {
  name: "community-budget",
  version: generated.version,
  description: "Troubled Families / Community Budgets calculations in the browser: family cost by agency, eligibility, appraisal and cohort reports in a Web Worker, with GOV.UK-styled custom elements. Family data never leaves the device.",
  license: generated.license,
  type: "module",
  module: "./community_budget.js",
  types: "./community_budget.d.ts",
  exports: {
    ".": { types: "./community_budget.d.ts", default: "./community_budget.js" },
    "./elements": { types: "./elements.d.ts", default: "./elements.js" },
    "./cohort": { types: "./cohort.d.ts", default: "./cohort.js" },
    "./cohort-worker.js": "./cohort-worker.js",
    ...Object.fromEntries(PARTS.map((part) => [`./${part}`, { types: `./community_budget_${part}.d.ts`, default: `./community_budget_${part}.js` }])),
    "./community_budget_bg.wasm": "./community_budget_bg.wasm",
    ...Object.fromEntries(DATA.map((file) => [`./${file}`, `./${file}`])),
    "./package.json": "./package.json",
  },
  files: [
    "community_budget.js",
    "community_budget.d.ts",
    "community_budget_bg.wasm",
    "community_budget_bg.wasm.d.ts",
    ...partFiles,
    ...handWritten,
    ...DATA,
    "README.md",
    "LICENSE",
  ],
  sideEffects: ["./elements.js", "./family-cost.js", "./eligibility.js", "./savings.js"],
  keywords: ["troubled-families", "community-budgets", "wasm", "govuk", "custom-element"],
};
await writeFile(new URL("package.json", pkg), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`pkg/ completed: ${PARTS.length} capability modules, ${handWritten.length} hand-written files, exports ${Object.keys(manifest.exports).join(", ")}`);
