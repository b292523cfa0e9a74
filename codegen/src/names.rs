//! Rust names for model names. Every name in the generated crate is decided here.
//!
//! Rules:
//! - types and variants are UpperCamelCase, fields, methods and modules snake_case (heck);
//! - a snake_case name that is a Rust keyword becomes a raw identifier (`r#type`), except the
//!   keywords that cannot be raw (`self`, `super`, `crate`, `Self`), which get a `_` suffix;
//! - names the generated code itself defines in the same namespace are reserved, and so are
//!   the method names of the standard operator, comparison and conversion traits; a member
//!   that would take one gets the suffix `_value` (`build` becomes `build_value`, `add`
//!   `add_value`), and so does a member named like such a moved name (`add_value` becomes
//!   `add_value_value`), which keeps the moved names apart from the model's own;
//! - enum values may be any string: a variant name spells what is not an ASCII letter or
//!   digit by its code point (`½` is `U00BD`), and a value whose name an earlier value of the
//!   same enum took gets the first free number after it (`Ab2`), so every value has a variant;
//! - when two other model names still map to one Rust name, lowering stops with an error
//!   naming both (see `lower::Namespace`), and a name that is not a Rust identifier is an
//!   error too (see [`check_ident`]), never a panic while emitting.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Rust keywords (2024 edition, strict and reserved) usable as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Methods and fields the generator defines on data types and builders.
pub const RESERVED_MEMBER_NAMES: &[&str] =
    &["build", "builder", "meta", "request_id", "code", "message_or_code", "is_retryable", "into_builder", "send", "customize", "from_input", "into_paginator"];

/// Method names of the standard traits, which a member's accessor or builder methods must
/// not take: every name clippy's `should_implement_trait` knows (Rust 1.95), and `ne` and
/// `partial_cmp` besides. Such an inherent method shadows the trait's in method calls and
/// paths (`value.clone()`, `FooBuilder::default()`), and the lint flags the generated
/// shapes of some (setters `fn add(self, value) -> Self`, accessors `fn clone(&self)`,
/// `fn as_ref(&self) -> &str`). Moving all of them aside, whatever the member's type, keeps
/// a member's Rust name from changing with its type.
pub const TRAIT_METHOD_NAMES: &[&str] = &[
    "add", "as_mut", "as_ref", "bitand", "bitor", "bitxor", "borrow", "borrow_mut", "clone", "cmp", "default", "deref",
    "deref_mut", "div", "drop", "eq", "from_iter", "from_str", "hash", "index", "index_mut", "into_iter", "mul", "ne", "neg",
    "next", "not", "partial_cmp", "rem", "shl", "shr", "sub",
];

/// Names from Rust's prelude that generated wire code uses unqualified.
pub const PRELUDE_NAMES: &[&str] = &["Some", "None", "Ok", "Err", "Vec", "String", "Option", "Result", "Box"];

/// Type parameter names used by generated builders.
pub const RESERVED_TYPE_PARAMS: &[&str] = &["T", "V", "K", "C"];

/// Variant names the generator adds to enums and unions.
pub const RESERVED_VARIANTS: &[&str] = &["Unknown"];

/// Variant names the generator adds to every operation error enum.
pub const RESERVED_ERROR_VARIANTS: &[&str] = &["Unhandled", "InvalidResponse"];

/// Names of the hand-written types of `crate::error::common`, sorted. `crate::error`
/// re-exports each unless a modeled error takes the name (the model's names win).
pub const GENERATOR_ERROR_TYPES: &[&str] =
    &["ErrorMetadata", "InvalidResponse", "JsonError", "SerializeError", "UnhandledError", "ValidationError"];

/// Names of the hand-written types in `crate::types`.
pub const RESERVED_TYPES: &[&str] = &["UnknownValue"];

/// Module names of hand-written files in `crate::types` and `crate::error`.
pub const RESERVED_MODULES: &[&str] = &["common", "unknown_value", "mod"];

/// snake_case, made a valid identifier.
pub fn snake(name: &str) -> String {
    escape(&name.to_snake_case())
}

/// UpperCamelCase, made a valid identifier.
pub fn camel(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel == "Self" { "SelfValue".to_owned() } else { escape(&camel) }
}

/// A snake_case member name, with reserved names moved aside: the generator's own
/// ([`RESERVED_MEMBER_NAMES`]) and the standard traits' methods ([`TRAIT_METHOD_NAMES`]) get
/// `_value`. So does a name that is one of those with `_value` already (once or more), so that
/// no two member names meet: `add` is `add_value`, `add_value` is `add_value_value`.
pub fn member_field(name: &str) -> String {
    let snake = name.to_snake_case();
    let mut root = snake.as_str();
    while let Some(shorter) = root.strip_suffix("_value") {
        root = shorter;
    }
    if RESERVED_MEMBER_NAMES.contains(&root) || TRAIT_METHOD_NAMES.contains(&root) {
        return format!("{snake}_value");
    }
    escape(&snake)
}

