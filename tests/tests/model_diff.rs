//! `codegen::diff` (`cargo xtask diff`): what a model update changes for users of the
//! generated crate, on the real update of the MPA model and on one small fixture pair per
//! kind of change (`tests/fixtures/diff/`, each file `base.json` with one change).

use codegen::diff::{Bump, Impact, Kind, Report, lower_text, render};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The model before the update (published 2026-02-02), kept byte for byte.
const PREVIOUS: &str = "tests/fixtures/models/mpa-2022-07-26.2026-02-02.json";
const PREVIOUS_SHA256: &str = "da90eb70ffabeaec60b01d832849084d6704bb38d3e60a4a86cb863e7a91d9af";
/// The model after the update: the one the crate is generated from.
const CURRENT: &str = "model/mpa-2022-07-26.json";
const CURRENT_SHA256: &str = "3f8aba8ed32dab0a7e7953de52f3ab7b87b8886e250f75e4b31cdbe6782e8a57";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_owned()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn report(old: &str, new: &str) -> Report {
    let lower = |path: &str| lower_text(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Report::new(old, &lower(old), new, &lower(new))
}

/// The changes that are not documentation only, as (kind, Rust path, breaking).
fn api_changes(report: &Report) -> BTreeSet<(Kind, String, bool)> {
    report.api_changes().map(|c| (c.kind, c.path.clone(), c.is_breaking())).collect()
}

fn expected(changes: &[(Kind, &str, bool)]) -> BTreeSet<(Kind, String, bool)> {
    changes.iter().map(|&(kind, path, breaking)| (kind, path.to_owned(), breaking)).collect()
}

fn check_real_models() {
    let previous = std::fs::read(root().join(PREVIOUS)).expect("previous model");
    assert_eq!(codegen::sha256_hex(&previous), PREVIOUS_SHA256, "{PREVIOUS} must stay the published file, byte for byte");
    assert_eq!(
        codegen::sha256_hex(read(CURRENT).as_bytes()),
        CURRENT_SHA256,
        "{CURRENT} was updated: this test describes the 2026-02-02 → 2026-03-05 update; keep it on copies of both files"
    );
}

/// The update 2026-02-02 → 2026-03-05, found by diffing the two JSON files: one operation
/// (with its input, output and a list shape), one enum, one enum value, three members of
/// `GetApprovalTeamResponseApprover`; no existing documentation changed.
const REAL_UPDATE: &[(Kind, &str, bool)] = &[
    (Kind::OperationAdded, "crate::operation::start_approval_team_baseline::StartApprovalTeamBaseline", false),
    (Kind::EnumAdded, "crate::types::ApproverLastActivity", false),
    (Kind::EnumValueAdded, "crate::types::SessionStatusCode::AllApproversInSession", false),
    (Kind::MemberAdded, "crate::types::GetApprovalTeamResponseApprover::last_activity", false),
    (Kind::MemberAdded, "crate::types::GetApprovalTeamResponseApprover::last_activity_time", false),
    (Kind::MemberAdded, "crate::types::GetApprovalTeamResponseApprover::pending_baseline_session_arn", false),
];

#[test]
fn real_update_lists_exactly_its_changes() {
    check_real_models();
    let report = report(PREVIOUS, CURRENT);
    assert_eq!(api_changes(&report), expected(REAL_UPDATE));
    assert_eq!(report.count(Impact::Docs), 0, "the update rewords no existing documentation");
    assert_eq!(report.bump(), Bump::Minor);
    assert!(!report.has_breaking());
    assert!(report.not_generated.is_empty());
    let detail = |path: &str| report.changes.iter().find(|c| c.path.ends_with(path)).map(|c| c.detail.as_str());
    assert_eq!(detail("::AllApproversInSession"), Some("\"ALL_APPROVERS_IN_SESSION\""));
    assert_eq!(detail("::StartApprovalTeamBaseline"), Some("POST /approval-teams/{Arn}/baseline"));
    assert_eq!(detail("::last_activity"), Some("Option<crate::types::ApproverLastActivity>"));
    assert_eq!(detail("::last_activity_time"), Some("Option<time::OffsetDateTime>"));
    assert_eq!(detail("::pending_baseline_session_arn"), Some("Option<String>"));
}

#[test]
fn real_update_undone_is_breaking() {
    let report = report(CURRENT, PREVIOUS);
    let undone = expected(&[
        (Kind::OperationRemoved, "crate::operation::start_approval_team_baseline::StartApprovalTeamBaseline", true),
        (Kind::EnumRemoved, "crate::types::ApproverLastActivity", true),
        (Kind::EnumValueRemoved, "crate::types::SessionStatusCode::AllApproversInSession", true),
        (Kind::MemberRemoved, "crate::types::GetApprovalTeamResponseApprover::last_activity", true),
        (Kind::MemberRemoved, "crate::types::GetApprovalTeamResponseApprover::last_activity_time", true),
        (Kind::MemberRemoved, "crate::types::GetApprovalTeamResponseApprover::pending_baseline_session_arn", true),
    ]);
    assert_eq!(api_changes(&report), undone);
    assert_eq!(report.bump(), Bump::Major);
}

#[test]
fn real_update_renders_as_markdown_json_and_changelog() {
    let report = report(PREVIOUS, CURRENT);
    let markdown = render::markdown(&report, false);
    assert!(markdown.contains("- Implied version bump: **minor: additions only"), "{markdown}");
    assert!(markdown.contains("## Operations\n"), "{markdown}");
    assert!(
        markdown.contains(
            "| operation added | `crate::operation::start_approval_team_baseline::StartApprovalTeamBaseline` | `POST /approval-teams/{Arn}/baseline` | no |"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains("## Documentation"), "{markdown}");

    let json = render::json(&report, false);
    assert_eq!(json, render::json(&report, false), "JSON output is deterministic");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["bump"], "minor");
    assert_eq!(value["breaking"], false);
    assert_eq!(value["counts"]["addition"], 6);
    assert_eq!(value["new"]["sha256"], CURRENT_SHA256);
    let kinds: Vec<&str> = value["changes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["operation_added", "enum_added", "member_added", "member_added", "member_added", "enum_value_added"]);

    let changelog = render::changelog(&report);
    assert!(changelog.starts_with("## Model 3f8aba8ed32d: additions (minor)\n\n"), "{changelog}");
    assert_eq!(changelog.lines().filter(|l| l.starts_with("- ")).count(), 6, "{changelog}");
}

/// Files that carry the model's sha256 change with every model update.
const SHA_CARRIERS: [&str; 3] = ["src/lib.rs", "Cargo.toml", "README.md"];

#[test]
fn real_update_touches_only_the_files_it_concerns() {
    check_real_models();
    let options = codegen::Options {
        package: "mpa".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: CURRENT.to_owned(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Path("../codegen/runtime".to_owned()),
    };
    let generate = |path: &str| codegen::generate(&read(path), &options).unwrap_or_else(|e| panic!("{path}: {e}")).files;
    let (old, new) = (generate(PREVIOUS), generate(CURRENT));

    // Only the three files say which model they come from.
    for (path, text) in &new {
        assert_eq!(text.contains(CURRENT_SHA256), SHA_CARRIERS.contains(&path.as_str()), "{path}");
    }
    let touched: BTreeSet<&str> =
        old.keys().chain(new.keys()).filter(|p| old.get(*p) != new.get(*p)).map(String::as_str).collect();
    let concerned = BTreeSet::from([
        // The new operation.
        "src/operation/start_approval_team_baseline/error.rs",
        "src/operation/start_approval_team_baseline/fluent.rs",
        "src/operation/start_approval_team_baseline/input.rs",
        "src/operation/start_approval_team_baseline/mod.rs",
        "src/operation/start_approval_team_baseline/output.rs",
        "src/operation/mod.rs",
        // The new operation's method on the clients.
        "src/client/operations.rs",
        // The new enum (enums have no wire module).
        "src/types/approver_last_activity.rs",
        "src/types/mod.rs",
        // The new enum value.
        "src/types/session_status_code.rs",
        // The three new members: the type and its JSON reader.
        "src/types/get_approval_team_response_approver.rs",
        "src/wire/get_approval_team_response_approver.rs",
    ]);
    let without_carriers: BTreeSet<&str> = touched.iter().copied().filter(|p| !SHA_CARRIERS.contains(p)).collect();
    assert_eq!(without_carriers, concerned);
    assert!(SHA_CARRIERS.iter().all(|p| touched.contains(p)));
}

/// One fixture pair: `old` and `new` name files of `tests/fixtures/diff/` (without `.json`).
struct Case {
    old: &'static str,
    new: &'static str,
    changes: &'static [(Kind, &'static str, bool)],
    docs: usize,
    bump: Bump,
}

const fn case(old: &'static str, new: &'static str, changes: &'static [(Kind, &'static str, bool)], bump: Bump) -> Case {
    Case { old, new, changes, docs: 0, bump }
}

