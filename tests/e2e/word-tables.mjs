// For the end-to-end tests of the hand-built pages: their word tables, as the
// page in the browser holds them.
import assert from "node:assert/strict";

/**
 * Asserts that every key of the word tables `WORDS` and `SAY` that the page's
 * module (`url`, as the page loaded it) exports has its English and its Welsh,
 * neither empty, with the same {placeholders}.
 */
export async function assertWordTablesComplete(page, url) {
  const tables = await page.evaluate(async (module) => {
    const m = await import(module);
    return { WORDS: m.WORDS, SAY: m.SAY };
  }, url);
  const slots = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [name, table] of Object.entries(tables)) {
    assert.ok(Object.keys(table ?? {}).length > 10, `${url} exports ${name}`);
    for (const [key, words] of Object.entries(table)) {
      assert.deepEqual(Object.keys(words).sort(), ["cy", "en"], `${name}.${key}`);
      assert.ok(words.en.trim() && words.cy.trim(), `${name}.${key} is empty`);
      assert.deepEqual(slots(words.cy), slots(words.en), `${name}.${key}: placeholders`);
    }
  }
}
