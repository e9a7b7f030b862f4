// The `--target web` package needs no plugin: `await init()` loads the .wasm
// from `new URL(…, import.meta.url)`, which Vite emits as an asset.
export default {
  logLevel: "warn",
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
};
