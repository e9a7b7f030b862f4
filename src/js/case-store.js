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
  return problem ? { error: `call${problem}` } : { call: data.call };
}

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
  return run("readwrite", (store) => store.put(value, key));
}

/** Removes everything this package has kept in this browser. */
export function clearAll() {
  return new Promise((resolve, reject) => {
    if (!("indexedDB" in globalThis)) { resolve(); return; }
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
