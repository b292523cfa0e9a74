//! `@pattern` values, rewritten for the `regex-lite` crate the generated code uses.
//!
//! Smithy patterns are ECMA 262 regular expressions. Two differences matter here:
//! `\d`, `\w` and `\s` are ASCII classes in ECMA 262, and `regex-lite` has no Unicode
//! tables, so `\p{..}` classes (the MPA model uses `\p{P}`, punctuation) are expanded into
//! explicit ranges here, once, with the tables of `regex-syntax`. The result is checked to
//! parse, so a pattern the generated crate could not compile is a model error now rather
//! than a run-time surprise.

use crate::ir::PatternCheck;

/// How a `@pattern` is checked, or why no engine can check it: by an automaton built here
/// when the pattern is small enough (see `pattern_dfa`), else by `regex-lite` (after the
/// rewrite below), else by `regress`, an ECMA-262 engine (look-around, backreferences),
/// whose build costs several times more and is paid only by crates whose model needs it.
pub(crate) fn plan(pattern: &str) -> Result<PatternCheck, String> {
    let lite = for_regex_lite(pattern);
    if let Ok(text) = lite {
        // The automaton decides what `regex-lite` would decide on the rewritten text.
        return Ok(match super::pattern_dfa::compile(&text) {
            Ok(dfa) => PatternCheck::Automaton(Box::new(dfa)),
            Err(_) => PatternCheck::RegexLite(text),
        });
    }
    match regress::Regex::with_flags(pattern, "") {
        Ok(_) => Ok(PatternCheck::Ecma),
        Err(e) => Err(format!("{} (and as ECMA-262: {e})", lite.err().unwrap_or_default())),
    }
}

/// The pattern as `regex-lite` should see it, or why it cannot be.
pub(crate) fn for_regex_lite(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                match chars.next() {
                    Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    Some('w') => out.push_str(if in_class { "A-Za-z0-9_" } else { "[A-Za-z0-9_]" }),
                    Some('s') => out.push_str(if in_class { r" \t\n\r\x0B\x0C" } else { r"[ \t\n\r\x0B\x0C]" }),
                    Some(p @ ('p' | 'P')) => {
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
                        let ranges = unicode_ranges(&escape)?;
                        if in_class {
                            out.push_str(&ranges);
                        } else {
                            out.push('[');
                            out.push_str(&ranges);
                            out.push(']');
                        }
                    }
                    Some(other) => {
                        out.push('\\');
                        out.push(other);
                        continue;
                    }
                    None => return Err("the pattern ends with a lone `\\`".to_owned()),
                }
                // In ECMA-262 a `-` right after a class escape in a class is a plain character
                // (`[\w- ]`); after the expansion it would make a range.
                if in_class && chars.peek() == Some(&'-') {
                    chars.next();
                    out.push_str("\\-");
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    regex_syntax::Parser::new().parse(&out).map_err(|e| format!("the pattern does not parse: {e}"))?;
    Ok(out)
}

/// A Unicode class escape (`\p{P}`) as explicit ranges for a bracket class, with every
/// character outside ASCII letters and digits written as `\x{..}`.
fn unicode_ranges(escape: &str) -> Result<String, String> {
    use regex_syntax::hir::{Class, HirKind};
    // `\p{all}` (Java's name for every character) appears in AWS models.
    if escape.eq_ignore_ascii_case("\\p{all}") {
        return Ok(r"\x{0}-\x{10FFFF}".to_owned());
    }
    let hir = regex_syntax::Parser::new()
        .parse(&format!("[{escape}]"))
        .map_err(|e| format!("`{escape}` is not a Unicode class this generator knows: {e}"))?;
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return Err(format!("`{escape}` is not a Unicode class"));
    };
    let show = |c: char| if c.is_ascii_alphanumeric() { c.to_string() } else { format!("\\x{{{:X}}}", u32::from(c)) };
    Ok(class
        .iter()
        .map(|r| if r.start() == r.end() { show(r.start()) } else { format!("{}-{}", show(r.start()), show(r.end())) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::for_regex_lite;

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
    fn class_escapes_before_a_hyphen_stay_escapes() {
        assert_eq!(for_regex_lite(r"[\w- ]").unwrap(), r"[A-Za-z0-9_\- ]");
        assert_eq!(for_regex_lite(r"[\d-]").unwrap(), r"[0-9\-]");
        assert_eq!(for_regex_lite(r"[\p{all}]").unwrap(), r"[\x{0}-\x{10FFFF}]");
    }

    #[test]
    fn each_pattern_goes_to_the_lightest_engine_that_reads_it() {
        use crate::ir::PatternCheck;
        // ECMA-262 reads the pattern as the model writes it.
        assert_eq!(super::plan(r"^(?!aws:)[a-zA-Z+-=._:/]+$").unwrap(), PatternCheck::Ecma);
        assert_eq!(super::plan(r"^(a)\1$").unwrap(), PatternCheck::Ecma);
        assert!(matches!(super::plan(r"^[a-z]+$").unwrap(), PatternCheck::Automaton(_)));
        assert_eq!(super::plan(r"^[a-z]{1,1000}$").unwrap(), PatternCheck::RegexLite(r"^[a-z]{1,1000}$".to_owned()));
        assert!(super::plan(r"^(?<=a").is_err());
    }

    #[test]
    fn broken_patterns_are_refused() {
        assert!(for_regex_lite(r"^[a-z").is_err());
        assert!(for_regex_lite(r"\p{NoSuchClass}").is_err());
        assert!(for_regex_lite("abc\\").is_err());
    }
}
