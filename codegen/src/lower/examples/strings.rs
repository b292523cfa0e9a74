//! Example strings: values of a length `@length` allows that the member's `@pattern`
//! accepts, so that a worked example passes the crate's own checks.
//!
//! They are found on the pattern's automaton (`lower::pattern_dfa`), the one the crate runs:
//! for each length, which states can still end in a match is known, so a walk that keeps to
//! those states never backtracks. A pattern left to `regex-lite` (long counted repetitions)
//! is searched with its repetitions shortened, which accepts fewer strings, all of which the
//! whole pattern accepts. A pattern that needs the ECMA-262 engine is searched without its
//! look-arounds, and each string found is then checked on that engine. Among the strings of
//! a length, the walk prefers characters that read as an example: letter runs spell
//! `example` (capitals where only they are allowed), digit runs count `123...`.

use crate::ir::{Pattern, PatternAutomaton, PatternCheck};
use std::cell::RefCell;
use std::collections::HashMap;

/// How far past the preferred length (or the shortest the pattern allows) a search goes.
const LONGER: usize = 64;
/// A length beyond which no search is tried.
const LONGEST: usize = 4096;
/// Counted repetitions kept when a pattern is too large for an automaton: `{1,1023}` is
/// searched as `{1,9}`.
const KEPT_REPETITIONS: u32 = 8;
/// Strings of the look-around-free pattern tried on the ECMA-262 engine.
const ECMA_CANDIDATES: usize = 32;

/// The length a value is given when its bounds allow: long enough to read as an example.
const PREFERRED_LENGTH: usize = 7;

/// A search: the pattern's source, the bounds and the count.
type Key = (Option<String>, usize, usize, usize);

/// Up to `count` distinct strings of `min..=max` characters (code points) that `pattern`
/// accepts (any string when there is no pattern); fewer, or none, when no more are found.
pub(crate) fn accepted(pattern: Option<&Pattern>, min: usize, max: usize, count: usize) -> Vec<String> {
    if min > max || min > LONGEST || count == 0 {
        return Vec::new();
    }
    // A model asks for the same few patterns and bounds again and again.
    thread_local! {
        static FOUND: RefCell<HashMap<Key, Vec<String>>> = RefCell::default();
    }
    let key = (pattern.map(|p| p.source.clone()), min, max, count);
    if let Some(found) = FOUND.with(|f| f.borrow().get(&key).cloned()) {
        return found;
    }
    let found = find(pattern, min, max, count);
    FOUND.with(|f| f.borrow_mut().insert(key, found.clone()));
    found
}

fn find(pattern: Option<&Pattern>, min: usize, max: usize, count: usize) -> Vec<String> {
    let Some(pattern) = pattern else { return plain(min, max, count) };
    match &pattern.check {
        PatternCheck::Automaton(dfa) => search(dfa, min, max, count),
        PatternCheck::RegexLite(text) => match crate::lower::pattern_dfa::compile(&shorten_repetitions(text)) {
            Ok(dfa) => search(&dfa, min, max, count),
            Err(_) => Vec::new(),
        },
        PatternCheck::Ecma(text) => {
            let Ok(engine) = regress::Regex::with_flags(text, "") else { return Vec::new() };
            let Ok(lite) = crate::lower::pattern::for_regex_lite(&without_lookaround(&pattern.source)) else {
                return Vec::new();
            };
            let Ok(dfa) = crate::lower::pattern_dfa::compile(&shorten_repetitions(&lite)) else { return Vec::new() };
            let mut found = search(&dfa, min, max, ECMA_CANDIDATES.max(count));
            found.retain(|s| engine.find(s).is_some());
            found.truncate(count);
            found
        }
    }
}

/// Strings with no pattern to meet: `example`, cut or repeated to the length.
fn plain(min: usize, max: usize, count: usize) -> Vec<String> {
    let len = PREFERRED_LENGTH.clamp(min, max);
    let base: String = "example".chars().cycle().take(len).collect();
    if len == 0 {
        return vec![base];
    }
    let variants = "123456789abcdfghijklmnopqrstuvwyz".chars();
    let mut out = vec![base.clone()];
    for c in variants.take(count - 1) {
        let mut s: String = base.chars().take(len - 1).collect();
        s.push(c);
        out.push(s);
    }
    out
}

