//! Malformed models must be rejected with a `ModelError` that says what is wrong, names the
//! shape and gives the exact JSON path of the offending value; never with a panic.
//!
//! The corpus lives in `tests/fixtures/bad_models/` (see its README); each file is
//! `valid_base.json` with one thing broken. Inputs too large to check in (a 10 MB
//! documentation string, deep nesting) are built here from the same base.
//!
//! Every case runs under `catch_unwind`; all failures are collected and reported together.
//! Cases that show a known bug are left out of the table test and each has its own
//! `#[ignore]`d test that expects the correct behaviour. Cases that could abort the whole
//! process (a stack overflow cannot be caught) run in a child process: this test binary,
//! re-run on the `child_case` helper.

use codegen::{Error, Options, Selection};
use serde_json::{Value, json};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bad_models")
}

fn read_corpus(file: &str) -> String {
    let path = corpus_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn base() -> Value {
    serde_json::from_str(&read_corpus("valid_base.json")).expect("valid_base.json is valid JSON")
}

fn options() -> Options {
    Options {
        package: "example".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: "tests/fixtures/bad_models/model.json".to_owned(),
        selection: Selection::default(),
        runtime: codegen::Runtime::Path("../codegen/runtime".to_owned()),
    }
}

/// Where a case's model text comes from.
#[derive(Clone, Copy)]
enum Source {
    /// A file of the corpus.
    File(&'static str),
    /// Built at test time (too large to check in).
    Generated(fn() -> String),
}

/// What generating must do.
#[derive(Clone, Copy)]
enum Expect {
    /// Fail with a model error: a message fragment, the shape (if any) and the exact path.
    Error { message: &'static str, shape: Option<&'static str>, path: &'static str },
    Success,
    /// Generate, leaving out one operation as not supported, for a reason that names the
    /// shape and the exact path (valid Smithy that the generator cannot express yet).
    Unsupported { operation: &'static str, message: &'static str, shape: Option<&'static str>, path: &'static str },
}

#[derive(Clone, Copy)]
struct Case {
    name: &'static str,
    source: Source,
    expect: Expect,
    /// Run in a child process: a failure may be a stack overflow, which aborts the process.
    isolate: bool,
    /// Set when the generator is known to get this case wrong; the case then has its own
    /// ignored test instead of being part of the table test.
    known_bug: Option<&'static str>,
}

const fn err(
    file: &'static str,
    message: &'static str,
    shape: Option<&'static str>,
    path: &'static str,
) -> Case {
    Case { name: file, source: Source::File(file), expect: Expect::Error { message, shape, path }, isolate: false, known_bug: None }
}

const fn isolated(case: Case) -> Case {
    Case { isolate: true, ..case }
}

const FILTER: Option<&str> = Some("com.example#Filter");
const SERVICE: Option<&str> = Some("com.example#Example");
const GET_THING: Option<&str> = Some("com.example#GetThing");
const LIST_THINGS: Option<&str> = Some("com.example#ListThings");
const NOT_FOUND: Option<&str> = Some("com.example#NotFound");
const KIND: Option<&str> = Some("com.example#Kind");
const GET_THING_INPUT: Option<&str> = Some("com.example#GetThingInput");
const GET_THING_OUTPUT: Option<&str> = Some("com.example#GetThingOutput");

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Not JSON, or not the JSON AST's top level.
    err("truncated.json", "the model is not valid JSON: EOF while parsing", None, "$"),
    err("empty.json", "the model is not valid JSON: EOF while parsing a value", None, "$"),
    err("root_not_object.json", "expected an object, found an array", None, "$"),
    err("smithy_not_string.json", "expected a string, found a number", None, "$.smithy"),
    err("smithy_version_unsupported.json", "Smithy IDL version `3.0` is not supported", None, "$.smithy"),
    err("shapes_missing.json", "missing the `shapes` object", None, "$.shapes"),
    err("shapes_not_object.json", "expected an object, found an array", None, "$.shapes"),
    // A wrong JSON type for each field the loader reads.
    err("shape_not_object.json", "expected an object, found a string", FILTER, r#"shapes["com.example#Filter"]"#),
    err("type_missing.json", "missing the shape `type`", FILTER, r#"shapes["com.example#Filter"].type"#),
    err("type_not_string.json", "expected a string, found a number", FILTER, r#"shapes["com.example#Filter"].type"#),
    err("members_not_object.json", "expected an object, found an array", FILTER, r#"shapes["com.example#Filter"].members"#),
    err("member_not_object.json", "expected an object, found a string", FILTER, r#"shapes["com.example#Filter"].members.Value"#),
    err("member_target_missing.json", "missing the member `target`", FILTER, r#"shapes["com.example#Filter"].members.Value.target"#),
    err("target_not_string.json", "expected a string, found a number", FILTER, r#"shapes["com.example#Filter"].members.Value.target"#),
    err("list_member_missing.json", "missing the `member` member", Some("com.example#ThingList"), r#"shapes["com.example#ThingList"].member"#),
    err("traits_not_object.json", "expected an object, found an array", FILTER, r#"shapes["com.example#Filter"].traits"#),
    err("member_traits_not_object.json", "expected an object, found a string", FILTER, r#"shapes["com.example#Filter"].members.Value.traits"#),
    err("version_not_string.json", "expected a string, found a number", SERVICE, r#"shapes["com.example#Example"].version"#),
    err("operations_not_array.json", "expected an array, found an object", SERVICE, r#"shapes["com.example#Example"].operations"#),
    err("operations_item_not_object.json", "expected an object, found a string", SERVICE, r#"shapes["com.example#Example"].operations[1]"#),
    err("operations_item_target_not_string.json", "expected a string, found an array", SERVICE, r#"shapes["com.example#Example"].operations[1].target"#),
    err("errors_not_array.json", "expected an array, found a string", GET_THING, r#"shapes["com.example#GetThing"].errors"#),
    err("errors_item_not_object.json", "expected an object, found a number", GET_THING, r#"shapes["com.example#GetThing"].errors[0]"#),
    err("input_not_object.json", "expected an object, found a string", GET_THING, r#"shapes["com.example#GetThing"].input"#),
    err("input_target_missing.json", "missing the reference `target`", GET_THING, r#"shapes["com.example#GetThing"].input.target"#),
    // Trait values of the wrong form.
    err("http_not_object.json", "expected an object, found a string", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"]"#),
    err("http_method_not_string.json", "expected a string, found a number", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].method"#),
    err("http_method_missing.json", "missing", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].method"#),
    err("http_uri_not_string.json", "expected a string, found an array", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].uri"#),
    err("http_code_not_integer.json", "expected an integer HTTP status, found a string", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].code"#),
    err("http_code_out_of_range.json", "HTTP status 1000 is out of range", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].code"#),
    err("http_error_not_integer.json", "expected an integer HTTP status, found a string", NOT_FOUND, r#"shapes["com.example#NotFound"].traits["smithy.api#httpError"]"#),
    err("length_not_object.json", "expected an object, found a number", GET_THING_INPUT, r#"shapes["com.example#GetThingInput"].members.ThingId.traits["smithy.api#length"]"#),
    err("length_min_not_integer.json", "expected an integer bound, found a string", GET_THING_INPUT, r#"shapes["com.example#GetThingInput"].members.ThingId.traits["smithy.api#length"].min"#),
    err("length_max_fractional.json", "fractional bounds are not supported", GET_THING_INPUT, r#"shapes["com.example#GetThingInput"].members.ThingId.traits["smithy.api#length"].max"#),
    err("enum_value_not_string.json", "expected a string or an integer, found a boolean", KIND, r#"shapes["com.example#Kind"].members.LARGE.traits["smithy.api#enumValue"]"#),
    err("enum_value_integer.json", "enum members need string values", KIND, r#"shapes["com.example#Kind"].members.LARGE"#),
    err("paginated_not_object.json", "expected an object, found a string", LIST_THINGS, r#"shapes["com.example#ListThings"].traits["smithy.api#paginated"]"#),
    err("paginated_token_not_string.json", "expected a string, found a number", LIST_THINGS, r#"shapes["com.example#ListThings"].traits["smithy.api#paginated"].inputToken"#),
    err("paginated_unknown_member.json", "the items member `Items` is not a top-level member of `ListThingsOutput`", LIST_THINGS, r#"shapes["com.example#ListThings"].traits["smithy.api#paginated"]"#),
    err("paginated_page_size_not_integer.json", "the page size `MaxResults` of `ListThingsInput` must target an integer", LIST_THINGS, r#"shapes["com.example#ListThings"].traits["smithy.api#paginated"]"#),
    err("timestamp_format_not_string.json", "expected a string, found a number", GET_THING_OUTPUT, r#"shapes["com.example#GetThingOutput"].members.CreatedAt.traits["smithy.api#timestampFormat"]"#),
    err("timestamp_format_unknown.json", "unknown timestamp format \"iso8601\"", GET_THING_OUTPUT, r#"shapes["com.example#GetThingOutput"].members.CreatedAt.traits["smithy.api#timestampFormat"]"#),
    err("error_trait_not_string.json", "expected a string, found a boolean", NOT_FOUND, r#"shapes["com.example#NotFound"].traits["smithy.api#error"]"#),
    err("error_trait_unknown.json", "expected \"client\" or \"server\", found \"user\"", NOT_FOUND, r#"shapes["com.example#NotFound"].traits["smithy.api#error"]"#),
    // Targets that do not exist or are of the wrong kind.
    err("missing_member_target.json", "member `Value` targets `com.example#Nope`, which does not exist", FILTER, r#"shapes["com.example#Filter"].members.Value.target"#),
    err("missing_operation_input.json", "the input `com.example#Nope` does not exist", GET_THING, r#"shapes["com.example#GetThing"].input.target"#),
    err("missing_operation_error.json", "the error `com.example#Nope` does not exist", GET_THING, r#"shapes["com.example#GetThing"].errors[0].target"#),
    err("missing_service_operation.json", "`com.example#Nope` does not exist", SERVICE, r#"shapes["com.example#Example"].operations[1].target"#),
    err("service_operation_not_operation.json", "`com.example#Filter` is a structure, not an operation", SERVICE, r#"shapes["com.example#Example"].operations[1].target"#),
    err("missing_service_error.json", "the error `com.example#Nope` does not exist", SERVICE, r#"shapes["com.example#Example"].errors[0].target"#),
    err("service_error_not_error.json", "`com.example#Filter` is not a structure with the @error trait", SERVICE, r#"shapes["com.example#Example"].errors[0].target"#),
    err("member_targets_operation.json", "member `Value` targets `com.example#GetThing`", FILTER, r#"shapes["com.example#Filter"].members.Value.target"#),
    err("operation_error_not_error.json", "`com.example#Filter` is not a structure with the @error trait", GET_THING, r#"shapes["com.example#GetThing"].errors[0].target"#),
    err("input_not_structure.json", "the input `com.example#Kind` is a", GET_THING, r#"shapes["com.example#GetThing"].input.target"#),
    err("apply_missing_target.json", "`apply` targets `com.example#Nope`, which does not exist", Some("com.example#Nope"), r#"shapes["com.example#Nope"]"#),
    // Shapes and names the generator cannot use.
    err("unknown_shape_type.json", "unknown shape type `struct`", FILTER, r#"shapes["com.example#Filter"].type"#),
    err("duplicate_members_case.json", "members `Value` and `value` differ only in case", FILTER, r#"shapes["com.example#Filter"].members.value"#),
    err("invalid_member_name.json", "member name `Value-Kind` is not a valid Smithy identifier", FILTER, r#"shapes["com.example#Filter"].members["Value-Kind"]"#),
    err("invalid_member_name_dotted.json", "member name `Value.Kind` is not a valid Smithy identifier", FILTER, r#"shapes["com.example#Filter"].members["Value.Kind"]"#),
    err("invalid_shape_id.json", "`com.example#Thing-Filter` is not a valid absolute shape id", Some("com.example#Thing-Filter"), r#"shapes["com.example#Thing-Filter"]"#),
    err("shape_id_without_namespace.json", "`Filter` is not a valid absolute shape id", Some("Filter"), r#"shapes["Filter"]"#),
    err("shape_id_bad_namespace.json", "`com..example#Filter` is not a valid absolute shape id", Some("com..example#Filter"), r#"shapes["com..example#Filter"]"#),
    err("mixin_without_trait.json", "`com.example#Named` is used as a mixin but has no @mixin trait", FILTER, r#"shapes["com.example#Filter"].mixins[0].target"#),
    isolated(Case {
        name: "recursive_list.json",
        source: Source::File("recursive_list.json"),
        expect: Expect::Unsupported {
            operation: "ListThings",
            message: "a list or map that holds itself with no structure or union between has no Rust type: Nested -> Nested",
            shape: Some("com.example#Nested"),
            path: r#"shapes["com.example#Nested"].member.target"#,
        },
        isolate: true,
        known_bug: None,
    }),
    // Services and protocols.
    err("no_service.json", "the model defines no service shape", None, "$.shapes"),
    err("two_services.json", "the model defines more than one service (`com.example#Example` and `com.example#Other`)", Some("com.example#Other"), r#"shapes["com.example#Other"]"#),
    err("cbor_document.json", "member `Extra` targets the document `com.example#Attributes`, which Smithy RPC v2 CBOR cannot carry (its spec gives documents no CBOR form, and Smithy's validator `rpcv2Cbor.NoDocuments` rejects them); the service also offers awsJson1_0: generate with `--protocol awsJson1_0`", Some("com.example#Attributes"), r#"shapes["com.example#Filter"].members.Extra.target"#),
    err("query_protocols.json", "the service's protocols are not supported: only aws.protocols#restJson1, aws.protocols#awsJson1_0, aws.protocols#awsJson1_1, smithy.protocols#rpcv2Cbor are (found: aws.protocols#awsQuery, aws.protocols#restXml)", SERVICE, r#"shapes["com.example#Example"].traits"#),
    err("no_protocol.json", "are (found: none)", SERVICE, r#"shapes["com.example#Example"].traits"#),
    err("operation_without_http.json", "restJson1 operations need the @http trait", GET_THING, r#"shapes["com.example#GetThing"].traits"#),
    // HTTP bindings.
    err("uri_label_without_member.json", "the URI label `{PartId}` names no member of the input", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].uri"#),
    err("http_label_not_in_uri.json", "the @httpLabel member `ThingId` has no label in the URI `/things`", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].uri"#),
    err("http_label_not_required.json", "the URI label member `ThingId` must be @required", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].uri"#),
    err("host_label_not_required.json", "the host label member `Account` must be a @required string", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#endpoint"].hostPrefix"#),
    err("http_checksum_unknown_member.json", "the checksum algorithm member `Algorithm` is not a member of the input", GET_THING, r#"shapes["com.example#GetThing"].traits["aws.protocols#httpChecksum"].requestAlgorithmMember"#),
    err("http_checksum_member_not_text.json", "the checksum algorithm member `Filter` must be a string or an enum", GET_THING, r#"shapes["com.example#GetThing"].traits["aws.protocols#httpChecksum"].requestAlgorithmMember"#),
    err("request_compression_not_list.json", "expected a list of strings, found a string", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#requestCompression"].encodings"#),
    err("uri_without_leading_slash.json", "the URI `things/{ThingId}` does not start with `/`", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.api#http"].uri"#),
    // Rust name collisions.
    err("rust_name_collision_namespaces.json", "`com.example#Filter` and `com.other#Filter` both map to the Rust name `Filter`", Some("com.other#Filter"), r#"shapes["com.other#Filter"]"#),
    err("rust_name_collision_case.json", "`com.example#Fil_ter` and `com.example#Filter` both map to the Rust name `Filter`", FILTER, r#"shapes["com.example#Filter"]"#),
    err("member_snake_case_collision.json", "both map to the Rust name `foo_bar` in the members of `Filter`", FILTER, r#"shapes["com.example#Filter"].members.FooBar"#),
    err("enum_empty.json", "an enum has no members; Smithy requires at least one", KIND, r#"shapes["com.example#Kind"].members"#),
    err("int_enum_empty.json", "an intEnum has no members; Smithy requires at least one", KIND, r#"shapes["com.example#Kind"].members"#),
    err("enum_duplicate_values.json", "`com.example#Kind$LARGE` has the value \"small\" of variant `Small` again", KIND, r#"shapes["com.example#Kind"].members.LARGE"#),
    err("waiter_path_uncompilable.json", "the waiter `ThingNamed`: cannot compile the expression `CreatedAt == 'x'`: the member `CreatedAt` of `GetThingOutput` has a type waiters cannot read", GET_THING, r#"shapes["com.example#GetThing"].traits["smithy.waiters#waitable"]["ThingNamed"].acceptors[0].matcher.output.path"#),
    err("operation_name_collision.json", "both map to the Rust name `GetThing`", Some("com.other#GetThing"), r#"shapes["com.other#GetThing"]"#),
    // Generated at test time.
    Case {
        name: "deep nesting: 100,000 nested arrays in a trait value",
        source: Source::Generated(deep_array_nesting),
        expect: Expect::Error { message: "the model is not valid JSON: recursion limit exceeded", shape: None, path: "$" },
        // A stack overflow here would abort every test in this binary.
        isolate: true,
        known_bug: None,
    },
    Case {
        name: "nesting within serde_json's limit: 100 nested arrays in a trait value",
        source: Source::Generated(shallow_array_nesting),
        expect: Expect::Success,
        isolate: false,
        known_bug: None,
    },
    Case {
        name: "deep nesting: 100,000 nested HTML lists in a documentation string",
        source: Source::Generated(deep_html_nesting),
        expect: Expect::Success,
        isolate: false,
        known_bug: None,
    },
    Case {
        name: "deep nesting: a chain of 1,000 list shapes",
        source: Source::Generated(deep_list_chain),
        expect: Expect::Unsupported {
            operation: "ListThings",
            message: "lists and maps nested more than 12 deep are not supported",
            shape: Some("com.example#Nested11"),
            path: r#"shapes["com.example#Nested11"].member.target"#,
        },
        isolate: true,
        known_bug: None,
    },
];

/// Puts `value` under a trait the generator does not know, on `GetThing`.
fn with_custom_trait(value: &str) -> String {
    let text = read_corpus("valid_base.json");
    let anchor = "\"smithy.api#readonly\": {}";
    assert!(text.contains(anchor), "valid_base.json lost its @readonly trait");
    text.replacen(anchor, &format!("\"com.example#custom\": {value}"), 1)
}

fn deep_array_nesting() -> String {
    let depth = 100_000;
    with_custom_trait(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)))
}

fn shallow_array_nesting() -> String {
    let depth = 100;
    with_custom_trait(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)))
}

fn with_filter_docs(docs: String) -> String {
    let mut model = base();
    model["shapes"]["com.example#Filter"]["traits"]["smithy.api#documentation"] = Value::String(docs);
    model.to_string()
}

fn deep_html_nesting() -> String {
    let depth = 100_000;
    with_filter_docs(format!("{}deep{}", "<ul><li>".repeat(depth), "</li></ul>".repeat(depth)))
}

fn deep_list_chain() -> String {
    let depth = 1_000;
    let mut model = base();
    let shapes = model["shapes"].as_object_mut().expect("shapes");
    for i in 0..depth {
        let target = if i + 1 == depth { "smithy.api#String".to_owned() } else { format!("com.example#Nested{}", i + 1) };
        shapes.insert(format!("com.example#Nested{i}"), json!({ "type": "list", "member": { "target": target } }));
    }
    model["shapes"]["com.example#Filter"]["members"]["Nested"] = json!({ "target": "com.example#Nested0" });
    model.to_string()
}

fn source_text(source: Source) -> String {
    match source {
        Source::File(file) => read_corpus(file),
        Source::Generated(build) => build(),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// Runs one case in this process; `Err` describes how it went wrong.
fn check_in_process(case: &Case) -> Result<(), String> {
    let text = source_text(case.source);
    let result = catch_unwind(AssertUnwindSafe(|| codegen::generate(&text, &options())))
        .map_err(|payload| format!("panicked: {}", panic_message(payload.as_ref())))?;
    match (case.expect, result) {
        (Expect::Success, Ok(_)) => Ok(()),
        (Expect::Success, Err(e)) => Err(format!("failed: {e:?}")),
        (Expect::Unsupported { operation, message, shape, path }, Ok(g)) => {
            match g.unsupported.iter().find(|(op, _)| op == operation) {
                Some((_, e)) => check_error(&Error::Model(e.clone()), message, shape, path),
                None => Err(format!("`{operation}` was generated (operations: {:?}) instead of being left out", g.operations)),
            }
        }
        (Expect::Unsupported { .. }, Err(e)) => Err(format!("failed instead of leaving the operation out: {e}")),
        (Expect::Error { .. }, Ok(g)) => {
            Err(format!("generated {} files (operations: {:?}) instead of failing", g.files.len(), g.operations))
        }
        (Expect::Error { message, shape, path }, Err(e)) => check_error(&e, message, shape, path),
    }
}

fn check_error(e: &Error, message: &str, shape: Option<&str>, path: &str) -> Result<(), String> {
    let Error::Model(model_error) = e else {
        return Err(format!("expected a model error, got {e:?}"));
    };
    let display = e.to_string();
    let mut problems = Vec::new();
    if !model_error.message.contains(message) {
        problems.push(format!("message {:?} lacks {message:?}", model_error.message));
    }
    if model_error.shape.as_deref() != shape {
        problems.push(format!("shape is {:?}, expected {shape:?}", model_error.shape));
    }
    if model_error.path != path {
        problems.push(format!("path is {:?}, expected {path:?}", model_error.path));
    }
    // The displayed form: "message\n  shape: ID\n  at: PATH".
    let expected_tail = match shape {
        Some(id) => format!("\n  shape: {id}\n  at: {path}"),
        None => format!("\n  at: {path}"),
    };
    if !display.contains(message) || !display.ends_with(&expected_tail) {
        problems.push(format!("displayed as {display:?}, expected it to contain {message:?} and end with {expected_tail:?}"));
    }
    if shape.is_none() && display.contains("\n  shape: ") {
        problems.push(format!("displayed as {display:?}, which names a shape"));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

const CHILD_ENV: &str = "CODEGEN_MODEL_ERRORS_CHILD_CASE";

/// Runs one case in a child process (this test binary, on `child_case`), so that a stack
/// overflow fails the case instead of aborting every test.
fn check_in_child(case: &Case) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the test binary: {e}"))?;
    let output = Command::new(exe)
        .args(["child_case", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, case.name)
        .output()
        .map_err(|e| format!("cannot run the test binary: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let detail = stderr
        .lines()
        .chain(stdout.lines())
        .filter(|l| l.contains("CASE FAILED") || l.contains("overflow") || l.contains("panicked"))
        .collect::<Vec<_>>()
        .join(" | ");
    Err(format!("child process ended with {}: {detail}", output.status))
}

fn check(case: &Case) -> Result<(), String> {
    if case.isolate { check_in_child(case) } else { check_in_process(case) }
}

fn case_named(name: &str) -> &'static Case {
    CASES.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case named {name:?}"))
}

/// Runs the case named by [`CHILD_ENV`]; used by [`check_in_child`] only.
#[test]
#[ignore = "helper: runs one case when started by another test in a child process"]
fn child_case() {
    let Ok(name) = std::env::var(CHILD_ENV) else { return };
    if let Err(problem) = check_in_process(case_named(&name)) {
        panic!("CASE FAILED: {problem}");
    }
}

#[test]
fn every_malformed_model_fails_with_its_error() {
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for case in CASES {
        if let Some(why) = case.known_bug {
            skipped.push(format!("{} ({why})", case.name));
            continue;
        }
        if let Err(problem) = check(case) {
            failures.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n  {}\n(known bugs, tested separately: {})",
        failures.len(),
        CASES.len() - skipped.len(),
        failures.join("\n  "),
        skipped.join(", ")
    );
}

#[test]
fn valid_base_generates() {
    let generated = codegen::generate(&read_corpus("valid_base.json"), &options()).expect("valid_base.json generates");
    assert_eq!(generated.operations, ["GetThing", "ListThings"]);
    assert!(generated.unsupported.is_empty(), "unsupported: {:?}", generated.unsupported);
}

/// Every file of the corpus has a case, every case file exists, and the README lists them all.
#[test]
fn corpus_and_table_agree() {
    let readme = read_corpus("README.md");
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let in_table: Vec<&str> = CASES
        .iter()
        .filter_map(|c| match c.source {
            Source::File(f) => Some(f),
            Source::Generated(_) => None,
        })
        .collect();
    let mut problems = Vec::new();
    for file in &on_disk {
        if file != "valid_base.json" && !in_table.contains(&file.as_str()) {
            problems.push(format!("{file} has no case in the table"));
        }
        if !readme.contains(&format!("`{file}`")) {
            problems.push(format!("{file} is not listed in README.md"));
        }
    }
    for file in &in_table {
        if !on_disk.iter().any(|f| f == file) {
            problems.push(format!("the table names {file}, which does not exist"));
        }
    }
    let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != CASES.len() {
        problems.push("two cases share a name".to_owned());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A 10 MB documentation string (HTML, on a structure that three members target, so it is
/// converted and emitted more than once) must generate or fail cleanly. The limit guards
/// against a hang, not for speed (that is the benchmarks' business): a quadratic step would
/// take hours, while a linear one takes seconds even on a loaded machine in a debug build.
#[test]
fn ten_megabyte_documentation_does_not_hang() {
    const LIMIT: Duration = Duration::from_secs(600);
    let unit = "<p>Some <b>bold</b> text &amp; a <a href=\"https://example.com/x\">link</a>, <code>code</code>.</p>\n";
    let docs = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    assert!(docs.len() >= 10 * 1024 * 1024);
    let text = with_filter_docs(docs);
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| codegen::generate(&text, &options())));
        let _ = send.send((result.map_err(|p| panic_message(p.as_ref())), start.elapsed()));
    });
    let (result, elapsed) = receive
        .recv_timeout(LIMIT)
        .unwrap_or_else(|_| panic!("generating with a 10 MB documentation string took more than {LIMIT:?}"));
    match result {
        Err(panic) => panic!("panicked: {panic}"),
        Ok(Ok(generated)) => {
            let largest = generated.files.values().map(String::len).max().unwrap_or(0);
            assert!(largest > 1024 * 1024, "the documentation was dropped (largest file: {largest} bytes)");
        }
        Ok(Err(Error::Model(_))) => {}
        Ok(Err(e)) => panic!("failed with a non-model error: {e:?}"),
    }
    eprintln!("10 MB documentation: {elapsed:?}");
}


