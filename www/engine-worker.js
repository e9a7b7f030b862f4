// The elements' engine worker, started from the portal's own folder (the
// pages' elements name it in their `engine-worker` attribute): a dedicated
// worker is served by the service worker whose scope holds the worker's own
// URL, and the portal's service worker (sw.js) covers www/ only, not ../pkg/.
// Started from here, the worker and everything it loads (the package's
// engine-worker.js, the engine module and its .wasm) go through sw.js, so a
// large recalculation works offline off the page's thread too.
import "../pkg/engine-worker.js";
