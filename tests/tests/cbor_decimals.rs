//! `bigDecimal` members over Smithy RPC v2 CBOR, through the crate generated from
//! `tests/fixtures/idl/cbor-decimals`: amounts go out as decimal fractions (tag 4 over
//! `[exponent, mantissa]`) wherever they sit (the input, a structure in a list, a map, a
//! union), an amount whose exponent CBOR cannot hold fails the request with an error naming
//! the member, and responses are read back exactly, with hostile ones refused by a typed error.

use golden_cbor_decimals::operation::get_balance::{GetBalance, GetBalanceInput};
use golden_cbor_decimals::operation::post_entry::{PostEntry, PostEntryError, PostEntryInput};
use golden_cbor_decimals::primitives::BigDecimal;
use golden_cbor_decimals::types::{Line, Settlement};
use golden_cbor_decimals::Operation;
use smithy_rt::rt::cbor::{Decoder, Encoder};

fn decimal(text: &str) -> BigDecimal {
    text.parse().expect("a decimal")
}

fn input(amount: &str, line_price: &str, cash: &str) -> PostEntryInput {
    PostEntryInput::builder()
        .account("acct-1")
        .amount(decimal(amount))
        .adjustments(decimal("-0.25"))
        .lines(Line::builder().price(decimal(line_price)).note("tea").build())
        .rates("EUR", decimal("1.0842"))
        .settlement(Settlement::Cash(decimal(cash)))
        .build()
}

/// The decimal fraction at the reader, as `(exponent, mantissa)`.
fn fraction(d: &mut Decoder<'_>) -> (i64, i64) {
    assert_eq!(d.tag().unwrap(), 4, "a decimal fraction");
    let pair = only_items(d, 2, |d| d.i64().unwrap());
    (pair[0], pair[1])
}

/// The `len` items of the array at the reader, each read by `item`.
fn only_items<T>(d: &mut Decoder<'_>, len: u64, item: impl Fn(&mut Decoder<'_>) -> T) -> Vec<T> {
    assert_eq!(d.begin_array().unwrap(), Some(len));
    let mut items = Vec::new();
    while d.has_next().unwrap() {
        items.push(item(d));
    }
    items
}

#[test]
fn every_amount_is_sent_as_a_decimal_fraction() {
    let request = PostEntry::serialize_request(&input("273.15", "4.5", "1e3")).expect("serialize");
    assert_eq!(request.uri(), "/service/Ledger/operation/PostEntry");
    let mut d = Decoder::new(request.body());
    let mut seen = Vec::new();
    d.begin_map().unwrap();
    while let Some(key) = d.next_key().unwrap() {
        let key = key.into_owned();
        match key.as_str() {
            "account" => assert_eq!(d.str().unwrap(), "acct-1"),
            // RFC 8949's own example: 273.15 is 4([-2, 27315]).
            "amount" => assert_eq!(fraction(&mut d), (-2, 27315)),
            "adjustments" => assert_eq!(only_items(&mut d, 1, fraction), [(-2, -25)]),
            "lines" => {
                let lines = only_items(&mut d, 1, |d| {
                    d.begin_map().unwrap();
                    let mut members = Vec::new();
                    while let Some(member) = d.next_key().unwrap() {
                        match &*member {
                            "price" => assert_eq!(fraction(d), (-1, 45)),
                            "note" => assert_eq!(d.str().unwrap(), "tea"),
                            other => panic!("unexpected member {other}"),
                        }
                        members.push(member.into_owned());
                    }
                    members
                });
                assert_eq!(lines, [["price", "note"]]);
            }
            "rates" => {
                assert_eq!(d.begin_map().unwrap(), Some(1));
                assert_eq!(d.next_key().unwrap().as_deref(), Some("EUR"));
                assert_eq!(fraction(&mut d), (-4, 10842));
                assert_eq!(d.next_key().unwrap(), None);
            }
            "settlement" => {
                d.begin_map().unwrap();
                assert_eq!(d.next_key().unwrap().as_deref(), Some("cash"));
                assert_eq!(fraction(&mut d), (3, 1));
                assert_eq!(d.next_key().unwrap(), None);
            }
            other => panic!("unexpected member {other}"),
        }
        seen.push(key);
    }
    assert_eq!(seen, ["account", "amount", "adjustments", "lines", "rates", "settlement"]);
    d.finish().unwrap();
}

