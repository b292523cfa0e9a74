//! JSON reading and writing of `BigInteger` and `BigDecimal`: numbers, digit for digit.

use crate::primitives::{BigDecimal, BigInteger};
use crate::rt::json::{Reader, Result, Writer};

pub fn read_integer(r: &mut Reader<'_>) -> Result<BigInteger> {
    r.integer_text().map(BigInteger::from_checked)
}

pub fn read_decimal(r: &mut Reader<'_>) -> Result<BigDecimal> {
    r.number_text().map(BigDecimal::from_checked)
}

pub fn write_integer(w: &mut Writer, value: &BigInteger) {
    w.number_text(value.as_str());
}

pub fn write_decimal(w: &mut Writer, value: &BigDecimal) {
    w.number_text(value.as_str());
}
