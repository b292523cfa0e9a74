//! The worked example's code blocks in the generated README (its front page, so run as
//! doctests): a call with the blocking client, the wire code on its own (request, response,
//! a typed error), and a paginator over a stand-in transport.

use super::example_code::{builder, byte_string, calls, path, program_command, program_does, raw_string, used_imports};
use std::collections::BTreeMap;
use crate::ir::CrateIr;
use crate::ir::example::{Body, Comparison, ExampleIr, OutputCheck, Response, TokenCheck};

/// What the README template shows of the example.
#[derive(Debug)]
pub(super) struct Readme {
    /// ```` ```rust,no_run ```` blocks, whole.
    pub client: String,
    pub async_client: String,
    pub wire: String,
    pub pages: Option<String>,
    /// A unit test with a mock client; none when validation is off for the example (a mock
    /// client validates as the default settings do).
    pub mock: Option<String>,
    /// The output member the paginator follows.
    pub token_member: String,
    /// `cargo run` of the example program, and what it prints.
    pub program_command: String,
    pub program_prints: String,
    /// The members whose `@pattern` no example value was found for (validation is off).
    pub unchecked: Vec<String>,
}

pub(super) fn readme(ir: &CrateIr) -> Option<Readme> {
    let example = ir.example.as_ref()?;
    let c = ir.package.replace('-', "_");
    let program = &example.program;
    Some(Readme {
        client: client(&c, example),
        async_client: async_client(&c, example),
        wire: wire(&c, example),
        pages: pages(&c, example),
        mock: mock(&c, example),
        token_member: example.pages.as_ref().map(|p| p.token_member.clone()).unwrap_or_default(),
        program_command: program_command(program, ""),
        program_prints: format!("calls `{}` and {}", example.operation, program_does(&program.listing)),
        unchecked: example.unchecked.clone(),
    })
}

/// `use` lines: `extra` from the crate, `items` from the operation's module (one alone goes
/// without braces), then the types the first `setters` of the input name, a line per module.
fn uses(c: &str, e: &ExampleIr, setters: usize, items: &[&str], extra: &[&str]) -> String {
    let mut out = String::new();
    for line in extra {
        out.push_str(&format!("use {c}::{line};\n"));
    }
    match items {
        [] => {}
        [one] => out.push_str(&format!("use {}::{one};\n", path(c, &e.operation_module))),
        items => out.push_str(&format!("use {}::{{{}}};\n", path(c, &e.operation_module), items.join(", "))),
    }
    if !e.unchecked.is_empty() {
        out.push_str(&format!("use {c}::SerializeOptions;\n"));
    }
    let mut modules: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for import in used_imports(e, &e.input[..setters]) {
        let (module, name) = import.rsplit_once("::").unwrap_or(("crate", import));
        modules.entry(module).or_default().push(name);
    }
    for (module, names) in modules {
        let names = if names.len() == 1 { names[0].to_owned() } else { format!("{{{}}}", names.join(", ")) };
        out.push_str(&format!("use {}::{names};\n", path(c, module)));
    }
    out
}

/// `let input = ...;` with the first `setters` of the example.
fn input(c: &str, e: &ExampleIr, setters: usize) -> String {
    format!("let input = {};\n", builder(c, &e.input_type, &e.input[..setters], 0))
}

fn fenced(kind: &str, body: &str) -> String {
    format!("```{kind}\n{body}# Ok::<(), Box<dyn std::error::Error>>(())\n```\n")
}

/// `client.list_sessions()` and the required members' setters, a call a line from
/// `indent` (the fluent call's start).
fn fluent_call(c: &str, e: &ExampleIr, indent: usize) -> String {
    let pad = " ".repeat(indent + 4);
    let mut out = format!("client\n{pad}.{}()", e.client_method);
    for setter in &e.input[..e.required_setters] {
        for call in calls(c, setter, indent + 4) {
            out.push_str(&format!("\n{pad}{call}"));
        }
    }
    out
}

/// The client's settings for the example (validation off when no value matches a pattern).
fn client_builder(c: &str, e: &ExampleIr, kind: &str) -> String {
    if e.unchecked.is_empty() {
        format!("let client = {c}::{kind}Client::from_env()?;\n")
    } else {
        format!(
            "let client = {c}::{kind}Client::builder()\n    .serialize_options(SerializeOptions::default().validate(false))\n    .build()?;\n"
        )
    }
}