#[test]
fn an_exponent_cbor_cannot_hold_fails_the_request_naming_the_member() {
    // 2^64 - 1 is the largest exponent a decimal fraction holds; one more is refused,
    // wherever the amount sits.
    let largest = "1e18446744073709551615";
    let beyond = "1e18446744073709551616";
    assert!(PostEntry::serialize_request(&input(largest, largest, largest)).is_ok());
    for (amount, price, cash, member) in [
        (beyond, "1", "1", "PostEntryInput.amount"),
        ("1", beyond, "1", "Line.price"),
        ("1", "1", "-5.5e-18446744073709551616", "Settlement.cash"),
    ] {
        let error = PostEntry::serialize_request(&input(amount, price, cash)).unwrap_err();
        assert_eq!(error.member(), Some(member));
        assert!(error.to_string().contains("whose exponent CBOR cannot hold"), "{error}");
    }
}

fn response(body: Vec<u8>) -> golden_cbor_decimals::http::Response<Vec<u8>> {
    golden_cbor_decimals::http::Response::builder()
        .status(200)
        .header("smithy-protocol", "rpc-v2-cbor")
        .header("content-type", "application/cbor")
        .body(body)
        .unwrap()
}

#[test]
fn amounts_are_read_back_exactly() {
    let mut e = Encoder::new();
    e.map(2).str("balance");
    // An exponent beyond an i64 and a mantissa beyond a u64 (a bignum) both read exactly.
    e.tag(4).array(2).u64(u64::MAX).tag(2).bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 0]);
    e.str("history").array(3).tag(4).array(2).i64(-2).i64(27315);
    e.i64(-7);
    e.tag(3).bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 0]);
    let output = PostEntry::parse_response(&response(e.into_bytes())).expect("parse");
    assert_eq!(output.balance.as_str(), "18446744073709551616e18446744073709551615");
    let history: Vec<&str> = output.history.as_deref().unwrap_or_default().iter().map(BigDecimal::as_str).collect();
    assert_eq!(history, ["27315e-2", "-7", "-18446744073709551617"]);
}

#[test]
fn a_hostile_amount_is_an_invalid_response_not_a_panic() {
    for (what, body) in [
        ("a float exponent", "a16762616c616e6365c482fa3f80000001"),
        ("a bignum exponent", "a16762616c616e6365c482c24901000000000000000001"),
        ("three items", "a16762616c616e6365c483010203"),
        ("another tag", "a16762616c616e6365c5820102"),
        ("text", "a16762616c616e63656131"),
        ("a truncated fraction", "a16762616c616e6365c482"),
    ] {
        let bytes: Vec<u8> = (0..body.len()).step_by(2).map(|i| u8::from_str_radix(&body[i..i + 2], 16).unwrap()).collect();
        match PostEntry::parse_response(&response(bytes)) {
            Err(PostEntryError::InvalidResponse(e)) => assert!(e.to_string().contains("CBOR"), "{what}: {e}"),
            other => panic!("{what}: expected an invalid response, got {other:?}"),
        }
    }
}

#[test]
fn a_decimal_output_is_read_when_the_input_has_none() {
    // GetBalance's input has no decimal (its writer returns nothing, see the golden's
    // `operation/get_balance/mod.rs`); its optional decimal output is read.
    let request = GetBalance::serialize_request(&GetBalanceInput::builder().account("acct-1").build()).expect("serialize");
    let mut d = Decoder::new(request.body());
    d.begin_map().unwrap();
    assert_eq!(d.next_key().unwrap().as_deref(), Some("account"));
    let mut e = Encoder::new();
    e.map(1).str("balance").tag(4).array(2).i64(-1).i64(5);
    let output = GetBalance::parse_response(&response(e.into_bytes())).expect("parse");
    assert_eq!(output.balance.as_ref().map(BigDecimal::as_str), Some("5e-1"));
}
