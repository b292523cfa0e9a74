//! The `@pattern`s of the sample models, checked the way the generated crate checks them,
//! against `fancy-regex`, an engine written apart from all three (it has look-around and
//! reads `\p{..}` itself), on values made from each pattern's own characters and on random
//! ones: both must decide alike.
//!
//! `fancy-regex` reads Perl's grammar, not ECMA-262's, so `ecma_to_fancy` spells out, from
//! the ECMA-262 specification, what the two grammars mean differently. A construct it does
//! not know stops the test, naming it, rather than being compared under a wrong reading.

use super::pattern::plan;
use crate::ir::PatternCheck;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::collections::BTreeSet;

/// Amazon Connect's tag keys: a look-ahead, so the ECMA-262 engine, and `\p{..}` classes.
const CONNECT_TAG_KEY: &str = r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$";

/// Sample patterns that every string matches, so that no value can be refused: there the
/// test asserts that none is.
const MATCH_EVERYTHING: [&str; 1] = [r"^[\p{all}]*$"];

/// Every `@pattern` of the models in the repository (the MPA model, the sample AWS models,
/// the generator's test models).
pub(super) fn sample_patterns() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![root.join("model/mpa-2022-07-26.json")];
    for dir in ["tests/fixtures/aws-models", "tests/fixtures/models"] {
        let mut found: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        found.retain(|p| p.extension().is_some_and(|e| e == "json"));
        found.sort();
        files.extend(found);
    }
    let mut patterns = BTreeSet::new();
    for file in &files {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        collect(&json, &mut patterns);
    }
    patterns
}

