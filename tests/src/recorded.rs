//! Recorded cases: the requests an operation must build and the responses it must read,
//! kept as one JSON file per case under `tests/recorded/` (the format is described in
//! `tests/recorded/README.md`).
//!
//! A runner loads every case of a directory in file-name order, runs them all, and panics
//! once at the end with every failing file and what differed, so that one bad case does
//! not hide the others.
//!
//! An operation is made runnable with [`recorded_operation!`](crate::recorded_operation),
//! which supplies the serde forms of its input and output and the accessors of its error
//! enum.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use mpa::Operation;
use mpa::http;
use serde_json::{Map, Value};

#[doc(hidden)]
pub mod __rt {
    //! What [`recorded_operation!`](crate::recorded_operation) expands to, reachable from any
    //! crate that invokes it.
    pub use mpa;
    pub use serde_json;
}

/// The input of an operation driven by `R`.
pub type InputOf<R> = <<R as RecordedOperation>::Op as Operation>::Input;
/// The output of an operation driven by `R`.
pub type OutputOf<R> = <<R as RecordedOperation>::Op as Operation>::Output;
/// The error of an operation driven by `R`.
pub type ErrorOf<R> = <<R as RecordedOperation>::Op as Operation>::Error;

/// What the runners need of an operation besides [`Operation`]. Implement it with
/// [`recorded_operation!`](crate::recorded_operation).
pub trait RecordedOperation {
    /// The operation the cases are about.
    type Op: Operation;
    /// Builds an input from its serde JSON form.
    fn input_from_json(value: Value) -> Result<InputOf<Self>, String>;
    /// The serde JSON form of an input.
    fn input_to_json(input: &InputOf<Self>) -> Result<Value, String>;
    /// The serde JSON text of an output.
    fn output_to_json(output: &OutputOf<Self>) -> Result<String, String>;
    /// Reads an output back from its serde JSON text.
    fn output_from_json(text: &str) -> Result<OutputOf<Self>, String>;
    /// The request id the output carries (it has no serde form).
    fn output_request_id(output: &OutputOf<Self>) -> Option<&str>;
    /// What an error of the operation says about itself.
    fn error_facts(error: &ErrorOf<Self>) -> ErrorFacts;
}

/// The facts of an operation error that a response case checks (besides its `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorFacts {
    /// The name of the error enum's variant, e.g. `ValidationException` or `Unhandled`.
    pub variant: &'static str,
    /// `code()`.
    pub code: String,
    /// `message()`.
    pub message: Option<String>,
    /// `request_id()`.
    pub request_id: Option<String>,
    /// `is_retryable()`.
    pub retryable: bool,
}

