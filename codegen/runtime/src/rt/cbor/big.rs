//! Big numbers in CBOR (with feature `big-numbers`), as the protocol maps them: a
//! `bigInteger` is an integer when one fits (major type 0 or 1), else a bignum (tag 2 over
//! the big-endian magnitude, tag 3 over that of -1 minus the value); a `bigDecimal` is a
//! decimal fraction (tag 4 over `[exponent, mantissa]`, the mantissa an integer or bignum).
//!
//! `BigInteger` and `BigDecimal` keep decimal text, so reading and writing convert between
//! decimal digits and base-256 magnitudes, here with 32-bit limbs.

use std::fmt::Write as _;

use super::{CborError, Decoder, Encoder, ErrorKind, Kind, Result, TAG_DECIMAL_FRACTION, TAG_NEGATIVE_BIGNUM, TAG_POSITIVE_BIGNUM};
use crate::error::SerializeError;
use crate::primitives::{BigDecimal, BigInteger};

/// Longest bignum magnitude read, in bytes (about 2,466 decimal digits). Converting to
/// decimal costs the square of the length, so a longer one is refused rather than computed.
pub const MAX_BIGNUM_BYTES: usize = 1024;

/// The range of a decimal fraction's exponent: the integers of major types 0 and 1.
const MIN_EXPONENT: i128 = -(1 << 64);
const MAX_EXPONENT: i128 = (1 << 64) - 1;

/// A magnitude as 32-bit limbs, least significant first, without high zero limbs.
type Limbs = Vec<u32>;

fn trim(limbs: &mut Limbs) {
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
}

fn from_be_bytes(bytes: &[u8]) -> Limbs {
    let mut limbs = bytes.rchunks(4).map(|c| c.iter().fold(0u32, |n, &b| n << 8 | u32::from(b))).collect();
    trim(&mut limbs);
    limbs
}

fn to_be_bytes(limbs: &[u32]) -> Vec<u8> {
    let bytes: Vec<u8> = limbs.iter().rev().flat_map(|l| l.to_be_bytes()).collect();
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    bytes[zeros..].to_vec()
}

/// `limbs * factor + addend`.
fn mul_add(limbs: &mut Limbs, factor: u32, addend: u32) {
    let mut carry = u64::from(addend);
    for limb in limbs.iter_mut() {
        let v = u64::from(*limb) * u64::from(factor) + carry;
        *limb = v as u32;
        carry = v >> 32;
    }
    if carry != 0 {
        limbs.push(carry as u32);
    }
}

/// Divides in place by `divisor`, returning the remainder.
fn div_rem(limbs: &mut Limbs, divisor: u32) -> u32 {
    let mut rem = 0u64;
    for limb in limbs.iter_mut().rev() {
        let v = rem << 32 | u64::from(*limb);
        *limb = (v / u64::from(divisor)) as u32;
        rem = v % u64::from(divisor);
    }
    trim(limbs);
    rem as u32
}

fn add_one(limbs: &mut Limbs) {
    for limb in limbs.iter_mut() {
        let (v, carry) = limb.overflowing_add(1);
        *limb = v;
        if !carry {
            return;
        }
    }
    limbs.push(1);
}

/// Subtracts one from a magnitude that is not zero.
fn sub_one(limbs: &mut Limbs) {
    for limb in limbs.iter_mut() {
        let (v, borrow) = limb.overflowing_sub(1);
        *limb = v;
        if !borrow {
            break;
        }
    }
    trim(limbs);
}

/// The magnitude of ASCII decimal digits (anything else counts as a 9: the callers pass
/// checked text, and a wrong digit must not panic).
fn from_decimal(digits: &str) -> Limbs {
    let mut limbs = Vec::new();
    // Nine digits at a time: 10^9 fits a limb.
    for chunk in digits.as_bytes().chunks(9) {
        let n = chunk.iter().fold(0u32, |n, &d| n * 10 + u32::from(d.wrapping_sub(b'0')).min(9));
        mul_add(&mut limbs, 10u32.pow(chunk.len() as u32), n);
    }
    trim(&mut limbs);
    limbs
}

fn to_decimal(mut limbs: Limbs) -> String {
    let mut groups = Vec::new();
    while !limbs.is_empty() {
        groups.push(div_rem(&mut limbs, 1_000_000_000));
    }
    let mut text = String::new();
    for (i, group) in groups.iter().rev().enumerate() {
        let _ = if i == 0 { write!(text, "{group}") } else { write!(text, "{group:09}") };
    }
    if text.is_empty() {
        text.push('0');
    }
    text
}

/// The value of limbs that fit a `u64`, if they do.
fn small(limbs: &[u32]) -> Option<u64> {
    match limbs {
        [] => Some(0),
        [low] => Some(u64::from(*low)),
        [low, high] => Some(u64::from(*high) << 32 | u64::from(*low)),
        _ => None,
    }
}

