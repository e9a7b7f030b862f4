// Keeping a case, only when the officer asks: a case file saved where they
// choose, or a draft in this browser's IndexedDB. Nothing here touches the
// network, and nothing is written (not even an empty database) until the
// officer opts in.

const DB_NAME = "community-budget";
const STORE = "drafts";
export const CASE_FORMAT = "community-budget-case";

/** The JSON text of a case file for `kind` (e.g. "family-cost") holding `call`. */
export function caseFile(kind, call) {
  return JSON.stringify({ format: CASE_FORMAT, version: 1, kind, savedAt: new Date().toISOString(), call }, null, 2);
}

/**
 * Reads a case file. Returns `{ call }` or `{ error }`, where `error` names
 * what is wrong: "json" for text that is not JSON, or the path of the first
 * field that is missing or of the wrong kind (`call.items[2].quantity`).
 * `checkCall(call)` returns such a path or null.
 */
export function readCaseFile(text, kind, checkCall) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "json" };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { error: "(the file)" };
  if (data.format !== CASE_FORMAT) return { error: "format" };
  if (data.version !== 1) return { error: "version" };
  if (data.kind !== kind) return { error: "kind" };
  const problem = checkCall(data.call);
  return problem === null || problem === undefined ? { call: data.call } : { error: `call${problem}` };
}

const MAYBE = Symbol("maybe");
/** A part of a schema that may be left out (`maybe([{ date: "text" }])`). */
export const maybe = (schema) => ({ [MAYBE]: schema });

/**
 * The path of the first part of `value` that does not fit `schema`, or null.
 * A schema is "text", "bool", "number" or "text|number" (a field that must be
 * there), the same ending in "?" (may be left out), `[schema]` (a list of
 * them), `{ field: schema }` (an object with those fields; others are
 * ignored) or `maybe(schema)` (may be left out). The path reads `.members[2].name`; the whole value is "".
 */
export function shapeError(value, schema, path = "") {
  if (schema?.[MAYBE]) return value === undefined ? null : shapeError(value, schema[MAYBE], path);
  if (typeof schema === "string") {
    const optional = schema.endsWith("?");
    if (value === undefined) return optional ? null : path;
    const kinds = schema.replace("?", "").split("|").map((k) => (k === "text" ? "string" : k === "bool" ? "boolean" : k));
    return kinds.includes(typeof value) ? null : path;
  }
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return path;
    for (const [i, item] of value.entries()) {
      const problem = shapeError(item, schema[0], `${path}[${i}]`);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return path;
  for (const [field, inner] of Object.entries(schema)) {
    const problem = shapeError(value[field], inner, `${path}.${field}`);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * The schema of values shaped like `example` (a form's empty state): its text
 * fields "text", its booleans "bool", each list of the shape of its first item.
 */
export function shapeOf(example) {
  if (typeof example === "boolean") return "bool";
  if (typeof example !== "object" || example === null) return "text";
  if (Array.isArray(example)) return [shapeOf(example[0])];
  return Object.fromEntries(Object.entries(example).map(([field, value]) => [field, shapeOf(value)]));
}

/** "family-cost-2026-12-06.json": a case file's name, with today's date. */
export const caseFileName = (kind) => `${kind}-${new Date().toISOString().slice(0, 10)}.json`;

/** Offers `text` as a file download named `name` (a blob: URL; nothing leaves the device). */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A mark that this browser has kept a draft, written only when the officer
// opts in and removed with "Clear saved data". Without it an element does not
// hold its first result for IndexedDB: asking which databases exist takes
// 15 to 90 ms in a fresh browser profile (a virtual desktop's, every morning).
const MARK = "community-budget:draft-kept";

/** True when this browser has kept a draft since drafts were marked; false when it has not (or a draft was kept before marks). */
export function draftMarked() {
  try {
    return globalThis.localStorage?.getItem(MARK) === "1";
  } catch {
    return false; // storage refused: no mark, drafts are found the slower way
  }
}

/** Marks (or unmarks) that this browser keeps a draft. */
export function markDraftKept(on = true) {
  try {
    if (on) globalThis.localStorage?.setItem(MARK, "1");
    else globalThis.localStorage?.removeItem(MARK);
  } catch {
    // Storage refused: drafts still work, found the slower way.
  }
}

async function databaseExists() {
  if (!("indexedDB" in globalThis)) return false;
  if (typeof indexedDB.databases !== "function") return false;
  const all = await indexedDB.databases();
  return all.some((d) => d.name === DB_NAME);
}

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run(mode, action) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(request?.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  }));
}

/** The draft kept under `key`, or undefined. Creates nothing when there is none. */
export async function readDraft(key) {
  if (!(await databaseExists())) return undefined;
  return run("readonly", (store) => store.get(key));
}

/** Keeps `value` as the draft under `key` (the officer has opted in). */
export function writeDraft(key, value) {
  markDraftKept();
  return run("readwrite", (store) => store.put(value, key));
}

/** Removes the draft kept under `key` (the officer no longer wants one), leaving any other. */
export async function deleteDraft(key) {
  if (!(await databaseExists())) return undefined;
  return run("readwrite", (store) => store.delete(key));
}

/** Removes everything this package has kept in this browser. */
export function clearAll() {
  markDraftKept(false);
  return new Promise((resolve, reject) => {
    if (!("indexedDB" in globalThis)) { resolve(); return; }
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
