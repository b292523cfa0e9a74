//! The crate around the types: `lib.rs`, module files, runtime support, `Cargo.toml`, README.

use super::Files;
use crate::error::Error;
use crate::ir::{CrateIr, Primitive, StructIr, TypeIr};
use std::collections::BTreeSet;
use minijinja::{Environment, context};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Hand-written support code, copied into every generated crate.
const RUNTIME: &[(&str, &str)] = &[
    ("src/builder.rs", include_str!("../../runtime/builder.rs")),
    ("src/error/common.rs", include_str!("../../runtime/error_common.rs")),
    ("src/rt/validate.rs", include_str!("../../runtime/validate.rs")),
    ("src/rt/json.rs", include_str!("../../runtime/json.rs")),
    ("src/rt/json_write.rs", include_str!("../../runtime/json_write.rs")),
    ("src/rt/http.rs", include_str!("../../runtime/http.rs")),
    ("src/types/unknown_value.rs", include_str!("../../runtime/unknown_value.rs")),
];

pub(crate) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    for (path, contents) in RUNTIME {
        files.verbatim(path, contents)?;
    }
    // Support that only some models need, with the dependency it brings.
    let mut rt_mod = include_str!("../../runtime/rt_mod.rs").to_owned();
    if ir.uses_patterns() {
        files.verbatim("src/rt/pattern.rs", include_str!("../../runtime/pattern.rs"))?;
        rt_mod.push_str("\npub(crate) mod pattern;\n");
    }
    if ir.uses_pattern_automata() {
        files.verbatim("src/rt/pattern_dfa.rs", include_str!("../../runtime/pattern_dfa.rs"))?;
        rt_mod.push_str("\npub(crate) mod pattern_dfa;\n");
    }
    if ir.uses_ecma_patterns() {
        files.verbatim("src/rt/pattern_ecma.rs", include_str!("../../runtime/pattern_ecma.rs"))?;
        rt_mod.push_str("\npub(crate) mod pattern_ecma;\n");
    }
    if ir.uses_http_bindings() {
        files.verbatim("src/rt/http_bind.rs", include_str!("../../runtime/http_bind.rs"))?;
        rt_mod.push_str("\npub(crate) mod http_bind;\n");
    }
    if ir.uses_media_type_headers() {
        files.verbatim("src/rt/media_header.rs", include_str!("../../runtime/media_header.rs"))?;
        rt_mod.push_str("\npub(crate) mod media_header;\n");
    }
    if ir.uses_gzip() {
        files.verbatim("src/rt/compress.rs", include_str!("../../runtime/compress.rs"))?;
        rt_mod.push_str("\npub(crate) mod compress;\n");
    }
    if ir.uses_content_md5() {
        files.verbatim("src/rt/content_md5.rs", include_str!("../../runtime/content_md5.rs"))?;
        rt_mod.push_str("\npub(crate) mod content_md5;\n");
    }
    if ir.uses_flexible_checksums() {
        files.verbatim("src/rt/checksum.rs", include_str!("../../runtime/checksum.rs"))?;
        rt_mod.push_str("\npub(crate) mod checksum;\n");
    }
    if ir.uses_idempotency_tokens() {
        files.verbatim("src/rt/token.rs", include_str!("../../runtime/token.rs"))?;
        rt_mod.push_str("\npub(crate) mod token;\n");
    }
    let primitives = ir.primitives();
    if !primitives.is_empty() {
        primitives_mod(files, &primitives, &mut rt_mod)?;
    }
    files.verbatim("src/rt/mod.rs", &rt_mod)?;
    super::client::emit(ir, files)?;
    if ir.operations.iter().any(|o| o.pagination.is_some()) {
        files.verbatim("src/paginate.rs", include_str!("../../runtime/paginate.rs"))?;
    }
    lib_rs(ir, files)?;
    types_mod(ir, files)?;
    error_mod(ir, files)?;
    wire_mod(ir, files)?;
    operation_mod(ir, files)?;
    templates(ir, files)
}