/// Implements [`RecordedOperation`] for a new unit struct, for an operation whose input and
/// output implement serde's traits and whose error enum has `code()`, `message()`,
/// `request_id()` and `is_retryable()`. List every modeled variant of the error enum;
/// `Unhandled` and `InvalidResponse` are implied.
///
/// ```
/// use mpa::operation::list_sessions::{ListSessions, ListSessionsError};
///
/// mpa_tests::recorded_operation! {
///     struct ListSessionsCases => ListSessions,
///         ListSessionsError {
///             AccessDeniedException,
///             InternalServerException,
///             ResourceNotFoundException,
///             ThrottlingException,
///             ValidationException,
///         }
/// }
/// ```
#[macro_export]
macro_rules! recorded_operation {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident => $op:ty,
            $error:ty { $($variant:ident),+ $(,)? }
    ) => {
        $(#[$attr])*
        $vis struct $name;

        impl $crate::recorded::RecordedOperation for $name {
            type Op = $op;

            fn input_from_json(
                value: $crate::recorded::__rt::serde_json::Value,
            ) -> ::std::result::Result<$crate::recorded::InputOf<Self>, ::std::string::String> {
                $crate::recorded::__rt::serde_json::from_value(value).map_err(|e| e.to_string())
            }

            fn input_to_json(
                input: &$crate::recorded::InputOf<Self>,
            ) -> ::std::result::Result<
                $crate::recorded::__rt::serde_json::Value,
                ::std::string::String,
            > {
                $crate::recorded::__rt::serde_json::to_value(input).map_err(|e| e.to_string())
            }

            fn output_to_json(
                output: &$crate::recorded::OutputOf<Self>,
            ) -> ::std::result::Result<::std::string::String, ::std::string::String> {
                $crate::recorded::__rt::serde_json::to_string(output).map_err(|e| e.to_string())
            }

            fn output_from_json(
                text: &str,
            ) -> ::std::result::Result<$crate::recorded::OutputOf<Self>, ::std::string::String> {
                $crate::recorded::__rt::serde_json::from_str(text).map_err(|e| e.to_string())
            }

            fn output_request_id(output: &$crate::recorded::OutputOf<Self>) -> ::std::option::Option<&str> {
                output.request_id()
            }

            fn error_facts(error: &$crate::recorded::ErrorOf<Self>) -> $crate::recorded::ErrorFacts {
                type Error = $error;
                let variant = match error {
                    $(Error::$variant(_) => ::std::stringify!($variant),)+
                    Error::Unhandled(_) => "Unhandled",
                    Error::InvalidResponse(_) => "InvalidResponse",
                    _ => "(a variant missing from recorded_operation!)",
                };
                $crate::recorded::ErrorFacts {
                    variant,
                    code: error.code().to_owned(),
                    message: error.message().map(str::to_owned),
                    request_id: error.request_id().map(str::to_owned),
                    retryable: error.is_retryable(),
                }
            }
        }
    };
}

/// The directory of recorded cases: `tests/recorded/` of this package.
pub fn recorded_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("recorded")
}

/// Runs every response case in `dir` (relative to [`recorded_root`]) and panics, listing
/// every failing file, if any fails or if there are fewer than `min_cases` cases.
pub fn run_response_cases<R: RecordedOperation>(dir: &str, min_cases: usize) {
    run_cases(dir, min_cases, "response", check_response_case::<R>);
}

/// Runs every request case in `dir` (relative to [`recorded_root`]) and panics, listing
/// every failing file, if any fails or if there are fewer than `min_cases` cases.
pub fn run_request_cases<R: RecordedOperation>(dir: &str, min_cases: usize) {
    run_cases(dir, min_cases, "request", check_request_case::<R>);
}

/// At most this many differences are listed per failing case.
const MAX_PROBLEMS_SHOWN: usize = 15;

/// What went wrong with one case: a list of differences, each a line.
type Problems = Vec<String>;

