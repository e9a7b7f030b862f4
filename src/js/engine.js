// One initialisation per engine module per page, shared by every element.
//
// The engine comes as one module per capability (costs, eligibility,
// appraisal) plus the whole engine ("full"), so that a page loads only what it
// uses. Each .wasm is found beside its module (import.meta.url), so the package
// works from any sub-path; nothing else is fetched.
const LOADERS = {
  full: () => import("./community_budget.js"),
  costs: () => import("./community_budget_costs.js"),
  eligibility: () => import("./community_budget_eligibility.js"),
  appraisal: () => import("./community_budget_appraisal.js"),
  neighbourhood: () => import("./community_budget_neighbourhood.js"),
  place: () => import("./community_budget_place.js"),
};

// Each module's .wasm, beside it (the same URL its own loader would fetch).
const WASM = {
  full: () => new URL("./community_budget_bg.wasm", import.meta.url),
  costs: () => new URL("./community_budget_costs_bg.wasm", import.meta.url),
  eligibility: () => new URL("./community_budget_eligibility_bg.wasm", import.meta.url),
  appraisal: () => new URL("./community_budget_appraisal_bg.wasm", import.meta.url),
  neighbourhood: () => new URL("./community_budget_neighbourhood_bg.wasm", import.meta.url),
  place: () => new URL("./community_budget_place_bg.wasm", import.meta.url),
};

const ready = new Map();

/**
 * Resolves to the exports of the engine module `part` once its .wasm has been
 * instantiated. The .wasm is fetched and compiled as it streams in at once,
 * alongside its JavaScript module, not after it.
 */
export function loadEngine(part = "full") {
  const load = LOADERS[part];
  if (!load) return Promise.reject(new Error(`There is no engine module "${part}".`));
  if (!ready.has(part)) {
    const wasm = compiled(part);
    ready.set(part, load().then(async (module) => { await module.default(await wasm); return module; }));
  }
  return ready.get(part);
}

/** `{ module_or_path }` for the module's loader: its .wasm compiled while it streams in, or (no streaming compile here, or it failed: a server that does not say application/wasm) nothing, and the loader fetches it as before. */
function compiled(part) {
  if (typeof WebAssembly.compileStreaming !== "function" || typeof fetch !== "function") return undefined;
  return WebAssembly.compileStreaming(fetch(WASM[part]())).then((module_or_path) => ({ module_or_path }), () => undefined);
}

const unitCostTables = new WeakMap();

/**
 * The unitCosts() answer of an engine module, computed once, without the
 * tables' rows (`rows: false`): the whole UCD v1.2 is some 700 KB of JSON, which
 * the first result would otherwise wait for. An element fills in the rows of
 * the table it uses once its first result is shown (PricingFields.fillRows).
 */
export function unitCostsOnce(api) {
  if (!unitCostTables.has(api)) unitCostTables.set(api, api.unitCosts({ rows: false }));
  return unitCostTables.get(api);
}

// ------------------------------------------------------------ off the page's thread
//
// A recalculation whose call is large (a case file of hundreds of services, a
// council pack of hundreds or thousands of indicators sent with every call)
// goes to the engine worker (engine-worker.js), so that typing never waits for
// it; a small one is answered here, on the page's thread, at once. Why not
// always the worker: a small call costs the engine 0.5–4 ms here (BENCHMARKS.md),
// less than a frame, and answered here it is shown in the same event as the
// keystroke (Enter moves focus to the error summary at once; `answer` is there
// after `load()`); the worker is a second copy of the engine module, loaded only
// by a page that meets a large call. Large is the call's JSON text from
// LARGE_CALL characters: the engine's time grows with it, about 4 ms for 17 KB
// of services and 2.8 ms for a 28 KB council pack on the machine of
// BENCHMARKS.md, so 32 KB stays within a frame here, and anything larger is
// worth the worker's round trip (under a millisecond). If no worker can be
// started (an old browser, a policy whose `worker-src` or `child-src` leaves
// out 'self') every call is answered here, as before, and nothing is said.

/** From this many characters of a call's JSON text, the call goes to the engine worker. */
export const LARGE_CALL = 32 * 1024;
/** After this many milliseconds without the latest answer, an element says it is working. */
export const WORKING_AFTER = 150;

/**
 * Whether `value`'s JSON text has at least `size` characters, about: its
 * strings' and keys' lengths and a few characters for every other value,
 * counted until `size` is reached (a keystroke need not write out a 0.5 MB
 * call to learn that it is large).
 */
export function atLeast(value, size) {
  let count = 0;
  const stack = [value];
  while (stack.length && count < size) {
    const v = stack.pop();
    if (typeof v === "string") count += v.length + 2;
    else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        count += key.length + 4;
        stack.push(item);
      }
    } else count += 5;
  }
  return count >= size;
}

/** The calls whose receipt can leave the input's hash for later (`{ inputSha256: false }`). */
export const HASH_LATER = new Set(["checkEligibility", "costFamily", "appraise"]);
const LATER = Object.freeze({ inputSha256: false });

