// The cohort worker, started from the portal's own folder: a dedicated worker is
// served by the service worker whose scope holds the worker's own URL, and the
// portal's service worker (sw.js) covers www/ only, not ../pkg/. Started from
// here, the worker and everything it loads (the package's cohort-worker.js, the
// engine and its .wasm) go through sw.js, so the cohort page works offline.
import "../pkg/cohort-worker.js";