fn run_cases(dir: &str, min_cases: usize, kind: &str, check: fn(&Map<String, Value>) -> Problems) {
    let dir_path = recorded_root().join(dir);
    let mut failures: Vec<(String, Problems)> = Vec::new();
    let files = match list_case_files(&dir_path) {
        Ok(files) => files,
        Err(e) => panic!(
            "cannot list the {kind} cases in {}: {e}",
            dir_path.display()
        ),
    };
    let mut numbers: BTreeMap<&str, &str> = BTreeMap::new();
    for name in &files {
        let mut problems = Problems::new();
        if let Err(e) = check_file_name(name) {
            problems.push(e);
        } else if let Some(earlier) = numbers.insert(&name[..3], name) {
            problems.push(format!("its number is already used by {earlier}"));
        }
        match load_case(&dir_path.join(name)) {
            Ok(case) => problems.extend(check(&case)),
            Err(e) => problems.push(e),
        }
        if !problems.is_empty() {
            failures.push((name.clone(), problems));
        }
    }
    let mut report = String::new();
    if files.len() < min_cases {
        let _ = writeln!(
            report,
            "only {} {kind} cases in {}, expected at least {min_cases}: was a case deleted?",
            files.len(),
            dir_path.display(),
        );
    }
    if !failures.is_empty() {
        let _ = writeln!(
            report,
            "{} of {} {kind} cases in {} failed:",
            failures.len(),
            files.len(),
            dir_path.display(),
        );
        for (name, problems) in &failures {
            let _ = writeln!(report, "\n--- {name}");
            for problem in problems.iter().take(MAX_PROBLEMS_SHOWN) {
                let _ = writeln!(report, "  {problem}");
            }
            if problems.len() > MAX_PROBLEMS_SHOWN {
                let _ = writeln!(
                    report,
                    "  ... and {} more",
                    problems.len() - MAX_PROBLEMS_SHOWN
                );
            }
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

/// The names of the entries of `dir`, sorted. Anything but a `.json` file is reported by
/// [`check_file_name`] or [`load_case`].
fn list_case_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// Case files are named `NNN-short-name.json`: three digits, then lowercase words.
fn check_file_name(name: &str) -> Result<(), String> {
    let stem = name.strip_suffix(".json");
    let ok = stem.is_some_and(|stem| {
        let bytes = stem.as_bytes();
        bytes.len() > 4
            && bytes[..3].iter().all(u8::is_ascii_digit)
            && bytes[3] == b'-'
            && bytes[4..]
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    });
    if ok {
        Ok(())
    } else {
        Err("the file name is not of the form `NNN-short-name.json`".to_owned())
    }
}

/// Reads a case file: a JSON object, written the canonical way (pretty-printed with a
/// 2-space indent and a final newline), so that every case reads alike.
fn load_case(path: &Path) -> Result<Map<String, Value>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("the file is not valid JSON: {e}"))?;
    let canonical = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())? + "\n";
    if text != canonical {
        let line = text
            .lines()
            .zip(canonical.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| text.lines().count().min(canonical.lines().count()));
        return Err(format!(
            "the file is not pretty-printed JSON with a 2-space indent and a final newline \
             (first difference at line {}; rewrite it with serde_json::to_string_pretty)",
            line + 1,
        ));
    }
    match value {
        Value::Object(map) => Ok(map),
        _ => Err("the file does not hold a JSON object".to_owned()),
    }
}

fn check_response_case<R: RecordedOperation>(case: &Map<String, Value>) -> Problems {
    let mut problems = Problems::new();
    check_keys(
        case,
        "",
        &["rule", "response", "expect"],
        &["rule", "response", "expect"],
        &mut problems,
    );
    check_rule(case, &mut problems);
    let (Some(response), Some(expect)) = (case.get("response"), case.get("expect")) else {
        return problems;
    };
    let response = match build_response(response) {
        Ok(response) => response,
        Err(e) => {
            problems.push(e);
            return problems;
        }
    };
    let Some(expect) = expect.as_object() else {
        problems.push("`expect` must be an object".to_owned());
        return problems;
    };
    let result = <R::Op as Operation>::parse_response(&response);
    if expect.contains_key("error") {
        check_keys(expect, "expect", &["error"], &["error"], &mut problems);
        match &result {
            Ok(output) => problems.push(format!(
                "expected an error, but the response was read as an output: {}",
                R::output_to_json(output).unwrap_or_else(|e| format!("(no JSON form: {e})")),
            )),
            Err(error) => check_error::<R>(&expect["error"], error, &mut problems),
        }
    } else {
        check_keys(
            expect,
            "expect",
            &["output", "request_id"],
            &["output", "request_id"],
            &mut problems,
        );
        match &result {
            Ok(output) => check_output::<R>(expect, output, &mut problems),
            Err(error) => {
                let facts = R::error_facts(error);
                problems.push(format!(
                    "expected an output, but the response was read as the error {}: {error}",
                    facts.variant,
                ));
            }
        }
    }
    problems
}

