//! `@pattern` checks, through the `regex-lite` crate (present only when the model has patterns).

use crate::error::ValidationError;
use crate::rt::validate::{Path, fail};
use std::sync::OnceLock;

/// A model's `@pattern`, compiled on first use.
pub struct Pattern {
    /// As the model writes it, for error messages.
    shown: &'static str,
    /// As `regex-lite` reads it (the generator rewrites what `regex-lite` lacks).
    source: &'static str,
    compiled: OnceLock<Result<regex_lite::Regex, regex_lite::Error>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Self::rewritten(source, source)
    }

    pub const fn rewritten(shown: &'static str, source: &'static str) -> Self {
        Pattern { shown, source, compiled: OnceLock::new() }
    }
}

/// `@pattern`: the value must match (a pattern that could not be compiled fails the check).
pub fn check(path: &Path<'_>, value: &str, pattern: &Pattern, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    let shown = pattern.shown;
    match pattern.compiled.get_or_init(|| regex_lite::Regex::new(pattern.source)) {
        Ok(regex) if regex.is_match(value) => Ok(()),
        Ok(_) => fail(path, sensitive, format!("@pattern: does not match `{shown}`")),
        Err(_) => fail(path, sensitive, format!("@pattern: `{shown}` cannot be checked by this crate")),
    }
}
