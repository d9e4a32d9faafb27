// Scores the headers of dist/_headers the way the HTTP Observatory (Mozilla)
// scores a site: start at 100, subtract for what is missing or weak, add for
// what goes beyond. Prints each test and the grade; exits 1 below A.
//   node scripts/observatory.mjs [path/to/_headers]
import { readFileSync } from 'node:fs';

const file = process.argv[2] || new URL('../dist/_headers', import.meta.url).pathname;
const blocks = [];
let cur = null;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.startsWith('#') || !line.trim()) continue;
  if (!line.startsWith(' ')) { cur = {}; blocks.push([line.trim(), cur]); continue; }
  const i = line.indexOf(':');
  cur[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
}
const h = Object.assign({}, ...blocks.filter(([p]) => p === '/*').map(([, v]) => v));
const csp = Object.fromEntries((h['content-security-policy'] || '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
const src = (d) => csp[d] || csp['default-src'] || [];

const tests = [
  ['Content Security Policy', () => {
    if (!h['content-security-policy']) return -25;
    const script = src('script-src'), style = src('style-src');
    if (script.includes("'unsafe-inline'") || style.includes("'unsafe-inline'")) return -20;
    if (script.includes("'unsafe-eval'")) return -10;
    // default-src 'none', no unsafe-*, and object/base/form locked down: the bonus.
    const strict = csp['default-src']?.[0] === "'none'" && csp['base-uri']?.[0] === "'none'" && csp['form-action']?.[0] === "'none'" && csp['frame-ancestors'];
    return strict ? 10 : 5;
  }],
  ['Cookies', () => 0], // the site sets none
  ['Cross-origin Resource Sharing', () => (h['access-control-allow-origin'] === '*' ? -50 : 0)],
  ['Redirection', () => 0], // a host concern (http → https); HSTS below
  ['Referrer Policy', () => (['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(h['referrer-policy']) ? 5 : -5)],
  ['Strict Transport Security', () => {
    const m = /max-age=(\d+)/.exec(h['strict-transport-security'] || '');
    if (!m) return -20;
    return Number(m[1]) >= 15768000 ? (/preload/.test(h['strict-transport-security']) ? 5 : 0) : -10;
  }],
  ['Subresource Integrity', () => 0], // checked by scripts/postbuild.mjs on every script and stylesheet
  ['X-Content-Type-Options', () => (h['x-content-type-options'] === 'nosniff' ? 0 : -5)],
  ['X-Frame-Options / frame-ancestors', () => (csp['frame-ancestors'] ? 5 : h['x-frame-options'] ? 0 : -20)],
  ['Cross-Origin-Resource-Policy', () => (['same-origin', 'same-site'].includes(h['cross-origin-resource-policy']) ? 0 : -5)],
];
let score = 100;
for (const [name, f] of tests) {
  const d = f();
  score += d;
  console.log(`${name.padEnd(36)} ${d >= 0 ? '+' : ''}${d}`);
}
const grade = score >= 100 ? 'A+' : score >= 90 ? 'A' : score >= 85 ? 'A-' : score >= 80 ? 'B+' : score >= 70 ? 'B' : score >= 65 ? 'B-' : score >= 60 ? 'C+' : score >= 50 ? 'C' : 'F';
console.log(`score ${score}, grade ${grade}`);
if (score < 90) process.exit(1);
