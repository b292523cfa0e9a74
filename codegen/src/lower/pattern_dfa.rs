//! `@pattern`s compiled now, at generation time, into a deterministic automaton (DFA) that
//! the generated crate runs with one table lookup per character (`runtime/pattern_dfa.rs`).
//! That is many times faster than `regex-lite`'s simulation of the pattern and linear in the
//! input. A pattern whose automaton would be large (long bounded repetitions such as
//! `{1,1023}` need a state per count) or that uses what this compiler does not read (word
//! boundaries, multi-line anchors) stays with `regex-lite`.
//!
//! The pattern is the text `regex-lite` would read (after `pattern::for_regex_lite`), and the
//! automaton decides exactly what `regex-lite`'s `is_match` decides: whether the pattern
//! matches anywhere in the value (Smithy patterns are not implicitly anchored).

use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::collections::{BTreeMap, HashMap};

pub(crate) use crate::ir::PatternAutomaton as Dfa;

/// States fit in a byte; state 0 is the dead state (no match can follow).
const MAX_STATES: usize = 255;
/// Most NFA nodes the repetitions of a pattern may expand to before it is left to `regex-lite`.
const MAX_NODES: usize = 4_000;
/// Past the last Unicode scalar value.
const END: u32 = 0x11_0000;

/// The automaton of `pattern` (as `regex-lite` reads it), or why it is left to `regex-lite`.
pub(crate) fn compile(pattern: &str) -> Result<Dfa, String> {
    // Flags change how `regex-lite` reads a pattern (its case folding is ASCII only, for
    // one): leave those patterns to it. `(?:` is a plain group.
    if pattern.replace("(?:", "").contains("(?") {
        return Err("the pattern sets flags".into());
    }
    let hir = regex_syntax::Parser::new().parse(&ascii_negations(pattern)).map_err(|e| e.to_string())?;
    let mut nfa = Nfa::default();
    let matched = nfa.push(Node::Match);
    let start = nfa.build(&hir, matched)?;
    // Unanchored search: any characters may come before the match starts.
    let search = nfa.push(Node::Split(vec![]));
    let any = nfa.push(Node::Char(vec![(0, END - 1)], search));
    nfa.nodes[search] = Node::Split(vec![start, any]);
    nfa.determinize(search)
}

/// `\D`, `\S` and `\W` as `regex-lite` reads them, ASCII-only (so `\S` takes every
/// non-ASCII character), where `regex-syntax` would read them by Unicode: spelled out as
/// negated classes, which `regex-syntax` also accepts inside a class (`[\S\s]`).
fn ascii_negations(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('D') => out.push_str("[^0-9]"),
            Some('S') => out.push_str(r"[^ \t\n\r\x0B\x0C]"),
            Some('W') => out.push_str("[^A-Za-z0-9_]"),
            Some(other) => {
                out.push(c);
                out.push(other);
            }
            None => out.push(c),
        }
    }
    out
}

enum Node {
    /// A character in one of the inclusive ranges, then the next node.
    Char(Vec<(u32, u32)>, usize),
    /// Any of the next nodes, reading nothing.
    Split(Vec<usize>),
    /// `^` or `$`, then the next node.
    Look(Look, usize),
    Match,
}

#[derive(Default)]
struct Nfa {
    nodes: Vec<Node>,
}