/// The `match` on a call's result: the output, the example's modeled error, any error.
fn match_result(c: &str, e: &ExampleIr, body: &mut String) {
    match &e.output_check {
        OutputCheck::Items { accessor, .. } => body.push_str(&format!("    Ok(output) => println!(\"{{}} items\", output.{accessor}().len()),\n")),
        _ => body.push_str("    Ok(output) => println!(\"{output:?}\"),\n"),
    }
    if let Some(error) = &e.error {
        body.push_str(&format!(
            "    Err({c}::client::Error::Service({}::{}(e))) => eprintln!(\"the service answered: {{e}}\"),\n",
            e.error_enum, error.variant
        ));
    }
    body.push_str("    Err(e) => eprintln!(\"{e}\"),\n}\n");
}

/// The blocking client: a fluent call, then the pages (or items) of a paginated one.
fn client(c: &str, e: &ExampleIr) -> String {
    let mut body = String::from("# #[cfg(feature = \"blocking\")] {\n");
    let error_enum: &[&str] = if e.error.is_some() { &[e.error_enum.as_str()] } else { &[] };
    body.push_str(&uses(c, e, e.required_setters, error_enum, &[]));
    body.push('\n');
    body.push_str(&client_builder(c, e, "blocking::"));
    body.push_str(&format!("let result = {}\n    .send();\nmatch result {{\n", fluent_call(c, e, 0)));
    match_result(c, e, &mut body);
    if let Some(pages) = &e.pages {
        let paginator = format!("{}\n    .into_paginator()", fluent_call(c, e, 0));
        if pages.items.is_some() {
            body.push_str(&format!("// Every page, item by item.\nlet items = {paginator}\n    .items();\nfor item in items {{\n    println!(\"{{:?}}\", item?);\n}}\n"));
        } else {
            body.push_str(&format!("// Every page.\nfor page in {paginator} {{\n    println!(\"{{:?}}\", page?);\n}}\n"));
        }
    }
    body.push_str("# }\n");
    fenced("rust,no_run", &body)
}

/// The async client: the same call awaited, and the pages (or items) as a stream, taken
/// one by one with `next().await` (or any `futures` combinator).
fn async_client(c: &str, e: &ExampleIr) -> String {
    let mut body = String::from("# #[cfg(feature = \"client\")]\n");
    body.push_str("# async fn example() -> Result<(), Box<dyn std::error::Error>> {\n");
    let error_enum: &[&str] = if e.error.is_some() { &[e.error_enum.as_str()] } else { &[] };
    body.push_str(&uses(c, e, e.required_setters, error_enum, &[]));
    body.push('\n');
    body.push_str(&client_builder(c, e, ""));
    body.push_str(&format!("let result = {}\n    .send()\n    .await;\nmatch result {{\n", fluent_call(c, e, 0)));
    match_result(c, e, &mut body);
    if let Some(pages) = &e.pages {
        let paginator = format!("{}\n    .into_paginator()", fluent_call(c, e, 0));
        if pages.items.is_some() {
            body.push_str(&format!("// Every page, item by item: a `futures_core::Stream`.\nlet mut items = {paginator}\n    .items();\nwhile let Some(item) = items.next().await {{\n    println!(\"{{:?}}\", item?);\n}}\n"));
        } else {
            body.push_str(&format!("// Every page: a `futures_core::Stream`.\nlet mut pages = {paginator};\nwhile let Some(page) = pages.next_page().await {{\n    println!(\"{{:?}}\", page?);\n}}\n"));
        }
    }
    body.push_str("# Ok(())\n# }\n");
    format!("```rust,no_run\n{body}```\n")
}

fn paginator_options(e: &ExampleIr) -> &'static str {
    if e.unchecked.is_empty() { "" } else { ".options(SerializeOptions::default().validate(false))" }
}

/// `http::Response::builder()` of a response, as an expression.
fn response(r: &Response, extra_indent: usize) -> String {
    let pad = " ".repeat(extra_indent + 4);
    format!("{}\n{pad}.body({})?", response_head(r, extra_indent), body_literal(&r.body))
}