/// A variant name for an enum value or a union member, with the generator's own variants
/// reserved. ASCII text is UpperCamelCase (heck: `NOT_EQUALS` is `NotEquals`), every other
/// character is spelled by its code point (`½` is `U00BD`, `a½` is `AU00BD`): Rust allows
/// some of them in identifiers, but rustc warns about many (`uncommon_codepoints`,
/// confusables). A name of ASCII symbols alone, which heck would leave empty (`-`, `_`,
/// `--`), is spelled character by character (`U002D`), the empty one is `Empty`. The result is always an identifier; two
/// names may still meet (`a-b` and `a_b`), which [`EnumVariants`] settles.
pub fn variant(name: &str) -> String {
    let mut camel = String::with_capacity(name.len());
    let mut ascii = String::new();
    for c in name.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            camel.push_str(&ascii.to_upper_camel_case());
            ascii.clear();
            camel.push_str(&code_point(c));
        }
    }
    camel.push_str(&ascii.to_upper_camel_case());
    if camel.is_empty() {
        camel = if name.is_empty() { "Empty".to_owned() } else { name.chars().map(code_point).collect() };
    }
    let camel = if camel == "Self" { "SelfValue".to_owned() } else { escape(&camel) };
    if RESERVED_VARIANTS.contains(&camel.as_str()) { format!("{camel}Value") } else { camel }
}

/// `U` and the code point in (at least four) upper-case hex digits.
fn code_point(c: char) -> String {
    format!("U{:04X}", u32::from(c))
}

/// The variant names of one enum, in model order: each value (or name) gets its
/// [`variant`] name, or, when an earlier one of the enum took that name (ignoring case, as
/// `lower::Namespace` does), the name with the first free number from 2 after it (`Ab2`;
/// after a digit with a `_`, `V1_2`, so that the number stays apart). Every value keeps a
/// variant, and the same model always gives the same names.
#[derive(Debug, Default)]
pub struct EnumVariants {
    taken: BTreeSet<String>,
}

impl EnumVariants {
    pub fn name(&mut self, model_name: &str) -> String {
        let base = variant(model_name);
        let separator = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let mut name = base.clone();
        let mut number = 1u32;
        while !self.taken.insert(unraw(&name).to_ascii_lowercase()) {
            number += 1;
            name = format!("{base}{separator}{number}");
        }
        name
    }
}

/// Whether `name` can be emitted as an identifier (a raw one with `r#`): names reach the
/// emitters through here, where a bad one is an error naming the shape and the JSON path
/// instead of a panic in `quote`.
pub fn check_ident(name: &str) -> Result<(), String> {
    match syn::parse_str::<syn::Ident>(name) {
        Ok(_) => Ok(()),
        Err(_) => Err(format!("`{name}` is not a Rust identifier")),
    }
}

/// A module (file) name for a type or operation.
pub fn module(name: &str) -> String {
    snake(name)
}

/// The (private) module of a type of `crate::types` or `crate::error`, and of its wire
/// code. A model type whose module would be one of the generator's own (an error called
/// `Common` next to `crate::error::common`) moves aside to `common_`: the generator's
/// modules keep their documented paths, and the model's type keeps its name, since these
/// modules are private and only the re-exported type is seen. No model name yields a
/// trailing `_` otherwise (heck drops them), so the moved name is free.
pub fn type_module(rust_name: &str) -> String {
    let module = module(rust_name);
    if RESERVED_MODULES.contains(&unraw(&module)) { format!("{}_", unraw(&module)) } else { module }
}

/// The setter that replaces a whole list or map (`set_filters`).
pub fn set_all(field: &str) -> String {
    format!("set_{}", unraw(field))
}

