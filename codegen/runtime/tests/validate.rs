//! Tests of `rt::validate`.

use smithy_rt::rt::validate::{Path, range_decimal};
use proptest::prelude::*;

fn check(value: &str, min: Option<&str>, max: Option<&str>) -> Result<(), String> {
    range_decimal(&Path::root(true), value, min, max, false).map_err(|e| e.to_string())
}

#[test]
fn big_number_ranges_compare_exactly() {
    // Beyond f64: 2^53 + 1 rounds to 2^53 as a float, so a float comparison lets it through.
    assert!(check("9007199254740993", None, Some("9007199254740992")).is_err());
    assert!(check("9007199254740992", None, Some("9007199254740992")).is_ok());
    // 0.1 is not a float; the bound is met exactly, and a hair below it is not.
    assert!(check("0.1", Some("0.1"), None).is_ok());
    assert!(check("0.09999999999999999999999", Some("0.1"), None).is_err());
    // Exponents, signs, zeros and trailing zeros.
    assert!(check("1e3", Some("999.5"), Some("1000")).is_ok());
    assert!(check("1000.000", Some("1E+3"), Some("1000")).is_ok());
    assert!(check("-0", Some("0"), Some("0")).is_ok());
    assert!(check("-1", Some("-0.5"), None).is_err());
    assert!(check("-0.25", Some("-0.5"), Some("-0.25")).is_ok());
    assert!(check("123456789012345678901234567890", None, Some("1.23456789012345678901234567889e29")).is_err());
    assert!(check("123456789012345678901234567890", None, Some("1.23456789012345678901234567890e29")).is_ok());
    let e = check("5", Some("10"), Some("20")).unwrap_err();
    assert!(e.contains("@range: 5 must be between 10 and 20"), "{e}");
    // With checks off nothing is compared.
    assert!(range_decimal(&Path::root(false), "5", Some("10"), None, false).is_ok());
}

/// `digits` × 10^`power` written in one of several equivalent ways.
fn spell(negative: bool, digits: u64, power: i32, style: u8) -> String {
    let sign = if negative { "-" } else { "" };
    match style % 3 {
        0 => format!("{sign}{digits}e{power}"),
        1 => format!("{sign}{digits}0E{}", power - 1),
        _ if power >= 0 => format!("{sign}{digits}{}", "0".repeat(power as usize)),
        _ => {
            let text = format!("{digits:0>width$}", width = (-power) as usize + 1);
            let (whole, fraction) = text.split_at(text.len() - (-power) as usize);
            format!("{sign}{whole}.{fraction}")
        }
    }
}

proptest! {
    #[test]
    fn decimal_order_matches_exact_arithmetic(
        a in (any::<bool>(), 0u64..1_000_000, -6i32..6, any::<u8>()),
        b in (any::<bool>(), 0u64..1_000_000, -6i32..6, any::<u8>()),
    ) {
        // Scaled to a common exponent, the values compare as integers.
        let exact = |(negative, digits, power, _): (bool, u64, i32, u8)| {
            let value = i128::from(digits) * 10i128.pow((power + 6) as u32);
            if negative { -value } else { value }
        };
        let (x, y) = (spell(a.0, a.1, a.2, a.3), spell(b.0, b.1, b.2, b.3));
        let inside = check(&x, Some(&y), None).is_ok();
        prop_assert_eq!(inside, exact(a) >= exact(b), "{} >= {}", x, y);
        let inside = check(&x, None, Some(&y)).is_ok();
        prop_assert_eq!(inside, exact(a) <= exact(b), "{} <= {}", x, y);
    }
}
