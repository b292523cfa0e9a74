//! Enum values with no Rust spelling of their own (symbols, digits, other scripts, emoji,
//! values apart only in punctuation or case) through the `golden-hostile` crate, generated
//! from `tests/fixtures/models/hostile.json`: each has its own variant, which reads and
//! writes exactly its value.

use golden_hostile::Operation;
use golden_hostile::operation::list_things::{ListThings, ListThingsInput};
use golden_hostile::types::{Glyph, Kind, LegacyColor};
use std::collections::BTreeSet;

/// Every value of `VALUES` maps to a known variant of its own, and back to the same text.
fn assert_own_variants<E>(values: &[&str], as_str: impl Fn(&E) -> String, is_unknown: impl Fn(&E) -> bool)
where
    E: for<'a> From<&'a str> + std::fmt::Debug + Ord,
{
    let mut variants = BTreeSet::new();
    for value in values {
        let variant = E::from(value);
        assert!(!is_unknown(&variant), "{value:?} is not a known value");
        assert_eq!(as_str(&variant), *value);
        assert!(variants.insert(variant), "{value:?} shares a variant with another value");
    }
}

#[test]
fn every_value_has_a_variant_of_its_own() {
    assert!(Glyph::VALUES.contains(&"½") && Glyph::VALUES.contains(&"😀") && Glyph::VALUES.contains(&"a`b"));
    assert_own_variants::<Glyph>(Glyph::VALUES, |v| v.as_str().to_owned(), |v| matches!(v, Glyph::Unknown(_)));
    assert_own_variants::<Kind>(Kind::VALUES, |v| v.as_str().to_owned(), |v| matches!(v, Kind::Unknown(_)));
    assert_own_variants::<LegacyColor>(LegacyColor::VALUES, |v| v.as_str().to_owned(), |v| matches!(v, LegacyColor::Unknown(_)));
}

#[test]
fn variants_are_named_from_their_values() {
    assert_eq!(Glyph::from("½"), Glyph::U00BD);
    assert_eq!(Glyph::from("١"), Glyph::U0661);
    assert_eq!(Glyph::from("😀"), Glyph::U1F600);
    assert_eq!(Glyph::from("-"), Glyph::U002D);
    assert_eq!(Glyph::from("123"), Glyph::_123);
    // Values that meet in one name are numbered in model order.
    assert_eq!((Glyph::from("a-b"), Glyph::from("a_b"), Glyph::from("a`b")), (Glyph::AB, Glyph::AB2, Glyph::AB3));
    assert_eq!((Glyph::from("Unknown"), Glyph::from("UnknownValue")), (Glyph::UnknownValue, Glyph::UnknownValue2));
    assert_eq!((Kind::from("type-1"), Kind::from("١"), Kind::from("½")), (Kind::TypeOne, Kind::TypeOne2, Kind::_1));
    assert_eq!((LegacyColor::from("b"), LegacyColor::from("bl"), LegacyColor::from("_")), (LegacyColor::Blue, LegacyColor::BLue2, LegacyColor::U005F));
}

#[test]
fn values_travel_as_they_are() {
    for value in Glyph::VALUES {
        let input = ListThingsInput::builder().owner("o").r#type(Kind::from("½")).set_labels([]).glyph(Glyph::from(*value)).build();
        let request = ListThings::serialize_request(&input).expect("serialize");
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
        assert_eq!(body["Glyph"], *value);
        assert_eq!(body["type"], "½");
        // Serde speaks the wire value too.
        assert_eq!(serde_json::to_value(Glyph::from(*value)).expect("serde"), *value);
    }
}

/// Members named like the standard traits' methods (`clone`, `add`, `default`, ...) take
/// `_value`, so the traits' own methods stay reachable; the wire keeps the model's names.
#[test]
fn members_named_like_trait_methods_keep_the_traits_reachable() {
    use golden_hostile::operation::get_thing::{GetThing, GetThingInput};
    use golden_hostile::types::Operators;

    let ops = Operators::builder()
        .clone_value("c")
        .as_ref_value("r")
        .borrow_value("b")
        .deref_value("d")
        .default_value("f")
        .eq_value("e")
        .add_value("one".to_owned())
        .add_value("two".to_owned())
        .add_value_value("kept apart")
        .build();
    // `Clone::clone` and `PartialEq::eq` are the traits' again, not accessors.
    let copy = ops.clone();
    assert!(copy.eq(&ops));
    assert_eq!((ops.clone_value(), ops.default_value(), ops.add_value()), ("c", "f", &["one".to_owned(), "two".to_owned()][..]));
    assert_eq!(ops.add_value_value(), Some("kept apart"));

    let input = ListThingsInput::builder().owner("o").r#type(Kind::TypeOne).set_labels([]).operators(ops).build();
    let request = ListThings::serialize_request(&input).expect("serialize");
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
    let sent = &body["Operators"];
    assert_eq!((&sent["Clone"], &sent["Default"], &sent["AsRef"]), (&"c".into(), &"f".into(), &"r".into()));
    assert_eq!(sent["Add"], serde_json::json!(["one", "two"]));
    assert_eq!(sent["AddValue"], "kept apart");

    let input = GetThingInput::builder().id("t").version(1).clone_value("x").add_value("a".to_owned()).add_value("b".to_owned()).build();
    let request = GetThing::serialize_request(&input).expect("serialize");
    let query = request.uri().query().expect("a query");
    assert!(query.contains("clone=x") && query.contains("add=a&add=b"), "{query}");
}