const GET: &str = "crate::operation::get_widget::GetWidget";
const LIST: &str = "crate::operation::list_widgets::ListWidgets";

#[rustfmt::skip]
const CASES: &[Case] = &[
    case("base", "base", &[], Bump::None),
    case("base", "operation_added", &[(Kind::OperationAdded, "crate::operation::delete_widget::DeleteWidget", false)], Bump::Minor),
    case("operation_added", "base", &[(Kind::OperationRemoved, "crate::operation::delete_widget::DeleteWidget", true)], Bump::Major),
    case("base", "struct_added", &[
        (Kind::StructAdded, "crate::types::Owner", false),
        (Kind::MemberAdded, "crate::operation::get_widget::GetWidgetOutput::owner", false),
    ], Bump::Minor),
    case("struct_added", "base", &[
        (Kind::StructRemoved, "crate::types::Owner", true),
        (Kind::MemberRemoved, "crate::operation::get_widget::GetWidgetOutput::owner", true),
    ], Bump::Major),
    case("base", "enum_added", &[
        (Kind::EnumAdded, "crate::types::Finish", false),
        (Kind::MemberAdded, "crate::operation::get_widget::GetWidgetOutput::finish", false),
    ], Bump::Minor),
    case("enum_added", "base", &[
        (Kind::EnumRemoved, "crate::types::Finish", true),
        (Kind::MemberRemoved, "crate::operation::get_widget::GetWidgetOutput::finish", true),
    ], Bump::Major),
    case("base", "union_added", &[
        (Kind::UnionAdded, "crate::types::Mount", false),
        (Kind::MemberAdded, "crate::operation::get_widget::GetWidgetOutput::mount", false),
    ], Bump::Minor),
    case("union_added", "base", &[
        (Kind::UnionRemoved, "crate::types::Mount", true),
        (Kind::MemberRemoved, "crate::operation::get_widget::GetWidgetOutput::mount", true),
    ], Bump::Major),
    case("base", "type_kind_changed", &[(Kind::TypeKindChanged, "crate::types::Shape", true)], Bump::Major),
    case("base", "error_added", &[
        (Kind::ErrorAdded, "crate::error::Throttled", false),
        (Kind::OperationErrorAdded, "crate::operation::get_widget::GetWidgetError::Throttled", false),
    ], Bump::Minor),
    case("error_added", "base", &[
        (Kind::ErrorRemoved, "crate::error::Throttled", true),
        (Kind::OperationErrorRemoved, "crate::operation::get_widget::GetWidgetError::Throttled", true),
    ], Bump::Major),
    case("base", "error_metadata_changed", &[(Kind::ErrorMetadataChanged, "crate::error::NotFound", false)], Bump::Patch),
    case("base", "operation_error_added", &[
        (Kind::OperationErrorAdded, "crate::operation::list_widgets::ListWidgetsError::NotFound", false),
    ], Bump::Minor),
    case("operation_error_added", "base", &[
        (Kind::OperationErrorRemoved, "crate::operation::list_widgets::ListWidgetsError::NotFound", true),
    ], Bump::Major),
    case("base", "input_member_added", &[
        (Kind::InputMemberAdded, "crate::operation::get_widget::GetWidgetInput::include_history", false),
    ], Bump::Minor),
    case("base", "required_input_member_added", &[
        (Kind::RequiredMemberAdded, "crate::operation::get_widget::GetWidgetInput::region", true),
    ], Bump::Major),
    case("base", "output_member_added", &[
        (Kind::MemberAdded, "crate::operation::get_widget::GetWidgetOutput::weight", false),
    ], Bump::Minor),
    case("output_member_added", "base", &[
        (Kind::MemberRemoved, "crate::operation::get_widget::GetWidgetOutput::weight", true),
    ], Bump::Major),
    case("base", "member_type_changed", &[
        (Kind::MemberTypeChanged, "crate::operation::get_widget::GetWidgetOutput::size", true),
    ], Bump::Major),
    case("base", "timestamp_format_changed", &[
        (Kind::MemberWireFormatChanged, "crate::types::WidgetSummary::created", false),
    ], Bump::Patch),
    case("base", "input_member_now_required", &[
        (Kind::InputMemberNowRequired, "crate::operation::get_widget::GetWidgetInput::verbose", true),
    ], Bump::Major),
    case("base", "output_member_now_required", &[
        (Kind::MemberNowRequired, "crate::operation::get_widget::GetWidgetOutput::color", true),
    ], Bump::Major),
    case("output_member_now_required", "base", &[
        (Kind::MemberNowOptional, "crate::operation::get_widget::GetWidgetOutput::color", true),
    ], Bump::Major),
    case("base", "default_added", &[(Kind::DefaultAdded, "crate::operation::get_widget::GetWidgetOutput::size", true)], Bump::Major),
    case("base", "default_changed", &[(Kind::DefaultChanged, "crate::types::WidgetSummary::count", false)], Bump::Patch),
    case("base", "default_replaced_by_required", &[(Kind::DefaultRemoved, "crate::types::WidgetSummary::count", true)], Bump::Major),
    case("default_replaced_by_required", "base", &[
        (Kind::DefaultAddedToRequired, "crate::types::WidgetSummary::count", false),
    ], Bump::Minor),
    case("base", "sensitive_added", &[(Kind::SensitiveAdded, "crate::operation::get_widget::GetWidgetOutput::note", false)], Bump::Patch),
    case("sensitive_added", "base", &[(Kind::SensitiveRemoved, "crate::operation::get_widget::GetWidgetOutput::note", false)], Bump::Patch),
    case("base", "struct_sensitive_added", &[
        (Kind::TypeSensitiveAdded, "crate::types::WidgetSummary", false),
        // The member holds a list of the type: its `Debug` is redacted too.
        (Kind::SensitiveAdded, "crate::operation::list_widgets::ListWidgetsOutput::widgets", false),
    ], Bump::Patch),
    case("struct_sensitive_added", "base", &[
        (Kind::TypeSensitiveRemoved, "crate::types::WidgetSummary", false),
        (Kind::SensitiveRemoved, "crate::operation::list_widgets::ListWidgetsOutput::widgets", false),
    ], Bump::Patch),
    case("base", "constraints_changed", &[
        (Kind::ConstraintsChanged, "crate::operation::get_widget::GetWidgetInput::widget_id", false),
    ], Bump::Patch),
    case("base", "idempotency_token_added", &[
        (Kind::IdempotencyTokenChanged, "crate::operation::get_widget::GetWidgetInput::request_token", false),
    ], Bump::Patch),
    case("base", "enum_value_added", &[(Kind::EnumValueAdded, "crate::types::Color::Blue", false)], Bump::Minor),
    case("enum_value_added", "base", &[(Kind::EnumValueRemoved, "crate::types::Color::Blue", true)], Bump::Major),
    case("base", "enum_wire_value_changed", &[(Kind::EnumWireValueChanged, "crate::types::Color::Green", false)], Bump::Patch),
    case("base", "union_variant_added", &[(Kind::UnionVariantAdded, "crate::types::Shape::Triangle", false)], Bump::Minor),
    case("union_variant_added", "base", &[(Kind::UnionVariantRemoved, "crate::types::Shape::Triangle", true)], Bump::Major),
    case("base", "union_variant_type_changed", &[(Kind::UnionVariantTypeChanged, "crate::types::Shape::Square", true)], Bump::Major),
    // A preferred protocol added: the same Rust API, every request framed anew.
    case("base", "protocol_changed", &[
        (Kind::ProtocolChanged, "crate", false),
        (Kind::HttpMethodChanged, GET, false),
        (Kind::HttpMethodChanged, LIST, false),
        (Kind::HttpUriChanged, GET, false),
        (Kind::HttpUriChanged, LIST, false),
        (Kind::MemberBindingChanged, "crate::operation::get_widget::GetWidgetInput::request_token", false),
        (Kind::MemberBindingChanged, "crate::operation::get_widget::GetWidgetInput::verbose", false),
        (Kind::MemberBindingChanged, "crate::operation::get_widget::GetWidgetInput::widget_id", false),
        (Kind::MemberBindingChanged, "crate::operation::list_widgets::ListWidgetsInput::max_results", false),
        (Kind::MemberBindingChanged, "crate::operation::list_widgets::ListWidgetsInput::next_token", false),
    ], Bump::Patch),
    case("base", "http_method_changed", &[(Kind::HttpMethodChanged, GET, false)], Bump::Patch),
    case("base", "http_uri_changed", &[(Kind::HttpUriChanged, GET, false)], Bump::Patch),
    case("base", "http_status_changed", &[(Kind::HttpStatusChanged, GET, false)], Bump::Patch),
    case("base", "member_binding_changed", &[
        (Kind::MemberBindingChanged, "crate::operation::get_widget::GetWidgetInput::verbose", false),
    ], Bump::Patch),
    case("base", "unpaginated", &[(Kind::PaginationRemoved, LIST, true)], Bump::Major),
    case("unpaginated", "base", &[(Kind::PaginationAdded, LIST, false)], Bump::Minor),
    case("base", "pagination_changed", &[(Kind::PaginationChanged, LIST, false)], Bump::Patch),
    case("base", "paginated_items_changed", &[
        (Kind::StructRemoved, "crate::types::WidgetSummary", true),
        (Kind::MemberTypeChanged, "crate::operation::list_widgets::ListWidgetsOutput::widgets", true),
        (Kind::PaginationItemsChanged, LIST, true),
    ], Bump::Major),
    case("base", "endpoints", &[(Kind::EndpointRulesAdded, "crate::endpoint", false)], Bump::Minor),
    case("endpoints", "base", &[(Kind::EndpointRulesRemoved, "crate::endpoint", true)], Bump::Major),
    case("endpoints", "endpoint_param_added", &[(Kind::EndpointParamAdded, "crate::endpoint::Params::endpoint", false)], Bump::Minor),
    case("endpoint_param_added", "endpoints", &[(Kind::EndpointParamRemoved, "crate::endpoint::Params::endpoint", true)], Bump::Major),
    case("endpoints", "endpoint_required_param_added", &[
        (Kind::EndpointRequiredParamAdded, "crate::endpoint::Params::account_id", true),
    ], Bump::Major),
    case("endpoints", "endpoint_param_type_changed", &[
        (Kind::EndpointParamTypeChanged, "crate::endpoint::Params::use_fips", true),
        (Kind::EndpointRulesChanged, "crate::endpoint::resolve", false),
    ], Bump::Major),
    case("endpoints", "endpoint_rules_changed", &[(Kind::EndpointRulesChanged, "crate::endpoint::resolve", false)], Bump::Patch),
    // The operation's docs and the enum's, which the member `color` (without docs of its own) shows too.
    Case { old: "base", new: "docs_changed", changes: &[], docs: 3, bump: Bump::Patch },
];

