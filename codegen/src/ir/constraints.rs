//! Constraints on values (`@length`, `@range`, `@pattern`), as the validation emitter
//! needs them.

use crate::traits::{Bounds, RangeBounds};

/// Constraint traits to check on an input value before it is sent, following the value
/// into list items and map entries (whose shapes carry their own traits).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    pub length: Option<Bounds>,
    pub range: Option<RangeBounds>,
    /// The `@pattern` and how it is checked; None too when no engine can read it (the run
    /// then warns).
    pub pattern: Option<Pattern>,
    pub items: Option<Box<Constraints>>,
    pub keys: Option<Box<Constraints>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }

    /// Whether this value, or an item or key in it, has a `@pattern` checked as `engine` says.
    pub fn has_pattern(&self, engine: fn(&PatternCheck) -> bool) -> bool {
        self.pattern.as_ref().is_some_and(|p| engine(&p.check))
            || self.items.as_ref().is_some_and(|c| c.has_pattern(engine))
            || self.keys.as_ref().is_some_and(|c| c.has_pattern(engine))
    }
}

/// A `@pattern` compiled to a deterministic automaton (see `lower::pattern_dfa`), in the
/// form the generated crate holds it (`rt::pattern_dfa::DfaPattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternAutomaton {
    /// The class of each ASCII character.
    pub ascii: [u8; 128],
    /// Above ASCII: the first character of each interval (sorted, the first is U+0080) and
    /// the class of each.
    pub wide: Vec<(char, u8)>,
    /// Number of classes: the width of a row of `table`.
    pub classes: usize,
    /// `table[state * classes + class]`: the state after reading a character of that class.
    /// State 0 is dead, state 1 the start.
    pub table: Vec<u8>,
    /// Per state: 2 when a match has been found (whatever follows), 1 when the value matches
    /// if it ends here, 0 otherwise.
    pub accept: Vec<u8>,
}

/// A `@pattern` and how the generated crate checks it (see `lower::pattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// As the model writes it, for error messages.
    pub source: String,
    pub check: PatternCheck,
}

/// What checks a `@pattern`, with what that needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternCheck {
    /// An automaton the generator builds (`lower::pattern_dfa`), run by a few lines of the
    /// generated crate: for every pattern small enough, as it is many times faster.
    Automaton(Box<PatternAutomaton>),
    /// `regex-lite`, light and enough for most patterns, reading the pattern as rewritten
    /// for it.
    RegexLite(String),
    /// `regress`, an ECMA-262 engine (look-around, backreferences and the like), reading
    /// the pattern as rewritten for it (`\p{..}` classes spelled out).
    Ecma(String),
}
