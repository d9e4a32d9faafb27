// Static servers for the end-to-end tests and the benchmark, on 127.0.0.1 only.
//
//   node tests/e2e/server.mjs [--gzip]
//
// - WIDGET_PORT (4173): dist/, with the security headers of dist/_headers
//   (the strict CSP among them), exactly as a static host would send them.
// - HOST_PORT (4174): tests/e2e/host/, a stand-in portal page that embeds the
//   widget from the other origin through embed.js.
// - CATCHER_PORT (4175): answers anything. The browser resolves every other
//   host name here, so any attempt to reach the outside is recorded.
// GET /__catcher on the catcher port lists what reached it.
import { createServer } from 'node:http';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join, extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(here, '../../dist');
const hostDir = resolve(here, 'host');
// Deployer rulebooks used by the tests are served as if dropped beside dist/.
const fixtures = resolve(here, 'fixtures');
export const WIDGET_PORT = Number(process.env.WIDGET_PORT || 4173);
export const HOST_PORT = Number(process.env.HOST_PORT || 4174);
export const CATCHER_PORT = Number(process.env.CATCHER_PORT || 4175);
let gzip = process.argv.includes('--gzip') || process.env.GZIP === '1';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.toml': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

/**
 * The blocks of a _headers file: `[[pattern, { header: value }], …]`. A
 * pattern is a path (`/embed.js`) or `/*`; later blocks add to earlier ones.
 */
export function readHeaderBlocks(file) {
  const blocks = [];
  if (!existsSync(file)) return blocks;
  let cur = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    if (!line.startsWith(' ')) { cur = {}; blocks.push([line.trim(), cur]); continue; }
    const i = line.indexOf(':');
    if (cur) cur[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return blocks;
}

/** The headers of the `/*` block of a _headers file. */
export function readHeaders(file) {
  return Object.assign({}, ...readHeaderBlocks(file).filter(([p]) => p === '/*').map(([, h]) => h));
}

/** The headers a path gets from the blocks. */
function headersFor(blocks, path) {
  return Object.assign({}, ...blocks.filter(([p]) => p === '/*' || p === path).map(([, h]) => h));
}

export function serveDir(root, baseHeaders, fallback, blocks = []) {
  return (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    const extraHeaders = { ...headersFor(blocks, path), ...baseHeaders };
    if (path.endsWith('/')) path += 'index.html';
    let file = resolve(root, '.' + path);
    if (fallback && !existsSync(file) && path.endsWith('.toml')) file = resolve(fallback, '.' + path);
    const base = fallback && file.startsWith(fallback + sep) ? fallback : root;
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...extraHeaders });
      res.end('not found');
      return;
    }
    let body = readFileSync(file);
    const headers = { 'content-type': types[extname(file)] || 'application/octet-stream', ...extraHeaders };
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'cache-control')) headers['cache-control'] = 'no-cache';
    // A deployer lists the neutral pages quick exit may go to; the tests list their own host.
    if (blocks.length && extname(file) === '.html') {
      body = Buffer.from(body.toString('utf8').replace(/<meta name="?rongcuo-exit-allow"?( content="")?>/,
        `<meta name="rongcuo-exit-allow" content="http://127.0.0.1:${HOST_PORT}/">`));
    }
    if (gzip && /gzip/.test(req.headers['accept-encoding'] || '') && /\.(html|js|css|wasm|toml|json|bin)$/.test(file)) {
      body = gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** The server name a TLS ClientHello asks for, or '' when it cannot be read. */
function sni(buf) {
  try {
    let i = 5 + 4 + 2 + 32; // record header, handshake header, version, random
    i += 1 + buf[i]; // session id
    i += 2 + buf.readUInt16BE(i); // cipher suites
    i += 1 + buf[i]; // compression methods
    const end = i + 2 + buf.readUInt16BE(i);
    i += 2;
    while (i + 4 <= end) {
      const type = buf.readUInt16BE(i);
      const len = buf.readUInt16BE(i + 2);
      if (type === 0) return buf.toString('latin1', i + 9, i + 9 + buf.readUInt16BE(i + 7));
      i += 4 + len;
    }
  } catch (_) { /* not a ClientHello we can read */ }
  return '';
}

/** Starts the three servers; `{ gzip: true }` compresses text and wasm, as a real host would. */
export function start(options = {}) {
  if (options.gzip) gzip = true;
  const blocks = readHeaderBlocks(join(dist, '_headers'));
  // The test host must be allowed to frame the widget; HSTS means nothing on plain http.
  const widgetHeaders = {};
  const csp = headersFor(blocks, '/')['Content-Security-Policy'];
  if (csp) widgetHeaders['Content-Security-Policy'] = csp.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self' http://127.0.0.1:${HOST_PORT}`);
  // What reached the catcher, by connection; the tests' own look-ups at
  // /__catcher are not counted.
  const caught = new Map();
  let next = 0;
  const servers = [
    createServer(serveDir(dist, widgetHeaders, fixtures, blocks)).listen(WIDGET_PORT, '127.0.0.1'),
    createServer(serveDir(hostDir, { 'Referrer-Policy': 'no-referrer' })).listen(HOST_PORT, '127.0.0.1'),
    createServer((req, res) => {
      if (req.url === '/__catcher') {
        caught.delete(req.socket.__id);
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify([...caught.values()]));
        return;
      }
      caught.set(req.socket.__id, { host: req.headers.host || '', url: req.url, method: req.method });
      res.writeHead(204);
      res.end();
    }).listen(CATCHER_PORT, '127.0.0.1'),
  ];
  // A connection that never becomes an HTTP request (TLS to a foreign host)
  // counts too, once it has sent its first bytes.
  servers[2].on('connection', (socket) => {
    socket.__id = next++;
    socket.once('data', (chunk) => {
      if (chunk[0] === 0x16 && !caught.has(socket.__id)) caught.set(socket.__id, { tls: true, host: sni(chunk) });
    });
  });
  return servers;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  start();
  console.log(`widget http://127.0.0.1:${WIDGET_PORT}/  host http://127.0.0.1:${HOST_PORT}/  catcher :${CATCHER_PORT}${gzip ? '  (gzip)' : ''}`);
}
