//! Deployer options from the page's query string, validated strictly;
//! anything unknown or malformed is ignored. None of them is an answer.
//!
//! - `lang`: `zh-CN` or `en`
//! - `accent`: a `#rrggbb` colour
//! - `scale`: font scale from 0.8 to 1.6
//! - `rulebook`: a `.toml` file in the same folder as the page
//! - `fallback`: `builtin` lets the user go on with the built-in rulebook when the deployer's cannot be used
//! - `history`: `1` lets the page add its one history entry inside a host page's frame

use crate::engine::Locale;

/// Validated options.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub locale: Option<Locale>,
    pub accent: Option<String>,
    /// The font scale as written (validated to be a number from 0.8 to 1.6).
    pub scale: Option<String>,
    /// `Some(Ok(name))` for a valid same-folder file, `Some(Err(raw))` when refused.
    pub rulebook: Option<Result<String, String>>,
    /// The deployer allows the built-in rulebook when theirs cannot be used (`fallback=builtin`).
    pub fallback_builtin: bool,
    /// Inside a host page's frame, the host lets the page add its one history entry (`history=1`).
    pub history: bool,
}

/// Decodes `%XX` escapes and `+`; invalid escapes are kept as they are.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// True for a rulebook name the widget may fetch: a plain `.toml` file name
/// in the page's own folder (no path, no scheme, no `..`).
pub fn is_local_rulebook_name(name: &str) -> bool {
    name.len() <= 100
        && name.ends_with(".toml")
        && name.len() > 5
        && name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !name.contains("..")
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// `1`, `1.2`, `0.85` or `1.125` as thousandths; anything else is `None`.
/// (No float parsing: it would add kilobytes to the page for one option.)
fn scale_thousandths(v: &str) -> Option<u32> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if int.len() != 1 || !digits(int) || frac.len() > 3 || (v.contains('.') && !digits(frac)) {
        return None;
    }
    let frac_n: u32 = format!("{frac:0<3}").parse().ok()?;
    Some(int.parse::<u32>().ok()? * 1000 + frac_n)
}

/// Parses a query string (with or without the leading `?`).
pub fn parse(query: &str) -> Options {
    let mut o = Options::default();
    for pair in query.trim_start_matches('?').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(v);
        match k {
            "lang" => o.locale = Locale::from_tag(&v),
            "accent" if is_hex_colour(&v) => o.accent = Some(v.to_ascii_lowercase()),
            "scale" => o.scale = scale_thousandths(&v).filter(|s| (800..=1600).contains(s)).map(|_| v.clone()),
            "fallback" => o.fallback_builtin = v == "builtin",
            "history" => o.history = v == "1",
            "rulebook" if !v.is_empty() => {
                o.rulebook = Some(if is_local_rulebook_name(&v) { Ok(v) } else { Err(v) });
            }
            _ => {}
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_options_are_taken() {
        let o = parse("?lang=en&accent=%23B00020&scale=1.25&rulebook=zhoushan-2026.toml");
        assert_eq!(o.locale, Locale::from_tag("en"));
        assert_eq!(o.accent.as_deref(), Some("#b00020"));
        assert_eq!(o.scale.as_deref(), Some("1.25"));
        assert_eq!(o.rulebook, Some(Ok("zhoushan-2026.toml".into())));
    }

    #[test]
    fn malformed_options_are_ignored_and_foreign_rulebooks_refused() {
        let o = parse("lang=fr&accent=red&scale=9&rulebook=..%2Fetc%2Fx.toml&color=%23000000");
        assert_eq!(o, Options { rulebook: Some(Err("../etc/x.toml".into())), ..Options::default() });
        for bad in ["https://evil.example/x.toml", "/abs.toml", "sub/x.toml", "x.json", ".toml", "a..toml", "%2e%2e.toml"] {
            assert!(!is_local_rulebook_name(&decode(bad)), "{bad} should be refused");
        }
        assert!(is_local_rulebook_name("my_rules.v2.toml"));
    }

    #[test]
    fn scale_is_read_without_floats() {
        assert_eq!(scale_thousandths("1"), Some(1000));
        assert_eq!(scale_thousandths("1.25"), Some(1250));
        assert_eq!(scale_thousandths("0.8"), Some(800));
        for bad in ["", ".5", "1.", "1.2345", "10", "1e0", "-1", "1.2.3", "x"] {
            assert_eq!(scale_thousandths(bad), None, "{bad}");
        }
        assert_eq!(parse("scale=1.7").scale, None);
        assert_eq!(parse("scale=0.75").scale, None);
    }

    #[test]
    fn decoding_never_panics_on_truncated_escapes() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%E4%B8%AD"), "中");
    }
}