/// How much a character reads as part of an example after `prefix` (lower is better): the
/// next letter of `example` or digit of `1234567890` in the current run of letters and
/// digits, then letters, digits, punctuation; controls and non-ASCII last.
fn rank(prefix: &[char], c: char) -> u32 {
    let run = prefix.iter().rev().take_while(|c| c.is_ascii_alphanumeric()).count();
    let seed_letter = b"example"[run % 7] as char;
    let seed_digit = b"1234567890"[run % 10] as char;
    match c {
        c if c == seed_letter => 0,
        c if c == seed_digit => 1,
        c if c == seed_letter.to_ascii_uppercase() => 2,
        'a'..='z' => 10 + u32::from(c) - u32::from('a'),
        '0'..='9' => 40 + u32::from(c) - u32::from('0'),
        'A'..='Z' => 50 + u32::from(c) - u32::from('A'),
        '-' => 80,
        '_' => 81,
        '.' => 82,
        '/' => 83,
        ':' => 84,
        '!'..='~' => 100 + u32::from(c),
        ' ' => 300,
        c if !c.is_ascii() && !c.is_control() => 400,
        _ => 1000,
    }
}

/// The characters worth trying for each class of the automaton: its ASCII characters, or
/// where it has none, the first character of each of its intervals above ASCII.
fn class_chars(dfa: &PatternAutomaton) -> Vec<Vec<char>> {
    let mut chars = vec![Vec::new(); dfa.classes];
    for (byte, &class) in dfa.ascii.iter().enumerate() {
        chars[usize::from(class)].push(char::from(byte as u8));
    }
    for &(start, class) in &dfa.wide {
        let list = &mut chars[usize::from(class)];
        if list.iter().all(|c| !c.is_ascii()) {
            list.push(start);
        }
    }
    chars
}

/// Up to `count` strings of `min..=max` characters the automaton accepts: first of the
/// preferred length (or the shortest above it), then shorter ones down to `min`.
fn search(dfa: &PatternAutomaton, min: usize, max: usize, count: usize) -> Vec<String> {
    let chars = class_chars(dfa);
    let Some(shortest) = shortest_match(dfa, &chars) else { return Vec::new() };
    let low = min.max(shortest);
    if low > max || low > LONGEST {
        return Vec::new();
    }
    let preferred = PREFERRED_LENGTH.clamp(low, max);
    let limit = max.min(preferred + LONGER);
    let mut reach = Reach::new(dfa, &chars);
    let lengths = (preferred..=limit).chain((low..preferred).rev());
    let mut found = Vec::new();
    for len in lengths {
        if found.len() >= count {
            break;
        }
        reach.extend_to(len);
        if reach.rows[len][1] {
            let mut walk = Walk { dfa, chars: &chars, reach: &reach.rows, prefix: Vec::new(), found: &mut found, count };
            walk.from(1, len);
        }
    }
    found
}

/// The length of the shortest string the automaton accepts, if it accepts any.
fn shortest_match(dfa: &PatternAutomaton, chars: &[Vec<char>]) -> Option<usize> {
    let mut distance = vec![usize::MAX; dfa.accept.len()];
    let mut queue = std::collections::VecDeque::from([1usize]);
    distance[1] = 0;
    while let Some(state) = queue.pop_front() {
        if dfa.accept[state] != 0 {
            return Some(distance[state]);
        }
        for (class, list) in chars.iter().enumerate() {
            let next = usize::from(dfa.table[state * dfa.classes + class]);
            if next != 0 && !list.is_empty() && distance[next] == usize::MAX {
                distance[next] = distance[state] + 1;
                queue.push_back(next);
            }
        }
    }
    None
}

/// `rows[r][s]`: from state `s`, some `r` more characters end in a match; rows are added as
/// longer lengths are tried.
struct Reach<'a> {
    dfa: &'a PatternAutomaton,
    chars: &'a [Vec<char>],
    rows: Vec<Vec<bool>>,
}

impl<'a> Reach<'a> {
    fn new(dfa: &'a PatternAutomaton, chars: &'a [Vec<char>]) -> Self {
        let first = (0..dfa.accept.len()).map(|s| s != 0 && dfa.accept[s] != 0).collect();
        Reach { dfa, chars, rows: vec![first] }
    }

    fn extend_to(&mut self, len: usize) {
        let dfa = self.dfa;
        while self.rows.len() <= len {
            let last = &self.rows[self.rows.len() - 1];
            let row = (0..dfa.accept.len())
                .map(|s| {
                    s != 0
                        && (dfa.accept[s] == 2
                            || (0..dfa.classes).any(|c| {
                                !self.chars[c].is_empty() && last[usize::from(dfa.table[s * dfa.classes + c])]
                            }))
                })
                .collect();
            self.rows.push(row);
        }
    }
}

/// A depth-first walk that keeps to states from which the rest of the length can match.
struct Walk<'a> {
    dfa: &'a PatternAutomaton,
    chars: &'a [Vec<char>],
    reach: &'a [Vec<bool>],
    prefix: Vec<char>,
    found: &'a mut Vec<String>,
    count: usize,
}

