//! `@pattern` checks, through the `regex-lite` crate (present only when the model has patterns).

use crate::error::ValidationError;
use crate::rt::validate::{Path, fail};

/// `@pattern`; `regex` is the pattern compiled once (an `Err` if it could not be).
pub(crate) fn check(
    path: &Path<'_>,
    value: &str,
    regex: &Result<regex_lite::Regex, regex_lite::Error>,
    source: &str,
    sensitive: bool,
) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    match regex {
        Ok(regex) if regex.is_match(value) => Ok(()),
        Ok(_) => fail(path, sensitive, format!("@pattern: does not match `{source}`")),
        Err(_) => fail(path, sensitive, format!("@pattern: `{source}` cannot be checked by this crate")),
    }
}

