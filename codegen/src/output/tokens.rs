//! Tokens and attributes from the names and texts the IR decided.

use proc_macro2::TokenStream;
use quote::quote;

/// `r#type` is the module `type`, in `type.rs`.
pub fn file_stem(module: &str) -> &str {
    crate::names::unraw(module)
}

/// A path or identifier decided in the IR, as tokens.
pub fn tokens(code: &str) -> TokenStream {
    match code.parse() {
        Ok(t) => t,
        Err(e) => panic!("the IR holds `{code}`, which is not Rust tokens: {e}"),
    }
}

/// `#[doc = ...]` attributes for Markdown text (one attribute a line, so prettyplease prints
/// them as `///` lines).
pub fn doc(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = if line.is_empty() { String::new() } else { format!(" {line}") };
            quote!(#[doc = #line])
        })
        .collect()
}

/// `#[deprecated(note = ...)]` for an item the model deprecates, else nothing.
pub fn deprecated_attr(note: Option<&str>) -> TokenStream {
    match note {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}

/// Docs for an item whose model text may be empty: `fallback` then stands in.
pub fn doc_or(text: &str, fallback: &str) -> TokenStream {
    doc(if text.trim().is_empty() { fallback } else { text })
}

