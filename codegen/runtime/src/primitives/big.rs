//! `BigInteger` and `BigDecimal`: arbitrary-precision numbers, kept as their exact text.

use std::fmt;
use std::str::FromStr;

/// An integer of any size (a Smithy `bigInteger`), kept as its decimal digits so that no
/// precision is lost. Parse one with `"123".parse()` and read it with
/// [`as_str`](BigInteger::as_str), or convert it with your big-number crate of choice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigInteger(String);

/// A decimal number of any size and precision (a Smithy `bigDecimal`), kept as its exact
/// text (JSON number syntax: `-12.5e-3`), never through a float.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigDecimal(String);

/// The text given to [`BigInteger`] or [`BigDecimal`] is not such a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseBigNumberError(());

impl fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a number in JSON number syntax")
    }
}

impl std::error::Error for ParseBigNumberError {}

/// The length of the JSON number at the start of `text` (`-`, digits without a leading
/// zero, then a fraction and an exponent when `decimal`), if there is one.
fn number_len(text: &[u8], decimal: bool) -> Option<usize> {
    let digits = |from: usize| text[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut at = usize::from(text.first() == Some(&b'-'));
    let int = digits(at);
    if int == 0 || (int > 1 && text[at] == b'0') {
        return None;
    }
    at += int;
    if !decimal {
        return Some(at);
    }
    if text.get(at) == Some(&b'.') {
        let frac = digits(at + 1);
        if frac == 0 {
            return None;
        }
        at += 1 + frac;
    }
    if matches!(text.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(text.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exp = digits(at);
        if exp == 0 {
            return None;
        }
        at += exp;
    }
    Some(at)
}

macro_rules! big_number {
    ($name:ident, $decimal:expr) => {
        impl $name {
            /// The number's text, as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = ParseBigNumberError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match number_len(text.as_bytes(), $decimal) {
                    Some(len) if len == text.len() => Ok($name(text.to_owned())),
                    _ => Err(ParseBigNumberError(())),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name(value.to_string())
            }
        }

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                $name(value.to_string())
            }
        }

        impl From<i128> for $name {
            fn from(value: i128) -> Self {
                $name(value.to_string())
            }
        }

        impl From<u128> for $name {
            fn from(value: u128) -> Self {
                $name(value.to_string())
            }
        }

        /// Serde (feature `serde`) writes the exact text as a string.
        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

big_number!(BigInteger, false);
big_number!(BigDecimal, true);

impl From<BigInteger> for BigDecimal {
    fn from(value: BigInteger) -> Self {
        BigDecimal(value.0)
    }
}

impl BigInteger {
    /// Wraps text already checked to be an integer (the JSON reader's, a model's default).
    #[doc(hidden)]
    pub fn from_checked(text: &str) -> Self {
        BigInteger(text.to_owned())
    }
}

impl BigDecimal {
    /// Wraps text already checked to be a JSON number (the JSON reader's, a model's default).
    #[doc(hidden)]
    pub fn from_checked(text: &str) -> Self {
        BigDecimal(text.to_owned())
    }
}
