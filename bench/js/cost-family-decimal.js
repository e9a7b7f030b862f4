// A straightforward JavaScript implementation of costFamily with decimal.js,
// written the way a council developer would without the engine: the baseline
// the wasm engine is measured against (bench/run.mjs). It follows the same
// published rules (re-base, round half away from zero to the penny, cost rows
// split by agency through their parts, totals by agency) and is checked to give
// the same totals as the engine before it is timed. It writes no receipt.
import Decimal from "../../node_modules/decimal.js/decimal.mjs";

function rows(tsv) {
  const lines = tsv.split("\n").filter((l) => l && !l.startsWith("#"));
  const header = lines[0].split("\t");
  return lines.slice(1).map((l) => Object.fromEntries(l.split("\t").map((v, i) => [header[i], v.trim()])));
}

export function buildTable(ucdTsv, deflatorTsv) {
  const index = new Map(rows(deflatorTsv).map((r) => [r.financial_year, new Decimal(r.index)]));
  const spelling = new Map();
  const spell = (name) => {
    const key = name.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    if (key && !spelling.has(key)) spelling.set(key, name.split(/\s+/).filter(Boolean).join(" "));
    return spelling.get(key) ?? "";
  };
  const byCode = new Map();
  for (const r of rows(ucdTsv)) {
    byCode.set(r.code, { code: r.code, agency: spell(r.agency_l1), subAgency: spell(r.agency_l2), cost: new Decimal(r.original_cost), year: r.price_year });
  }
  return { index, byCode, spell };
}

export function costFamily(table, call) {
  const byCode = new Map(table.byCode);
  for (const r of call.localRows ?? []) {
    byCode.set(r.code, { code: r.code, agency: table.spell(r.agencyL1), subAgency: table.spell(r.agencyL2 ?? ""), cost: new Decimal(r.cost), year: r.priceYear });
  }
  const to = table.index.get(call.baseYear);
  if (!to) return { type: "failure", errors: [{ path: "baseYear" }] };
  const unitCost = (row) => row.cost.times(to).dividedBy(table.index.get(row.year)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const partsOf = (code) => [...byCode.values()].filter((r) => r.code.startsWith(`${code}.`) && !r.code.slice(code.length + 1).includes("."));
  const agencies = new Map();
  const lines = [];
  let total = new Decimal(0);
  const add = (agency, amount) => {
    agencies.set(agency, (agencies.get(agency) ?? new Decimal(0)).plus(amount));
    total = total.plus(amount);
  };
  for (const [i, item] of call.items.entries()) {
    const row = byCode.get(item.code);
    const quantity = new Decimal(item.quantity);
    if (!row || quantity.isNeg() || !quantity.isInteger()) return { type: "failure", errors: [{ path: `items[${i}]` }] };
    const parts = row.agency === "Multiple" ? partsOf(row.code) : [];
    if (parts.length) {
      let unit = new Decimal(0);
      for (const part of parts) {
        const u = unitCost(part);
        unit = unit.plus(u);
        add(part.agency, u.times(quantity));
      }
      lines.push({ code: row.code, unitCost: unit.toFixed(2), lineCost: unit.times(quantity).toFixed(2) });
    } else {
      const u = unitCost(row);
      add(row.agency, u.times(quantity));
      lines.push({ code: row.code, unitCost: u.toFixed(2), lineCost: u.times(quantity).toFixed(2) });
    }
  }
  const byAgency = [...agencies].map(([agency, amount]) => ({ agency, amount: amount.toFixed(2) }))
    .sort((a, b) => new Decimal(b.amount).comparedTo(a.amount) || a.agency.localeCompare(b.agency));
  return { type: "success", total: total.toFixed(2), byAgency, lines };
}