/// What serde's `rename_all = "PascalCase"` makes of a field name.
pub fn serde_pascal(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = true;
    for c in unraw(field).chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The identifier without a leading `r#`, for building derived names and file names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

fn escape(ident: &str) -> String {
    let ident = if ident.is_empty() || ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else {
        ident.to_owned()
    };
    if NON_RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names() {
        let table = [
            ("ApprovalTeamArn", "approval_team_arn"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("async", "r#async"),
            ("gen", "r#gen"),
            ("build", "build_value"),
            ("Builder", "builder_value"),
            ("RequestId", "request_id_value"),
            ("MFAMethods", "mfa_methods"),
            ("_1st", "_1st"),
            ("BuildValue", "build_value_value"),
            ("Add", "add_value"),
            ("AddValue", "add_value_value"),
            ("add_value_value", "add_value_value_value"),
            ("AsRef", "as_ref_value"),
            ("clone", "clone_value"),
            ("Default", "default_value"),
            ("BitAnd", "bit_and"),
            ("Value", "value"),
            ("Adder", "adder"),
            ("addValue2", "add_value2"),
        ];
        for (model, rust) in table {
            assert_eq!(member_field(model), rust, "member {model}");
        }
    }

    #[test]
    fn moved_member_names_meet_no_other() {
        let mut models: Vec<String> = Vec::new();
        for root in RESERVED_MEMBER_NAMES.iter().chain(TRAIT_METHOD_NAMES).chain(&["value", "name", "x"]) {
            for suffixes in 0..3 {
                models.push(format!("{root}{}", "_value".repeat(suffixes)));
            }
        }
        let mut seen = BTreeSet::new();
        for model in &models {
            let field = member_field(model);
            assert!(check_ident(&field).is_ok(), "{model} gave {field}");
            assert!(seen.insert(field.clone()), "{model} gave {field} again");
            let root = field.trim_end_matches("_value");
            assert!(!TRAIT_METHOD_NAMES.contains(&field.as_str()) && !RESERVED_MEMBER_NAMES.contains(&field.as_str()), "{model} kept {field}");
            assert!(!root.is_empty());
        }
    }

    #[test]
    fn type_and_variant_names() {
        assert_eq!(camel("ListSessionsResponseSession"), "ListSessionsResponseSession");
        assert_eq!(camel("Self"), "SelfValue");
        assert_eq!(camel("Option"), "Option");
        assert_eq!(variant("NOT_EQUALS"), "NotEquals");
        assert_eq!(variant("GREATER_THAN_OR_EQUAL_TO"), "GreaterThanOrEqualTo");
        assert_eq!(variant("UNKNOWN"), "UnknownValue");
        assert_eq!(variant("ALL_APPROVERS_IN_SESSION"), "AllApproversInSession");
        assert_eq!(module("ListSessions"), "list_sessions");
        assert_eq!(module("Type"), "r#type");
        assert_eq!(type_module("Common"), "common_");
        assert_eq!(type_module("UnknownValue"), "unknown_value_");
        assert_eq!(type_module("CommonError"), "common_error");
        assert_eq!(set_all("r#type"), "set_type");
        assert_eq!(serde_pascal("approval_team_arn"), "ApprovalTeamArn");
        assert_eq!(serde_pascal("r#type"), "Type");
        assert_eq!(serde_pascal("mfa_methods"), "MfaMethods");
    }

    #[test]
    fn enum_value_variant_names() {
        let table = [
            ("½", "U00BD"),
            ("١", "U0661"),
            ("😀", "U1F600"),
            ("a½b", "AU00BDB"),
            ("ALL_½", "AllU00BD"),
            ("café", "CafU00E9"),
            ("-", "U002D"),
            ("--", "U002DU002D"),
            ("_", "U005F"),
            (" ", "U0020"),
            ("", "Empty"),
            ("123", "_123"),
            ("1.5", "_15"),
            ("us-east-1", "UsEast1"),
            ("application/json", "ApplicationJson"),
            ("self", "SelfValue"),
            ("Unknown", "UnknownValue"),
        ];
        for (value, rust) in table {
            assert_eq!(variant(value), rust, "value {value:?}");
        }
    }

    #[test]
    fn enum_values_that_meet_get_numbers() {
        let mut names = EnumVariants::default();
        let got: Vec<String> =
            ["a-b", "a_b", "AB", "v1", "v-1", "½", "U00BD", "u00bd", "UnknownValue", "Unknown"].iter().map(|v| names.name(v)).collect();
        assert_eq!(got, ["AB", "AB2", "Ab3", "V1", "V1_2", "U00BD", "U00bd2", "U00bd3", "UnknownValue", "UnknownValue2"]);
        // A number the suffix would take is skipped when a value already has it.
        let mut names = EnumVariants::default();
        let got: Vec<String> = ["AB2", "a-b", "a_b"].iter().map(|v| names.name(v)).collect();
        assert_eq!(got, ["Ab2", "AB", "AB3"]);
    }

    #[test]
    fn identifiers_are_checked() {
        assert!(check_ident("r#type").is_ok());
        assert!(check_ident("U00BD").is_ok());
        for bad in ["½", "١", "type", "", "_", "a-b", "1a", "r#self"] {
            assert!(check_ident(bad).is_err(), "{bad:?} passed");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        /// Any string yields an identifier, and distinct strings of one enum distinct ones.
        #[test]
        fn any_enum_values_get_distinct_identifiers(values in proptest::collection::btree_set(proptest::prelude::any::<String>(), 0..12), awkward in proptest::collection::btree_set("[-_ .½١😀aAbB0-9]{0,4}", 0..12)) {
            let mut names = EnumVariants::default();
            let mut seen = BTreeSet::new();
            for value in values.iter().chain(&awkward) {
                let name = names.name(value);
                proptest::prop_assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{value:?} gave {name:?}");
                proptest::prop_assert!(check_ident(&name).is_ok());
                proptest::prop_assert!(name.is_ascii(), "{value:?} gave {name:?}");
                // Apart even ignoring case, as the namespaces compare them.
                proptest::prop_assert!(seen.insert(name.to_ascii_lowercase()), "{value:?} gave {name:?} again");
            }
        }
    }
}