impl Nfa {
    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// The entry node of `hir`, compiled to continue at `next`.
    fn build(&mut self, hir: &Hir, next: usize) -> Result<usize, String> {
        if self.nodes.len() > MAX_NODES {
            return Err("the pattern expands to too many states".into());
        }
        match hir.kind() {
            HirKind::Empty => Ok(next),
            HirKind::Literal(literal) => {
                let text = std::str::from_utf8(&literal.0).map_err(|_| "a literal is not UTF-8".to_owned())?;
                let mut entry = next;
                for c in text.chars().rev() {
                    entry = self.push(Node::Char(vec![(u32::from(c), u32::from(c))], entry));
                }
                Ok(entry)
            }
            HirKind::Class(Class::Unicode(class)) => {
                let ranges = class.iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect();
                Ok(self.push(Node::Char(ranges, next)))
            }
            HirKind::Class(Class::Bytes(class)) if class.is_ascii() => {
                let ranges = class.iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect();
                Ok(self.push(Node::Char(ranges, next)))
            }
            HirKind::Class(Class::Bytes(_)) => Err("the pattern matches bytes".into()),
            HirKind::Look(look @ (Look::Start | Look::End)) => Ok(self.push(Node::Look(*look, next))),
            HirKind::Look(look) => Err(format!("the pattern uses {look:?}")),
            HirKind::Capture(capture) => self.build(&capture.sub, next),
            HirKind::Concat(parts) => parts.iter().rev().try_fold(next, |entry, part| self.build(part, entry)),
            HirKind::Alternation(choices) => {
                let entries = choices.iter().map(|c| self.build(c, next)).collect::<Result<_, _>>()?;
                Ok(self.push(Node::Split(entries)))
            }
            HirKind::Repetition(rep) => {
                let mut entry = next;
                match rep.max {
                    // `sub*` after the required copies: a loop back to a choice.
                    None => {
                        let choice = self.push(Node::Split(vec![]));
                        let body = self.build(&rep.sub, choice)?;
                        self.nodes[choice] = Node::Split(vec![body, next]);
                        entry = choice;
                    }
                    // `(sub(sub(sub)?)?)?`: each optional copy may end the repetition.
                    Some(max) => {
                        for _ in rep.min..max {
                            let body = self.build(&rep.sub, entry)?;
                            entry = self.push(Node::Split(vec![body, next]));
                        }
                    }
                }
                for _ in 0..rep.min {
                    entry = self.build(&rep.sub, entry)?;
                }
                Ok(entry)
            }
        }
    }

    /// The nodes reachable from `from` without reading: character nodes, `Match`, and `$`
    /// nodes still waiting for the end. `^` passes only at the start of the value.
    fn closure(&self, from: impl IntoIterator<Item = usize>, at_start: bool, at_end: bool) -> Vec<usize> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<usize> = from.into_iter().collect();
        let mut out = Vec::new();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            match &self.nodes[i] {
                Node::Split(next) => stack.extend(next.iter().rev()),
                Node::Look(Look::Start, next) if at_start => stack.push(*next),
                Node::Look(Look::End, next) if at_end => stack.push(*next),
                Node::Look(Look::End, _) | Node::Char(..) | Node::Match => out.push(i),
                Node::Look(..) => {}
            }
        }
        out.sort_unstable();
        out
    }

    /// Subset construction over the classes of characters the pattern tells apart.
    fn determinize(&self, entry: usize) -> Result<Dfa, String> {
        let Alphabet { ascii, wide, representatives } = self.alphabet()?;
        let classes = representatives.len();
        // State sets, in the order found; the start is kept apart from any later state with
        // the same set, since `^` (at the start) may have let it reach more.
        let start = self.closure([entry], true, false);
        let mut sets: Vec<Vec<usize>> = vec![Vec::new(), start];
        let mut ids: HashMap<(Vec<usize>, bool), usize> = HashMap::new();
        let mut table = vec![0u8; 2 * classes];
        let mut accept = vec![0u8, self.accept(&sets[1], true)];
        let mut todo = if accept[1] == 2 { vec![] } else { vec![1] };
        while let Some(state) = todo.pop() {
            for (class, &c) in representatives.iter().enumerate() {
                let next: Vec<usize> = sets[state]
                    .iter()
                    .filter_map(|&i| match &self.nodes[i] {
                        Node::Char(ranges, next) if ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) => Some(*next),
                        _ => None,
                    })
                    .collect();
                let next = self.closure(next, false, false);
                if next.is_empty() {
                    continue;
                }
                let id = match ids.get(&(next.clone(), false)) {
                    Some(&id) => id,
                    None => {
                        if sets.len() >= MAX_STATES {
                            return Err(format!("the pattern needs more than {MAX_STATES} states"));
                        }
                        let id = sets.len();
                        accept.push(self.accept(&next, false));
                        table.extend(std::iter::repeat_n(0, classes));
                        ids.insert((next.clone(), false), id);
                        sets.push(next);
                        if accept[id] != 2 {
                            todo.push(id);
                        }
                        id
                    }
                };
                table[state * classes + class] = u8::try_from(id).map_err(|_| "too many states")?;
            }
        }
        let mut dfa = Dfa { ascii, wide, classes, table, accept };
        dfa.kill_hopeless_states();
        Ok(dfa)
    }

    fn accept(&self, set: &[usize], at_start: bool) -> u8 {
        if set.iter().any(|&i| matches!(self.nodes[i], Node::Match)) {
            2
        } else if self.closure(set.iter().copied(), at_start, true).iter().any(|&i| matches!(self.nodes[i], Node::Match)) {
            1
        } else {
            0
        }
    }

    /// Splits the characters into intervals that every character node treats alike, and
    /// intervals treated alike into classes.
    fn alphabet(&self) -> Result<Alphabet, String> {
        let mut bounds = vec![0, 0x80, 0xD800, 0xE000, END];
        for node in &self.nodes {
            if let Node::Char(ranges, _) = node {
                bounds.extend(ranges.iter().flat_map(|&(lo, hi)| [lo, hi + 1]));
            }
        }
        bounds.sort_unstable();
        bounds.dedup();
        // An interval's signature: which character nodes take it.
        let mut signatures: BTreeMap<Vec<usize>, u8> = BTreeMap::new();
        let mut representatives = Vec::new();
        let mut intervals = Vec::new();
        for pair in bounds.windows(2) {
            let (lo, hi) = (pair[0], pair[1] - 1);
            if (0xD800..0xE000).contains(&lo) {
                continue; // surrogates are not characters
            }
            let signature: Vec<usize> = (self.nodes.iter().enumerate())
                .filter(|(_, node)| matches!(node, Node::Char(ranges, _) if ranges.iter().any(|&(a, b)| a <= lo && hi <= b)))
                .map(|(i, _)| i)
                .collect();
            let next = signatures.len();
            let class = *signatures.entry(signature).or_insert_with(|| {
                representatives.push(lo);
                u8::try_from(next).unwrap_or(u8::MAX)
            });
            intervals.push((lo, hi, class));
        }
        if signatures.len() > usize::from(u8::MAX) {
            return Err("the pattern tells apart too many kinds of characters".into());
        }
        let mut ascii = [0u8; 128];
        let mut wide = Vec::new();
        for &(lo, hi, class) in &intervals {
            if lo < 0x80 {
                for c in lo..=hi.min(0x7F) {
                    ascii[c as usize] = class;
                }
            } else if wide.last().is_none_or(|&(_, last)| last != class) {
                // Neighbouring intervals of one class make one interval.
                wide.push((char::from_u32(lo).ok_or("not a character")?, class));
            }
        }
        Ok(Alphabet { ascii, wide, representatives })
    }
}