/**
 * The engine's answer to `api[name](input)` here: `{ answer }`, or `{ error }`
 * (the message) if the call was broken. With `hashLater`, a call of
 * HASH_LATER is answered without its input hash, which about a tenth of the
 * call would otherwise go on at every keystroke: the receipt's `inputSha256`
 * is worked out the first time it is read (the receipt opened or printed, the
 * answer saved, sent or stringified), by asking the same call again with its
 * hash (withHashLater). The call is frozen, so that the receipt is always the
 * receipt of the call as it was answered.
 */
export function answerHere(api, name, input, hashLater = false) {
  try {
    if (!hashLater || !HASH_LATER.has(name)) return { answer: api[name](input) };
    return { answer: withHashLater(api, name, deepFreeze(input), api[name](input, LATER)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * `answer` (of `api[name](call)`, asked without its input hash) with
 * `receipt.inputSha256` as a property that asks the engine for the hash
 * when it is first read, and from then on holds it: its place among the
 * receipt's fields, and the answer's JSON text, are those of the answer asked
 * with its hash.
 */
export function withHashLater(api, name, call, answer) {
  const receipt = answer?.receipt;
  if (!receipt || typeof receipt !== "object" || "inputSha256" in receipt) return answer;
  Object.defineProperty(receipt, "inputSha256", {
    configurable: true,
    enumerable: true,
    get() {
      const value = String(api[name](call).receipt?.inputSha256 ?? "");
      Object.defineProperty(receipt, "inputSha256", { value, configurable: true, enumerable: true, writable: true });
      return value;
    },
  });
  return answer;
}

/** Whether `receipt`'s input hash has not been worked out yet (withHashLater). */
export function hashPending(receipt) {
  return typeof Object.getOwnPropertyDescriptor(receipt ?? {}, "inputSha256")?.get === "function";
}

/** `value`, every object and list in it frozen (one already frozen is taken as frozen throughout). */
function deepFreeze(value) {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze(value[key]);
  return value;
}

// Calls that change an engine module's state (a data file loaded), made here,
// and repeated in every engine worker, first thing when it starts.
const stateCalls = [];
const workers = new Map();

/** The package's own engine worker, beside this module (bundlers recognise this form). */
const startPackageWorker = () => new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module" });

/**
 * The engine worker at `url` (left out: the package's engine-worker.js), one a
 * page, shared by every element; started at its first call.
 */
export function engineWorker(url) {
  const key = url ?? "";
  if (!workers.has(key)) workers.set(key, new EngineWorker(url ? () => new Worker(url, { type: "module" }) : startPackageWorker));
  return workers.get(key);
}

export class EngineWorker {
  /** `start()` returns a Worker (or throws: no Worker, a policy that refuses it). */
  constructor(start) {
    this._start = start;
    this._worker = null;
    this._failed = false;
    this._pending = new Map();
    this._id = 0;
  }

  /** False once the worker could not be started or has failed: everything is then answered on the page's thread. */
  get usable() {
    return !this._failed;
  }

  /**
   * `api[name](input)` of engine module `part`, in the worker: a promise of
   * `{ json }` (the answer as JSON text, read with JSON.parse only if it is to
   * be shown) or `{ error }` (as answerHere), rejected if the worker cannot be
   * started or fails (the caller then answers on the page's thread).
   */
  call(part, name, input) {
    if (!this._started()) return Promise.reject(new Error("The engine worker is not available."));
    return new Promise((resolve, reject) => {
      const id = (this._id += 1);
      this._pending.set(id, { resolve, reject });
      this._worker.postMessage({ id, part, call: name, input });
    });
  }

  /**
   * Starts the worker and its engine module `part` now, so that the first call
   * does not wait for them; `call(input)` there, if given, primes the engine
   * (a council pack read once, as on the page's thread).
   */
  warm(part, call = "version", input = undefined) {
    if (this._started()) this._worker.postMessage({ id: 0, part, call, input });
  }

  /** Repeats, in the worker, a call that changed module `part`'s state here (now, or when the worker starts). */
  mirror(part, name, input) {
    if (this._worker) this._worker.postMessage({ id: 0, part, call: name, input });
  }

  _started() {
    if (this._failed) return false;
    if (this._worker) return true;
    try {
      this._worker = this._start();
    } catch {
      this._fail();
      return false;
    }
    this._worker.onmessage = (event) => this._answer(event.data);
    this._worker.onerror = (event) => {
      event.preventDefault?.();
      this._fail();
    };
    this._worker.onmessageerror = () => this._fail();
    for (const { part, name, input } of stateCalls) this.mirror(part, name, input);
    return true;
  }

  _answer({ id, json, error, failed }) {
    if (failed !== undefined) return this._fail();
    const pending = this._pending.get(id);
    if (!pending) return;
    this._pending.delete(id);
    pending.resolve(error === undefined ? { json } : { error });
  }

  _fail() {
    this._failed = true;
    this._worker?.terminate();
    this._worker = null;
    const pending = [...this._pending.values()];
    this._pending.clear();
    for (const { reject } of pending) reject(new Error("The engine worker failed."));
  }
}

const mirrors = new WeakMap();

/**
 * Engine module `api` (of `part`) as tableLoader (pricing.js) uses it, with
 * each table loaded here loaded in every engine worker too, so that a call
 * answered there prices exactly as one answered here.
 */
export function withMirroredTables(api, part) {
  if (!mirrors.has(api)) {
    mirrors.set(api, {
      unitCosts: (options) => api.unitCosts(options),
      loadUnitCostTable(call) {
        const answer = api.loadUnitCostTable(call);
        if (answer.type === "success") {
          stateCalls.push({ part, name: "loadUnitCostTable", input: call });
          for (const worker of workers.values()) worker.mirror(part, "loadUnitCostTable", call);
        }
        return answer;
      },
    });
  }
  return mirrors.get(api);
}

/**
 * An element's recalculations: each asks `api[name](input)`, here or (a large
 * call) in `worker`, and only the latest one's answer is painted. A newer
 * request supersedes an older one: an answer that comes back for a superseded
 * request is dropped, never shown. At most one request of the element is in
 * the worker at a time; while it is, a newer one waits, and only the newest
 * waiting one is sent (so a burst of keystrokes costs at most two calculations
 * before the last one is shown). `onWorking(true)` when the latest answer has
 * taken more than `workingAfter` ms, `onWorking(false)` once it is shown.
 * With `hashLater`, an answer worked out here leaves its input hash until it
 * is read (answerHere); one from the worker comes with it.
 */
export class Recalculation {
  constructor({ api, part, worker = null, large = LARGE_CALL, workingAfter = WORKING_AFTER, onWorking = () => {}, timers = globalThis, hashLater = false }) {
    Object.assign(this, { _api: api, _part: part, _worker: worker, _large: large, _workingAfter: workingAfter, _onWorking: onWorking, _timers: timers, _hashLater: hashLater });
    this._latest = 0;
    this._inFlight = null;
    this._waiting = null;
    this._timer = null;
    this._working = false;
  }

  /** Whether the element is showing that it is working. */
  get working() {
    return this._working;
  }

  /** A large input has come (a council pack, say): the worker is started now, not at the first keystroke (see EngineWorker.warm). */
  warm(call, input) {
    if (this._worker?.usable) this._worker.warm(this._part, call, input);
  }

  /** Whether `input` goes to the worker. */
  goesToWorker(input) {
    return Boolean(this._worker?.usable) && atLeast(input, this._large);
  }

  /**
   * Asks for `api[name](input)`; `paint(result)` (`{ answer }` or `{ error }`)
   * runs only if no newer request has been made by then. Returns true when it
   * has painted at once (answered here), else a promise of whether it painted.
   */
  run(name, input, paint) {
    const request = { ticket: (this._latest += 1), name, input, paint };
    if (!this.goesToWorker(input)) {
      this._settled();
      paint(answerHere(this._api, name, input, this._hashLater));
      return true;
    }
    const done = new Promise((resolve) => { request.done = resolve; });
    if (this._waiting) this._waiting.done(false);
    this._waiting = request;
    if (this._timer === null && !this._working) {
      this._timer = this._timers.setTimeout(() => {
        this._timer = null;
        this._working = true;
        this._onWorking(true);
      }, this._workingAfter);
    }
    if (!this._inFlight) this._send();
    return done;
  }

  /** Drops every request made so far (the form was emptied: nothing to calculate). */
  cancel() {
    this._latest += 1;
    this._settled();
  }

  _send() {
    const request = this._waiting;
    this._waiting = null;
    if (!request) return;
    if (request.ticket !== this._latest) {
      request.done(false);
      return;
    }
    if (!this._worker.usable) {
      this._answered(request, answerHere(this._api, request.name, request.input, this._hashLater));
      return;
    }
    this._inFlight = request;
    this._worker.call(this._part, request.name, request.input).then(
      (result) => this._answered(request, result),
      // The worker could not start or failed: the request is answered here (if it is still the latest).
      () => this._answered(request, null),
    );
  }

  _answered(request, result) {
    if (this._inFlight === request) this._inFlight = null;
    if (request.ticket === this._latest) {
      this._settled();
      if (result === null) request.paint(answerHere(this._api, request.name, request.input, this._hashLater));
      else request.paint(result.json === undefined ? result : { answer: JSON.parse(result.json) });
      request.done(true);
    } else {
      request.done(false);
    }
    this._send();
  }

  /** Nothing is awaited any more: a waiting request is dropped, the working message goes. */
  _settled() {
    if (this._waiting) {
      this._waiting.done(false);
      this._waiting = null;
    }
    if (this._timer !== null) {
      this._timers.clearTimeout(this._timer);
      this._timer = null;
    }
    if (this._working) {
      this._working = false;
      this._onWorking(false);
    }
  }
}
