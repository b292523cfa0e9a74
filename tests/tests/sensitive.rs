//! `@sensitive` values never show in formatted text.
//!
//! Every string of every input, output and error the model describes gets a marker: a
//! sensitive one (the member, its target, or the list or map it sits in is `@sensitive`)
//! gets `S3CRET-<n>-<Shape>-<member>`, any other `PLAIN-<n>-<Shape>-<member>`; map keys
//! of sensitive maps are markers too. Then, for each operation, whatever the crate formats
//! (`{:?}` of inputs and outputs, `{}` and `{:?}` of every error and of its sources) must
//! hold no `S3CRET`, and, so that the check is known to see what it looks for, must hold
//! every `PLAIN` marker of the value it formats.
//!
//! Request bodies are not searched: they carry sensitive values on purpose (they are sent).

use std::collections::BTreeSet;

use mpa::SerializeOptions;
use mpa_tests::model_values::{
    AnyOperation, Form, Instance, OperationShape, Options, Parsed, StringSite, all_operations,
    conforming, local_name, model, operation, response,
};
use serde_json::Value;

const SECRET: &str = "S3CRET";
const PLAIN: &str = "PLAIN";

/// A marker placed in an instance.
#[derive(Debug, Clone)]
struct Planted {
    marker: String,
    sensitive: bool,
    /// `Shape$member` and the JSON pointer, for messages.
    place: String,
}

/// Builds instances with markers, numbering them across the whole test so that no marker
/// is a prefix of another.
struct Marker {
    next: usize,
}

impl Marker {
    /// An instance of `shape` with a marker in every string. `replace(k, site, value)` may
    /// change the k-th string chosen (counted from 0 in this instance).
    fn build(
        &mut self,
        shape: &str,
        form: Form,
        items: usize,
        mut replace: impl FnMut(usize, &StringSite<'_>, String) -> String,
    ) -> (Instance, Vec<Planted>) {
        let mut planted = Vec::new();
        let mut visited = 0;
        let next = &mut self.next;
        let mut hook = |site: &StringSite<'_>| {
            *next += 1;
            let prefix = if site.sensitive { SECRET } else { PLAIN };
            let member: String = site
                .member
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let marker = format!("{prefix}-{next}-{}-{member}", local_name(site.shape));
            let value = conforming(site, &marker);
            let value = replace(visited, site, value);
            visited += 1;
            if value.contains(&marker) {
                planted.push(Planted {
                    marker,
                    sensitive: site.sensitive,
                    place: format!(
                        "{}${} at `{}`",
                        local_name(site.shape),
                        site.member,
                        site.pointer
                    ),
                });
            } else {
                assert!(
                    !site.sensitive,
                    "no room for a marker in the sensitive {}${}",
                    site.shape, site.member
                );
            }
            value
        };
        let mut options = Options {
            form,
            items,
            union_member: 0,
            string: &mut hook,
        };
        let instance = model().instance(shape, &mut options);
        (instance, planted)
    }
}

/// Failures, gathered so that one run reports them all.
#[derive(Default)]
struct Report {
    failures: Vec<String>,
    checked_texts: usize,
    secrets_planted: usize,
}