fn collect(json: &serde_json::Value, out: &mut BTreeSet<String>) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("smithy.api#pattern", serde_json::Value::String(p)) => drop(out.insert(p.clone())),
                    _ => collect(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// The pattern in `fancy-regex`'s grammar, with ECMA-262's meaning.
fn ecma_to_fancy(pattern: &str) -> Result<String, String> {
    // ECMA-262's `\s`: WhiteSpace (tab, VT, FF, space, NBSP, ZWNBSP, every Zs) and
    // LineTerminator; Perl's `\s` is Unicode's White_Space, another set.
    const SPACE: &str = r"\t\n\x{B}\x{C}\r\x{FEFF}\x{2028}\x{2029}\p{Zs}";
    let mut out = String::new();
    let mut in_class = false;
    // Whether the last thing written in the class is a class escape, and whether it is a
    // `-` written plainly: in ECMA-262 a `-` beside a class escape is a character.
    let (mut after_class_escape, mut plain_dash) = (false, false);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let (was_escape, dash_before) = (after_class_escape, plain_dash);
        (after_class_escape, plain_dash) = (false, false);
        if c != '\\' {
            match c {
                '[' if in_class => out.push_str(r"\["),
                '[' => {
                    in_class = true;
                    out.push('[');
                    if chars.peek() == Some(&'^') {
                        out.push(chars.next().unwrap_or('^'));
                    }
                    if chars.peek() == Some(&']') {
                        return Err("an empty class (`[]`, `[^]`)".into());
                    }
                }
                ']' if in_class => {
                    in_class = false;
                    out.push(']');
                }
                // Perl's class operators (`&&`, `~~`) are plain characters in ECMA-262.
                '&' | '~' if in_class => out.push_str(&format!(r"\{c}")),
                '-' if in_class && was_escape => out.push_str(r"\-"),
                '-' if in_class => {
                    plain_dash = true;
                    out.push('-');
                }
                // ECMA-262's `.` leaves out every line terminator, Perl's only `\n`.
                '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
                '{' if !in_class && !chars.peek().is_some_and(char::is_ascii_digit) => {
                    return Err("a `{` that is not a quantifier".into());
                }
                _ => out.push(c),
            }
            continue;
        }
        let escaped = chars.next().ok_or("a lone `\\`")?;
        // Class escapes: ASCII `\d` and `\w` (ECMA-262 without the `i` flag), `\s` above,
        // and `\p{..}`, a Unicode property as the services mean it.
        let class = match escaped {
            'd' => Some("0-9".to_owned()),
            'w' => Some("A-Za-z0-9_".to_owned()),
            's' => Some(SPACE.to_owned()),
            'p' | 'P' => {
                let mut name = String::new();
                if chars.peek() == Some(&'{') {
                    for c in chars.by_ref() {
                        name.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                } else {
                    name.extend(chars.next());
                }
                // `all` is Java's name for every character; Perl's is `Any`.
                let name = if name.eq_ignore_ascii_case("{all}") { "{Any}".to_owned() } else { name };
                Some(format!(r"\{escaped}{name}"))
            }
            'D' | 'W' | 'S' => return Err(format!("a negated class escape `\\{escaped}`")),
            _ => None,
        };
        if let Some(class) = class {
            if in_class {
                if dash_before {
                    out.pop();
                    out.push_str(r"\-");
                }
                out.push_str(&class);
                after_class_escape = true;
            } else {
                out.push_str(&format!("[{class}]"));
            }
            continue;
        }
        let literal = match escaped {
            'x' => {
                let hex: String = [chars.next(), chars.next()].into_iter().flatten().collect();
                u32::from_str_radix(&hex, 16).map_err(|_| format!("`\\x{hex}`"))?
            }
            'u' => {
                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                u32::from_str_radix(&hex, 16).map_err(|_| format!("`\\u{hex}`"))?
            }
            't' => 0x9,
            'n' => 0xA,
            'v' => 0xB,
            'f' => 0xC,
            'r' => 0xD,
            'b' if in_class => 0x8,
            '1'..='9' if !in_class => {
                out.push('\\');
                out.push(escaped);
                continue;
            }
            // An identity escape: the character itself.
            c if !c.is_ascii_alphanumeric() => u32::from(c),
            c => return Err(format!("the escape `\\{c}`")),
        };
        out.push_str(&format!(r"\x{{{literal:X}}}"));
    }
    Ok(out)
}

/// Whether the generated crate's check of `pattern` accepts `value`.
struct Engine {
    name: &'static str,
    decide: Box<dyn Fn(&str) -> bool>,
}

fn engine(check: &PatternCheck) -> Engine {
    match check.clone() {
        PatternCheck::Automaton(dfa) => Engine { name: "automaton", decide: Box::new(move |v| dfa.is_match(v)) },
        PatternCheck::RegexLite(text) => {
            let regex = regex_lite::Regex::new(&text).unwrap();
            Engine { name: "regex-lite", decide: Box::new(move |v| regex.is_match(v)) }
        }
        // As `runtime/pattern_ecma.rs` compiles and runs it.
        PatternCheck::Ecma(text) => {
            let regex = regress::Regex::new(&text).unwrap();
            Engine { name: "regress", decide: Box::new(move |v| regex.find(v).is_some()) }
        }
    }
}

/// The pieces values are made of: mostly what the pattern writes (its runs of plain
/// characters such as `aws:`, each character, a character inside each range, characters of
/// its `\p{..}` classes and of its class escapes), and besides, characters just outside
/// what it writes and a few from far away.
struct Pieces {
    written: Vec<String>,
    near: Vec<String>,
}

fn pieces(pattern: &str) -> Pieces {
    let mut written: BTreeSet<char> = BTreeSet::new();
    let mut near: BTreeSet<char> = "aZ09_ -.:\t\n\u{A0}\u{2028}é日٣\u{3000}🦀\u{1F600}".chars().collect();
    let mut runs = BTreeSet::new();
    let mut run = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        written.insert(c);
        near.extend([u32::from(c).wrapping_sub(1), u32::from(c) + 1].into_iter().filter_map(char::from_u32));
        if let (Some('-'), Some(&end)) = (chars.get(i + 1), chars.get(i + 2)) {
            written.extend(char::from_u32((u32::from(c) + u32::from(end)) / 2));
        }
        match (c, i.checked_sub(1).map(|p| chars[p])) {
            ('d', Some('\\')) => written.extend(['0', '5']),
            ('w', Some('\\')) => written.extend(['a', 'Q', '_', '7']),
            ('s', Some('\\')) => written.extend([' ', '\u{A0}', '\u{2003}']),
            _ => {}
        }
        if c.is_alphanumeric() || ":-_/.".contains(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.insert(std::mem::take(&mut run));
        }
    }
    runs.insert(run);
    for (at, _) in pattern.match_indices(r"\p{").chain(pattern.match_indices(r"\P{")) {
        let end = pattern[at..].find('}').map_or(pattern.len(), |e| at + e + 1);
        let Ok(hir) = regex_syntax::Parser::new().parse(&format!("[{}]", &pattern[at..end].replace("{all}", "{Any}"))) else {
            continue;
        };
        if let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) = hir.kind() {
            // The ends of every seventh range, and the characters just outside them.
            for range in class.ranges().iter().step_by(7) {
                let (lo, hi) = (u32::from(range.start()), u32::from(range.end()));
                written.extend([lo, hi].into_iter().filter_map(char::from_u32));
                near.extend([lo.wrapping_sub(1), hi + 1].into_iter().filter_map(char::from_u32));
            }
        }
    }
    runs.retain(|r| !r.is_empty());
    Pieces {
        written: written.into_iter().map(String::from).chain(runs).collect(),
        near: near.into_iter().map(String::from).collect(),
    }
}

