// Form latency on the family-cost page (bench/run.mjs): `edits` edits of the
// first item's quantity, each timed from the input event to the new total
// painted, and to the new total laid out (the earlier measure).
//
// Each edit is made at the start of a frame (in a requestAnimationFrame
// callback, so that no wait for the next frame is counted) and timed to the end
// of the frame that paints the new total: a message posted in the callback runs
// after the frame's rendering (style, layout, paint on the page's thread) is
// done. If the total were not updated within that frame (an answer from the
// worker), the time runs on to the end of the frame after it changes.

/** `page`: the portal's family-cost page with the example loaded. Returns [{ laidOut, painted, sameFrame }] (ms). */
export function editLatencies(page, edits) {
  return page.evaluate(async (count) => {
    const input = document.querySelector("#family-item-0-quantity");
    // The element writes its result afresh: the total is looked up each time.
    const total = () => document.querySelector("#family-total")?.textContent;
    const afterPaint = (resolve) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => resolve(performance.now());
      port2.postMessage(null);
    };
    const edit = (value) => new Promise((resolve, reject) => requestAnimationFrame(() => {
      const before = total();
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      void document.body.offsetHeight; // style and layout of the new result
      const laidOut = performance.now() - t0;
      const sameFrame = total() !== before;
      const done = (t1) => resolve({ laidOut, painted: t1 - t0, sameFrame });
      if (sameFrame) return afterPaint(done);
      const timeout = setTimeout(() => reject(new Error(`the total did not change after the edit to ${value}`)), 5000);
      const seen = new MutationObserver(() => {
        if (total() === before) return;
        seen.disconnect();
        clearTimeout(timeout);
        requestAnimationFrame(() => afterPaint(done));
      });
      seen.observe(document.body, { childList: true, characterData: true, subtree: true });
    }));
    const out = [];
    for (let i = 0; i < count; i++) {
      // A different quantity each time (the example's, 58, is not among them), so that the total changes.
      out.push(await edit(String(101 + (i % 10))));
      await new Promise((r) => setTimeout(r, 0));
    }
    return out;
  }, edits);
}
