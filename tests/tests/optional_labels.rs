//! URI and host labels that the model marks both `@required` and `@clientOptional` (the
//! `ArchiveItem` operation of the `golden-kinds` crate, generated from
//! `tests/fixtures/models/kinds.json`): like every `@clientOptional` member they are `Option`s,
//! and since the request has no path or host without them, an unset one is a
//! `SerializeError` naming it.

use golden_kinds::HostPrefix;
use golden_kinds::Operation;
use golden_kinds::operation::archive_item::{ArchiveItem, ArchiveItemInput};

#[test]
fn set_labels_fill_the_path_and_the_host() {
    let input = ArchiveItemInput::builder().item_id("a/b c").version(3).account("acct-1").build();
    let request = ArchiveItem::serialize_request(&input).expect("every label is set");
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().path(), "/items/a%2Fb%20c/3/archive");
    assert_eq!(request.extensions().get::<HostPrefix>().map(HostPrefix::as_str), Some("acct-1.items."));
    // The host label has no HTTP binding, so restJson1 also sends it in the body.
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
    assert_eq!(body, serde_json::json!({"Account": "acct-1"}));
}

#[test]
fn the_label_members_are_options() {
    // Nothing is required at compile time: `build()` exists with no member set.
    let input = ArchiveItemInput::builder().build();
    assert_eq!(input.item_id(), None);
    assert_eq!(input.version(), None);
    assert_eq!(input.account(), None);
}

#[test]
fn an_unset_label_is_an_error_naming_it() {
    let cases = [
        (ArchiveItemInput::builder().version(3).account("acct").build(), "ItemId", "URI path"),
        (ArchiveItemInput::builder().item_id("i").account("acct").build(), "Version", "URI path"),
        (ArchiveItemInput::builder().item_id("i").version(3).build(), "Account", "host name"),
    ];
    for (input, member, place) in cases {
        let error = ArchiveItem::serialize_request(&input).expect_err(member);
        assert_eq!(error.member(), Some(member));
        assert!(error.validation().is_none(), "{error}");
        let text = error.to_string();
        assert!(text.contains(&format!("`{member}`")) && text.contains(place) && text.contains("must be set"), "{text}");
    }
    // An empty string is set, but still no label.
    let empty = ArchiveItemInput::builder().item_id("").version(3).account("acct").build();
    let error = ArchiveItem::serialize_request(&empty).expect_err("empty label");
    assert_eq!(error.member(), Some("ItemId"));
    assert!(error.to_string().contains("must not be empty"), "{error}");
}
