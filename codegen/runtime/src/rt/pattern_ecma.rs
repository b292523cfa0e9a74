//! `@pattern` checks that need an ECMA-262 engine (look-around, backreferences), through
//! the `regress` crate (present only when the model has such patterns).

use crate::error::ValidationError;
use crate::rt::validate::{Path, fail};
use std::sync::OnceLock;

/// A model's `@pattern`, compiled on first use.
pub struct EcmaPattern {
    /// As the model writes it, for error messages.
    shown: &'static str,
    /// As `regress` reads it, without flags: the generator spells `\p{..}` classes out as
    /// code point ranges, which keeps the rest of the pattern in the grammar it was written
    /// for.
    source: &'static str,
    compiled: OnceLock<Result<regress::Regex, regress::Error>>,
}

impl EcmaPattern {
    pub const fn new(source: &'static str) -> Self {
        Self::rewritten(source, source)
    }

    pub const fn rewritten(shown: &'static str, source: &'static str) -> Self {
        EcmaPattern { shown, source, compiled: OnceLock::new() }
    }
}

/// `@pattern`: the value must match (a pattern that could not be compiled fails the check).
pub fn check(path: &Path<'_>, value: &str, pattern: &EcmaPattern, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    let shown = pattern.shown;
    match pattern.compiled.get_or_init(|| regress::Regex::new(pattern.source)) {
        Ok(regex) if regex.find(value).is_some() => Ok(()),
        Ok(_) => fail(path, sensitive, format!("@pattern: does not match `{shown}`")),
        Err(_) => fail(path, sensitive, format!("@pattern: `{shown}` cannot be checked by this crate")),
    }
}