impl Walk<'_> {
    fn from(&mut self, state: usize, remaining: usize) {
        if self.found.len() >= self.count {
            return;
        }
        if remaining == 0 {
            self.found.push(self.prefix.iter().collect());
            return;
        }
        if self.dfa.accept[state] == 2 {
            // Matched already: whatever follows is accepted.
            let at = self.prefix.len();
            for _ in 0..remaining {
                let next = ('!'..='~').min_by_key(|&c| rank(&self.prefix, c)).unwrap_or('e');
                self.prefix.push(next);
            }
            self.found.push(self.prefix.iter().collect());
            self.prefix.truncate(at);
            return;
        }
        let classes = self.dfa.classes;
        let mut options: Vec<(u32, char, usize)> = Vec::new();
        for (class, chars) in self.chars.iter().enumerate() {
            let next = usize::from(self.dfa.table[state * classes + class]);
            if next == 0 || !self.reach[remaining - 1][next] {
                continue;
            }
            options.extend(chars.iter().map(|&c| (rank(&self.prefix, c), c, next)));
        }
        options.sort_unstable();
        for (_, c, next) in options {
            if self.found.len() >= self.count {
                return;
            }
            self.prefix.push(c);
            self.from(next, remaining - 1);
            self.prefix.pop();
        }
    }
}

