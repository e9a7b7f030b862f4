// The engine on a thread of its own: the custom elements send it their large
// recalculations (see engine.js, "off the page's thread"), so that the page
// stays responsive while the engine works. It loads the same engine module
// (costs, eligibility, appraisal, …) as the element, through the same loader
// (engine.js's loadEngine: each .wasm found beside its module), so its answers
// are the very answers the page's thread would give.
//
// Messages in:  { id, part, call, input }   api[call](input) of engine module `part`
// Messages out: { id, json }                the engine's answer (success or failure) as JSON text: a
//                                           string crosses between threads at once, and the page reads
//                                           only the answer it shows (an answer superseded meanwhile is
//                                           never read); the same object as the page's thread's answer
//               { id, error }               a broken call: the message the engine threw
//               { id, failed }              the engine module could not be loaded here
//
// Started by the elements from beside this file; a portal that keeps itself
// offline with a service worker whose scope does not hold the package's folder
// starts it from a one-line module inside that scope (`import "…/engine-worker.js";`)
// named in the elements' `engine-worker` attribute (see the README).
import { answerHere, loadEngine } from "./engine.js";

// The engine's functions an element may ask for (never `default` or `initSync`, the loaders; `version` warms the module up),
// the figures-only ones among them (a module that lacks one says so: `typeof api[call]` below).
const CALLS = new Set(["version", "costFamily", "checkEligibility", "appraise", "loadUnitCostTable", "readUnitCostTable", "validateRulePack", "diffRulePack",
  "costFamilyFigures", "checkEligibilityFigures", "appraiseFigures", "assessFamilyFigures"]);

self.onmessage = async (event) => {
  const { id, part, call, input } = event.data;
  let api;
  try {
    api = await loadEngine(part);
  } catch (e) {
    self.postMessage({ id, failed: e instanceof Error ? e.message : String(e) });
    return;
  }
  if (!CALLS.has(call) || typeof api[call] !== "function") {
    self.postMessage({ id, error: `The engine worker does not answer "${call}" for the module "${part}".` });
    return;
  }
  const { answer, error } = answerHere(api, call, input);
  self.postMessage(error === undefined ? { id, json: JSON.stringify(answer) } : { id, error });
};