impl Report {
    /// `text` holds no secret marker, and holds every plain marker of `expected`.
    fn check(&mut self, what: &str, text: &str, expected: &[Planted]) {
        self.checked_texts += 1;
        if let Some(at) = text.find(SECRET) {
            let end = text[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(text.len(), |n| at + n);
            self.failures.push(format!(
                "{what}: shows the sensitive value `{}` in: {text}",
                &text[at..end]
            ));
        }
        for planted in expected.iter().filter(|p| !p.sensitive) {
            if !text.contains(&planted.marker) {
                self.failures.push(format!(
                    "{what}: lacks the plain value `{}` ({}) in: {text}",
                    planted.marker, planted.place
                ));
            }
        }
    }

    /// No secret marker in any text of `parsed`; plain markers of `expected` in its `Debug`.
    fn check_parsed(&mut self, what: &str, parsed: &Parsed, expected: &[Planted]) {
        for (i, text) in parsed.texts().into_iter().enumerate() {
            // The Debug text (the output's, or the error's second text) holds everything.
            let debug = matches!(
                (parsed, i),
                (Parsed::Output { .. }, 0) | (Parsed::Error { .. }, 1)
            );
            self.check(what, text, if debug { expected } else { &[] });
        }
    }

    fn fail(&mut self, message: String) {
        self.failures.push(message);
    }

    fn finish(self) {
        assert!(self.secrets_planted > 0, "no sensitive value was planted");
        assert!(
            self.failures.is_empty(),
            "{} failure(s) in {} formatted texts:\n{}",
            self.failures.len(),
            self.checked_texts,
            self.failures.join("\n")
        );
    }
}

fn body_of(instance: &Instance) -> Vec<u8> {
    serde_json::to_vec(&instance.value).expect("JSON")
}

#[test]
fn every_model_operation_is_listed() {
    let listed: BTreeSet<&str> = all_operations().iter().map(|o| o.name()).collect();
    let modeled: BTreeSet<String> = model().operations().into_iter().map(|o| o.name).collect();
    assert_eq!(listed.len(), 22);
    assert_eq!(listed, modeled.iter().map(String::as_str).collect());
}

#[test]
fn the_model_has_sensitive_members_in_inputs_outputs_and_maps() {
    // What the other tests rely on: sensitive strings exist where they look for them.
    let sensitive = |shape: &str, items: usize| {
        let (_, planted) = Marker { next: 0 }.build(shape, Form::Wire, items, |_, _, v| v);
        planted.iter().filter(|p| p.sensitive).count()
    };
    // Description, and two tag keys and values.
    assert_eq!(
        sensitive("com.amazonaws.mpa#CreateApprovalTeamRequest", 2),
        5
    );
    assert_eq!(sensitive("com.amazonaws.mpa#UntagResourceRequest", 2), 2);
    // Description, RequesterComment, and two metadata keys and values.
    assert_eq!(sensitive("com.amazonaws.mpa#GetSessionResponse", 2), 6);
    assert_eq!(
        sensitive("com.amazonaws.mpa#ListTagsForResourceResponse", 1),
        2
    );
    assert_eq!(sensitive("com.amazonaws.mpa#ListSessionsRequest", 2), 0);
}

#[test]
fn the_checks_see_leaks_and_omissions() {
    // Formatting the raw JSON instead of the crate's types shows everything: caught.
    let (instance, planted) = Marker { next: 0 }.build(
        "com.amazonaws.mpa#GetSessionResponse",
        Form::Serde,
        2,
        |_, _, v| v,
    );
    let mut report = Report::default();
    report.check("raw JSON", &instance.value.to_string(), &planted);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert!(report.failures[0].contains("shows the sensitive value `S3CRET-"));
    // A text that lacks a plain value: caught, once per missing value.
    let mut report = Report::default();
    report.check("empty", "", &planted);
    let plain = planted.iter().filter(|p| !p.sensitive).count();
    assert!(plain > 10);
    assert_eq!(report.failures.len(), plain);
}

#[test]
fn inputs_and_their_serialize_errors_hide_sensitive_values() {
    let mut report = Report::default();
    let mut marker = Marker { next: 0 };
    for shape in model().operations() {
        let op = operation(&shape.name);
        check_input(op, &shape, &mut marker, &mut report);
        check_input_violations(op, &shape, &mut marker, &mut report);
    }
    report.finish();
}

/// The input's `Debug`, and the request it builds (which must carry its secrets).
fn check_input(
    op: &dyn AnyOperation,
    shape: &OperationShape,
    marker: &mut Marker,
    report: &mut Report,
) {
    let (instance, planted) = marker.build(&shape.input, Form::Serde, 2, |_, _, v| v);
    report.secrets_planted += planted.iter().filter(|p| p.sensitive).count();
    let what = format!("{} input", shape.name);
    let serialized = match op.serialize_json(instance.value.clone(), SerializeOptions::default()) {
        Ok(serialized) => serialized,
        Err(e) => return report.fail(e),
    };
    report.check(&format!("{what} {{:?}}"), &serialized.input_debug, &planted);
    match &serialized.request {
        Ok(request) => {
            // Sensitive values are sent: the markers are really there to be hidden.
            let sent = format!(
                "{} {}",
                request.uri(),
                String::from_utf8_lossy(request.body())
            );
            for secret in planted.iter().filter(|p| p.sensitive) {
                if !sent.contains(&secret.marker) {
                    report.fail(format!(
                        "{what}: the request does not send {} ({})",
                        secret.marker, secret.place
                    ));
                }
            }
        }
        Err(e) => {
            report.check(
                &format!("{what}: serialize error"),
                &format!("{e} {e:?}"),
                &[],
            );
            report.fail(format!("{what}: a valid input was refused: {e}"));
        }
    }
}

/// Inputs whose sensitive strings break `@length` or `@pattern` on purpose: the errors
/// name the member and the constraint, never the value.
fn check_input_violations(
    op: &dyn AnyOperation,
    shape: &OperationShape,
    marker: &mut Marker,
    report: &mut Report,
) {
    // Which strings (by visiting order) are sensitive and constrained.
    let mut targets = Vec::new();
    marker.build(&shape.input, Form::Serde, 2, |k, site, v| {
        if site.sensitive && site.max_length.is_some() {
            targets.push((k, "length"));
        }
        if site.sensitive && site.pattern.is_some() {
            targets.push((k, "pattern"));
        }
        v
    });
    for (target, how) in targets {
        let mut broken_place = String::new();
        let (instance, planted) = marker.build(&shape.input, Form::Serde, 2, |k, site, v| {
            if k != target {
                return v;
            }
            broken_place = format!("{}${} ({how})", local_name(site.shape), site.member);
            match how {
                "length" => {
                    let max = usize::try_from(site.max_length.unwrap_or(0)).unwrap_or(0);
                    format!("{v}{}", "x".repeat(max + 1))
                }
                _ => format!("{v} \u{7}!"),
            }
        });
        let what = format!("{} input with a broken {broken_place}", shape.name);
        let serialized = match op.serialize_json(instance.value, SerializeOptions::default()) {
            Ok(serialized) => serialized,
            Err(e) => {
                report.fail(e);
                continue;
            }
        };
        report.check(&format!("{what} {{:?}}"), &serialized.input_debug, &planted);
        match &serialized.request {
            Ok(_) => report.fail(format!("{what}: was not refused")),
            Err(e) => {
                let Some(validation) = e.validation() else {
                    report.fail(format!("{what}: refused, but not for a constraint: {e}"));
                    continue;
                };
                report.check(&format!("{what}: SerializeError {{}}"), &e.to_string(), &[]);
                report.check(
                    &format!("{what}: SerializeError {{:?}}"),
                    &format!("{e:?}"),
                    &[],
                );
                report.check(
                    &format!("{what}: member()"),
                    e.member().unwrap_or_default(),
                    &[],
                );
                report.check(
                    &format!("{what}: ValidationError {{}}"),
                    &validation.to_string(),
                    &[],
                );
                report.check(
                    &format!("{what}: ValidationError {{:?}}"),
                    &format!("{validation:?}"),
                    &[],
                );
                report.check(&format!("{what}: path()"), validation.path(), &[]);
                report.check(
                    &format!("{what}: constraint()"),
                    validation.constraint(),
                    &[],
                );
            }
        }
    }
}

#[test]
fn outputs_hide_sensitive_values() {
    let mut report = Report::default();
    let mut marker = Marker { next: 0 };
    for shape in model().operations() {
        let op = operation(&shape.name);
        // The serde form, read back.
        let (instance, planted) = marker.build(&shape.output, Form::Serde, 2, |_, _, v| v);
        report.secrets_planted += planted.iter().filter(|p| p.sensitive).count();
        match op.output_debug_from_json(instance.value) {
            Ok(debug) => report.check(
                &format!("{} output (serde) {{:?}}", shape.name),
                &debug,
                &planted,
            ),
            Err(e) => report.fail(e),
        }
        // The wire form, parsed from a 200 response.
        for items in [1, 2] {
            let (instance, planted) = marker.build(&shape.output, Form::Wire, items, |_, _, v| v);
            let what = format!("{} output ({items} item(s) per list)", shape.name);
            let parsed = op.parse(&response(200, None, body_of(&instance)));
            if let Some(variant) = parsed.variant() {
                report.fail(format!(
                    "{what}: a valid body was refused: {variant}: {:?}",
                    parsed.texts()
                ));
            }
            report.check_parsed(&what, &parsed, &planted);
        }
    }
    report.finish();
}

#[test]
fn unreadable_outputs_hide_sensitive_values() {
    // A body broken right after a sensitive value: the error says where, not what.
    let mut report = Report::default();
    let mut marker = Marker { next: 0 };
    for shape in model().operations() {
        let op = operation(&shape.name);
        let (instance, planted) = marker.build(&shape.output, Form::Wire, 2, |_, _, v| v);
        let body = body_of(&instance);
        for secret in planted.iter().filter(|p| p.sensitive) {
            report.secrets_planted += 1;
            let text = String::from_utf8(body.clone()).expect("UTF-8");
            let end = text.find(&secret.marker).expect("planted") + secret.marker.len();
            let broken = [
                // Cut off inside the string.
                text.as_bytes()[..end].to_vec(),
                // A raw control character inside the string.
                format!("{}\u{1}{}", &text[..end], &text[end..]).into_bytes(),
                // Invalid UTF-8 inside the string.
                [&text.as_bytes()[..end], b"\xff", &text.as_bytes()[end..]].concat(),
                // A value after the whole document.
                format!("{text} \"{}\"", secret.marker).into_bytes(),
            ];
            for (i, body) in broken.into_iter().enumerate() {
                let what = format!(
                    "{} output broken after {} (way {i})",
                    shape.name, secret.place
                );
                let parsed = op.parse(&response(200, None, body));
                if parsed.variant() != Some("InvalidResponse") {
                    report.fail(format!(
                        "{what}: not an InvalidResponse: {:?}",
                        parsed.texts()
                    ));
                }
                report.check_parsed(&what, &parsed, &[]);
            }
        }
    }
    report.finish();
}

#[test]
fn error_responses_hide_sensitive_values() {
    let mut report = Report::default();
    let mut marker = Marker { next: 0 };
    // Sensitive values in an error body's unknown members, too.
    let (secrets, planted_secrets) =
        marker.build("com.amazonaws.mpa#Tags", Form::Wire, 2, |_, _, v| v);
    report.secrets_planted += planted_secrets.len();
    for shape in model().operations() {
        let op = operation(&shape.name);
        for error in &shape.errors {
            let name = local_name(error);
            let (mut instance, planted) = marker.build(error, Form::Wire, 2, |_, _, v| v);
            if let Value::Object(members) = &mut instance.value {
                members.insert("SecretTags".to_owned(), secrets.value.clone());
            }
            let what = format!("{} error {name}", shape.name);
            let status = model().error_status(error);
            let parsed = op.parse(&response(status, Some(name), body_of(&instance)));
            if parsed.variant() != Some(name) {
                report.fail(format!(
                    "{what}: read as {:?}: {:?}",
                    parsed.variant(),
                    parsed.texts()
                ));
            }
            report.check_parsed(&what, &parsed, &planted);
            // The same body, the code only in it (`__type`), and a broken copy.
            instance.value["__type"] = Value::String(format!("com.amazonaws.mpa#{name}"));
            let parsed = op.parse(&response(status, None, body_of(&instance)));
            if parsed.variant() != Some(name) {
                report.fail(format!(
                    "{what} (code in the body): read as {:?}",
                    parsed.variant()
                ));
            }
            report.check_parsed(&format!("{what} (code in the body)"), &parsed, &planted);
            let mut broken = body_of(&instance);
            broken.truncate(broken.len() - 1);
            let parsed = op.parse(&response(status, Some(name), broken));
            if parsed.variant() != Some("InvalidResponse") {
                report.fail(format!("{what} (broken): read as {:?}", parsed.variant()));
            }
            report.check_parsed(&format!("{what} (broken)"), &parsed, &[]);
        }
    }
    report.finish();
}
