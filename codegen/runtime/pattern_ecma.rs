//! `@pattern` checks that need an ECMA-262 engine (look-around, backreferences), through
//! the `regress` crate (present only when the model has such patterns).

use crate::error::common::ValidationError;
use crate::rt::validate::{Path, fail};
use std::sync::OnceLock;

/// A model's `@pattern`, as the model writes it, compiled on first use.
pub(crate) struct EcmaPattern {
    source: &'static str,
    compiled: OnceLock<Result<regress::Regex, regress::Error>>,
}

impl EcmaPattern {
    pub(crate) const fn new(source: &'static str) -> Self {
        EcmaPattern { source, compiled: OnceLock::new() }
    }
}

/// `@pattern`: the value must match (a pattern that could not be compiled fails the check).
pub(crate) fn check(path: &Path<'_>, value: &str, pattern: &EcmaPattern, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    let shown = pattern.source;
    match pattern.compiled.get_or_init(|| regress::Regex::new(pattern.source)) {
        Ok(regex) if regex.find(value).is_some() => Ok(()),
        Ok(_) => fail(path, sensitive, format!("@pattern: does not match `{shown}`")),
        Err(_) => fail(path, sensitive, format!("@pattern: `{shown}` cannot be checked by this crate")),
    }
}
