//! Rust source text of the worked example's values (`ir::example::Value`), for the README's
//! code blocks and the example program: builder chains laid out as rustfmt would.

use crate::ir::example::{ExampleIr, Listing, ProgramIr, Setter, Value};
use std::collections::BTreeSet;

/// Paths of the generated crate's items as a user of the crate writes them: `crate::` is
/// the crate's name.
pub(super) fn path(crate_name: &str, path: &str) -> String {
    match path.strip_prefix("crate::") {
        Some(rest) => format!("{crate_name}::{rest}"),
        None => path.to_owned(),
    }
}

/// `Type::builder()` with `setters`, then `.build()`: one line when nothing is set, else one
/// call a line, indented from `indent`.
pub(super) fn builder(crate_name: &str, type_path: &str, setters: &[Setter], indent: usize) -> String {
    let start = format!("{}::builder()", path(crate_name, type_path));
    if setters.is_empty() {
        return format!("{start}.build()");
    }
    let pad = " ".repeat(indent + 4);
    let mut out = start;
    for setter in setters {
        for call in calls(crate_name, setter, indent + 4) {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(&call);
        }
    }
    out.push('\n');
    out.push_str(&pad);
    out.push_str(".build()");
    out
}

/// The builder calls that set one member: each item of a list appended, each entry of a map
/// inserted.
pub(super) fn calls(crate_name: &str, setter: &Setter, indent: usize) -> Vec<String> {
    let field = &setter.field;
    match &setter.value {
        Value::List(items) if items.is_empty() && setter.required => vec![format!(".{}(Vec::new())", setter.set_all)],
        Value::Map(entries) if entries.is_empty() && setter.required => vec![format!(".{}(Vec::new())", setter.set_all)],
        Value::List(items) if items.is_empty() => vec![format!(".{}(Some(Vec::new()))", setter.set_all)],
        Value::Map(entries) if entries.is_empty() => vec![format!(".{}(Some(std::collections::BTreeMap::new()))", setter.set_all)],
        Value::List(items) => items.iter().map(|item| call(field, &[], &expr(crate_name, item, true, indent + 4), indent)).collect(),
        Value::Map(entries) => entries
            .iter()
            .map(|(key, value)| call(field, &[format!("{key:?}")], &expr(crate_name, value, true, indent + 4), indent))
            .collect(),
        value => vec![call(field, &[], &expr(crate_name, value, false, indent + 4), indent)],
    }
}

/// `.field(args.., value)`, the value on lines of its own when it takes several.
fn call(field: &str, args: &[String], value: &str, indent: usize) -> String {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.push(value);
    if !value.contains('\n') {
        return format!(".{field}({})", all.join(", "));
    }
    let pad = " ".repeat(indent + 4);
    let mut out = format!(".{field}(");
    for arg in all {
        out.push_str(&format!("\n{pad}{arg},"));
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(')');
    out
}

/// A value as an expression: `exact` where the type must be the member's own (list items,
/// map values, union members), else as a setter takes it (`impl Into<String>` takes `"text"`).
/// Lines after the first start at `indent`.
pub(super) fn expr(crate_name: &str, value: &Value, exact: bool, indent: usize) -> String {
    let p = |text: &str| path(crate_name, text);
    match value {
        Value::Text(text) if exact => format!("{text:?}.to_owned()"),
        Value::Text(text) => format!("{text:?}"),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.clone(),
        Value::Big { path, value } => format!("{}::from({value}_i64)", p(path)),
        Value::Blob { path, text } | Value::Document { path, text } if exact => format!("{}::from({text:?})", p(path)),
        Value::Blob { text, .. } | Value::Document { text, .. } => format!("{text:?}"),
        Value::Timestamp(seconds) => format!("{crate_name}::time::OffsetDateTime::from_unix_timestamp({seconds})?"),
        Value::Enum { path, variant } => format!("{}::{variant}", p(path)),
        Value::Struct { path, setters } => builder(crate_name, path, setters, indent),
        Value::Union { path, variant, value: None, .. } => format!("{}::{variant}", p(path)),
        Value::Union { path, variant, value: Some(value), boxed } => {
            let inner = expr(crate_name, value, true, indent + 4);
            let inner = if *boxed { format!("Box::new({inner})") } else { inner };
            list(&format!("{}::{variant}(", p(path)), &[inner], ")", indent)
        }
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|v| expr(crate_name, v, true, indent + 4)).collect();
            list("vec![", &items, "]", indent)
        }
        Value::Map(entries) => {
            let entries: Vec<String> =
                entries.iter().map(|(k, v)| format!("({k:?}.to_owned(), {})", expr(crate_name, v, true, indent + 4))).collect();
            list("std::collections::BTreeMap::from([", &entries, "])", indent)
        }
        Value::Some(inner) => format!("Some({})", expr(crate_name, inner, true, indent)),
    }
}

/// Items between `open` and `close`: on one line when each is one line, else one a line.
fn list(open: &str, items: &[String], close: &str, indent: usize) -> String {
    if items.iter().all(|i| !i.contains('\n')) {
        return format!("{open}{}{close}", items.join(", "));
    }
    let pad = " ".repeat(indent + 4);
    let mut out = open.to_owned();
    for item in items {
        out.push_str(&format!("\n{pad}{item},"));
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push_str(close);
    out
}

/// A byte-string literal of `bytes` (`b"\xbf..."`), printable ASCII as itself.
pub(super) fn byte_string(bytes: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// A raw string literal of `text`, with enough `#`s.
pub(super) fn raw_string(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{text}\"{h}")
}

/// The example's imports that `setters` use (values name imported types by name alone).
pub(super) fn used_imports<'e>(e: &'e ExampleIr, setters: &[Setter]) -> Vec<&'e str> {
    let mut named = BTreeSet::new();
    for setter in setters {
        collect_paths(&setter.value, &mut named);
    }
    e.imports.iter().filter(|i| named.contains(i.rsplit("::").next().unwrap_or_default())).map(String::as_str).collect()
}

/// The type paths a value is built from, as written.
fn collect_paths(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Enum { path, .. } => drop(out.insert(path.clone())),
        Value::Struct { path, setters } => {
            out.insert(path.clone());
            setters.iter().for_each(|s| collect_paths(&s.value, out));
        }
        Value::Union { path, value, .. } => {
            out.insert(path.clone());
            if let Some(v) = value {
                collect_paths(v, out);
            }
        }
        Value::List(items) => items.iter().for_each(|v| collect_paths(v, out)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| collect_paths(v, out)),
        Value::Some(inner) => collect_paths(inner, out),
        _ => {}
    }
}

/// What the example program does with the output, to end a sentence.
pub(super) fn program_does(listing: &Listing) -> String {
    match listing {
        Listing::Items { member, .. } => format!("lists the `{member}` of every page"),
        Listing::Output { paginated: true, .. } => "prints each page of the output".to_owned(),
        Listing::Output { paginated: false, .. } => "prints the output".to_owned(),
    }
}

/// The program's arguments as its usage line shows them: ` <approval-team-arn> [--json]`.
pub(super) fn program_args(program: &ProgramIr) -> String {
    let mut out: String = program.args.iter().map(|a| format!(" <{}>", a.usage)).collect();
    if program.listing.takes_json() {
        out.push_str(" [--json]");
    }
    out
}

/// `cargo run` of the program (after `cargo run`: `-p <package> ` or nothing).
pub(super) fn program_command(program: &ProgramIr, package: &str) -> String {
    let args = program_args(program);
    let args = if args.is_empty() { args } else { format!(" --{args}") };
    format!("cargo run {package}--features blocking --example {}{args}", program.name)
}
