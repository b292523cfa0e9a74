//! Rust names for model names. Every name in the generated crate is decided here.
//!
//! Rules:
//! - types and variants are UpperCamelCase, fields, methods and modules snake_case (heck);
//! - a snake_case name that is a Rust keyword becomes a raw identifier (`r#type`), except the
//!   keywords that cannot be raw (`self`, `super`, `crate`, `Self`), which get a `_` suffix;
//! - names the generated code itself defines in the same namespace are reserved, and a member
//!   that would take one gets the suffix `_value` (`build` becomes `build_value`);
//! - when two model names still map to one Rust name, lowering stops with an error naming
//!   both (see `lower::Namespace`).

use heck::{ToSnakeCase, ToUpperCamelCase};

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
    &["build", "builder", "meta", "request_id", "code", "message_or_code", "is_retryable", "into_builder"];

/// Names from Rust's prelude that generated wire code uses unqualified.
pub const PRELUDE_NAMES: &[&str] = &["Some", "None", "Ok", "Err", "Vec", "String", "Option", "Result", "Box"];

/// Type parameter names used by generated builders.
pub const RESERVED_TYPE_PARAMS: &[&str] = &["T", "V", "K"];

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

/// A snake_case member name, with reserved names moved aside.
pub fn member_field(name: &str) -> String {
    let snake = name.to_snake_case();
    if RESERVED_MEMBER_NAMES.contains(&snake.as_str()) {
        return format!("{snake}_value");
    }
    escape(&snake)
}

/// A variant name for an enum or union member, with the generator's own variants reserved.
pub fn variant(name: &str) -> String {
    let camel = camel(name);
    if RESERVED_VARIANTS.contains(&camel.as_str()) { format!("{camel}Value") } else { camel }
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
        ];
        for (model, rust) in table {
            assert_eq!(member_field(model), rust, "member {model}");
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
}
