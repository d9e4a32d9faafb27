//! Markup shared by every page that draws a site header: the app, the page
//! shown when a deployer's rulebook cannot be used, the recovery message and
//! the static start page written at build time (`build.rs` includes this
//! file). One function, so the header never exists in several copies.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The words the header uses, in the page's locale.
pub struct HeaderText<'a> {
    pub brand: &'a str,
    /// Where quick exit goes: `neutral.html` in static markup (`exit.js`
    /// puts the deployer's listed page in), the address `exit.js` chose in
    /// the app.
    pub exit_href: &'a str,
    pub quick_exit: &'a str,
    /// Shown only where there is a keyboard ("or press Shift three times").
    pub quick_exit_hint: &'a str,
    pub exit_two_more: &'a str,
    pub exit_one_more: &'a str,
    pub exit_reset: &'a str,
}

/// The site header: the brand, a switch to each other locale
/// (`(tag, own name, label)`), and the quick-exit button (a plain link that
/// works without any script; `assets/exit.js` turns it into the quick exit).
pub fn header(t: &HeaderText<'_>, switches: &[(&str, &str, &str)]) -> String {
    let mut h = String::from("<header class=\"site-header\"><div class=\"site-header__inner\"><span class=\"site-header__brand\">");
    h.push_str(&escape(t.brand));
    h.push_str("</span>");
    for (tag, name, label) in switches {
        h.push_str(&format!(
            "<button type=\"button\" class=\"link-button lang-switch\" lang=\"{tag}\" data-locale=\"{tag}\" aria-label=\"{}\">{}</button>",
            escape(label),
            escape(name)
        ));
    }
    h.push_str(&format!(
        "<a class=\"quick-exit\" href=\"{}\" data-quick-exit=\"\" rel=\"noreferrer\" data-exit-two-more=\"{}\" data-exit-one-more=\"{}\" data-exit-reset=\"{}\">{}<span class=\"quick-exit__hint\">{}</span></a>",
        escape(t.exit_href),
        escape(t.exit_two_more),
        escape(t.exit_one_more),
        escape(t.exit_reset),
        escape(t.quick_exit),
        escape(t.quick_exit_hint)
    ));
    h.push_str("</div></header>");
    h
}
