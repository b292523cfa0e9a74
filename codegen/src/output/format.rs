//! Rust files printed the way every generated file is: prettyplease per item, one blank line
//! between items, runs of `mod` and `use` lines kept together.

use crate::error::Error;
use proc_macro2::TokenStream;

/// Items joined by one blank line, each printed by prettyplease.
pub fn format_items(path: &str, items: Vec<TokenStream>) -> Result<String, Error> {
    parse_items(path, items).map(format_file)
}

pub(super) fn parse_items(path: &str, items: Vec<TokenStream>) -> Result<syn::File, Error> {
    let tokens: TokenStream = items.into_iter().collect();
    // Parsing takes the tokens; a shallow copy keeps them for the error (these files are small).
    syn::parse2(tokens.clone()).map_err(|e| unparsable(path, &e, tokens))
}

/// A generator bug: the code built for `path` is not Rust. Shows the tokens.
pub(super) fn unparsable(path: &str, error: &syn::Error, tokens: TokenStream) -> Error {
    Error::Internal(format!("generated code for `{path}` does not parse: {error}\n{tokens}"))
}

pub(super) fn format_file(mut file: syn::File) -> String {
    // The file without its items and attributes prints each of them in turn.
    let items = std::mem::take(&mut file.items);
    let attrs = std::mem::take(&mut file.attrs);
    let mut header = file;
    let mut chunks = Vec::with_capacity(items.len() + 1);
    // Inner attributes one per line (printed together, prettyplease runs them into one).
    let inner: Vec<String> = attrs
        .iter()
        .map(|attr| {
            header.attrs = vec![attr.clone()];
            prettyplease::unparse(&header).trim_end().to_owned()
        })
        .collect();
    if !inner.is_empty() {
        chunks.push(format!("{}\n", inner.join("\n")));
    }
    header.attrs.clear();
    // Runs of `mod x;` and `use ...;` lines stay together; other items get a blank line.
    let is_declaration = |item: &syn::Item| match item {
        syn::Item::Mod(m) => m.content.is_none(),
        syn::Item::Use(_) => true,
        _ => false,
    };
    let mut previous_was_declaration = false;
    for item in items {
        let declaration = is_declaration(&item);
        header.items = vec![item];
        let text = prettyplease::unparse(&header);
        match chunks.last_mut() {
            Some(last) if declaration && previous_was_declaration => last.push_str(&text),
            _ => chunks.push(text),
        }
        previous_was_declaration = declaration;
    }
    chunks.join("\n")
}

