// The support floor (docs/deploy.md), checked on what dist/ ships:
//
// 1. every wasm file, with any target-features section taken out, validates
//    with binaryen against exactly the floor's WebAssembly features;
// 2. every script parses at the floor's ECMAScript version and uses no
//    built-in it lacks (es-check); the scripts that must work below the floor
//    (quick exit, the notice that points to the paper form, the host page's
//    embed script) at ES2015;
// 3. the stylesheets use no CSS feature the floor's browsers lack (doiuse,
//    on the browserslist query, plus a written-out list of what doiuse's
//    data does not cover, such as inset, aspect-ratio, :is() and nesting),
//    apart from the listed ones, each with the reason it is harmless there
//    and, where one can be checked, a check.
//
// Run by scripts/test.sh after the build; exits non-zero with every problem.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import postcss from 'postcss';
import doiuse from 'doiuse';

export const FLOOR = {
  browsers: ['chrome >= 80', 'edge >= 80', 'safari >= 14', 'ios_saf >= 14', 'firefox >= 78'],
  // WebAssembly 1.0 (MVP) plus mutable globals, which every browser has had
  // since 2019. Not: sign extension and bulk memory (Safari 15), non-trapping
  // float-to-int (Safari 15), multi-value (Chromium 85), reference types
  // (Chromium 96, Safari 15, Firefox 79).
  wasmFeatures: ['--mvp-features', '--enable-mutable-globals'],
  // Optional chaining and ?? are ES2020 (Chromium 80, Safari 13.1, Firefox 74);
  // top-level await and class fields are not.
  es: 'es2020',
  belowFloor: 'es2015',
};

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.FLOOR_DIST || join(root, 'dist');
const bin = (name) => join(root, 'node_modules/.bin', name);
const problems = [];
const files = readdirSync(dist);