/// `HostPrefix`, when some operation has `@endpoint(hostPrefix)`.
fn host_prefix_type(ir: &crate::ir::CrateIr) -> TokenStream {
    if ir.operations.iter().all(|o| o.host_prefix.is_empty()) {
        return quote!();
    }
    quote! {
        /// What an operation with a host prefix puts before the endpoint's host, carried in
        /// the request's extensions: the transport sends the request to `{prefix}{host}`.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct HostPrefix(::std::string::String);

        impl HostPrefix {
            /// The prefix, e.g. `foo.bar.` (labels already checked as host labels).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    }
}

fn lib_rs(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let paginate = ir.operations.iter().any(|o| o.pagination.is_some()).then(|| quote!(pub mod paginate;));
    let endpoint = ir.endpoint.is_some().then(|| quote!(pub mod endpoint;));
    let primitives = (!ir.primitives().is_empty()).then(|| quote!(pub mod primitives;));
    let mut items = vec![
        quote! {
            #![doc = include_str!("../README.md")]
            #![forbid(unsafe_code)]
            #![warn(missing_docs)]
        },
        quote! {
            pub mod builder;
            #endpoint
            pub mod error;
            pub mod operation;
            #paginate
            #primitives
            pub mod types;

            // Support code shared by every generated crate; a model may not need all of it.
            #[allow(dead_code, reason = "shared support code: each model uses a different part")]
            mod rt;
            mod wire;

            pub use ::http;
            pub use ::time;
        },
        host_prefix_type(ir),
        quote! {
            #[cfg(feature = "blocking")]
            pub mod blocking;
            #[cfg(any(feature = "client", feature = "blocking"))]
            pub mod client;

            #[cfg(feature = "client")]
            pub use client::Client;
        },
        super::options::serialize_options(ir),
        quote! {
            /// One operation of the service: how to turn its input into an HTTP request, and an
            /// HTTP response into its output or error.
            pub trait Operation {
                /// The operation's name in the model.
                const NAME: &'static str;
                /// What the caller provides.
                type Input;
                /// What a successful response holds.
                type Output;
                /// What a failed (or unreadable) response holds.
                type Error: ::std::error::Error;

                /// Builds the request: method, origin-form URI (path and query; the endpoint is
                /// the caller's), headers and body. The input is validated first.
                fn serialize_request(
                    input: &Self::Input,
                ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::common::SerializeError> {
                    Self::serialize_request_with(input, SerializeOptions::default())
                }

                /// [`serialize_request`](Operation::serialize_request), with options.
                fn serialize_request_with(
                    input: &Self::Input,
                    options: SerializeOptions,
                ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::common::SerializeError>;

                /// Reads the service's response.
                fn parse_response<B: ::std::convert::AsRef<[u8]>>(
                    response: &::http::Response<B>,
                ) -> ::std::result::Result<Self::Output, Self::Error>;
            }
        },
    ];
    if ir.uses_streaming() {
        items.push(super::streaming::traits());
    }
    let body = super::format_items("src/lib.rs", items)?;
    let text = format!("{}// Model sha256: {}\n\n{body}", files.header("//"), ir.model_sha256);
    files.insert("src/lib.rs", text)
}

/// `crate::primitives`: the value types of the Smithy kinds Rust lacks, only those the
/// model uses (each with its JSON code in `crate::rt`).
fn primitives_mod(files: &mut Files<'_>, used: &BTreeSet<Primitive>, rt_mod: &mut String) -> Result<(), Error> {
    let mut items = vec![quote! {
        //! Value types for Smithy kinds that have no plain Rust counterpart.
    }];
    for primitive in used {
        let (module, names, source, wire, wire_source) = match primitive {
            Primitive::BigNumbers => (
                "big",
                quote!({BigDecimal, BigInteger, ParseBigNumberError}),
                include_str!("../../runtime/primitives/big.rs"),
                "json_big",
                include_str!("../../runtime/json_big.rs"),
            ),
            Primitive::Blob => (
                "blob",
                quote!(Blob),
                include_str!("../../runtime/primitives/blob.rs"),
                "json_blob",
                include_str!("../../runtime/json_blob.rs"),
            ),
            Primitive::Document => (
                "document",
                quote!({Document, Number}),
                include_str!("../../runtime/primitives/document.rs"),
                "json_document",
                include_str!("../../runtime/json_document.rs"),
            ),
        };
        files.verbatim(&format!("src/primitives/{module}.rs"), source)?;
        files.verbatim(&format!("src/rt/{wire}.rs"), wire_source)?;
        rt_mod.push_str(&format!("\npub(crate) mod {wire};\n"));
        let module = format_ident!("{}", module);
        items.push(quote! { mod #module; pub use #module::#names; });
    }
    files.rust("src/primitives/mod.rs", items)
}

fn types_mod(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let mut items = vec![
        quote! {
            //! The service's data types: structures, enums and unions, with their builders.
        },
        quote! {
            mod unknown_value;
            pub use unknown_value::UnknownValue;
        },
    ];
    for ty in &ir.types {
        let module = super::tokens(ty.module());
        let name = format_ident!("{}", ty.rust_name());
        items.push(match ty {
            TypeIr::Struct(s) => {
                let builder = format_ident!("{}", s.builder_name);
                quote! { mod #module; pub use #module::{#name, #builder}; }
            }
            TypeIr::Enum(_) | TypeIr::Union(_) => quote! { mod #module; pub use #module::#name; },
        });
    }
    files.rust("src/types/mod.rs", items)
}

fn error_mod(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let mut items = vec![
        quote! {
            //! Errors: the service's modeled errors, and the errors of building requests and
            //! reading responses. Each operation's own error enum lives with the operation.
        },
    ];
    // The generator's own errors are re-exported here unless a modeled error has the name:
    // the model's names win, and `crate::error::common` always has the generator's.
    let own = crate::names::GENERATOR_ERROR_TYPES
        .iter()
        .filter(|name| !ir.errors.iter().any(|e| e.rust_name == **name))
        .map(|name| format_ident!("{}", name));
    items.push(quote! {
        #[allow(dead_code, reason = "shared support code: each model uses a different part")]
        pub mod common;
        pub use common::{#(#own),*};
    });
    items.extend(ir.errors.iter().map(reexport_struct));
    files.rust("src/error/mod.rs", items)
}

fn reexport_struct(s: &StructIr) -> TokenStream {
    let module = super::tokens(&s.module);
    let name = format_ident!("{}", s.rust_name);
    let builder = format_ident!("{}", s.builder_name);
    quote! { mod #module; pub use #module::{#name, #builder}; }
}

fn wire_mod(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let mut items = vec![quote! {
        //! restJson1 body code for the types of `crate::types` and `crate::error`.
    }];
    let modules = ir
        .types
        .iter()
        .filter(|t| !matches!(t, TypeIr::Enum(_)))
        .map(|t| t.module())
        .chain(ir.errors.iter().map(|e| e.module.as_str()));
    let mut modules: Vec<&str> = modules.collect();
    modules.sort_unstable();
    for module in modules {
        let module = super::tokens(module);
        items.push(quote!(pub(crate) mod #module;));
    }
    files.rust("src/wire/mod.rs", items)
}

fn operation_mod(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let mut items = vec![quote! {
        //! The service's operations, one module each: the operation (implementing
        //! [`Operation`](crate::Operation)), its input, output and error.
    }];
    for op in &ir.operations {
        let module = super::tokens(&op.module);
        items.push(quote!(pub mod #module;));
    }
    files.rust("src/operation/mod.rs", items)
}

fn templates(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let mut env = Environment::new();
    let add = |env: &mut Environment<'_>, name: &'static str, source: &'static str| {
        env.add_template(name, source).map_err(|e| Error::Internal(format!("template {name}: {e}")))
    };
    add(&mut env, "Cargo.toml", include_str!("../../templates/Cargo.toml.j2"))?;
    add(&mut env, "README.md", include_str!("../../templates/README.md.j2"))?;
    let operations: Vec<String> = ir.operations.iter().map(|o| o.rust_name.clone()).collect();
    let readme = super::readme::readme(ir);
    let endpoint_example = ir.endpoint.as_ref().and_then(crate::endpoint::readme_example);
    let streaming_inputs: Vec<String> =
        ir.operations.iter().filter(|o| o.streaming_input().is_some()).map(|o| o.rust_name.clone()).collect();
    let streaming_outputs: Vec<String> =
        ir.operations.iter().filter(|o| o.streaming_output().is_some()).map(|o| o.rust_name.clone()).collect();
    let region_setter =
        ir.endpoint.as_ref().and_then(|e| e.params.iter().find(|p| p.is_region())).map(|p| p.field.clone());
    let render = |name: &str, header: String| -> Result<String, Error> {
        let template = env.get_template(name).map_err(|e| Error::Internal(e.to_string()))?;
        template
            .render(context! {
                header => header,
                package => &ir.package,
                crate_version => &ir.crate_version,
                crate_name => ir.package.replace('-', "_"),
                title => &ir.service.title,
                version => &ir.service.version,
                model_file => &ir.model_file,
                sha256 => &ir.model_sha256,
                operations => &operations,
                example => readme.as_ref().map(|r| context! {
                    client => &r.client,
                    wire => &r.wire,
                    pages => &r.pages,
                    token_member => &r.token_member,
                    program_command => &r.program_command,
                    program_prints => &r.program_prints,
                    unchecked => &r.unchecked,
                }),
                regex => ir.uses_patterns() || ir.endpoint.is_some(),
                patterns => ir.uses_patterns(),
                endpoint => ir.endpoint.is_some(),
                endpoint_example => &endpoint_example,
                region_setter => &region_setter,
                uuid => ir.uses_idempotency_tokens(),
                base64 => ir.uses_base64(),
                gzip => ir.uses_gzip(),
                content_md5 => ir.uses_content_md5(),
                checksums => ir.uses_flexible_checksums(),
                documents => ir.primitives().contains(&Primitive::Document),
                ecma_patterns => ir.uses_ecma_patterns(),
                example_program => ir.example.as_ref().map(|e| &e.program.name),
                streaming_inputs => &streaming_inputs,
                streaming_outputs => &streaming_outputs,
            })
            .map_err(|e| Error::Internal(format!("template {name}: {e}")))
    };
    let cargo = render("Cargo.toml", files.header("#"))?;
    files.insert("Cargo.toml", cargo)?;
    let readme_header = format!("<!-- {} -->", files.header("").trim());
    let readme = render("README.md", readme_header)?;
    files.insert("README.md", readme)?;
    Ok(())
}