/// `text` (as `regex-syntax` reads it) with each counted repetition `{m,n}` cut to at most
/// `m + KEPT_REPETITIONS`: a pattern that accepts a subset of what `text` accepts, with a
/// smaller automaton.
fn shorten_repetitions(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize; // nesting of character classes
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.push(c);
                i += 1;
                // An escape with a braced argument (`\x{..}`, `\p{..}`) is copied whole.
                if let Some(&e) = chars.get(i) {
                    out.push(e);
                    i += 1;
                    if matches!(e, 'x' | 'u' | 'U' | 'p' | 'P') && chars.get(i) == Some(&'{') {
                        while i < chars.len() {
                            out.push(chars[i]);
                            i += 1;
                            if chars[i - 1] == '}' {
                                break;
                            }
                        }
                    }
                }
                continue;
            }
            '[' => {
                depth += 1;
                out.push(c);
                i += 1;
                // A `]` first in a class (after an optional `^`) is a literal.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                }
                continue;
            }
            ']' if depth > 0 => depth -= 1,
            '{' if depth == 0 => {
                if let Some((m, n, end)) = counted(&chars, i) {
                    let n = n.min(m.saturating_add(KEPT_REPETITIONS));
                    out.push_str(&format!("{{{m},{n}}}"));
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `{m,n}` at `chars[at]`: its bounds and the index after it.
fn counted(chars: &[char], at: usize) -> Option<(u32, u32, usize)> {
    let close = at + chars[at..].iter().position(|&c| c == '}')?;
    let inner: String = chars[at + 1..close].iter().collect();
    let (m, n) = inner.split_once(',')?;
    Some((m.trim().parse().ok()?, n.trim().parse().ok()?, close + 1))
}

/// An ECMA-262 pattern without its look-around groups (`(?=..)`, `(?!..)`, `(?<=..)`,
/// `(?<!..)`): it accepts at least what the pattern does.
fn without_lookaround(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            out.push(c);
            if let Some(&e) = chars.get(i + 1) {
                out.push(e);
            }
            i += 2;
            continue;
        }
        if in_class {
            in_class = c != ']';
        } else if c == '[' {
            in_class = true;
        } else if c == '(' && is_lookaround(&chars[i..]) {
            i = group_end(&chars, i);
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_lookaround(at: &[char]) -> bool {
    let start: String = at.iter().take(4).collect();
    ["(?=", "(?!", "(?<=", "(?<!"].iter().any(|p| start.starts_with(p))
}

/// The index after the `)` that closes the group opened at `chars[open]`.
fn group_end(chars: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    let mut in_class = false;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            ']' if in_class => in_class = false,
            '[' if !in_class => in_class = true,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(source: &str) -> Pattern {
        Pattern { source: source.to_owned(), check: crate::lower::pattern::plan(source).unwrap() }
    }

    fn first(source: &str, min: usize, max: usize) -> Option<String> {
        accepted(Some(&pattern(source)), min, max, 1).into_iter().next()
    }

    #[test]
    fn values_read_as_examples() {
        assert_eq!(first("^[0-9]{12}$", 0, 100).as_deref(), Some("123456789012"));
        assert_eq!(first("^[a-z]+$", 1, 100).as_deref(), Some("example"));
        assert_eq!(first("^[a-z]+$", 2, 3).as_deref(), Some("exa"));
        assert_eq!(first("^snap-[0-9a-f]+$", 0, 100).as_deref(), Some("snap-e2"));
        assert_eq!(first("^[A-Z][a-z]+$", 0, 100).as_deref(), Some("Example"));
        let arn = r"^arn:aws(-[^:]+)?:mpa:[a-z0-9-]{1,20}:[0-9]{12}:approval-team/[a-zA-Z0-9._-]+$";
        assert_eq!(first(arn, 0, 2048).as_deref(), Some("arn:aws:mpa:e:123456789012:approval-team/e"));
        assert_eq!(accepted(None, 0, 3, 1), ["exa"]);
        assert_eq!(accepted(None, 10, 20, 2), ["exampleexa", "exampleex1"]);
    }

    #[test]
    fn lengths_are_kept_and_values_distinct() {
        assert_eq!(first("^[0-9]{12}$", 0, 11), None, "no value of at most 11 digits");
        // Longer than the preferred length and the search's reach beyond it.
        assert_eq!(first("^[a-z]{100}$", 0, 200).map(|v| v.len()), Some(100));
        assert_eq!(first("^a*$", 3, 3).as_deref(), Some("aaa"));
        let values = accepted(Some(&pattern("^[ab]$")), 0, 10, 3);
        assert_eq!(values, ["a", "b"], "only two values exist");
        let values = accepted(Some(&pattern("^[a-z]{2}$")), 0, 10, 3);
        assert_eq!(values.len(), 3);
        assert!(values[0] != values[1] && values[1] != values[2] && values[0] != values[2], "{values:?}");
        // Unanchored: once matched, the rest is free.
        assert_eq!(first("x", 5, 5).map(|v| v.contains('x')), Some(true));
    }

    #[test]
    fn large_patterns_are_searched_with_fewer_repetitions() {
        let p = pattern("^[a-z]{1,1023}/[0-9]{1,1023}$");
        assert!(matches!(p.check, PatternCheck::RegexLite(_)), "too large for an automaton: {:?}", p.check);
        assert_eq!(first("^[a-z]{1,1023}/[0-9]{1,1023}$", 0, 3000).as_deref(), Some("examp/1"));
        assert_eq!(shorten_repetitions(r"[{]{2,100}\x{41}{1,2}[\]{]{0,50}a{3}"), r"[{]{2,10}\x{41}{1,2}[\]{]{0,8}a{3}");
    }

    #[test]
    fn look_around_is_checked_on_the_ecma_engine() {
        let p = pattern("^(?!aws:)[a-z:]+$");
        assert!(matches!(p.check, PatternCheck::Ecma(_)));
        assert_eq!(without_lookaround("^(?!aws:(?:x))[(?=]+$"), "^[(?=]+$");
        let values = accepted(Some(&p), 4, 4, 40);
        assert!(!values.is_empty());
        assert!(values.iter().all(|v| !v.starts_with("aws:")), "{values:?}");
        // Only values with the prefix: none passes the look-ahead.
        assert!(accepted(Some(&pattern("^(?!aws:)aws:[a-z]*$")), 0, 10, 1).is_empty());
    }

    /// Every value found for a sample model's pattern has a length in bounds and is
    /// accepted by the engine the crate checks the pattern with (and by `regex-lite` where
    /// that engine is the automaton searched); with loose bounds, a value is found for every
    /// pattern but three: one no string matches (`/^[\d]{12}$/`, a `^` after a `/`) and two
    /// whose automata, even with fewer repetitions, are too large.
    #[test]
    fn values_for_the_sample_patterns_are_accepted() {
        let patterns = crate::lower::pattern_cross_check::sample_patterns();
        let mut missed = Vec::new();
        for source in &patterns {
            let Ok(check) = crate::lower::pattern::plan(source) else { continue };
            let accepts = |v: &str| match &check {
                PatternCheck::Automaton(dfa) => {
                    let lite = crate::lower::pattern::for_regex_lite(source).unwrap();
                    dfa.is_match(v) && regex_lite::Regex::new(&lite).unwrap().is_match(v)
                }
                PatternCheck::RegexLite(text) => regex_lite::Regex::new(text).unwrap().is_match(v),
                PatternCheck::Ecma(text) => regress::Regex::with_flags(text, "").unwrap().find(v).is_some(),
            };
            let p = Pattern { source: source.clone(), check: check.clone() };
            for (min, max) in [(0, 2048), (1, 64), (12, 12)] {
                let values = accepted(Some(&p), min, max, 2);
                if values.is_empty() && max == 2048 {
                    missed.push(source.clone());
                }
                for v in &values {
                    let len = v.chars().count();
                    assert!((min..=max).contains(&len), "{source:?}: {v:?} has {len} characters");
                    assert!(accepts(v), "{source:?} refuses {v:?}");
                }
            }
        }
        assert!(patterns.len() > 200, "the sample patterns were not found");
        assert!(missed.len() <= 3, "no value for {missed:#?}");
    }
}
