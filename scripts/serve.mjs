// A static file server for the demo portal and the end-to-end tests.
//
// Serves the repository (so that www/ can load ../pkg/ and the GOV.UK Frontend
// stylesheet) on 127.0.0.1 only, with the right MIME types (application/wasm
// for .wasm, so that streaming instantiation works; text/tab-separated-values
// for the UCD v1.4 data file), as the web team's README asks of a portal,
// and a strict Content-Security-Policy: the page cannot load or send anything
// to another origin, even by mistake.
//
//   node scripts/serve.mjs [--port 8000]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** The policy every response carries: same origin only, wasm allowed. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * Starts the server. Resolves to `{ server, origin }` once it listens.
 * `mount` serves `root` under a URL prefix (e.g. "/portal/family/"), to test
 * a package served from a sub-path; `csp` replaces the policy.
 * @param {{ root?: string, port?: number, quiet?: boolean, mount?: string, csp?: string }} options
 */
export function startServer({
  root = resolve(fileURLToPath(import.meta.url), "../.."),
  port = 0,
  quiet = true,
  mount = "/",
  csp = CONTENT_SECURITY_POLICY,
} = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/" && mount === "/") {
      res.writeHead(302, { Location: "/www/" });
      res.end();
      return;
    }
    if (url.pathname === "/favicon.ico") {
      // Browsers ask for this by themselves; the pages have no icon.
      res.writeHead(204).end();
      return;
    }
    if (!url.pathname.startsWith(mount)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    let path = normalize(join(base, decodeURIComponent(url.pathname.slice(mount.length - 1))));
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
    }
    if (!quiet) console.log(`${req.method} ${url.pathname} ${res.statusCode}`);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      done({ server, origin: `http://127.0.0.1:${actual}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const port = Number(i > 0 ? process.argv[i + 1] : process.env.PORT ?? 8000);
  const { origin } = await startServer({ port, quiet: false });
  console.log(`\ncommunity-budget demo portal: ${origin}/www/\n(Ctrl-C to stop)\n`);
}
