// The package's engine worker, answering each message 400 ms late: what a slow
// machine or a very large call looks like, for the end-to-end test of the
// elements' "Working it out…" message (worker.test.mjs).
import "/pkg/engine-worker.js";

const answer = self.onmessage;
self.onmessage = (event) => setTimeout(() => answer(event), 400);