/// The body as an expression: a `&str`, or a `&[u8]` for CBOR.
fn body_literal(body: &Body) -> String {
    match body {
        Body::Text(text) => raw_string(text),
        Body::Cbor(bytes) => format!("&{}[..]", byte_string(bytes)),
    }
}

/// What turns a body of `body_literal` into a `Vec<u8>` (`body` names it).
fn body_to_vec(body: &Body) -> &'static str {
    match body {
        Body::Text(_) => "body.as_bytes().to_vec()",
        Body::Cbor(_) => "body.to_vec()",
    }
}

/// The response's status and headers, as an `http::Response::builder()` expression.
fn response_head(r: &Response, extra_indent: usize) -> String {
    let pad = " ".repeat(extra_indent + 4);
    let mut out = format!("http::Response::builder()\n{pad}.status({})", r.status);
    for (name, value) in &r.headers {
        out.push_str(&format!("\n{pad}.header({name:?}, {value:?})"));
    }
    out.push_str(&format!("\n{pad}.header(\"x-amzn-requestid\", {:?})", r.request_id));
    out
}

fn comparison(target: &str, c: &Comparison) -> String {
    let value = if c.accessor.is_empty() { target.to_owned() } else { format!("{target}.{}()", c.accessor) };
    format!("assert_eq!({value}{}, {});\n", c.adapt, c.expected)
}

fn wire(c: &str, e: &ExampleIr) -> String {
    let items: Vec<&str> = if e.error.is_some() {
        vec![&e.operation, &e.error_enum, &e.input_type]
    } else {
        vec![&e.operation, &e.input_type]
    };
    let mut body = uses(c, e, e.input.len(), &items, &["Operation"]);
    body.push('\n');
    body.push_str(&input(c, e, e.input.len()));
    if e.unchecked.is_empty() {
        body.push_str(&format!("let request = {}::serialize_request(&input)?;\n", e.operation));
    } else {
        body.push_str(&format!(
            "// No value was found that the model's `@pattern` accepts: validation is off.\nlet request = {}::serialize_request_with(&input, SerializeOptions::default().validate(false))?;\n",
            e.operation
        ));
    }
    body.push_str(&format!("assert_eq!(request.method(), {:?});\n", e.method));
    if let Some(p) = &e.path {
        body.push_str(&format!("assert_eq!(request.uri().path(), {p:?});\n"));
    }
    body.push_str("\n// ... send `request` with the client of your choice, then read its reply:\n");
    body.push_str(&format!("let reply = {};\n", response(&e.response, 0)));
    body.push_str(&format!("let output = {}::parse_response(&reply)?;\n", e.operation));
    match &e.output_check {
        OutputCheck::Items { accessor, count, first } => {
            body.push_str(&format!("assert_eq!(output.{accessor}().len(), {count});\n"));
            if let Some(first) = first {
                body.push_str(&comparison(&format!("output.{accessor}()[0]"), first));
            }
        }
        OutputCheck::Member(m) => body.push_str(&comparison("output", m)),
        OutputCheck::None => {}
    }
    body.push_str(&format!("assert_eq!(output.request_id(), Some({:?}));\n", e.response.request_id));
    if let Some(error) = &e.error {
        body.push_str("\n// Errors are typed, and say what happened.\n");
        body.push_str(&format!("let failed = {};\n", response(&error.response, 0)));
        body.push_str(&format!(
            "match {}::parse_response(&failed) {{\n    Err({}::{}(e)) => {{\n        assert_eq!(e.to_string(), {:?})\n    }}\n    other => panic!(\"unexpected {{other:?}}\"),\n}}\n",
            e.operation, e.error_enum, error.variant, error.display
        ));
    }
    fenced("rust", &body)
}

