// The demo portal's service worker: keeps the page, the package and the .wasm
// so that the portal opens and computes with no network at all.
//
// Network first, falling back to the copy kept here: online, the officer always
// gets the files just served (so a new release shows at once); offline, the last
// copies. Only this origin's own files are ever fetched or kept.
const CACHE = "community-budget-demo-v11";
const FILES = [
  "./",
  "./index.html",
  "./app.js",
  "./app.css",
  "./vendor/govuk.css",
  "./eligibility.html",
  "./eligibility.js",
  "./savings.html",
  "./savings.js",
  "./partners.html",
  "./partners.js",
  "./claim.html",
  "./claim.js",
  "./claim.css",
  "./ui.js",
  "./shell.js",
  "./neighbourhood.html",
  "./neighbourhood.js",
  "./cohort.html",
  "./cohort.js",
  "./cohort-worker.js",
  "./engine-worker.js",
  "./cohort-template.csv",
  "./place.html",
  "./place.js",
  "../pkg/elements.js",
  "../pkg/family-cost.js",
  "../pkg/eligibility.js",
  "../pkg/savings.js",
  "../pkg/calculator.js",
  "../pkg/engine.js",
  "../pkg/engine-worker.js",
  "../pkg/dom.js",
  "../pkg/i18n.js",
  "../pkg/case-store.js",
  "../pkg/pricing.js",
  "../pkg/unit_cost_template.csv",
  "../pkg/ucd_v1_4.tsv",
  "../pkg/community_budget_costs.js",
  "../pkg/community_budget_costs_bg.wasm",
  "../pkg/community_budget_eligibility.js",
  "../pkg/community_budget_eligibility_bg.wasm",
  "../pkg/community_budget_appraisal.js",
  "../pkg/community_budget_appraisal_bg.wasm",
  "../pkg/community_budget_neighbourhood.js",
  "../pkg/community_budget_neighbourhood_bg.wasm",
  "../pkg/cohort.js",
  "../pkg/cohort-worker.js",
  "../pkg/community_budget_place.js",
  "../pkg/community_budget_place_bg.wasm",
  "../pkg/community_budget.js",
  "../pkg/community_budget_bg.wasm",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      if (response.ok) await cache.put(event.request, response.clone());
      return response;
    } catch (offline) {
      const kept = await cache.match(event.request, { ignoreSearch: true });
      if (kept) return kept;
      throw offline;
    }
  })());
});
