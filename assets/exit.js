// The parts of the page that must work without the wasm: quick exit (a button
// and Shift pressed three times), a "start" click made before the app is
// ready, the no-WebAssembly message, and the iframe height for host pages.
// No storage, no network: it only reads this page's own address.
(() => {
  'use strict';
  const root = document.documentElement;
  const params = new URLSearchParams(location.search);

  // The neutral page: the deployer's http(s) address, or our own blank page.
  const local = new URL('neutral.html', location.href).href;
  let exitUrl = local;
  try {
    const u = new URL(params.get('exit') || '', location.href);
    if (params.get('exit') && (u.protocol === 'https:' || u.protocol === 'http:')) exitUrl = u.href;
  } catch (_) { /* malformed: keep the neutral page */ }
  root.setAttribute('data-exit-url', exitUrl);
  for (const a of document.querySelectorAll('[data-quick-exit]')) a.href = exitUrl;

  // Messages go only to the host page that embedded us (embed.js says which).
  const inFrame = window.parent !== window;
  let hostOrigin = null;
  try {
    const o = params.get('origin');
    if (o && new URL(o).origin === o) hostOrigin = o;
  } catch (_) { /* ignore */ }
  const post = (msg) => { if (inFrame && hostOrigin) window.parent.postMessage(msg, hostOrigin); };

  function quickExit() {
    if (root.hasAttribute('data-exiting')) return;
    root.setAttribute('data-exiting', '');
    // Clear the page at once; nothing of it stays on screen or in the DOM.
    document.title = '';
    document.body.replaceChildren();
    if (!inFrame) {
      location.replace(exitUrl);
      return;
    }
    // Two ways out of the host page, so one failing does not leave the user
    // exposed: embed.js replaces the host page on this message, and the frame
    // tries itself (a sandbox allows that on a click only).
    post({ type: 'rongcuo:exit' });
    try {
      window.top.location.replace(exitUrl);
    } catch (_) {
      // Not allowed here: the frame itself goes blank at once.
      location.replace(local);
    }
  }

  document.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    if (t.closest('[data-quick-exit]')) {
      e.preventDefault();
      quickExit();
    } else if (!root.hasAttribute('data-ready')) {
      // Clicks the static page receives before the app is ready are honoured by the app.
      if (t.closest('[data-action="start"]')) root.setAttribute('data-start-requested', '');
      if (t.closest('.lang-switch')) root.setAttribute('data-language-requested', '');
    }
  }, true);

  let presses = [];
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Shift' || e.repeat) return;
    const now = Date.now();
    presses = presses.filter((t) => now - t < 5000);
    presses.push(now);
    if (presses.length >= 3) quickExit();
  }, true);

  if (typeof WebAssembly !== 'object') root.setAttribute('data-no-wasm', '');

  if (inFrame && hostOrigin && 'ResizeObserver' in window) {
    let last = 0;
    new ResizeObserver(() => {
      const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (h !== last) {
        last = h;
        post({ type: 'rongcuo:height', height: h });
      }
    }).observe(document.documentElement);
  }
})();