/// The classes of characters a pattern tells apart.
struct Alphabet {
    /// The class of each ASCII character.
    ascii: [u8; 128],
    /// Above ASCII, the intervals (by first character) and their classes.
    wide: Vec<(char, u8)>,
    /// One character of each class.
    representatives: Vec<u32>,
}

impl Dfa {
    /// Sends every state from which no match can be reached to the dead state, so that a
    /// value is refused as soon as it cannot match any more.
    fn kill_hopeless_states(&mut self) {
        let states = self.accept.len();
        let mut hopeful: Vec<bool> = self.accept.iter().map(|&a| a != 0).collect();
        loop {
            let before = hopeful.clone();
            for state in 1..states {
                let row = &self.table[state * self.classes..(state + 1) * self.classes];
                if row.iter().any(|&next| hopeful[usize::from(next)]) {
                    hopeful[state] = true;
                }
            }
            if hopeful == before {
                break;
            }
        }
        for next in &mut self.table {
            if !hopeful[usize::from(*next)] {
                *next = 0;
            }
        }
    }

    /// What the generated crate's matcher decides (the same loop, over these tables).
    #[cfg(test)]
    pub(crate) fn is_match(&self, value: &str) -> bool {
        let mut state = 1;
        for c in value.chars() {
            if self.accept[state] == 2 {
                return true;
            }
            let class = match u8::try_from(c).ok().filter(u8::is_ascii) {
                Some(b) => self.ascii[usize::from(b)],
                None => self.wide.iter().take_while(|(start, _)| *start <= c).last().map_or(0, |&(_, class)| class),
            };
            state = usize::from(self.table[state * self.classes + usize::from(class)]);
            if state == 0 {
                return false;
            }
        }
        self.accept[state] != 0
    }
}

#[cfg(test)]
mod tests {
    use super::compile;

    fn matches(pattern: &str, value: &str) -> bool {
        compile(pattern).unwrap().is_match(value)
    }

