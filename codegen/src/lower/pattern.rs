//! `@pattern` values, rewritten for the engines the generated code uses.
//!
//! Smithy patterns are ECMA 262 regular expressions. Two differences matter here:
//! `\d`, `\w` and `\s` are ASCII classes in ECMA 262, and `regex-lite` has no Unicode
//! tables, so `\p{..}` classes (the MPA model uses `\p{P}`, punctuation) are expanded into
//! explicit ranges here, once, with the tables of `regex-syntax`. The result is checked to
//! parse, so a pattern the generated crate could not compile is a model error now rather
//! than a run-time surprise.
//!
//! Patterns that need the ECMA-262 engine (`regress`) get the same expansion of `\p{..}`:
//! read without the `u` flag, `\p{L}` would be the letters `p{L}`, and with it, the many
//! patterns that rely on the grammar of ECMA-262's Annex B (`\_`, `[\w-.]`) would not
//! compile. The services mean a Unicode property, as with `u`; spelled out here, it means
//! the same to all three engines, from the same tables. `regress` matches whole code
//! points on a `&str` with or without `u`, as `u` would.

use crate::ir::PatternCheck;

/// How a `@pattern` is checked, or why no engine can check it: by an automaton built here
/// when the pattern is small enough (see `pattern_dfa`), else by `regex-lite` (after the
/// rewrite below), else by `regress`, an ECMA-262 engine (look-around, backreferences),
/// whose build costs several times more and is paid only by crates whose model needs it.
pub(crate) fn plan(pattern: &str) -> Result<PatternCheck, String> {
    let lite = match for_regex_lite(pattern) {
        // The automaton decides what `regex-lite` would decide on the rewritten text.
        Ok(text) => {
            return Ok(match super::pattern_dfa::compile(&text) {
                Ok(dfa) => PatternCheck::Automaton(Box::new(dfa)),
                Err(_) => PatternCheck::RegexLite(text),
            });
        }
        Err(why) => why,
    };
    let text = for_ecma(pattern).map_err(|e| format!("{lite} (and as ECMA-262: {e})"))?;
    match regress::Regex::with_flags(&text, "") {
        Ok(_) => Ok(PatternCheck::Ecma(text)),
        Err(e) => Err(format!("{lite} (and as ECMA-262: {e})")),
    }
}

/// The pattern as `regex-lite` should see it, or why it cannot be.
pub(crate) fn for_regex_lite(pattern: &str) -> Result<String, String> {
    let out = rewrite(pattern, Dialect::RegexLite)?;
    regex_syntax::Parser::new().parse(&out).map_err(|e| format!("the pattern does not parse: {e}"))?;
    Ok(out)
}

/// The pattern as `regress` should see it (without flags, as the generated crate compiles
/// it): `\p{..}` and `\P{..}` become explicit ranges, everything else stays as written.
pub(crate) fn for_ecma(pattern: &str) -> Result<String, String> {
    rewrite(pattern, Dialect::Ecma)
}

/// Which engine a rewritten pattern is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// `regex-syntax`'s grammar: `\d`, `\w` and `\s` are Unicode there, so they are spelled
    /// out; a code point is `\x{..}`.
    RegexLite,
    /// ECMA-262 as `regress` reads it without the `u` flag (Annex B included), which
    /// matches code point by code point on a `&str` and takes `\u{..}` for any code point.
    Ecma,
}

fn rewrite(pattern: &str, dialect: Dialect) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut in_class = false;
    // Whether the last character written is a `-` the model wrote unescaped in a class.
    let mut plain_dash = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let dash_before = std::mem::replace(&mut plain_dash, false);
        if c != '\\' {
            match c {
                '[' if !in_class => in_class = true,
                ']' if in_class => in_class = false,
                '-' if in_class => plain_dash = true,
                _ => {}
            }
            out.push(c);
            continue;
        }
        let Some(escaped) = chars.next() else {
            return Err("the pattern ends with a lone `\\`".to_owned());
        };
        let ranges = match escaped {
            'd' if dialect == Dialect::RegexLite => "0-9".to_owned(),
            'w' if dialect == Dialect::RegexLite => "A-Za-z0-9_".to_owned(),
            's' if dialect == Dialect::RegexLite => r" \t\n\r\x0B\x0C".to_owned(),
            p @ ('p' | 'P') => {
                let mut escape = format!("\\{p}");
                if chars.peek() == Some(&'{') {
                    for c in chars.by_ref() {
                        escape.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                } else if let Some(c) = chars.next() {
                    escape.push(c);
                }
                unicode_ranges(&escape, dialect)?
            }
            other => {
                out.push('\\');
                out.push(other);
                continue;
            }
        };
        if !in_class {
            out.push('[');
            out.push_str(&ranges);
            out.push(']');
            continue;
        }
        // In ECMA-262 a `-` next to a class escape in a class is a plain character
        // (`[\w- ]`, `[a-\d]`); beside the expansion it would make a range.
        if dash_before {
            out.pop();
            out.push_str("\\-");
        }
        out.push_str(&ranges);
        if chars.peek() == Some(&'-') {
            chars.next();
            out.push_str("\\-");
        }
    }
    Ok(out)
}

