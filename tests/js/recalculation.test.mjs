// The elements' recalculations (src/js/engine.js): small calls answered on the
// page's thread at once, large ones in the engine worker, only the latest
// request's answer painted, "working" after a wait, and the page's thread when
// no worker can be had. No browser: a fake engine, worker and clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EngineWorker, LARGE_CALL, Recalculation, WORKING_AFTER, answerHere, atLeast, hashPending, withMirroredTables } from "../../src/js/engine.js";

// An engine whose answer names the call it answers; `boom` throws, as a call of the wrong shape does.
const api = {
  calls: 0,
  echo(input) { this.calls += 1; return { type: "success", age: input.age }; },
  boom() { throw new Error("echo: unknown field `agee`"); },
};
// A call of `size` characters of JSON: small (answered here) or large (in the worker).
const call = (age, size = 10) => ({ age, padding: "x".repeat(Math.max(0, size - 30)) });
const large = (age) => call(age, LARGE_CALL + 100);

/** A worker whose answers the test gives, in any order: `answer(i)` answers the i-th call sent (as JSON text, as the engine worker does). */
function fakeWorker() {
  const sent = [];
  return {
    usable: true,
    sent,
    call(part, name, input) {
      return new Promise((resolve, reject) => sent.push({ part, name, input, resolve, reject }));
    },
    answer(i) {
      const s = sent[i];
      const { answer, error } = answerHere(api, s.name, s.input);
      s.resolve(error === undefined ? { json: JSON.stringify(answer) } : { error });
    },
  };
}

