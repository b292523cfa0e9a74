//! What each kind of change means for users of the generated crate: one row per kind.
//!
//! The table is the whole classification. A row names the kind, the report section it is
//! listed under, its impact (which decides the semver bump) and a one-line reason written
//! for someone who uses the generated crate, not the model.

use heck::ToSnakeCase;

/// How a change affects code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Code that uses the crate may stop compiling (or silently mean something else).
    Breaking,
    /// New API; existing code compiles and behaves as before.
    Addition,
    /// Same Rust API, different requests, responses or `Debug` output: flagged for review.
    Behaviour,
    /// Documentation only.
    Docs,
}

impl Impact {
    pub fn id(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Addition => "addition",
            Impact::Behaviour => "behaviour",
            Impact::Docs => "docs",
        }
    }

    pub fn is_breaking(self) -> bool {
        self == Impact::Breaking
    }
}

/// The headings of the report, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Operations,
    Types,
    Errors,
    Members,
    Variants,
    OperationErrors,
    Http,
    Pagination,
    Endpoints,
    Docs,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Operations => "Operations",
            Section::Types => "Structures, enums and unions",
            Section::Errors => "Errors",
            Section::Members => "Members",
            Section::Variants => "Enum values and union variants",
            Section::OperationErrors => "Errors of operations",
            Section::Http => "HTTP bindings",
            Section::Pagination => "Pagination",
            Section::Endpoints => "Endpoint rules",
            Section::Docs => "Documentation",
        }
    }

    pub fn id(self) -> String {
        format!("{self:?}").to_snake_case()
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub section: Section,
    pub impact: Impact,
    /// What happened, as a short label (`enum value added`).
    pub label: &'static str,
    /// Why it has this impact, in one line.
    pub reason: &'static str,
}

macro_rules! rules {
    ($($kind:ident => $section:ident, $impact:ident, $label:literal, $reason:literal;)*) => {
        /// Every kind of change the comparison reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($kind,)*
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)*];

            pub fn rule(self) -> Rule {
                match self {
                    $(Kind::$kind => Rule {
                        section: Section::$section,
                        impact: Impact::$impact,
                        label: $label,
                        reason: $reason,
                    },)*
                }
            }
        }
    };
}