impl Decoder<'_> {
    /// A `bigInteger`: an integer (major type 0 or 1) or a bignum (tag 2 or 3).
    pub fn big_integer(&mut self) -> Result<BigInteger> {
        self.integer_digits().map(|text| BigInteger::from_checked(&text))
    }

    /// A `bigDecimal`: a decimal fraction (tag 4, exponent from -2^64 to 2^64 - 1), or an
    /// integer or bignum.
    pub fn big_decimal(&mut self) -> Result<BigDecimal> {
        let start = self.offset();
        if self.peek()? != Kind::Tag {
            return self.integer_digits().map(|text| BigDecimal::from_checked(&text));
        }
        let tag = self.tag()?;
        if tag != TAG_DECIMAL_FRACTION {
            return self.bignum(tag, start).map(|text| BigDecimal::from_checked(&text));
        }
        let not_a_pair = |at| CborError::new(at, ErrorKind::Malformed("a decimal fraction is an array of two integers"));
        let at = self.offset();
        if !matches!(self.begin_array()?, Some(2) | None) || !self.has_next()? {
            return Err(not_a_pair(at));
        }
        let exponent = self.exponent()?;
        if !self.has_next()? {
            return Err(not_a_pair(at));
        }
        let mantissa = self.integer_digits()?;
        if self.has_next()? {
            return Err(not_a_pair(at));
        }
        let text = if exponent == 0 { mantissa } else { format!("{mantissa}e{exponent}") };
        Ok(BigDecimal::from_checked(&text))
    }

    /// A decimal fraction's exponent: any integer of major type 0 or 1, so from -2^64 to
    /// 2^64 - 1 (wider than an `i64`).
    fn exponent(&mut self) -> Result<i128> {
        let at = self.offset();
        match self.peek()? {
            Kind::Unsigned => self.u64().map(i128::from),
            Kind::Negative => self.negative().map(|n| -1 - i128::from(n)),
            found => Err(CborError::new(at, ErrorKind::UnexpectedType { expected: "integer", found })),
        }
    }

    /// The decimal text of an integer or a bignum.
    fn integer_digits(&mut self) -> Result<String> {
        let start = self.offset();
        match self.peek()? {
            Kind::Unsigned => self.u64().map(|n| n.to_string()),
            Kind::Negative => self.negative().map(|n| (-1 - i128::from(n)).to_string()),
            Kind::Tag => {
                let tag = self.tag()?;
                self.bignum(tag, start)
            }
            found => Err(CborError::new(start, ErrorKind::UnexpectedType { expected: "integer or bignum", found })),
        }
    }

    /// The decimal text of the bignum after tag `tag` (read at `start`).
    fn bignum(&mut self, tag: u64, start: usize) -> Result<String> {
        if tag != TAG_POSITIVE_BIGNUM && tag != TAG_NEGATIVE_BIGNUM {
            return Err(CborError::custom(start, format!("expected an integer, a bignum (tag 2 or 3) or a decimal fraction (tag 4), found tag {tag}")));
        }
        let at = self.offset();
        let bytes = self.bytes()?;
        if bytes.len() > MAX_BIGNUM_BYTES {
            return Err(CborError::new(at, ErrorKind::OutOfRange("bignum")));
        }
        let mut limbs = from_be_bytes(&bytes);
        if tag == TAG_POSITIVE_BIGNUM {
            return Ok(to_decimal(limbs));
        }
        add_one(&mut limbs);
        Ok(format!("-{}", to_decimal(limbs)))
    }
}

impl Encoder {
    /// A `bigInteger`: an integer when it fits major type 0 or 1, else a bignum.
    pub fn big_integer(&mut self, value: &BigInteger) -> &mut Self {
        self.integer_digits(value.as_str())
    }

    /// A `bigDecimal` as a decimal fraction (tag 4 over `[exponent, mantissa]`), for the
    /// input member `member`. Fails, writing nothing, when the exponent is beyond what the
    /// format holds (an integer of major type 0 or 1: -2^64 to 2^64 - 1); a zero is written
    /// with exponent 0 whatever its exponent.
    pub fn big_decimal(&mut self, value: &BigDecimal, member: &'static str) -> std::result::Result<&mut Self, SerializeError> {
        let text = value.as_str();
        let (number, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], &text[at + 1..]),
            None => (text, "0"),
        };
        let (int, fraction) = number.split_once('.').unwrap_or((number, ""));
        let mantissa = format!("{int}{fraction}");
        let is_zero = mantissa.bytes().all(|b| b == b'0' || b == b'-');
        // Digits beyond an i128 fail to parse, and are beyond the format's range anyway.
        let exponent = exponent
            .strip_prefix('+')
            .unwrap_or(exponent)
            .parse::<i128>()
            .ok()
            .and_then(|e| e.checked_sub(i128::try_from(fraction.len()).ok()?))
            .filter(|e| (MIN_EXPONENT..=MAX_EXPONENT).contains(e));
        let exponent = match exponent {
            Some(e) => e,
            None if is_zero => 0,
            None => return Err(SerializeError::decimal_exponent_out_of_range(member)),
        };
        self.tag(TAG_DECIMAL_FRACTION).array(2);
        // Both conversions are exact: the exponent is within the range checked above.
        match u64::try_from(exponent) {
            Ok(n) => self.u64(n),
            Err(_) => self.negative(u64::try_from(-1 - exponent).unwrap_or(u64::MAX)),
        };
        Ok(self.integer_digits(&mantissa))
    }

    /// An integer given as decimal text (an optional `-`, then digits).
    fn integer_digits(&mut self, text: &str) -> &mut Self {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, text),
        };
        let mut limbs = from_decimal(digits);
        if negative && !limbs.is_empty() {
            // Major type 1 and tag 3 both hold -1 minus the value.
            sub_one(&mut limbs);
            return match small(&limbs) {
                Some(n) => self.negative(n),
                None => self.tag(TAG_NEGATIVE_BIGNUM).bytes(&to_be_bytes(&limbs)),
            };
        }
        match small(&limbs) {
            Some(n) => self.u64(n),
            None => self.tag(TAG_POSITIVE_BIGNUM).bytes(&to_be_bytes(&limbs)),
        }
    }
}
