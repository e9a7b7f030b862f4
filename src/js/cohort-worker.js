// The cohort pipeline in a Web Worker, so that a portal page stays responsive
// while 100,000 families are read. Started by `community-budget/cohort`
// (cohort.js); it loads its own copy of the engine from beside this file.
//
// Messages in:  { type: "run", id, input: File | Blob | ArrayBuffer | string, options }
//               { type: "cancel", id }
//               { type: "generate", id, call }            (a synthetic cohort, as text)
//               { type: "unitCosts", id, call }           (the unit-cost tables and deflator series)
//               { type: "readUnitCostTable", id, call }   (a council's own unit-cost table, read and checked)
//               { type: "appraise", id, call }            (an appraisal, e.g. to learn the default discounting)
// Messages out: { type: "ready", version }
//               { type: "progress", id, rows, bytes, totalBytes, rejectedRows, families }
//               { type: "done", id, answer, memoryBytes }  (the runCohort answer; the engine's memory then)
//               { type: "cancelled", id }
//               { type: "error", id, message }             (a broken call: the options' shape)
//
// The file is read in chunks and pushed into the engine; between chunks the
// worker yields, so a cancel message is seen at once. Files up to
// WHOLE_FILE_LIMIT are read whole and hashed by the browser's SHA-256
// (crypto.subtle, on its own thread) while the engine parses them; larger
// files, or pages without crypto.subtle (plain http), are streamed and hashed
// by the engine, so memory stays flat. Either way the receipt's input hash is
// the SHA-256 of the file's bytes.
import init, {
  appraise, cohortCancel, cohortFinish, cohortPush, cohortPushUnhashed, cohortStart, generateCohort, readUnitCostTable, unitCosts, version,
} from "./community_budget.js";

// The engine's own answers a page may ask the worker for, so that it need not load a second engine.
const CALLS = { generate: generateCohort, unitCosts, readUnitCostTable, appraise };

const CHUNK = 512 * 1024;
const WHOLE_FILE_LIMIT = 128 * 1024 * 1024;

const cancelled = new Set();
let ready = null;
let engine = null;
const memoryBytes = () => engine?.memory?.buffer.byteLength ?? 0;

// A yield to the event loop that setTimeout's 4 ms clamp does not slow.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = () => new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function run(id, input, options) {
  const run = cohortStart(options);
  let finished = false;
  try {
    let bytes = null;
    if (typeof input === "string") bytes = new TextEncoder().encode(input);
    else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
    else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const totalBytes = bytes ? bytes.byteLength : input.size;
    const report = (progress) => self.postMessage({ type: "progress", id, totalBytes, ...progress });
    const subtle = globalThis.crypto?.subtle;
    if (!bytes && subtle && totalBytes <= WHOLE_FILE_LIMIT) bytes = new Uint8Array(await input.arrayBuffer());
    if (bytes) {
      const digest = subtle ? subtle.digest("SHA-256", bytes) : null;
      for (let at = 0; at < bytes.byteLength; at += CHUNK) {
        const chunk = bytes.subarray(at, Math.min(bytes.byteLength, at + CHUNK));
        report(digest ? cohortPushUnhashed(run, chunk) : cohortPush(run, chunk));
        await yieldToEvents();
        if (cancelled.has(id)) return self.postMessage({ type: "cancelled", id });
      }
      finished = true;
      const answer = cohortFinish(run, digest ? hex(await digest) : undefined);
      return self.postMessage({ type: "done", id, answer, memoryBytes: memoryBytes() });
    }
    // Streamed: only one chunk of the file is held at a time.
    const reader = input.stream().getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.byteLength; at += CHUNK) {
        report(cohortPush(run, value.subarray(at, Math.min(value.byteLength, at + CHUNK))));
      }
      await yieldToEvents();
      if (cancelled.has(id)) {
        await reader.cancel();
        return self.postMessage({ type: "cancelled", id });
      }
    }
    finished = true;
    return self.postMessage({ type: "done", id, answer: cohortFinish(run), memoryBytes: memoryBytes() });
  } finally {
    cancelled.delete(id);
    if (!finished) cohortCancel(run);
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "cancel") {
    cancelled.add(message.id);
    return;
  }
  try {
    await ready;
    if (message.type === "run") await run(message.id, message.input, message.options);
    else if (Object.hasOwn(CALLS, message.type)) {
      self.postMessage({ type: "done", id: message.id, answer: CALLS[message.type](message.call) });
    }
  } catch (e) {
    self.postMessage({ type: "error", id: message.id, message: e instanceof Error ? e.message : String(e) });
  }
};

ready = init().then((exports) => {
  engine = exports;
  self.postMessage({ type: "ready", version: version() });
});