/** A clock the test moves by hand. */
function fakeTimers() {
  let now = 0;
  const due = new Map();
  let next = 0;
  return {
    setTimeout(f, ms) { next += 1; due.set(next, { at: now + ms, f }); return next; },
    clearTimeout(id) { due.delete(id); },
    advance(ms) {
      now += ms;
      for (const [id, { at, f }] of [...due]) if (at <= now) { due.delete(id); f(); }
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A fake worker, a Recalculation of engine module `part` over it, and what it paints (each answer's age). */
function setUp(part = "eligibility") {
  const worker = fakeWorker();
  const painted = [];
  const r = new Recalculation({ api, part, worker });
  return { worker, painted, r, paint: (result) => painted.push(result.answer.age) };
}

test("a small call is answered on the page's thread, painted before run returns", () => {
  const worker = fakeWorker();
  const painted = [];
  const r = new Recalculation({ api, part: "eligibility", worker });
  assert.equal(r.run("echo", call("3"), (result) => painted.push(result)), true);
  assert.deepEqual(painted, [{ answer: { type: "success", age: "3" } }]);
  assert.equal(worker.sent.length, 0, "nothing went to the worker");
});

test("a large call goes to the worker; the part and call are passed on", async () => {
  const { worker, painted, r, paint } = setUp();
  const done = r.run("echo", large("3"), paint);
  assert.equal(painted.length, 0, "not painted before the worker answers");
  assert.deepEqual(worker.sent.map((s) => [s.part, s.name, s.input.age]), [["eligibility", "echo", "3"]]);
  worker.answer(0);
  assert.equal(await done, true);
  assert.deepEqual(painted, ["3"]);
});

test("a newer keystroke supersedes: stale answers are dropped, only the newest waiting request is sent", async () => {
  const { worker, painted, r, paint } = setUp();
  const first = r.run("echo", large("3"), paint);
  const second = r.run("echo", large("33"), paint);
  const third = r.run("echo", large("34"), paint);
  assert.equal(await second, false, "the waiting request was superseded before it was sent");
  assert.equal(worker.sent.length, 1, "one request in the worker at a time");
  worker.answer(0);
  assert.equal(await first, false, "the answer for \"3\" came back after \"34\" was typed: dropped");
  assert.deepEqual(worker.sent.map((s) => s.input.age), ["3", "34"], "\"33\" was never calculated");
  worker.answer(1);
  assert.equal(await third, true);
  assert.deepEqual(painted, ["34"], "only the latest answer was ever shown");
});

test("an answer from the worker for a request superseded by a small call is never painted", async () => {
  const { worker, painted, r, paint } = setUp("costs");
  const slow = r.run("echo", large("big"), paint);
  r.run("echo", call("small"), paint);
  worker.answer(0);
  assert.equal(await slow, false);
  assert.deepEqual(painted, ["small"]);
});

test("cancel drops a request on its way (the form was emptied)", async () => {
  const worker = fakeWorker();
  const painted = [];
  const r = new Recalculation({ api, part: "eligibility", worker });
  const done = r.run("echo", large("3"), (result) => painted.push(result));
  r.cancel();
  worker.answer(0);
  assert.equal(await done, false);
  assert.deepEqual(painted, []);
});

test("the element says it is working once the latest answer has taken longer than 150 ms, and stops when it is shown", async () => {
  assert.equal(WORKING_AFTER, 150);
  const worker = fakeWorker();
  const timers = fakeTimers();
  const said = [];
  const r = new Recalculation({ api, part: "eligibility", worker, timers, onWorking: (on) => said.push(on) });
  // Answered within 150 ms: nothing said.
  const quick = r.run("echo", large("1"), () => {});
  timers.advance(100);
  worker.answer(0);
  await quick;
  timers.advance(1000);
  assert.deepEqual(said, []);
  // Keystrokes keep superseding: the wait counts from the first unanswered one, not the last.
  r.run("echo", large("2"), () => {});
  timers.advance(100);
  const last = r.run("echo", large("23"), () => {});
  assert.equal(r.working, false);
  timers.advance(60);
  assert.deepEqual(said, [true]);
  assert.equal(r.working, true);
  worker.answer(1);
  await settle();
  assert.deepEqual(said, [true], "the stale answer does not end the wait");
  worker.answer(2);
  assert.equal(await last, true);
  assert.deepEqual(said, [true, false]);
  assert.equal(r.working, false);
});

test("without a usable worker every call is answered on the page's thread", () => {
  const painted = [];
  for (const worker of [null, { ...fakeWorker(), usable: false }]) {
    const r = new Recalculation({ api, part: "eligibility", worker });
    assert.equal(r.run("echo", large("5"), (result) => painted.push(result.answer.age)), true);
  }
  assert.deepEqual(painted, ["5", "5"]);
});

test("if the worker fails on the way, the latest request is answered on the page's thread, once", async () => {
  const { worker, painted, r, paint } = setUp();
  const first = r.run("echo", large("3"), paint);
  const second = r.run("echo", large("34"), paint);
  worker.usable = false;
  const calls = api.calls;
  worker.sent[0].reject(new Error("The engine worker failed."));
  assert.equal(await first, false);
  assert.equal(await second, true);
  assert.deepEqual(painted, ["34"]);
  assert.equal(api.calls - calls, 1, "the superseded request is not calculated here");
});

test("a broken call's message is painted as the error, here and from the worker alike", async () => {
  assert.deepEqual(answerHere(api, "boom", {}), { error: "echo: unknown field `agee`" });
  const worker = fakeWorker();
  const results = [];
  const r = new Recalculation({ api, part: "eligibility", worker });
  r.run("boom", call("1"), (result) => results.push(result));
  const done = r.run("boom", large("1"), (result) => results.push(result));
  worker.answer(0);
  await done;
  assert.deepEqual(results, [{ error: "echo: unknown field `agee`" }, { error: "echo: unknown field `agee`" }]);
});

/** A stand-in for the browser's Worker: records what is posted; `fail()` fires its error event. */
class FakeWorker {
  constructor() { this.posted = []; this.terminated = false; }
  postMessage(message) { this.posted.push(message); }
  terminate() { this.terminated = true; }
  fail() { this.onerror({ preventDefault() {} }); }
}

test("EngineWorker: a worker that cannot be created (no Worker, a refusing policy) is not usable, and says so by rejecting", async () => {
  const worker = new EngineWorker(() => { throw new Error("SecurityError: Failed to construct 'Worker'"); });
  assert.equal(worker.usable, true, "not tried before the first call");
  await assert.rejects(worker.call("costs", "costFamily", {}));
  assert.equal(worker.usable, false);
});

test("EngineWorker: answers are matched to their requests by id; a failure rejects what is pending", async () => {
  let started;
  const worker = new EngineWorker(() => (started = new FakeWorker()));
  const a = worker.call("eligibility", "checkEligibility", { n: 1 });
  const b = worker.call("eligibility", "checkEligibility", { n: 2 });
  const [ma, mb] = started.posted;
  assert.deepEqual(ma, { id: ma.id, part: "eligibility", call: "checkEligibility", input: { n: 1 } });
  started.onmessage({ data: { id: mb.id, json: '{"type":"success","n":2}' } });
  started.onmessage({ data: { id: ma.id, error: "checkEligibility: broken" } });
  assert.deepEqual(await b, { json: '{"type":"success","n":2}' });
  assert.deepEqual(await a, { error: "checkEligibility: broken" });
  const c = worker.call("eligibility", "checkEligibility", { n: 3 });
  started.fail();
  await assert.rejects(c);
  assert.equal(worker.usable, false);
  assert.equal(started.terminated, true);
  // A module the worker could not load: not usable either.
  let second;
  const other = new EngineWorker(() => (second = new FakeWorker()));
  const d = other.call("costs", "costFamily", {});
  second.onmessage({ data: { id: second.posted[0].id, failed: "404 community_budget_costs_bg.wasm" } });
  await assert.rejects(d);
  assert.equal(other.usable, false);
});

test("a table loaded on the page's thread is loaded in an engine worker first thing, so both price alike", async () => {
  const engine = {
    loaded: [],
    loadUnitCostTable(c) { this.loaded.push(c.id); return c.id === "bad" ? { type: "failure", errors: [] } : { type: "success" }; },
    unitCosts: (options) => ({ type: "success", options }),
  };
  const mirrored = withMirroredTables(engine, "costs");
  assert.equal(withMirroredTables(engine, "costs"), mirrored, "one wrapper per engine module, so tableLoader's cache holds");
  assert.deepEqual(mirrored.loadUnitCostTable({ id: "ucd-v1.4", tsv: "…" }), { type: "success" });
  assert.deepEqual(mirrored.loadUnitCostTable({ id: "bad", tsv: "" }), { type: "failure", errors: [] });
  assert.deepEqual(mirrored.unitCosts({ table: "ucd-v1.4" }), { type: "success", options: { table: "ucd-v1.4" } });
  let started;
  const worker = new EngineWorker(() => (started = new FakeWorker()));
  worker.call("costs", "costFamily", { items: [] });
  const ids = started.posted.map((m) => [m.call, m.input.id ?? null]);
  assert.deepEqual(ids.slice(-2), [["loadUnitCostTable", "ucd-v1.4"], ["costFamily", null]], "the table before the first call; a refused one never");
});

test("warming up: a large pack starts the worker and is read there before the first keystroke; the reply is not an answer to anything", async () => {
  let started;
  const worker = new EngineWorker(() => (started = new FakeWorker()));
  const r = new Recalculation({ api, part: "eligibility", worker });
  r.warm("validateRulePack", "{…pack…}");
  assert.deepEqual(started.posted.at(-1), { id: 0, part: "eligibility", call: "validateRulePack", input: "{…pack…}" });
  started.onmessage({ data: { id: 0, json: '"0.1.0"' } });
  const painted = [];
  const done = r.run("checkEligibility", large("3"), (result) => painted.push(result.answer));
  const sent = started.posted.at(-1);
  assert.equal(sent.call, "checkEligibility");
  started.onmessage({ data: { id: sent.id, json: '{"type":"success","age":"3"}' } });
  assert.equal(await done, true);
  assert.deepEqual(painted, [{ type: "success", age: "3" }]);
  // No worker to warm: nothing happens.
  new Recalculation({ api, part: "eligibility", worker: null }).warm("version");
});

test("a call is large from LARGE_CALL characters of its JSON text, counted without writing it out", () => {
  assert.equal(LARGE_CALL, 32 * 1024);
  for (const value of [call("3"), large("3"), { members: [{ name: "x".repeat(40000) }] }, { items: Array.from({ length: 2000, }, () => ({ code: "CR1.0", quantity: "1" })) }, { items: [] }, null, 7]) {
    const size = JSON.stringify(value).length;
    // The count is close to the text's length: within 15 % on either side of the line.
    if (size >= LARGE_CALL * 1.15) assert.equal(atLeast(value, LARGE_CALL), true, `${size} characters`);
    if (size < LARGE_CALL * 0.85) assert.equal(atLeast(value, LARGE_CALL), false, `${size} characters`);
  }
  const r = new Recalculation({ api, part: "costs", worker: fakeWorker() });
  assert.equal(r.goesToWorker(call("3")), false);
  assert.equal(r.goesToWorker(large("3")), true);
});

test("an answer superseded in the worker is never read: only the one shown is parsed", async () => {
  const { worker, painted, r, paint } = setUp();
  const first = r.run("echo", large("3"), paint);
  const second = r.run("echo", large("34"), paint);
  worker.sent[0].resolve({ json: "not JSON: reading it would throw" });
  assert.equal(await first, false);
  worker.answer(1);
  assert.equal(await second, true);
  assert.deepEqual(painted, ["34"]);
});

// ------------------------------------------------ the input hash later (issue 18, item 3)

/** A fake explained call: its receipt's inputSha256 is the call's JSON text reversed, unless asked `{ inputSha256: false }`. */
function hashingEngine() {
  const engine = {
    asked: [],
    checkEligibility(call, options) {
      engine.asked.push(options?.inputSha256 === false ? "later" : "now");
      const receipt = { engineVersion: "1", rulePack: { id: "p" } };
      if (options?.inputSha256 !== false) receipt.inputSha256 = [...JSON.stringify(call)].reverse().join("");
      return { type: "success", decision: `age ${call.age}`, receipt };
    },
  };
  return engine;
}

test("with hashLater, an answer here leaves its input hash until it is read, then holds the hash the call gives", () => {
  const engine = hashingEngine();
  const input = { age: 7, members: [{ name: "A" }] };
  const { answer } = answerHere(engine, "checkEligibility", input, true);
  assert.deepEqual(engine.asked, ["later"], "asked without the hash");
  assert.ok(hashPending(answer.receipt));
  assert.ok(Object.isFrozen(input) && Object.isFrozen(input.members[0]), "the call is frozen");
  // Read: the engine is asked once more, with the hash, and the value stays.
  const want = [...JSON.stringify(input)].reverse().join("");
  assert.equal(answer.receipt.inputSha256, want);
  assert.equal(answer.receipt.inputSha256, want);
  assert.deepEqual(engine.asked, ["later", "now"]);
  assert.ok(!hashPending(answer.receipt));
  // The JSON text is that of the answer asked with its hash (the hash last in the receipt).
  assert.equal(JSON.stringify(answer), JSON.stringify(engine.checkEligibility(input)));
});

test("the hash later is asked for only of the explained calls that take it, and never from a worker's answer", () => {
  const engine = Object.assign(hashingEngine(), { costFamilyFigures: (call) => ({ type: "success", receipt: { engineVersion: "1" }, call }) });
  const { answer } = answerHere(engine, "costFamilyFigures", { age: 1 }, true);
  assert.equal(hashPending(answer.receipt), false, "a figures answer has no input hash to work out");
  assert.equal("inputSha256" in answer.receipt, false);
  // Without hashLater (the engine worker's answers, answerHere's default) the hash comes at once.
  const eager = answerHere(engine, "checkEligibility", { age: 2 }).answer;
  assert.deepEqual(engine.asked, ["now"]);
  assert.match(eager.receipt.inputSha256, /^}2/);
  // A Recalculation made with hashLater answers small calls here, the hash left for later.
  const r = new Recalculation({ api: engine, part: "eligibility", hashLater: true });
  let painted;
  r.run("checkEligibility", { age: 3 }, (result) => { painted = result.answer; });
  assert.ok(hashPending(painted.receipt));
  assert.deepEqual(engine.asked, ["now", "later"]);
});
