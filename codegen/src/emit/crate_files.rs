//! The crate around the types: `lib.rs`, module files, the re-exports of the runtime crate
//! (`smithy-rt`) and the runtime features the model needs, `Cargo.toml`, README.

use super::Files;
use crate::error::Error;
use crate::ir::{CrateIr, Primitive, StructIr, TypeIr};
use std::collections::BTreeSet;
use minijinja::{Environment, context};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn emit<'a>(ir: &'a CrateIr, files: &mut Files<'a>) -> Result<(), Error> {
    if !ir.primitives().is_empty() {
        primitives_mod(files, &ir.primitives())?;
    }
    super::client::emit(ir, files)?;
    lib_rs(ir, files)?;
    types_mod(ir, files)?;
    error_mod(ir, files)?;
    wire_mod(ir, files)?;
    operation_mod(ir, files)?;
    templates(ir, files)
}

/// The features of the runtime crate (`smithy-rt`) the model needs, sorted: each optional
/// part of the runtime is one.
pub(crate) fn runtime_features(ir: &CrateIr) -> Vec<&'static str> {
    let primitives = ir.primitives();
    let mut features: Vec<&'static str> = [
        (primitives.contains(&Primitive::BigNumbers), "big-numbers"),
        (primitives.contains(&Primitive::Blob), "blob"),
        (ir.service.protocol.codec == crate::ir::Codec::Cbor, "cbor"),
        (ir.uses_flexible_checksums(), "checksums"),
        (ir.uses_content_md5(), "content-md5"),
        (primitives.contains(&Primitive::Document), "document"),
        (ir.uses_ecma_patterns(), "ecma-patterns"),
        (ir.endpoint.is_some(), "endpoint"),
        (ir.uses_gzip(), "gzip"),
        (ir.uses_idempotency_tokens(), "idempotency-token"),
        (ir.uses_media_type_headers(), "media-type-headers"),
        (ir.uses_patterns(), "regex-patterns"),
        (ir.uses_streaming(), "streaming"),
        (ir.uses_event_streams(), "event-stream"),
    ]
    .into_iter()
    .filter_map(|(used, feature)| used.then_some(feature))
    .collect();
    features.sort_unstable();
    features
}