#[test]
fn the_crate_decides_as_an_independent_engine_on_look_around_and_unicode_class_patterns() {
    let mut patterns = sample_patterns();
    patterns.insert(CONNECT_TAG_KEY.to_owned());
    let mut checked = Vec::new();
    let (mut values, mut matched) = (0usize, 0usize);
    for pattern in &patterns {
        let Ok(check) = plan(pattern) else { continue };
        // The ECMA-262 engine's patterns, and every pattern with a Unicode class, whichever
        // engine checks it: the expansion of `\p{..}` must mean what `fancy-regex` reads.
        let unicode_class = pattern.contains(r"\p") || pattern.contains(r"\P");
        if !matches!(check, PatternCheck::Ecma(_)) && !unicode_class {
            continue;
        }
        let ours = engine(&check);
        let fancy_text = ecma_to_fancy(pattern).unwrap_or_else(|e| panic!("{pattern:?}: the cross-check cannot read {e}"));
        let fancy = fancy_regex::Regex::new(&fancy_text).unwrap_or_else(|e| panic!("{pattern:?} as {fancy_text:?}: {e}"));
        let Pieces { written, near } = pieces(pattern);
        let value = prop::collection::vec(
            prop_oneof![
                8 => prop::sample::select(written),
                2 => prop::sample::select(near),
                1 => any::<char>().prop_map(String::from),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat());
        let config = Config { cases: 2_000, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
        let outcomes = std::cell::Cell::new((0usize, 0usize));
        let result = runner.run(&value, |value| {
            let expected = fancy.is_match(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!((ours.decide)(&value), expected, "{} and fancy-regex on {:?}", ours.name, value);
            let (yes, no) = outcomes.get();
            outcomes.set(if expected { (yes + 1, no) } else { (yes, no + 1) });
            Ok(())
        });
        if let Err(e) = result {
            panic!("{pattern:?} (fancy-regex reads {fancy_text:?}): {e}");
        }
        let (yes, no) = outcomes.get();
        if MATCH_EVERYTHING.contains(&pattern.as_str()) {
            assert_eq!(no, 0, "{pattern:?} matches every string");
        } else {
            assert!(yes >= 50 && no >= 50, "{pattern:?}: {yes} values matched and {no} did not; both must be tried");
        }
        values += yes + no;
        matched += yes;
        checked.push((pattern.clone(), ours.name));
    }
    let on_ecma = checked.iter().filter(|(_, engine)| *engine == "regress").count();
    println!("{} patterns cross-checked ({on_ecma} on the ECMA-262 engine), {values} values, {matched} matching", checked.len());
    assert!(checked.iter().any(|(p, engine)| p == CONNECT_TAG_KEY && *engine == "regress"));
    // The sample models have 8 patterns with look-around, besides Connect's, and 3 more
    // with `\p{..}` classes.
    assert!(on_ecma >= 9, "{checked:?}");
    assert!(checked.len() >= 12, "{checked:?}");
}

#[test]
fn the_cross_check_reads_ecma_262() {
    assert_eq!(ecma_to_fancy(r"^[\w-a]\d.$").unwrap(), r"^[A-Za-z0-9_\-a][0-9][^\n\r\x{2028}\x{2029}]$");
    assert_eq!(ecma_to_fancy(r"[a-\p{all}\x2e\_&]").unwrap(), r"[a\-\p{Any}\x{2E}\x{5F}\&]");
    assert!(ecma_to_fancy(r"a{").is_err());
    assert!(ecma_to_fancy(r"[^]").is_err());
    assert!(ecma_to_fancy(r"\S").is_err());
}