/// A Unicode class escape (`\p{P}`) as explicit ranges for a bracket class, with every
/// character outside ASCII letters and digits written as a code point escape. `\P{..}`
/// gives the complement; a class matching nothing gives no ranges.
fn unicode_ranges(escape: &str, dialect: Dialect) -> Result<String, String> {
    use regex_syntax::hir::{Class, HirKind};
    let negated = escape.starts_with("\\P");
    // `\p{all}` (Java's name for every character) appears in AWS models.
    let query = if escape[2..].eq_ignore_ascii_case("{all}") {
        r"[\x00-\x{10FFFF}]".to_owned()
    } else {
        format!("[{}]", escape.replace(r"\P", r"\p"))
    };
    let hir = regex_syntax::Parser::new()
        .parse(&query)
        .map_err(|e| format!("`{escape}` is not a Unicode class this generator knows: {e}"))?;
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return Err(format!("`{escape}` is not a Unicode class"));
    };
    let mut class = class.clone();
    if negated {
        // Negated here rather than by `regex-syntax`, which turns a class that matches
        // nothing (`\P{all}`) into another kind of expression.
        class.negate();
    }
    let show = |c: char| match (c.is_ascii_alphanumeric(), dialect) {
        (true, _) => c.to_string(),
        (false, Dialect::RegexLite) => format!("\\x{{{:X}}}", u32::from(c)),
        (false, Dialect::Ecma) => format!("\\u{{{:X}}}", u32::from(c)),
    };
    Ok(class
        .iter()
        .map(|r| if r.start() == r.end() { show(r.start()) } else { format!("{}-{}", show(r.start()), show(r.end())) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{for_ecma, for_regex_lite};

    #[test]
    fn ecma_classes_become_ascii() {
        assert_eq!(for_regex_lite(r"^\d{12}$").unwrap(), r"^[0-9]{12}$");
        assert_eq!(for_regex_lite(r"(?:[\d]+|\$DEFAULT)$").unwrap(), r"(?:[0-9]+|\$DEFAULT)$");
        assert_eq!(for_regex_lite(r"[_\.-]").unwrap(), r"[_\.-]");
    }

    #[test]
    fn unicode_classes_are_expanded() {
        let p = for_regex_lite(r"^[a-zA-Z0-9\p{P}]*$").unwrap();
        assert!(p.starts_with(r"^[a-zA-Z0-9\x{21}-\x{23}\x{25}-\x{2A}"), "{p}");
        assert!(p.contains(r"\x{A1}"), "inverted exclamation mark is punctuation: {p}");
        assert!(!p.contains(r"\p"), "{p}");
        let outside = for_regex_lite(r"^\p{Lu}$").unwrap();
        assert!(outside.starts_with("^[A-Z"), "{outside}");
    }

    #[test]
    fn class_escapes_beside_a_hyphen_stay_escapes() {
        assert_eq!(for_regex_lite(r"[\w- ]").unwrap(), r"[A-Za-z0-9_\- ]");
        assert_eq!(for_regex_lite(r"[\d-]").unwrap(), r"[0-9\-]");
        assert_eq!(for_regex_lite(r"[a-\d]").unwrap(), r"[a\-0-9]");
        assert_eq!(for_regex_lite(r"[\p{all}]").unwrap(), r"[\x{0}-\x{10FFFF}]");
        // A hyphen the model escaped, or one that is not beside a class escape, is kept.
        assert_eq!(for_regex_lite(r"[a\-\d]").unwrap(), r"[a\-0-9]");
        assert_eq!(for_regex_lite(r"[a-z\d]").unwrap(), r"[a-z0-9]");
    }

    #[test]
    fn ecma_patterns_get_unicode_classes_and_keep_the_rest() {
        let connect = for_ecma(r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$").unwrap();
        assert!(connect.starts_with(r"^(?!aws:)[A-Za-z\u{AA}\u{B5}"), "{connect}");
        assert!(connect.ends_with(r"_.:/=+\-@]*$"), "{connect}");
        assert!(connect.contains(r"\u{3000}") && connect.contains(r"0-9"), "{connect}");
        assert!(!connect.contains(r"\p"), "{connect}");
        // `\d`, `\w` and `\s` are left to the engine, as are escapes of other characters.
        assert_eq!(for_ecma(r"^(?!x)[\w\-\s.]\d\_\\p{L}$").unwrap(), r"^(?!x)[\w\-\s.]\d\_\\p{L}$");
        // Outside a class, a class of its own; negated; a hyphen beside one is a character.
        assert_eq!(for_ecma(r"(?=a)\p{Lu}").unwrap(), for_ecma(r"(?=a)[\p{Lu}]").unwrap());
        assert!(for_ecma(r"\P{L}").unwrap().starts_with(r"[\u{0}-\u{40}\u{5B}-\u{60}\u{7B}-\u{A9}"));
        assert!(for_ecma(r"[a-\p{Lu}-b]").unwrap().starts_with(r"[a\-A-Z"));
        assert!(for_ecma(r"[a-\p{Lu}-b]").unwrap().ends_with(r"\-b]"));
        assert_eq!(for_ecma(r"[\p{all}]").unwrap(), r"[\u{0}-\u{10FFFF}]");
        assert_eq!(for_ecma(r"[^\P{all}]").unwrap(), r"[^]");
        assert_eq!(for_ecma(r"\P{all}").unwrap(), r"[]");
        assert_eq!(for_ecma(r"\pL").unwrap(), for_ecma(r"\p{L}").unwrap());
    }

    /// The generated crate compiles the rewritten pattern without flags: `regress` then
    /// still matches whole code points and reads `\u{..}` beyond the BMP.
    #[test]
    fn regress_reads_code_point_escapes_without_flags() {
        let regex = regress::Regex::new(r"^[\u{1F600}-\u{1F64F}]$").unwrap();
        assert!(regex.find("\u{1F603}").is_some());
        assert!(regex.find("u").is_none());
        assert!(regress::Regex::new("^.$").unwrap().find("\u{1F603}").is_some());
    }

    #[test]
    fn each_pattern_goes_to_the_lightest_engine_that_reads_it() {
        use crate::ir::PatternCheck;
        let ecma = |p: &str| PatternCheck::Ecma(p.to_owned());
        // ECMA-262 reads the pattern as the model writes it, but for `\p{..}`.
        assert_eq!(super::plan(r"^(?!aws:)[a-zA-Z+-=._:/]+$").unwrap(), ecma(r"^(?!aws:)[a-zA-Z+-=._:/]+$"));
        assert_eq!(super::plan(r"^(a)\1$").unwrap(), ecma(r"^(a)\1$"));
        let connect = r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$";
        assert_eq!(super::plan(connect).unwrap(), ecma(&for_ecma(connect).unwrap()));
        assert!(matches!(super::plan(r"^[a-z]+$").unwrap(), PatternCheck::Automaton(_)));
        assert_eq!(super::plan(r"^[a-z]{1,1000}$").unwrap(), PatternCheck::RegexLite(r"^[a-z]{1,1000}$".to_owned()));
        assert!(super::plan(r"^(?<=a").is_err());
        // Valid without `u` only (`\_`), yet `\p{L}` is a Unicode class.
        let PatternCheck::Ecma(text) = super::plan(r"^(?!x)[\p{L}\_]+$").unwrap() else { panic!("look-ahead") };
        let regex = regress::Regex::new(&text).unwrap();
        assert!(regex.find("é_Ж").is_some() && regex.find("xé").is_none() && regex.find("p").is_some());
        assert!(regex.find("{").is_none() && regex.find("1").is_none());
        // A class no table here knows is not read as its letters: the check is left out.
        assert!(super::plan(r"^(?!a)\p{NoSuchClass}$").is_err());
    }

    #[test]
    fn broken_patterns_are_refused() {
        assert!(for_regex_lite(r"^[a-z").is_err());
        assert!(for_regex_lite(r"\p{NoSuchClass}").is_err());
        assert!(for_regex_lite("abc\\").is_err());
    }
}