fn lib_rs(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let paginate = ir.operations.iter().any(|o| o.pagination.is_some()).then(|| quote!(pub use ::smithy_rt::paginate;));
    let endpoint = ir.endpoint.is_some().then(|| quote!(pub mod endpoint;));
    let primitives = (!ir.primitives().is_empty()).then(|| quote!(pub mod primitives;));
    // Every operation's code calls the runtime's support as `crate::rt`.
    let rt = (!ir.operations.is_empty()).then(|| quote!(use ::smithy_rt::rt;));
    let host_prefix = ir.operations.iter().any(|o| !o.host_prefix.is_empty()).then(|| quote!(pub use ::smithy_rt::HostPrefix;));
    let streaming = ir.uses_streaming().then(|| quote!(pub use ::smithy_rt::{StreamingInput, StreamingOutput};));
    let event_streams = ir.uses_event_streams().then(|| quote!(pub mod event_streams;));
    let waiters = (!ir.waiters.is_empty()).then(|| quote!(#[cfg(any(feature = "client", feature = "blocking"))] pub mod waiters;));
    // What the model does not decide is the runtime's, re-exported where users name it.
    let items = vec![
        quote! {
            #![doc = include_str!("../README.md")]
            #![forbid(unsafe_code)]
            #![warn(missing_docs)]
        },
        quote! {
            #endpoint
            pub mod error;
            #event_streams
            pub mod operation;
            #primitives
            pub mod types;
            mod wire;

            pub use ::smithy_rt::builder;
            #paginate
            pub use ::smithy_rt::{Operation, SerializeOptions};
            #host_prefix
            #streaming
            #rt

            pub use ::http;
            pub use ::time;
        },
        quote! {
            #[cfg(feature = "blocking")]
            pub mod blocking;
            #[cfg(any(feature = "client", feature = "blocking"))]
            pub mod client;
            #waiters

            #[cfg(feature = "client")]
            pub use client::Client;
        },
    ];
    let body = super::format_items("src/lib.rs", items)?;
    let text = format!("{}// Model sha256: {}\n\n{body}", files.header("//"), ir.model_sha256);
    files.insert("src/lib.rs", text)
}

/// `crate::primitives`: the runtime's value types of the Smithy kinds Rust lacks, only
/// those the model uses.
fn primitives_mod(files: &mut Files<'_>, used: &BTreeSet<Primitive>) -> Result<(), Error> {
    let mut items = vec![quote! {
        //! Value types for Smithy kinds that have no plain Rust counterpart.
    }];
    for primitive in used {
        items.push(match primitive {
            Primitive::BigNumbers => quote! { pub use ::smithy_rt::primitives::{BigDecimal, BigInteger, ParseBigNumberError}; },
            Primitive::Blob => quote! { pub use ::smithy_rt::primitives::Blob; },
            Primitive::Document => quote! { pub use ::smithy_rt::primitives::{Document, Number}; },
        });
    }
    files.rust("src/primitives/mod.rs", items)
}

fn types_mod(ir: &CrateIr, files: &mut Files<'_>) -> Result<(), Error> {
    let mut items = vec![
        quote! {
            //! The service's data types: structures, enums and unions, with their builders.
        },
        quote! {
            pub use ::smithy_rt::UnknownValue;
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
        pub use ::smithy_rt::error as common;
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
    let doc = format!(" {} body code for the types of `crate::types` and `crate::error`.", ir.service.protocol.name);
    let mut items = vec![quote!(#![doc = #doc])];
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

/// The README's words for each auth scheme the operations offer, in the order of the
/// schemes' first appearance.
fn auth_schemes(ir: &CrateIr) -> Vec<String> {
    use crate::ir::AuthSchemeIr;
    let mut offered: Vec<&AuthSchemeIr> = Vec::new();
    for scheme in ir.service.client.auth.iter().chain(ir.operations.iter().flat_map(|o| &o.auth)) {
        let same_kind = |s: &&AuthSchemeIr| std::mem::discriminant(*s) == std::mem::discriminant(scheme);
        if !offered.iter().any(same_kind) {
            offered.push(scheme);
        }
    }
    offered
        .into_iter()
        .filter_map(|scheme| match scheme {
            AuthSchemeIr::SigV4 => Some("credentials, for a SigV4 signature".to_owned()),
            AuthSchemeIr::Bearer => Some(match &ir.service.client.bearer_env {
                Some(var) => format!("a bearer token (the builder's `bearer_token` or `bearer_token_provider`, else `{var}`, which also puts bearer auth first)"),
                None => "a bearer token (the builder's `bearer_token` or `bearer_token_provider`)".to_owned(),
            }),
            AuthSchemeIr::ApiKey { name, in_query, .. } => {
                let place = if *in_query { "query parameter" } else { "header" };
                Some(format!("an API key in the {place} `{name}` (`api_key` or `api_key_provider`)"))
            }
            AuthSchemeIr::Basic => Some("a user name and password (`basic_auth`)".to_owned()),
            AuthSchemeIr::Anonymous => None,
        })
        .collect()
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
    let (runtime_path, runtime_version) = match &ir.runtime {
        crate::ir::Runtime::Path(path) => (Some(path.as_str()), None),
        crate::ir::Runtime::Version(version) => (None, Some(version.as_str())),
    };
    let runtime_features = runtime_features(ir);
    let render = |name: &str, header: String| -> Result<String, Error> {
        let template = env.get_template(name).map_err(|e| Error::Internal(e.to_string()))?;
        template
            .render(context! {
                header => header,
                package => &ir.package,
                crate_version => &ir.crate_version,
                crate_name => ir.package.replace('-', "_"),
                title => &ir.service.title,
                protocol => &ir.service.protocol.name,
                passed_over => &ir.service.protocol.passed_over,
                version => &ir.service.version,
                model_file => &ir.model_file,
                sha256 => &ir.model_sha256,
                operations => &operations,
                example => readme.as_ref().map(|r| context! {
                    client => &r.client,
                    async_client => &r.async_client,
                    wire => &r.wire,
                    pages => &r.pages,
                    mock => &r.mock,
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
                runtime_path => &runtime_path,
                runtime_version => &runtime_version,
                runtime_features => &runtime_features,
                runtime_serde => !ir.primitives().is_empty() || ir.uses_timestamps(),
                uuid => ir.uses_idempotency_tokens(),
                gzip => ir.uses_gzip(),
                content_md5 => ir.uses_content_md5(),
                checksums => ir.uses_flexible_checksums(),
                documents => ir.primitives().contains(&Primitive::Document),
                example_program => ir.example.as_ref().map(|e| &e.program.name),
                streaming_inputs => &streaming_inputs,
                streaming_outputs => &streaming_outputs,
                smoke_tests => !ir.smoke_tests.is_empty(),
                endpoint_env => &ir.service.client.endpoint_env,
                bearer_env => &ir.service.client.bearer_env,
                identities => if ir.uses_identities() { auth_schemes(ir) } else { Vec::new() },
                http2 => ir.operations.iter().any(|o| o.http2 != crate::ir::Http2::No),
                signs => ir.operations.iter().any(|o| o.auth.contains(&crate::ir::AuthSchemeIr::SigV4)),
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