/// Builds the HTTP response a response case describes.
fn build_response(response: &Value) -> Result<http::Response<Vec<u8>>, String> {
    let response = response.as_object().ok_or("`response` must be an object")?;
    let mut problems = Problems::new();
    check_keys(
        response,
        "response",
        &["status", "body"],
        &["status", "headers", "body"],
        &mut problems,
    );
    if let Some(problem) = problems.into_iter().next() {
        return Err(problem);
    }
    let status = response["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("`response.status` must be an HTTP status code")?;
    let mut builder = http::Response::builder().status(status);
    match response.get("headers") {
        None => {}
        Some(Value::Object(headers)) => {
            for (name, value) in headers {
                let value = value
                    .as_str()
                    .ok_or_else(|| format!("`response.headers.{name}` must be a string"))?;
                builder = builder.header(name.as_str(), value);
            }
        }
        Some(_) => return Err("`response.headers` must be an object".to_owned()),
    }
    let body = match &response["body"] {
        Value::Object(raw) if raw.len() == 1 && raw.contains_key("raw") => raw["raw"]
            .as_str()
            .ok_or("`response.body.raw` must be a string")?
            .as_bytes()
            .to_vec(),
        json => serde_json::to_vec(json).map_err(|e| e.to_string())?,
    };
    builder
        .body(body)
        .map_err(|e| format!("`response` is not a valid HTTP response: {e}"))
}

fn check_output<R: RecordedOperation>(
    expect: &Map<String, Value>,
    output: &OutputOf<R>,
    problems: &mut Problems,
) {
    let request_id = R::output_request_id(output).map_or(Value::Null, Value::from);
    compare(
        "expect.request_id",
        expect.get("request_id"),
        &request_id,
        problems,
    );
    let text = match R::output_to_json(output) {
        Ok(text) => text,
        Err(e) => {
            problems.push(format!("the output has no JSON form: {e}"));
            return;
        }
    };
    let Ok(actual) = serde_json::from_str::<Value>(&text) else {
        problems.push(format!("the output's JSON form does not parse: {text}"));
        return;
    };
    if let Some(expected) = expect.get("output") {
        diff("expect.output", expected, &actual, problems);
    }
    // The serde form must survive a round trip: what is read back serializes the same.
    match R::output_from_json(&text) {
        Ok(again) => match R::output_to_json(&again).map(|t| serde_json::from_str::<Value>(&t)) {
            Ok(Ok(again)) => diff("serde round trip", &actual, &again, problems),
            Ok(Err(e)) => problems.push(format!(
                "serde round trip: the JSON form does not parse: {e}"
            )),
            Err(e) => problems.push(format!("serde round trip: no JSON form: {e}")),
        },
        Err(e) => problems.push(format!(
            "serde round trip: the JSON form does not deserialize: {e}"
        )),
    }
}

fn check_error<R: RecordedOperation>(
    expected: &Value,
    error: &ErrorOf<R>,
    problems: &mut Problems,
) {
    let Some(expected) = expected.as_object() else {
        problems.push("`expect.error` must be an object".to_owned());
        return;
    };
    let fields = [
        "variant",
        "code",
        "message",
        "request_id",
        "retryable",
        "display",
    ];
    check_keys(expected, "expect.error", &fields, &fields, problems);
    let facts = R::error_facts(error);
    let optional = |s: Option<String>| s.map_or(Value::Null, Value::from);
    let actual = [
        ("variant", Value::from(facts.variant)),
        ("code", Value::from(facts.code)),
        ("message", optional(facts.message)),
        ("request_id", optional(facts.request_id)),
        ("retryable", Value::from(facts.retryable)),
        ("display", Value::from(error.to_string())),
    ];
    for (field, actual) in actual {
        if expected.contains_key(field) {
            compare(
                &format!("expect.error.{field}"),
                expected.get(field),
                &actual,
                problems,
            );
        }
    }
}

fn check_request_case<R: RecordedOperation>(case: &Map<String, Value>) -> Problems {
    let mut problems = Problems::new();
    check_keys(
        case,
        "",
        &["rule", "input", "expect"],
        &["rule", "input", "validate", "expect"],
        &mut problems,
    );
    check_rule(case, &mut problems);
    // `"validate": false` builds the request without checking the model's constraints,
    // as a caller talking to a newer service would.
    let validate = match case.get("validate") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            problems.push("`validate` must be a boolean".to_owned());
            return problems;
        }
    };
    let (Some(input), Some(expect)) = (case.get("input"), case.get("expect")) else {
        return problems;
    };
    let written = input;
    let input = match R::input_from_json(written.clone()) {
        Ok(input) => input,
        Err(e) => {
            problems.push(format!("`input` is not an input of the operation: {e}"));
            return problems;
        }
    };
    // Serde skips members it does not know, so a misspelt member would silently be unset:
    // the input must serialize back to exactly what the case says.
    match R::input_to_json(&input) {
        Ok(again) => diff("input (serde round trip)", written, &again, &mut problems),
        Err(e) => problems.push(format!("`input` has no JSON form: {e}")),
    }
    let Some(expect) = expect.as_object() else {
        problems.push("`expect` must be an object".to_owned());
        return problems;
    };
    let options = mpa::SerializeOptions::default().validate(validate);
    let result = <R::Op as Operation>::serialize_request_with(&input, options);
    if let Some(expected) = expect.get("error") {
        check_keys(expect, "expect", &["error"], &["error"], &mut problems);
        let Some(expected) = expected.as_str() else {
            problems.push("`expect.error` must be a string".to_owned());
            return problems;
        };
        match result {
            Ok(request) => problems.push(format!(
                "expected a SerializeError containing {expected:?}, but a request was built: {} {}",
                request.method(),
                request.uri(),
            )),
            Err(e) if !e.to_string().contains(expected) => problems.push(format!(
                "expect.error: expected a SerializeError containing {expected:?}, got {:?}",
                e.to_string(),
            )),
            Err(_) => {}
        }
        return problems;
    }
    check_keys(
        expect,
        "expect",
        &["method", "path", "query", "headers", "body"],
        &["method", "path", "query", "headers", "body", "body_exact"],
        &mut problems,
    );
    let request = match result {
        Ok(request) => request,
        Err(e) => {
            problems.push(format!(
                "expected a request, but serialize_request failed: {e}"
            ));
            return problems;
        }
    };
    let uri = request.uri();
    compare(
        "expect.method",
        expect.get("method"),
        &Value::from(request.method().as_str()),
        &mut problems,
    );
    compare(
        "expect.path",
        expect.get("path"),
        &Value::from(uri.path()),
        &mut problems,
    );
    let query = uri.query().map_or(Value::Null, Value::from);
    compare("expect.query", expect.get("query"), &query, &mut problems);
    match expect.get("headers") {
        Some(Value::Object(headers)) => {
            for (name, expected) in headers {
                let values: Vec<Value> = request
                    .headers()
                    .get_all(name.as_str())
                    .iter()
                    .map(|v| {
                        v.to_str()
                            .map_or_else(|_| Value::from(format!("{v:?}")), Value::from)
                    })
                    .collect();
                let actual = match values.as_slice() {
                    [] => Value::Null,
                    [one] => one.clone(),
                    _ => Value::Array(values),
                };
                compare(
                    &format!("expect.headers.{name}"),
                    Some(expected),
                    &actual,
                    &mut problems,
                );
            }
        }
        Some(_) => problems.push("`expect.headers` must be an object".to_owned()),
        None => {}
    }
    let body = request.body();
    match (expect.get("body"), serde_json::from_slice::<Value>(body)) {
        // `"body": null`: no body at all, as for a request with no member bound to it.
        (Some(Value::Null), _) if body.is_empty() => {}
        (Some(Value::Null), _) => problems.push(format!(
            "expect.body: expected no body, got {:?}",
            String::from_utf8_lossy(body),
        )),
        (expected, Ok(actual)) => {
            if let Some(expected) = expected {
                diff("expect.body", expected, &actual, &mut problems);
            }
        }
        (_, Err(e)) => problems.push(format!(
            "the request body is not JSON ({e}): {}",
            String::from_utf8_lossy(body),
        )),
    }
    match expect.get("body_exact") {
        Some(Value::String(exact)) if body != exact.as_bytes() => problems.push(format!(
            "expect.body_exact: expected {exact:?}, got {:?}",
            String::from_utf8_lossy(body),
        )),
        Some(Value::String(_)) | None => {}
        Some(_) => problems.push("`expect.body_exact` must be a string".to_owned()),
    }
    problems
}