#[test]
fn each_kind_of_change_is_found_and_classified() {
    let mut failures = Vec::new();
    for case in CASES {
        let path = |name: &str| format!("tests/fixtures/diff/{name}.json");
        let report = report(&path(case.old), &path(case.new));
        let (got, want) = (api_changes(&report), expected(case.changes));
        let docs = report.count(Impact::Docs);
        if got != want || docs != case.docs || report.bump() != case.bump {
            failures.push(format!(
                "{} → {}:\n  expected {want:?}, {} docs, {:?}\n  found    {got:?}, {docs} docs, {:?}",
                case.old, case.new, case.docs, case.bump, report.bump()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_kind_has_a_fixture() {
    let mut covered: BTreeSet<Kind> = CASES.iter().flat_map(|c| c.changes.iter().map(|&(kind, _, _)| kind)).collect();
    covered.insert(Kind::DocsChanged);
    let missing: Vec<&Kind> = Kind::ALL.iter().filter(|k| !covered.contains(k)).collect();
    assert!(missing.is_empty(), "kinds without a fixture pair: {missing:?}");
}

#[test]
fn documentation_changes_are_counted_and_listed_on_request() {
    let base = "tests/fixtures/diff/base.json";
    let report = report(base, "tests/fixtures/diff/docs_changed.json");
    let docs: Vec<&str> = report.docs_changes().map(|c| c.path.as_str()).collect();
    // A member without docs of its own shows its target's: it changes with them.
    assert_eq!(docs, [GET, "crate::operation::get_widget::GetWidgetOutput::color", "crate::types::Color"]);
    let short = render::markdown(&report, false);
    assert!(short.contains("3 documentation-only changes (list them with `--docs`)"), "{short}");
    assert!(!short.contains("## Documentation"), "{short}");
    let long = render::markdown(&report, true);
    assert!(long.contains("## Documentation\n"), "{long}");
    let json: serde_json::Value = serde_json::from_str(&render::json(&report, true)).unwrap();
    assert_eq!(json["docs"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(0));
    assert!(render::changelog(&report).contains("- Documentation updated on 3 items.\n"));
}

#[test]
fn an_operation_the_generator_stops_supporting_says_why() {
    // A fixture of the model-error tests would do too; a boolean payload is simplest.
    let base = read("tests/fixtures/diff/base.json");
    let header = base.replace(r#""smithy.api#httpQuery": "verbose""#, r#""smithy.api#httpPayload": {}"#);
    assert_ne!(base, header);
    let report = Report::new("base", &lower_text(&base).unwrap(), "header", &lower_text(&header).unwrap());
    let removed = report.changes.iter().find(|c| c.kind == Kind::OperationRemoved).expect("GetWidget is no longer generated");
    assert_eq!(removed.path, GET);
    assert!(removed.detail.contains("not generated: member `Verbose`: a payload of this type is not supported yet"), "{}", removed.detail);
    assert_eq!(report.not_generated.len(), 1);
}
