// Serves the web UI: plain HTML, CSS and ES modules from src/ui/static (no build step), found from the package root
// so that both `src/` (tests) and `dist/` (the built CLI) reach them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const securityHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The directory of the UI's files: `src/ui/static` under the package root. */
export function uiDirectory(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'ui', 'static');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
  }
  throw new Error(`the web UI's files (src/ui/static) were not found above ${from}: reinstall twilio-source`);
}

export function uiRoutes(directory = uiDirectory()): Hono {
  // Read once: a handful of small files, and only these names can ever be served (no path from the request).
  const files = new Map(
    readdirSync(directory)
      .filter((name) => contentTypes[extname(name)] !== undefined)
      .map((name) => [name, { body: readFileSync(join(directory, name)), type: contentTypes[extname(name)] ?? '' }]),
  );
  const send = (name: string): Response | undefined => {
    const file = files.get(name);
    return file && new Response(file.body, { headers: { 'content-type': file.type, ...securityHeaders } });
  };
  return new Hono()
    .get('/', (c) => send('index.html') ?? c.notFound())
    .get('/ui/:name', (c) => send(c.req.param('name')) ?? c.notFound());
}