/// Reports missing required keys and keys outside `allowed` (likely typos).
fn check_keys(
    map: &Map<String, Value>,
    at: &str,
    required: &[&str],
    allowed: &[&str],
    problems: &mut Problems,
) {
    let name = |key: &str| {
        if at.is_empty() {
            key.to_owned()
        } else {
            format!("{at}.{key}")
        }
    };
    for key in required {
        if !map.contains_key(*key) {
            problems.push(format!("`{}` is missing", name(key)));
        }
    }
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            problems.push(format!("`{}` is not part of the case format", name(key)));
        }
    }
}

/// Every case says, in one sentence, which protocol rule it checks.
fn check_rule(case: &Map<String, Value>, problems: &mut Problems) {
    match case.get("rule") {
        Some(Value::String(rule)) if !rule.trim().is_empty() => {}
        Some(_) => problems.push("`rule` must be a non-empty string".to_owned()),
        None => {}
    }
}

fn compare(at: &str, expected: Option<&Value>, actual: &Value, problems: &mut Problems) {
    match expected {
        Some(expected) if expected == actual => {}
        Some(expected) => problems.push(format!("{at}: expected {expected}, got {actual}")),
        None => problems.push(format!(
            "{at}: not given in the case; the actual value is {actual}"
        )),
    }
}

