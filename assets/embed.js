// embed.js: puts the self-check into a host page (for example a party-education
// portal) as an iframe. No dependencies, no cookies, no storage; it only talks
// to the widget's own frame.
//
//   <div data-rongcuo-zicha data-src="https://widget.example.org/zicha/"
//        data-lang="zh-CN" data-accent="#8f1d1d" data-scale="1"
//        data-exit="https://portal.example.org/" data-rulebook="local-rules.toml"></div>
//   <script src="https://widget.example.org/zicha/embed.js" defer></script>
//
// Options are validated here and again inside the widget; anything else is ignored.
// By default the frame has a fixed height (data-height, else most of the
// window) and scrolls inside: the host learns nothing from its size. With
// data-auto-height the widget posts one height, measured on its start page
// before any answer, and never again (see docs/deploy.md).
// By default the framed widget adds nothing to the browser's history (an
// entry would join the host page's own); with data-history it adds its one
// entry with a constant state, so the browser's Back steps back in the run.
(() => {
  'use strict';
  // Each token is needed, and nothing more is granted:
  //  allow-scripts    the widget is a program (WebAssembly + a small script)
  //  allow-same-origin  lets the widget load its own files under its own origin
  //  allow-forms      each question is a form; it never submits anywhere (CSP form-action 'none')
  //  allow-modals     the print dialog (the widget's own questions are in-page dialogs)
  //  allow-downloads  "save my answers to a file"
  //  allow-top-navigation-by-user-activation  quick exit can replace this host page, on a click only
  const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-modals allow-downloads allow-top-navigation-by-user-activation';
  const script = document.currentScript;
  const base = script ? new URL('./', script.src).href : null;

  const valid = {
    lang: (v) => (v === 'zh-CN' || v === 'en' ? v : null),
    accent: (v) => (/^#[0-9a-fA-F]{6}$/.test(v) ? v : null),
    scale: (v) => { const n = Number(v); return v !== '' && n >= 0.8 && n <= 1.6 ? String(n) : null; },
    exit: (v) => { try { const u = new URL(v, location.href); return /^https?:$/.test(u.protocol) ? u.href : null; } catch (_) { return null; } },
    rulebook: (v) => (/^[A-Za-z0-9][A-Za-z0-9._-]*\.toml$/.test(v) && v.indexOf('..') < 0 ? v : null),
    fallback: (v) => (v === 'builtin' ? v : null),
  };

  function mount(host) {
    if (host.querySelector('iframe')) return;
    let src;
    try { src = new URL(host.getAttribute('data-src') || base || '', location.href); } catch (_) { return; }
    if (!/^https?:$/.test(src.protocol)) return;
    for (const key of Object.keys(valid)) {
      const raw = host.getAttribute('data-' + key);
      const v = raw === null ? null : valid[key](raw.trim());
      if (v !== null) src.searchParams.set(key, v);
    }
    src.searchParams.set('origin', location.origin);
    if (host.hasAttribute('data-history')) src.searchParams.set('history', '1');
    const auto = host.hasAttribute('data-auto-height');
    if (auto) src.searchParams.set('autoheight', '1');
    const exitUrl = src.searchParams.get('exit') || 'about:blank';

    const frame = document.createElement('iframe');
    frame.src = src.href;
    frame.title = host.getAttribute('data-title') || (src.searchParams.get('lang') === 'en' ? 'Fault-tolerance self-check' : '容错纠错自查');
    frame.setAttribute('sandbox', SANDBOX);
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('allow', 'camera \'none\'; microphone \'none\'; geolocation \'none\'');
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    const height = host.getAttribute('data-height') || '';
    frame.style.height = /^[0-9]{3,4}px$/.test(height) ? height : 'min(52rem, 85vh)';
    host.appendChild(frame);

    window.addEventListener('message', (e) => {
      // Only our frame, from the widget's own origin.
      if (e.source !== frame.contentWindow || e.origin !== src.origin) return;
      const m = e.data;
      if (!m || typeof m !== 'object') return;
      if (auto && m.type === 'rongcuo:height' && Number.isFinite(m.height) && m.height > 0 && m.height < 100000) {
        frame.style.height = Math.ceil(m.height) + 'px';
      } else if (m.type === 'rongcuo:exit') {
        frame.remove();
        location.replace(exitUrl);
      }
    });
  }

  const run = () => document.querySelectorAll('[data-rongcuo-zicha]').forEach(mount);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
