// The parts of the page that must work without the wasm: quick exit (a button
// and Shift pressed three times), a "start" click made before the app is
// ready, the notice when the app cannot start, and the frame height for host
// pages that ask for it. No storage, no network: it only reads this page's
// own address and markup.
//
// Plain ES2015 with old DOM calls only (tests/floor.mjs checks the syntax), so
// that it runs even in browsers below the support floor: there quick exit
// still works and the page points to the paper form.
(() => {
  'use strict';
  const root = document.documentElement;
  const params = new URLSearchParams(location.search);

  // The neutral page: our own blank page, or a deployer's page, but only one
  // the deployer listed in <meta name="rongcuo-exit-allow"> (space-separated
  // address prefixes): a link cannot send people to any site it likes.
  const local = new URL('neutral.html', location.href).href;
  const allowMeta = document.querySelector('meta[name="rongcuo-exit-allow"]');
  const allowed = ((allowMeta && allowMeta.getAttribute('content')) || '')
    .split(/\s+/).filter((p) => /^https?:\/\/[^/]+\//.test(p));
  let exitUrl = local;
  try {
    const u = new URL(params.get('exit') || '', location.href);
    if (params.get('exit') && /^https?:$/.test(u.protocol) && allowed.some((p) => u.href.startsWith(p))) exitUrl = u.href;
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

  // Empties the page (replaceChildren is newer than the support floor).
  function clear() {
    const b = document.body;
    if (b) while (b.firstChild) b.removeChild(b.firstChild);
  }

  function quickExit() {
    if (root.hasAttribute('data-exiting')) return;
    root.setAttribute('data-exiting', '');
    // Clear the page at once; nothing of it stays on screen or in the DOM.
    document.title = '';
    clear();
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
      if (t.closest('[data-action="start"]')) {
        root.setAttribute('data-start-requested', '');
        watch();
      }
      const lang = t.closest('.lang-switch');
      if (lang) root.setAttribute('data-language-requested', lang.getAttribute('data-locale') || '');
    }
  }, true);

  // Shift three times, as GOV.UK's "Exit this page" counts it, but stricter:
  // a Shift counts only when it was pressed and released on its own, with
  // no other key, no pointer press and no wheel turn since the count before
  // (Shift held to extend a selection with the mouse, to scroll sideways
  // with the wheel, or for a capital or full-width punctuation never
  // counts, and resets the count; moving the pointer does not). Five
  // seconds without a press start again. Never while typing in a text field
  // or during input-method composition; a focused radio button or checkbox
  // is not typing. The count shows as three marks on the quick-exit button
  // and is announced to screen readers.
  let count = 0;
  let alone = false;
  let timer = 0;
  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.id = 'exit-status';
  const say = (key) => {
    const button = document.querySelector('.quick-exit');
    const text = (button && button.getAttribute(key)) || '';
    status.textContent = text;
    if (!status.isConnected && document.body) document.body.appendChild(status);
  };
  const show = () => { if (count) root.setAttribute('data-exit-count', String(count)); else root.removeAttribute('data-exit-count'); };
  const reset = (announce) => {
    if (count && announce) say('data-exit-reset');
    count = 0;
    alone = false;
    clearTimeout(timer);
    timer = 0;
    show();
  };
  const typing = (t) => t instanceof Element && (t.closest('textarea, [contenteditable]') ||
    (t.matches('input') && !/^(radio|checkbox|button|submit|reset|file|range|color)$/.test(t.type)));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Shift') { if (!e.repeat) alone = true; } else reset(true);
  }, true);
  document.addEventListener('keyup', (e) => {
    if (e.key !== 'Shift') return;
    const counts = alone;
    alone = false;
    if (e.isComposing || e.keyCode === 229 || typing(e.target)) { reset(false); return; }
    if (!counts) { reset(true); return; }
    count += 1;
    show();
    clearTimeout(timer);
    if (count >= 3) { quickExit(); return; }
    say(count === 1 ? 'data-exit-two-more' : 'data-exit-one-more');
    timer = setTimeout(() => reset(true), 5000);
  }, true);
  // A press of any pointer (mouse, pen, touch) or a turn of the wheel.
  for (const type of ['pointerdown', 'mousedown', 'touchstart', 'wheel']) {
    document.addEventListener(type, () => reset(true), { capture: true, passive: true });
  }

  // A page the browser restores from its back/forward cache after a quick
  // exit (Back from the neutral page) shows nothing and leaves again.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && root.hasAttribute('data-exiting')) {
      clear();
      location.replace(exitUrl);
    }
  });

  // When the app cannot start, the static page says so and points to the
  // paper form (the notices are in the markup, shown by these attributes):
  // - data-no-wasm: no WebAssembly here, or one of the page's scripts failed
  //   to load or to parse (an older browser, a damaged file); the boot script
  //   sets it too when the wasm fails to compile or instantiate;
  // - data-slow-start: nothing has failed yet, but the app has not started
  //   within START_WAIT of a start click (a slow line, or a browser that
  //   silently skipped the boot module).
  // Focus moves to the notice unless the user is somewhere else on the page.
  const START_WAIT = 6000;
  const ready = () => root.hasAttribute('data-ready') || root.hasAttribute('data-crashed');
  const shown = {};
  const notify = (attr, selector) => {
    if (ready() || shown[attr]) return;
    shown[attr] = true;
    root.setAttribute(attr, '');
    const notice = document.querySelector('#static ' + selector);
    const at = document.activeElement;
    // Not from inside a host page's frame unless the user is working in it:
    // focus must not leave the portal on its own.
    const idle = !at || at === document.body;
    if (notice && ((idle && !inFrame) || (at && at.closest('[data-action="start"], .file-open')))) notice.focus();
  };
  const fail = () => notify('data-no-wasm', '.no-wasm');
  let waiting = 0;
  function watch() {
    if (!waiting) waiting = setTimeout(() => notify('data-slow-start', '.slow-start'), START_WAIT);
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') fail();
  // The boot script reports a wasm that fails to compile or instantiate.
  new MutationObserver(() => { if (root.hasAttribute('data-no-wasm')) fail(); })
    .observe(root, { attributes: true, attributeFilter: ['data-no-wasm'] });
  // A script of the page that fails to load (or its integrity check), or
  // that a browser cannot parse, before the app is ready.
  window.addEventListener('error', (e) => {
    if (ready()) return;
    const t = e.target;
    if (t instanceof HTMLScriptElement || (t instanceof HTMLLinkElement && /preload/.test(t.rel))) fail();
    else if (e instanceof ErrorEvent && e.error instanceof SyntaxError) fail();
  }, true);

  // The frame's height, only when the host page asked for a frame sized to
  // the page (embed.js `data-auto-height`): one height for the whole run,
  // measured once on the start page, before any answer (so it depends on
  // the frame's width and the locale only), and never posted again. Longer
  // pages scroll inside the frame. By default nothing is posted.
  if (inFrame && hostOrigin && params.get('autoheight') === '1') {
    const once = () => {
      const h = Math.max(640, Math.ceil(document.documentElement.getBoundingClientRect().height / 100) * 100);
      post({ type: 'rongcuo:height', height: h });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', once);
    else once();
  }
})();
