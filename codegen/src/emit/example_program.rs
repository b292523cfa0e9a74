//! The example program, `examples/<operation>.rs` (feature `blocking`): calls the worked
//! example's operation with the required members from the command line and prints what comes
//! back, as a table or (`--json`) as JSON. `run` takes the arguments, so a test can run it.

use super::example_code::{calls, path, program_args, program_command, program_does, used_imports};
use super::{Files, tokens};
use crate::error::Error;
use crate::ir::example::{ArgKind, Element, ExampleIr, Field, FieldKind, Listing};
use crate::ir::CrateIr;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    let Some(example) = &ir.example else { return Ok(()) };
    let items = program(ir, example)?;
    files.rust(&format!("examples/{}.rs", example.program.name), items)
}

/// Rust tokens of source text made here.
fn parse(text: &str) -> Result<TokenStream, Error> {
    text.parse().map_err(|e| Error::Internal(format!("example program: `{text}`: {e}")))
}

fn program(ir: &CrateIr, e: &ExampleIr) -> Result<Vec<TokenStream>, Error> {
    let c = ir.package.replace('-', "_");
    let krate = format_ident!("{}", c);
    let p = &e.program;
    let json = p.listing.takes_json();
    let module = tokens(&path(&c, &e.operation_module));
    let op = format_ident!("{}", e.operation);
    let input_ty = format_ident!("{}", e.input_type);
    // The operation's type pages; a single call goes through the client's method.
    let used_op = matches!(p.listing, Listing::Items { .. } | Listing::Output { paginated: true, .. }).then(|| quote!(#op,));
    let arg_names: Vec<String> = p.args.iter().map(|a| format!("<{}>", a.usage)).collect();
    let usage = format!("usage: {}{}", p.name, program_args(p));
    let configured = match &ir.service.client.endpoint_env {
        None => "Credentials, region and endpoint come from the environment and the shared config files,\nas for the AWS CLI (`AWS_PROFILE`, `AWS_REGION`, ...).".to_owned(),
        // Not AWS's: no region, no AWS credentials, the crate's own endpoint variable.
        Some(var) => format!("The endpoint comes from `{var}`; retries, timeouts and proxies from the environment,\nas for AWS services (`AWS_MAX_ATTEMPTS`, `HTTPS_PROXY`, ...). No region is needed."),
    };
    let mut doc = format!(
        "Calls `{}` on the service and {}.\n\n```sh\n{}\n```\n\n{configured}",
        e.operation,
        program_does(&p.listing),
        program_command(p, &format!("-p {} ", ir.package)),
    );
    if !p.fixed.is_empty() {
        let fixed: Vec<String> = p.fixed.iter().map(|s| format!("`{}`", super::file_stem(&s.field))).collect();
        let which = if p.args.is_empty() { "The required members" } else { "The other required members" };
        doc.push_str(&format!("\n{which} ({}) take example values.", fixed.join(", ")));
    }
    if !p.validate {
        doc.push_str("\nNo value was found that the model's `@pattern` accepts for some of them, so requests\nare sent without validation.");
    }
    let doc_lines = doc.lines().map(|l| format!(" {l}").trim_end().to_owned());

    let imports = used_imports(e, &p.fixed).into_iter().map(|i| tokens(&path(&c, i)));

    let arguments = (!p.args.is_empty()).then(|| {
        let n = proc_macro2::Literal::usize_unsuffixed(p.args.len());
        quote! {
            /// The values the command line gives, in order.
            const ARGUMENTS: [&str; #n] = [#(#arg_names),*];
        }
    });
    let missing = (!p.args.is_empty()).then(|| {
        quote! {
            if let Some(missing) = ARGUMENTS.get(values.len()) {
                return usage(&format!("missing {missing}"));
            }
        }
    });
    let n = proc_macro2::Literal::usize_unsuffixed(p.args.len());
    let extra = if p.args.is_empty() { quote!(values.first()) } else { quote!(values.get(#n)) };
    let json_var = json.then(|| quote!(let mut json = false;));
    let json_arm = json.then(|| quote!("--json" => json = true,));

    let mut builder = format!("{}::builder()", e.input_type);
    for (i, arg) in p.args.iter().enumerate() {
        let value = match &arg.kind {
            ArgKind::Text => format!("values[{i}].as_str()"),
            ArgKind::Enum(enum_path) => format!("{}::from(values[{i}].as_str())", path(&c, enum_path)),
            ArgKind::Parsed(ty) => format!("values[{i}].parse::<{ty}>()?"),
        };
        builder.push_str(&format!(".{}({value})", arg.field));
    }
    for setter in &p.fixed {
        builder.push_str(&calls(&c, setter, 0).concat());
    }
    builder.push_str(".build()");
    let builder = parse(&builder)?;
    let (input_params, input_args) = if p.args.is_empty() { (quote!(), quote!()) } else { (quote!(values: &[String]), quote!(&values)) };

    let client = if p.validate {
        quote!(#krate::blocking::Client::from_env())
    } else {
        quote!(#krate::blocking::Client::builder().serialize_options(#krate::SerializeOptions::default().validate(false)).build())
    };
    let options = (!p.validate).then(|| quote!(.options(#krate::SerializeOptions::default().validate(false))));
    let failed = quote! {
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    let mut helpers = Helpers::default();
    let body = match &p.listing {
        Listing::Items { member, element } => {
            let count = format!("{member}: {{}}");
            let print = items_print(element, &mut helpers);
            quote! {
                let mut items = Vec::new();
                for item in #op::paginate(input, &client) #options .items() {
                    match item {
                        Ok(item) => items.push(item),
                        Err(#krate::paginate::PaginationError::Service(e)) => return report(e.code(), e.message(), e.request_id()),
                        #failed
                    }
                }
                #print
                println!(#count, items.len());
                ExitCode::SUCCESS
            }
        }
        Listing::Output { paginated, fields } => {
            let show = if fields.is_empty() { quote!(println!("{output:?}")) } else { quote!(show(&output, json)) };
            if *paginated {
                quote! {
                    for page in #op::paginate(input, &client) #options {
                        match page {
                            Ok(output) => #show,
                            Err(#krate::paginate::PaginationError::Service(e)) => return report(e.code(), e.message(), e.request_id()),
                            #failed
                        }
                    }
                    ExitCode::SUCCESS
                }
            } else {
                let method = tokens(&e.client_method);
                quote! {
                    match client.#method().from_input(input).send() {
                        Ok(output) => {
                            #show;
                            ExitCode::SUCCESS
                        }
                        Err(#krate::client::Error::Service(e)) => report(e.code(), e.message(), e.request_id()),
                        Err(e) => {
                            eprintln!("error: {e}");
                            ExitCode::FAILURE
                        }
                    }
                }
            }
        }
    };
    let show_fn = match &p.listing {
        Listing::Output { fields, .. } if !fields.is_empty() => {
            let output = ir.operations.iter().find(|o| o.rust_name == e.operation).map(|o| format_ident!("{}", o.output.rust_name));
            let fields = object_fields(quote!(output), fields, &mut helpers);
            helpers.object = true;
            Some(quote! {
                /// Prints the output's members that are set, one a line, or as a JSON object.
                fn show(output: &#module::#output, json: bool) {
                    let fields = [#fields];
                    if json {
                        println!("{}", object(&fields));
                    } else {
                        for (name, value, _) in fields {
                            if let Some(value) = value {
                                println!("{name}: {value}");
                            }
                        }
                    }
                }
            })
        }
        _ => None,
    };

    let mut items = vec![
        quote! { #(#![doc = #doc_lines])* },
        quote! {
            use #module::{#used_op #input_ty};
            #(use #imports;)*
            use std::process::ExitCode;

            /// How to run the program.
            const USAGE: &str = #usage;
            #arguments

            fn main() -> ExitCode {
                run(std::env::args().skip(1))
            }

            /// The whole program but for where its arguments come from.
            pub fn run(args: impl Iterator<Item = String>) -> ExitCode {
                let mut values = Vec::new();
                #json_var
                for arg in args {
                    match arg.as_str() {
                        #json_arm
                        "-h" | "--help" => {
                            println!("{USAGE}");
                            return ExitCode::SUCCESS;
                        }
                        _ => values.push(arg),
                    }
                }
                #missing
                if let Some(extra) = #extra {
                    return usage(&format!("unexpected argument `{extra}`"));
                }
                let input = match input(#input_args) {
                    Ok(input) => input,
                    Err(e) => return usage(&e.to_string()),
                };
                let client = match #client {
                    Ok(client) => client,
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                #body
            }

            /// The request: the command line's values, and example values for the rest.
            fn input(#input_params) -> Result<#input_ty, Box<dyn std::error::Error>> {
                Ok(#builder)
            }

            fn usage(problem: &str) -> ExitCode {
                eprintln!("error: {problem}\n{USAGE}");
                ExitCode::from(2)
            }

            /// The service's error: its code, message and request id.
            fn report(code: &str, message: Option<&str>, request_id: Option<&str>) -> ExitCode {
                eprintln!("error: {code}");
                if let Some(message) = message {
                    eprintln!("message: {message}");
                }
                if let Some(id) = request_id {
                    eprintln!("request id: {id}");
                }
                ExitCode::FAILURE
            }
        },
    ];
    items.extend(show_fn);
    items.extend(helpers.items(&krate));
    Ok(items)
}

/// The support functions the printing uses.
#[derive(Default)]
struct Helpers {
    table: bool,
    object: bool,
    quote: bool,
    rfc3339: bool,
}

impl Helpers {
    fn items(&self, krate: &proc_macro2::Ident) -> Vec<TokenStream> {
        let mut items = Vec::new();
        if self.table {
            items.push(quote! {
                /// Prints rows under their titles, in columns as wide as their widest cell.
                fn table(titles: &[&str], rows: &[Vec<String>]) {
                    let widths: Vec<usize> = titles
                        .iter()
                        .enumerate()
                        .map(|(i, title)| rows.iter().map(|r| r[i].chars().count()).chain([title.len()]).max().unwrap_or(0))
                        .collect();
                    let line = |cells: Vec<&str>| {
                        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
                        println!("{}", padded.join("  ").trim_end());
                    };
                    line(titles.to_vec());
                    for row in rows {
                        line(row.iter().map(String::as_str).collect());
                    }
                }
            });
        }
        if self.object {
            items.push(quote! {
                /// A JSON object of the members that are set (`true`: a string, else written as it is).
                fn object(fields: &[(&str, Option<String>, bool)]) -> String {
                    let members: Vec<String> = fields
                        .iter()
                        .filter_map(|(name, value, text)| {
                            let value = value.as_deref()?;
                            let value = if *text { quote(value) } else { value.to_owned() };
                            Some(format!("{}:{value}", quote(name)))
                        })
                        .collect();
                    format!("{{{}}}", members.join(","))
                }
            });
        }
        if self.quote || self.object {
            items.push(quote! {
                /// A JSON string literal.
                fn quote(text: &str) -> String {
                    let mut out = String::with_capacity(text.len() + 2);
                    out.push('"');
                    for c in text.chars() {
                        match c {
                            '"' => out.push_str("\\\""),
                            '\\' => out.push_str("\\\\"),
                            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                            c => out.push(c),
                        }
                    }
                    out.push('"');
                    out
                }
            });
        }
        if self.rfc3339 {
            items.push(quote! {
                /// A timestamp as an RFC 3339 date-time.
                fn rfc3339(time: #krate::time::OffsetDateTime) -> String {
                    time.format(&#krate::time::format_description::well_known::Rfc3339).unwrap_or_else(|_| time.to_string())
                }
            });
        }
        items
    }
}

/// How the items are printed: a table or a JSON array of objects for structures, a line or
/// a JSON value each for plain values, `Debug` for the rest.
fn items_print(element: &Element, helpers: &mut Helpers) -> TokenStream {
    match element {
        Element::Struct { columns, fields } => {
            helpers.table = true;
            helpers.object = true;
            let object = object_fields(quote!(item), fields, helpers);
            let titles = columns.iter().map(|f| &f.title);
            let cells = columns
                .iter()
                .map(|f| {
                    let text = text_expr(&quote!(item), f, helpers);
                    if f.optional { quote!(#text.unwrap_or_else(|| "-".to_owned())) } else { text }
                })
                .collect::<Vec<_>>();
            quote! {
                if json {
                    let objects: Vec<String> = items.iter().map(|item| object(&[#object])).collect();
                    println!("[{}]", objects.join(","));
                } else {
                    let rows: Vec<Vec<String>> = items.iter().map(|item| Vec::from([#(#cells),*])).collect();
                    table(&[#(#titles),*], &rows);
                }
            }
        }
        Element::Plain(kind) => {
            let text = plain_text(*kind, helpers);
            let json = if is_text(*kind) {
                helpers.quote = true;
                quote!(quote(&#text))
            } else {
                text.clone()
            };
            quote! {
                if json {
                    let values: Vec<String> = items.iter().map(|item| #json).collect();
                    println!("[{}]", values.join(","));
                } else {
                    for item in &items {
                        println!("{}", #text);
                    }
                }
            }
        }
        Element::Debug => quote! {
            for item in &items {
                println!("{item:?}");
            }
        },
    }
}

/// Whether a kind is written as a JSON string.
fn is_text(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Text | FieldKind::Enum | FieldKind::Timestamp)
}

/// `(name, text, is_text)` for each field, as `object` takes them.
fn object_fields(base: TokenStream, fields: &[Field], helpers: &mut Helpers) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let name = &f.name;
        let text = optional_text(&base, f, helpers);
        let quoted = is_text(f.kind);
        quote!((#name, #text, #quoted))
    });
    let entries: Vec<TokenStream> = entries.collect();
    quote!(#(#entries),*)
}

/// The member's value as text: a `String` for a member always present, else an
/// `Option<String>`, `None` when it is not set.
fn text_expr(base: &TokenStream, f: &Field, helpers: &mut Helpers) -> TokenStream {
    let get = tokens(&f.accessor);
    let get = quote!(#base.#get());
    if f.kind == FieldKind::Timestamp {
        helpers.rfc3339 = true;
    }
    match (f.kind, f.optional) {
        (FieldKind::Text, true) => quote!(#get.map(str::to_owned)),
        (FieldKind::Text, false) => quote!(#get.to_owned()),
        (FieldKind::Enum, true) => quote!(#get.map(|v| v.as_str().to_owned())),
        (FieldKind::Enum, false) => quote!(#get.as_str().to_owned()),
        (FieldKind::IntEnum, true) => quote!(#get.map(|v| i32::from(v).to_string())),
        (FieldKind::IntEnum, false) => quote!(i32::from(#get).to_string()),
        (FieldKind::Timestamp, true) => quote!(#get.map(rfc3339)),
        (FieldKind::Timestamp, false) => quote!(rfc3339(#get)),
        (FieldKind::Display, true) => quote!(#get.map(|v| v.to_string())),
        (FieldKind::Display, false) => quote!(#get.to_string()),
    }
}

/// `Option<String>` of a member, as `object` takes it.
fn optional_text(base: &TokenStream, f: &Field, helpers: &mut Helpers) -> TokenStream {
    let text = text_expr(base, f, helpers);
    if f.optional { text } else { quote!(Some(#text)) }
}

/// `String`: an item that is a plain value (`item` is a reference to it), as text.
fn plain_text(kind: FieldKind, helpers: &mut Helpers) -> TokenStream {
    match kind {
        FieldKind::Text => quote!(item.clone()),
        FieldKind::Enum => quote!(item.as_str().to_owned()),
        FieldKind::IntEnum => quote!(i32::from(*item).to_string()),
        FieldKind::Timestamp => {
            helpers.rfc3339 = true;
            quote!(rfc3339(*item))
        }
        FieldKind::Display => quote!(item.to_string()),
    }
}