/// Lists where two JSON values differ, by path (`at.Sessions[3].Status`). Object member
/// order does not matter.
fn diff(at: &str, expected: &Value, actual: &Value, problems: &mut Problems) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, e_value) in e {
                let path = format!("{at}.{key}");
                match a.get(key) {
                    Some(a_value) => diff(&path, e_value, a_value, problems),
                    None => problems.push(format!("{path}: expected {e_value}, but it is absent")),
                }
            }
            for (key, a_value) in a {
                if !e.contains_key(key) {
                    problems.push(format!("{at}.{key}: not expected, got {a_value}"));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                problems.push(format!("{at}: expected {} items, got {}", e.len(), a.len()));
            }
            for (i, (e_item, a_item)) in e.iter().zip(a).enumerate() {
                diff(&format!("{at}[{i}]"), e_item, a_item, problems);
            }
        }
        _ if expected == actual => {}
        _ => problems.push(format!("{at}: expected {expected}, got {actual}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn file_names() {
        assert!(check_file_name("001-empty-page.json").is_ok());
        assert!(check_file_name("042-x.json").is_ok());
        for bad in [
            "1-a.json",
            "001-.json",
            "001_a.json",
            "001-A.json",
            "001-a.txt",
            "README.md",
        ] {
            assert!(check_file_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn diffs_name_each_difference() {
        let mut problems = Problems::new();
        diff(
            "x",
            &json!({"a": [1, 2], "b": {"c": "d"}, "gone": 1}),
            &json!({"b": {"c": "e"}, "a": [1, 3, 4], "new": true}),
            &mut problems,
        );
        assert_eq!(
            problems,
            [
                "x.a: expected 2 items, got 3",
                "x.a[1]: expected 2, got 3",
                "x.b.c: expected \"d\", got \"e\"",
                "x.gone: expected 1, but it is absent",
                "x.new: not expected, got true",
            ]
        );
        let mut none = Problems::new();
        diff(
            "x",
            &json!({"a": 1, "b": 2}),
            &json!({"b": 2, "a": 1}),
            &mut none,
        );
        assert!(none.is_empty());
    }

    #[test]
    fn raw_and_json_bodies() {
        let raw = build_response(&json!({"status": 502, "body": {"raw": "<html>"}})).unwrap();
        assert_eq!(
            (raw.status().as_u16(), raw.body().as_slice()),
            (502, &b"<html>"[..])
        );
        let value =
            json!({"status": 200, "headers": {"x-amzn-requestid": "r"}, "body": {"A": "é"}});
        let json = build_response(&value).unwrap();
        assert_eq!(json.body().as_slice(), "{\"A\":\"é\"}".as_bytes());
        assert_eq!(json.headers()["x-amzn-requestid"], "r");
        assert!(build_response(&json!({"status": 200})).is_err());
        assert!(build_response(&json!({"status": 200, "body": {}, "extra": 1})).is_err());
    }
}
