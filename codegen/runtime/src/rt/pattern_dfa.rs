//! `@pattern` checks by automata the generator built from the patterns (see
//! `lower/pattern_dfa.rs` in the generator): one table lookup per character, linear in the
//! value, deciding what `regex-lite` would decide. Patterns too large for an automaton are
//! checked by `rt::pattern` instead.

use crate::error::ValidationError;
use crate::rt::validate::{Path, fail};

/// A model's `@pattern` as a deterministic automaton over classes of characters.
pub struct DfaPattern {
    /// As the model writes it, for error messages.
    pub shown: &'static str,
    /// The class of each ASCII character.
    pub ascii: &'static [u8; 128],
    /// Above ASCII: the first character of each interval of characters, in order...
    pub wide: &'static str,
    /// ...and the class of each.
    pub wide_classes: &'static [u8],
    /// Number of classes: the width of a row of `table`.
    pub classes: usize,
    /// `table[state * classes + class]`: the state after a character of that class.
    /// State 0 is dead (no match can follow), state 1 the start.
    pub table: &'static [u8],
    /// Per state: 2 once a match is found, 1 when the value matches if it ends there.
    pub accept: &'static [u8],
}

impl DfaPattern {
    /// Whether the pattern matches somewhere in `value`.
    fn is_match(&self, value: &str) -> bool {
        let mut state = 1;
        for c in value.chars() {
            if self.accept.get(state) == Some(&2) {
                return true;
            }
            let class = match u8::try_from(c) {
                Ok(byte) if byte.is_ascii() => self.ascii[usize::from(byte)],
                _ => self.wide_class(c),
            };
            state = usize::from(self.table.get(state * self.classes + usize::from(class)).copied().unwrap_or(0));
            if state == 0 {
                return false;
            }
        }
        self.accept.get(state).is_some_and(|&accept| accept != 0)
    }

    fn wide_class(&self, c: char) -> u8 {
        let starts = self.wide.chars().zip(self.wide_classes);
        starts.take_while(|(start, _)| *start <= c).last().map_or(0, |(_, &class)| class)
    }
}

/// `@pattern`: the value must match.
pub fn check(path: &Path<'_>, value: &str, pattern: &DfaPattern, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() || pattern.is_match(value) {
        return Ok(());
    }
    fail(path, sensitive, format!("@pattern: does not match `{}`", pattern.shown))
}