rules! {
    OperationAdded => Operations, Addition, "operation added",
        "a new module under `crate::operation` and a new client method; nothing that exists changes";
    OperationRemoved => Operations, Breaking, "operation removed",
        "its module, input, output and error enum are gone";

    StructAdded => Types, Addition, "structure added", "a new type; nothing that exists changes";
    EnumAdded => Types, Addition, "enum added", "a new type; nothing that exists changes";
    UnionAdded => Types, Addition, "union added", "a new type; nothing that exists changes";
    StructRemoved => Types, Breaking, "structure removed", "code that names the type stops compiling";
    EnumRemoved => Types, Breaking, "enum removed", "code that names the type stops compiling";
    UnionRemoved => Types, Breaking, "union removed", "code that names the type stops compiling";
    TypeKindChanged => Types, Breaking, "type changed kind",
        "a structure, enum or union became another kind: its whole API changes";
    TypeSensitiveAdded => Types, Behaviour, "@sensitive added to type", "`Debug` now redacts all of it";
    TypeSensitiveRemoved => Types, Behaviour, "@sensitive removed from type",
        "`Debug` now shows its contents: check what your logs keep";

    ErrorAdded => Errors, Addition, "error type added", "a new type in `crate::error`";
    ErrorRemoved => Errors, Breaking, "error type removed", "code that names the type stops compiling";
    ErrorMetadataChanged => Errors, Behaviour, "error status or retryability changed",
        "same Rust API; `is_retryable()` or the HTTP status the error is read from differs";

    InputMemberAdded => Members, Addition, "optional input member added",
        "builders: it is set only by callers that need it";
    MemberAdded => Members, Addition, "member added",
        "the struct is `#[non_exhaustive]` and built through its builder, which does not need it";
    RequiredMemberAdded => Members, Breaking, "required member added",
        "the builder needs it: code that builds the struct (or makes a fluent call) without it stops compiling";
    MemberRemoved => Members, Breaking, "member removed", "its field, accessor and builder setter are gone";
    MemberTypeChanged => Members, Breaking, "member type changed",
        "its field, accessor and builder setter take another type";
    MemberWireFormatChanged => Members, Behaviour, "member wire format changed",
        "same Rust type; the value is written or read in another format";
    InputMemberNowRequired => Members, Breaking, "input member now required",
        "the builder needs it: code that does not set it stops compiling";
    MemberNowRequired => Members, Breaking, "member now required",
        "its field changes from Option<T> to T, its accessor from Option<&T> to &T, and the builder needs it";
    MemberNowOptional => Members, Breaking, "member now optional",
        "its field changes from T to Option<T>, its accessor from &T to Option<&T>";
    DefaultAdded => Members, Breaking, "default added (member no longer optional)",
        "always present now: its field changes from Option<T> to T, its accessor from Option<&T> to &T";
    DefaultAddedToRequired => Members, Addition, "default added to required member",
        "same accessor; the builder no longer needs it";
    DefaultRemoved => Members, Breaking, "default removed (member now required)",
        "the builder needs it: code that builds the struct without it stops compiling";
    DefaultChanged => Members, Behaviour, "default changed",
        "same Rust API; a response that leaves the member out reads as the new default";
    SensitiveAdded => Members, Behaviour, "@sensitive added", "`Debug` now redacts the member";
    SensitiveRemoved => Members, Behaviour, "@sensitive removed",
        "`Debug` now shows the member: check what your logs keep";
    ConstraintsChanged => Members, Behaviour, "constraints changed",
        "same Rust API; input validation (@length, @range, @pattern) checks other limits";
    IdempotencyTokenChanged => Members, Behaviour, "idempotency token changed",
        "same Rust API; whether a missing value is filled with a fresh token differs";

    EnumValueAdded => Variants, Addition, "enum value added",
        "the enum is `#[non_exhaustive]` and keeps unknown values: matches already need a wildcard arm";
    EnumValueRemoved => Variants, Breaking, "enum value removed", "code that names its variant stops compiling";
    EnumWireValueChanged => Variants, Behaviour, "enum value changed on the wire",
        "same variant; it is sent and read as another string";
    UnionVariantAdded => Variants, Addition, "union variant added",
        "the union is `#[non_exhaustive]` and keeps unknown members: matches already need a wildcard arm";
    UnionVariantRemoved => Variants, Breaking, "union variant removed",
        "code that names the variant or its accessor stops compiling";
    UnionVariantTypeChanged => Variants, Breaking, "union variant type changed",
        "the variant holds another type";

    OperationErrorAdded => OperationErrors, Addition, "error added to operation",
        "the operation's error enum is `#[non_exhaustive]`: matches already need a wildcard arm";
    OperationErrorRemoved => OperationErrors, Breaking, "error removed from operation",
        "its variant in the operation's error enum is gone";

    ProtocolChanged => Http, Behaviour, "protocol changed",
        "not breaking for Rust code; every request and response is framed by another protocol (a model update that adds a preferred protocol does this)";
    HttpMethodChanged => Http, Behaviour, "HTTP method changed",
        "not breaking for Rust code; requests use another method";
    HttpUriChanged => Http, Behaviour, "URI template changed",
        "not breaking for Rust code; requests go to another path or carry other constant query pairs";
    HttpStatusChanged => Http, Behaviour, "success status changed",
        "not breaking for Rust code; another status code means success";
    MemberBindingChanged => Http, Behaviour, "member binding changed",
        "not breaking for Rust code; the value travels in another place or under another name";

    PaginationAdded => Pagination, Addition, "operation now paginated",
        "a new `Paginated` implementation, and `into_paginator()` on its fluent call";
    PaginationRemoved => Pagination, Breaking, "operation no longer paginated",
        "its `Paginated` implementation is gone: paginators over it stop compiling";
    PaginationChanged => Pagination, Behaviour, "pagination members changed",
        "same Rust API; paginators follow other token or page size members";
    PaginationItemsChanged => Pagination, Breaking, "paginated items changed",
        "`Paginated::Item` is another type: code that uses the items stops compiling";

    EndpointRulesAdded => Endpoints, Addition, "endpoint rules added",
        "a new module `crate::endpoint`: `resolve` computes where to send requests";
    EndpointRulesRemoved => Endpoints, Breaking, "endpoint rules removed", "the module `crate::endpoint` is gone";
    EndpointParamAdded => Endpoints, Addition, "endpoint parameter added",
        "a new setter on `endpoint::ParamsBuilder`; it is optional or has a default";
    EndpointRequiredParamAdded => Endpoints, Breaking, "required endpoint parameter added",
        "`resolve` fails until callers set it";
    EndpointParamRemoved => Endpoints, Breaking, "endpoint parameter removed", "its getter and builder setter are gone";
    EndpointParamTypeChanged => Endpoints, Breaking, "endpoint parameter type changed",
        "its getter or builder setter takes another type";
    EndpointRulesChanged => Endpoints, Behaviour, "endpoint rules changed",
        "same Rust API; `resolve` may give another endpoint or error for the same parameters";

    DocsChanged => Docs, Docs, "documentation changed", "documentation only";
}

impl Kind {
    /// The kind's name in JSON output: `enum_value_added`.
    pub fn id(self) -> String {
        format!("{self:?}").to_snake_case()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_id_and_a_reason() {
        let mut ids: Vec<String> = Kind::ALL.iter().map(|k| k.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            let rule = kind.rule();
            assert!(!rule.reason.is_empty() && !rule.label.is_empty(), "{kind:?}");
            assert_eq!(rule.impact == Impact::Docs, rule.section == Section::Docs, "{kind:?}");
        }
        assert_eq!(Kind::EnumValueAdded.id(), "enum_value_added");
    }
}