// 1. WebAssembly features.
// Drops custom sections named `target_features` (id 0, then a name).
function stripTargetFeatures(buf) {
  const out = [buf.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let n = 0, shift = 0, b;
    do { b = buf[at++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    return n >>> 0;
  };
  while (at < buf.length) {
    const start = at;
    const id = buf[at++];
    const size = leb();
    const end = at + size;
    let drop = false;
    if (id === 0) {
      const len = leb();
      drop = buf.subarray(at, at + len).toString('latin1') === 'target_features';
    }
    if (!drop) out.push(buf.subarray(start, end));
    at = end;
  }
  return Buffer.concat(out);
}
const tmp = mkdtempSync(join(tmpdir(), 'floor-'));
const wasms = files.filter((f) => f.endsWith('.wasm'));
if (wasms.length < 2) problems.push(`wasm: expected the page's and the worker's wasm in dist/, found ${wasms.join(', ') || 'none'}`);
for (const f of wasms) {
  const stripped = join(tmp, f);
  writeFileSync(stripped, stripTargetFeatures(readFileSync(join(dist, f))));
  try {
    execFileSync(bin('wasm-opt'), [stripped, ...FLOOR.wasmFeatures, '-o', join(tmp, 'out.wasm')], { stdio: 'pipe' });
    console.log(`wasm: ${f} validates as ${FLOOR.wasmFeatures.join(' ')}`);
  } catch (e) {
    const why = String(e.stderr || e.stdout || e.message).split('\n').filter((l) => /\[wasm-validator|Fatal|error|requires/i.test(l)).slice(0, 3).join(' | ');
    problems.push(`wasm: ${f} does not validate as ${FLOOR.wasmFeatures.join(' ')}: ${why}`);
  }
}
rmSync(tmp, { recursive: true, force: true });

// 2. Scripts. wasm-bindgen's glue tests for FinalizationRegistry before it
// uses it (the e2e floor test removes it and runs the page and the worker).
const scripts = [
  { match: /^boot-.*\.js$/, module: true, es: FLOOR.es },
  { match: /^rongcuo-[0-9a-f]+\.js$/, module: true, es: FLOOR.es },
  { match: /^loader(_loader)?\.js$/, module: false, es: FLOOR.es },
  { match: /^exit-.*\.js$/, module: false, es: FLOOR.belowFloor },
  { match: /^embed\.js$/, module: false, es: FLOOR.belowFloor },
];
const jsFiles = files.filter((f) => f.endsWith('.js'));
for (const f of jsFiles) {
  const rule = scripts.find((s) => s.match.test(f));
  if (!rule) {
    problems.push(`js: ${f} is not covered by a rule in tests/floor.mjs`);
    continue;
  }
  const args = [rule.es, join(dist, f), '--checkFeatures', '--ignore', 'FinalizationRegistry', '--noColor', '--noCache'];
  if (rule.module) args.push('--module');
  try {
    execFileSync(bin('es-check'), args, { stdio: 'pipe' });
    console.log(`js: ${f} parses as ${rule.es}${rule.module ? ' module' : ''} and uses no later built-in`);
  } catch (e) {
    const why = String(e.stdout || '') + String(e.stderr || '');
    const line = why.split('\n').filter((l) => /error:/.test(l) && !/there were/.test(l)).map((l) => l.trim()).join(' | ');
    problems.push(`js: ${f} is not ${rule.es}: ${line || why.slice(0, 300)}`);
  }
}
for (const s of scripts) {
  if (!jsFiles.some((f) => s.match.test(f))) problems.push(`js: no file in dist/ matches ${s.match}`);
}

// 3. CSS. Each feature the floor lacks that may still appear, with why, and a
// check on the rule where one says more than the name.
const inside = (node, test) => {
  for (let p = node.parent; p; p = p.parent) if (test(p)) return true;
  return false;
};
const ALLOWED = {
  'css-focus-visible': {
    why: 'only in a rule that takes the focus ring off after a mouse click; older browsers drop that rule and keep the :focus ring',
    ok: (node) => node.type === 'rule' && node.selectors.every((s) => /:focus:not\(:focus-visible\)/.test(s)),
  },
  'flexbox-gap': {
    why: 'only under @supports (aspect-ratio: 1); older browsers get margins instead',
    ok: (node) => inside(node, (p) => p.type === 'atrule' && p.name === 'supports' && /^\(aspect-ratio: ?1\)$/.test(p.params)),
  },
  'css-resize': { why: 'a textarea that cannot be resized by hand still grows and scrolls' },
  'extended-system-fonts': { why: 'ui-monospace is followed by Menlo, Consolas and monospace' },
  'css-scroll-behavior': { why: 'sets the default (no smooth scrolling) for reduced motion' },
  'css-paged-media': { why: '@page sets A4 and margins; without it the browser prints with its own' },
  'css-overscroll-behavior': { why: 'only stops a pull on a phone from reloading the page; older browsers reload as they always did' },
  'css-content-visibility': { why: 'print undoes the closed-details hiding of newer browsers; older ones never hid the content' },
};
// What doiuse does not know (its data has no entry for these), written out:
// properties, values, selectors and at-rules newer than the floor, with the
// first versions that have them (Chromium / Safari / Firefox).
const NEWER_CSS = {
  properties: {
    inset: '87 / 14.1 / 66', 'inset-block': '87 / 14.1 / 63', 'inset-inline': '87 / 14.1 / 63',
    'aspect-ratio': '88 / 15 / 89', translate: '104 / 14.1 / 72', rotate: '104 / 14.1 / 72', scale: '104 / 14.1 / 72',
    'accent-color': '93 / 15.4 / 92', 'scrollbar-gutter': '94 / 18.2 / 97', 'text-wrap': '114 / 17.4 / 121',
    'container-type': '105 / 16 / 110', container: '105 / 16 / 110', 'overflow-clip-margin': '90 / - / 102',
    'margin-inline': '87 / 14.1 / 66', 'margin-block': '87 / 14.1 / 66', 'padding-inline': '87 / 14.1 / 66', 'padding-block': '87 / 14.1 / 66',
  },
  values: [
    [/./, /\b\d*\.?\d+(dvh|svh|lvh|dvw|svw|lvw)\b/, 'viewport units dvh/svh/lvh (108 / 15.4 / 101)'],
    [/./, /color-mix\(/, 'color-mix() (111 / 16.2 / 113)'],
    [/^overflow/, /^clip$/, 'overflow: clip (90 / 16 / 81)'],
  ],
  selectors: [[/:is\(/, ':is() (88 / 14 / 78, not with forgiving parsing before 14.1)'], [/:where\(/, ':where() (88 / 14 / 78)']],
  atRules: { container: '105 / 16 / 110', layer: '99 / 15.4 / 97', property: '85 / 16.4 / 128', scope: '118 / 17.4 / -' },
};
// Harmless where missing: the thinner underline on links and its offset are
// decoration only (text-decoration-thickness: Chromium 89; doiuse reports it
// as partial support, which passes).
function newerCss(rootNode, name) {
  const found = [];
  const at = (n) => `${name}:${n.source && n.source.start ? n.source.start.line : '?'}`;
  rootNode.walkDecls((d) => {
    const p = d.prop.toLowerCase();
    if (NEWER_CSS.properties[p]) found.push(`${at(d)} uses the property ${p} (${NEWER_CSS.properties[p]})`);
    for (const [prop, value, what] of NEWER_CSS.values) if (prop.test(p) && value.test(d.value)) found.push(`${at(d)} uses ${what}`);
  });
  rootNode.walkRules((r) => {
    if (r.parent && r.parent.type === 'rule') found.push(`${at(r)} nests a rule in a rule (CSS nesting: 112 / 16.5 / 117)`);
    for (const [re, what] of NEWER_CSS.selectors) if (re.test(r.selector)) found.push(`${at(r)} uses ${what}`);
  });
  rootNode.walkAtRules((a) => {
    const v = NEWER_CSS.atRules[a.name.toLowerCase()];
    if (v) found.push(`${at(a)} uses @${a.name} (${v})`);
  });
  return found;
}

const css = [
  ['dist/index.html (inline)', (readFileSync(join(dist, 'index.html'), 'utf8').match(/<style>([\s\S]*?)<\/style>/) || [])[1]],
  ['assets/app.css', readFileSync(join(root, 'assets/app.css'), 'utf8')],
  ['assets/paper.css', readFileSync(join(root, 'assets/paper.css'), 'utf8')],
];
for (const [name, text] of css) {
  if (!text) {
    problems.push(`css: ${name} not found`);
    continue;
  }
  const seen = new Map();
  const { root: parsed } = await postcss([doiuse({
    browsers: FLOOR.browsers,
    onFeatureUsage: (u) => {
      if (!u.featureData.missing) return; // partial support is support
      const allow = ALLOWED[u.feature];
      const where = `${name}:${u.usage.source.start.line}`;
      if (!allow) problems.push(`css: ${where} uses ${u.feature} (${u.featureData.title}), which ${u.featureData.missing} lack`);
      else if (allow.ok && !allow.ok(u.usage)) problems.push(`css: ${where} uses ${u.feature} outside the allowed form: ${allow.why}`);
      else seen.set(u.feature, allow.why);
    },
  })]).process(text, { from: undefined });
  problems.push(...newerCss(parsed, name).map((p) => `css: ${p}`));
  console.log(`css: ${name}: ${seen.size ? [...seen.keys()].join(', ') + ' (allowed, see tests/floor.mjs)' : 'nothing the floor lacks'}`);
}

if (problems.length) {
  console.error(`floor: FAIL, ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`floor: ok (${FLOOR.browsers.join(', ')})`);