/// A unit test of code that calls the service, with a mock client answering the example's
/// response as the service would.
fn mock(c: &str, e: &ExampleIr) -> Option<String> {
    if !e.unchecked.is_empty() {
        return None;
    }
    let mut body = String::from("# #[cfg(all(feature = \"blocking\", feature = \"test-util\"))] {\n");
    body.push_str(&uses(c, e, e.required_setters, &[&e.operation, &e.input_type], &["client::mock::{Mock, Rule}"]));
    body.push('\n');
    body.push_str("// Rules answer the calls; nothing is sent. This one answers one call with a response,\n");
    body.push_str("// read as the service's would be (`.output(..)` and `.error(..)` answer with typed values).\n");
    let r = &e.response;
    body.push_str(&format!(
        "let mock = Mock::new().rule(Rule::<{}>::new().http_response(|| {{\n    {}\n        .body({}.to_vec())\n        .expect(\"a response\")\n}}));\n",
        e.operation,
        response_head(r, 4),
        match &r.body {
            Body::Text(text) => format!("{}.as_bytes()", raw_string(text)),
            Body::Cbor(bytes) => byte_string(bytes),
        }
    ));
    body.push_str(&format!("let client = {c}::blocking::Client::from_mock(mock.clone())?;\n\n"));
    body.push_str(&input(c, e, e.required_setters));
    body.push_str(&format!("let output = client.call::<{}>(&input)?;\n", e.operation));
    body.push_str(&format!("assert_eq!(output.request_id(), Some({:?}));\n", e.response.request_id));
    body.push_str("// Every request is recorded, with its input and its HTTP request.\n");
    body.push_str("let requests = mock.requests();\n");
    body.push_str(&format!("assert!(requests[0].input::<{}>() == Some(&input));\n", e.operation));
    body.push_str(&format!("assert_eq!(requests[0].http().method(), {:?});\n", e.method));
    body.push_str("// The rule answered its one call: the next fails, naming the operation.\n");
    body.push_str(&format!(
        "let error = client.call::<{}>(&input).unwrap_err();\nassert!(error.to_string().contains(\"`{}`\"));\n",
        e.operation, e.operation
    ));
    body.push_str("# }\n");
    Some(fenced("rust", &body))
}

fn pages(c: &str, e: &ExampleIr) -> Option<String> {
    let p = e.pages.as_ref()?;
    let mut body = uses(c, e, e.required_setters, &[&e.operation, &e.input_type], &[]);
    body.push('\n');
    body.push_str(&format!("// A stand-in for a real HTTP client: two pages, chained by {}.\n", p.token_member));
    body.push_str(&format!("let mut pages = vec![\n    {},\n    {},\n];\n", response(&p.second, 4), response(&p.first, 4)));
    body.push_str("let transport = |request: http::Request<Vec<u8>>| {\n");
    body.push_str("    let page = pages.pop().expect(\"asked for one page too many\");\n");
    body.push_str("    if pages.is_empty() {\n        // The second request carries the first page's token.\n");
    let check = match &p.token_check {
        TokenCheck::Body(needle) => format!("assert!(String::from_utf8_lossy(request.body()).contains({}));", raw_string(needle)),
        TokenCheck::CborBody(needle) => {
            format!("assert!(request.body().windows({}).any(|w| w == {}));", needle.len(), byte_string(needle))
        }
        TokenCheck::Query(needle) => format!("assert!(request.uri().query().unwrap_or_default().contains({needle:?}));"),
        TokenCheck::Header { name, value } => format!("assert_eq!(request.headers()[{name:?}], {value:?});"),
    };
    body.push_str(&format!("        {check}\n    }}\n"));
    body.push_str(&format!("    Ok::<_, std::convert::Infallible>(page.map(|body| {}))\n}};\n\n", body_to_vec(&p.first.body)));
    body.push_str(&input(c, e, e.required_setters));
    let mut paginator = format!("{}::paginate(input, transport)", e.operation);
    if let Some(size) = p.page_size {
        paginator.push_str(&format!(".page_size({size})"));
    }
    paginator.push_str(paginator_options(e));
    match p.items {
        Some(count) => {
            body.push_str(&format!("let mut items = Vec::new();\nfor item in {paginator}.items() {{\n    items.push(item?);\n}}\n"));
            body.push_str(&format!("assert_eq!(items.len(), {count});\n"));
        }
        None => {
            body.push_str(&format!("let mut pages_read = 0;\nfor page in {paginator} {{\n    page?;\n    pages_read += 1;\n}}\n"));
            body.push_str("assert_eq!(pages_read, 2);\n");
        }
    }
    Some(fenced("rust", &body))
}