    #[test]
    fn anchored_and_unanchored_patterns() {
        let arn = r"^arn:aws(-[^:]+)?:mpa:[a-z0-9-]{1,20}:[0-9]{12}:approval-team/[a-zA-Z0-9._-]+$";
        assert!(matches(arn, "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1"));
        assert!(matches(arn, "arn:aws-cn:mpa:cn-north-1:123456789012:approval-team/t"));
        assert!(!matches(arn, "arn:aws:mpa:us-east-1:12345678901:approval-team/t"), "eleven digits");
        assert!(!matches(arn, "arn:aws:mpa:us-east-1:123456789012:approval-team/t!"), "`$`");
        assert!(!matches(arn, "xarn:aws:mpa:us-east-1:123456789012:approval-team/t"), "`^`");
        assert!(matches("b+", "aaabbb"), "unanchored: anywhere");
        assert!(matches("^$", ""));
        assert!(!matches("^$", "a"));
        assert!(matches("a|^$", "xa"));
        assert!(matches("[é-ü]x$", "aéx"));
        assert!(!matches("[é-ü]x$", "aÿy"));
    }

    #[test]
    fn large_or_unknown_patterns_are_left_to_regex_lite() {
        assert!(compile("^[a-z]{1,1023}/[a-z]{1,1023}$").is_err());
        assert!(compile(r"\bword\b").is_err());
        assert!(compile("(?i)abc").is_err());
    }

    /// Every `@pattern` of the sample models that compiles to an automaton decides as
    /// `regex-lite` decides, on values made by walking the automaton (so that many match)
    /// and then changed at random (so that many nearly match).
    #[test]
    fn agrees_with_regex_lite_on_the_sample_models() {
        let patterns = super::super::pattern_cross_check::sample_patterns();
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        let (mut compiled, mut values) = (0, 0);
        for pattern in &patterns {
            let Ok(text) = super::super::pattern::for_regex_lite(pattern) else { continue };
            let Ok(dfa) = compile(&text) else { continue };
            let regex = regex_lite::Regex::new(&text).unwrap();
            compiled += 1;
            let live = live_chars(&dfa);
            for _ in 0..300 {
                let value = sample(&dfa, &live, &mut rng);
                assert_eq!(dfa.is_match(&value), regex.is_match(&value), "pattern {pattern:?} (read as {text:?}), value {value:?}");
                values += 1;
            }
        }
        // 195 of the 219 patterns compile today; the rest need long counted repetitions.
        assert!(compiled > 180, "only {compiled} of {} patterns compiled", patterns.len());
        assert!(values > 50_000);
    }

    fn next(rng: &mut u64) -> u64 {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    }

    const WIDE: [char; 5] = ['é', 'ÿ', '日', '\u{1F600}', '\u{2028}'];

    fn class_of(dfa: &super::Dfa, c: char) -> usize {
        let class = match u8::try_from(c).ok().filter(u8::is_ascii) {
            Some(b) => dfa.ascii[usize::from(b)],
            None => dfa.wide.iter().take_while(|(s, _)| *s <= c).last().map_or(0, |&(_, k)| k),
        };
        usize::from(class)
    }

    /// For each state, the characters (of those tried) that do not lead to the dead state.
    fn live_chars(dfa: &super::Dfa) -> Vec<Vec<char>> {
        let tried: Vec<char> = (0u8..128).map(char::from).chain(dfa.wide.iter().map(|&(c, _)| c)).chain(WIDE).collect();
        (0..dfa.accept.len())
            .map(|state| tried.iter().copied().filter(|&c| dfa.table[state * dfa.classes + class_of(dfa, c)] != 0).collect())
            .collect()
    }

    /// A value made by following live transitions of `dfa` (mostly), then perhaps changed:
    /// a character dropped, doubled or replaced.
    fn sample(dfa: &super::Dfa, live: &[Vec<char>], rng: &mut u64) -> String {
        let pick_any = |rng: &mut u64| match next(rng) % 8 {
            0 => WIDE[(next(rng) % 5) as usize],
            _ => char::from((next(rng) % 128) as u8),
        };
        let mut chars: Vec<char> = Vec::new();
        let mut state = 1;
        while chars.len() < 80 && state != 0 {
            if dfa.accept[state] != 0 && next(rng).is_multiple_of(4) {
                break;
            }
            // Mostly a character that keeps the value alive.
            let c = match live[state].len() {
                0 => pick_any(rng),
                n if !next(rng).is_multiple_of(10) => live[state][(next(rng) % n as u64) as usize],
                _ => pick_any(rng),
            };
            chars.push(c);
            state = usize::from(dfa.table[state * dfa.classes + class_of(dfa, c)]);
        }
        if !chars.is_empty() {
            let at = (next(rng) % chars.len() as u64) as usize;
            match next(rng) % 4 {
                0 => drop(chars.remove(at)),
                1 => chars.insert(at, chars[at]),
                2 => chars[at] = pick_any(rng),
                _ => {}
            }
        }
        chars.into_iter().collect()
    }
}
