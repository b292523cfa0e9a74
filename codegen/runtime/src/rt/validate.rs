//! Checks of the model's constraint traits on inputs, before they are sent.
//!
//! Paths are built only when a check fails: a [`Path`] is a chain of borrowed steps on
//! the stack. Values of `@sensitive` members never appear in an error.

use crate::error::ValidationError;

/// Where a value sits in the input: `Filters[3].Value`.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// The input itself; `enforce` says whether the model's constraints are checked (an
    /// unknown union member is refused either way: it cannot be written).
    Root { enforce: bool },
    Member(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
    Key(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    pub fn root(enforce: bool) -> Path<'static> {
        Path::Root { enforce }
    }

    /// Whether constraint traits are checked on this run.
    pub fn enforces(&self) -> bool {
        let mut at = self;
        loop {
            match at {
                Path::Root { enforce } => return *enforce,
                Path::Member(parent, _) | Path::Index(parent, _) => at = parent,
                Path::Key(parent, _) => at = parent,
            }
        }
    }

    pub fn member<'b>(&'b self, name: &'static str) -> Path<'b> {
        Path::Member(self, name)
    }

    pub fn index(&self, index: usize) -> Path<'_> {
        Path::Index(self, index)
    }

    pub fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path::Key(self, key)
    }

    /// The path as text. Keys of sensitive maps are not shown.
    fn render(&self, sensitive: bool) -> String {
        let mut steps = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root { .. } => break,
                Path::Member(parent, name) => {
                    steps.push(format!(".{name}"));
                    at = parent;
                }
                Path::Index(parent, index) => {
                    steps.push(format!("[{index}]"));
                    at = parent;
                }
                Path::Key(parent, key) => {
                    steps.push(if sensitive { "[*]".to_owned() } else { format!("[{key:?}]") });
                    at = parent;
                }
            }
        }
        let text: String = steps.into_iter().rev().collect();
        text.strip_prefix('.').map(str::to_owned).unwrap_or(text)
    }
}

pub fn fail(path: &Path<'_>, sensitive: bool, constraint: String) -> Result<(), ValidationError> {
    Err(ValidationError::new(path.render(sensitive), constraint))
}

fn bounds(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_owned(),
    }
}

fn outside(value: i64, min: Option<i64>, max: Option<i64>) -> bool {
    min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max)
}

/// `@length` of a string, counted in Unicode scalar values.
pub fn string_length(path: &Path<'_>, value: &str, min: Option<i64>, max: Option<i64>, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    let len = i64::try_from(value.chars().count()).unwrap_or(i64::MAX);
    if outside(len, min, max) {
        return fail(path, sensitive, format!("@length: {len} characters, must be {}", bounds(min, max)));
    }
    Ok(())
}

/// `@length` of a list or map, counted in entries.
pub fn collection_length(path: &Path<'_>, len: usize, min: Option<i64>, max: Option<i64>, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    if outside(len, min, max) {
        return fail(path, sensitive, format!("@length: {len} entries, must be {}", bounds(min, max)));
    }
    Ok(())
}

/// `@range` of an integer.
pub fn range(path: &Path<'_>, value: i64, min: Option<i64>, max: Option<i64>, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    if outside(value, min, max) {
        let shown = if sensitive { "the value".to_owned() } else { value.to_string() };
        return fail(path, sensitive, format!("@range: {shown} must be {}", bounds(min, max)));
    }
    Ok(())
}

/// `@range` of a float. NaN is in no range.
pub fn range_float(path: &Path<'_>, value: f64, min: Option<f64>, max: Option<f64>, sensitive: bool) -> Result<(), ValidationError> {
    if !path.enforces() {
        return Ok(());
    }
    let inside = !value.is_nan() && min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max);
    if !inside {
        return out_of_range(path, sensitive, &value.to_string(), min, max);
    }
    Ok(())
}

/// `@range` of a `BigInteger` or `BigDecimal`, compared exactly on the decimal text (the
/// bounds as the model writes them), never through a float.
pub fn range_decimal(path: &Path<'_>, value: &str, min: Option<&str>, max: Option<&str>, sensitive: bool) -> Result<(), ValidationError> {
    use std::cmp::Ordering;
    if !path.enforces() {
        return Ok(());
    }
    let inside = min.is_none_or(|min| matches!(compare_decimal(value, min), Some(Ordering::Greater | Ordering::Equal)))
        && max.is_none_or(|max| matches!(compare_decimal(value, max), Some(Ordering::Less | Ordering::Equal)));
    if !inside {
        return out_of_range(path, sensitive, value, min, max);
    }
    Ok(())
}

/// The failure of a `@range` check, with the bounds the model gives.
fn out_of_range<B: std::fmt::Display>(path: &Path<'_>, sensitive: bool, value: &str, min: Option<B>, max: Option<B>) -> Result<(), ValidationError> {
    let shown = if sensitive { "the value" } else { value };
    let bounds = match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "a number".to_owned(),
    };
    fail(path, sensitive, format!("@range: {shown} must be {bounds}"))
}

/// A decimal number's text (`-12.50e-3`) as its sign, significant digits (no leading or
/// trailing zeros; empty for zero) and the power of ten of the last digit.
fn decimal_parts(text: &str) -> Option<(bool, String, i128)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => (-1, d),
                None => (1, e.strip_prefix('+').unwrap_or(e)),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // Exponents beyond i64 are saturated: no model or value gets near them.
            (m, sign * digits.parse::<i128>().unwrap_or(i128::from(i64::MAX)))
        }
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (whole.is_empty() && fraction.is_empty()) || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let trimmed = digits.trim_start_matches('0');
    let significant = trimmed.trim_end_matches('0');
    let last_power = exponent - fraction.len() as i128 + (trimmed.len() - significant.len()) as i128;
    Some((negative, significant.to_owned(), last_power))
}

/// Compares two decimal numbers exactly; `None` when either is not one.
fn compare_decimal(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let (a_negative, a_digits, a_power) = decimal_parts(a)?;
    let (b_negative, b_digits, b_power) = decimal_parts(b)?;
    let sign = |negative: bool, digits: &str| match (digits.is_empty(), negative) {
        (true, _) => 0,
        (false, true) => -1,
        (false, false) => 1,
    };
    let (a_sign, b_sign) = (sign(a_negative, &a_digits), sign(b_negative, &b_digits));
    if a_sign != b_sign || a_sign == 0 {
        return Some(a_sign.cmp(&b_sign));
    }
    // Same sign, both non-zero: compare magnitudes by the power of the leading digit, then
    // digit by digit.
    let a_top = a_power + a_digits.len() as i128;
    let b_top = b_power + b_digits.len() as i128;
    let magnitude = a_top.cmp(&b_top).then_with(|| {
        let len = a_digits.len().max(b_digits.len());
        let pad = |d: &str| format!("{d:0<len$}");
        pad(&a_digits).cmp(&pad(&b_digits))
    });
    Some(if a_sign < 0 { magnitude.reverse() } else { magnitude })
}

/// A union member this version of the crate does not know cannot be sent.
pub fn unknown_union_member(path: &Path<'_>) -> Result<(), ValidationError> {
    fail(path, false, "union: the member set is unknown to this crate and cannot be sent".to_owned())
}
