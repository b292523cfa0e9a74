//! restJson1 responses: members of outputs and errors bound to headers, prefixed headers,
//! the status code or the whole payload, read after the JSON body.

use super::tokens;
use crate::ir::{Location, MemberIr, NamedKind, PayloadKind, StructIr, TypeRef};
use crate::traits::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;

/// Whether any member of `s` is read from outside the JSON body.
pub(crate) fn has_bindings(s: &StructIr) -> bool {
    s.members.iter().any(|m| m.location != Location::Body)
}

/// Whether the body is a payload member rather than a JSON object of members.
pub(crate) fn has_payload(s: &StructIr) -> bool {
    s.members.iter().any(|m| matches!(m.location, Location::Payload(_)))
}

/// `fn read_bindings(value: &mut T, status, headers, body)` filling the members of `s`
/// that are not in the JSON body; nothing when there are none.
pub(crate) fn read_bindings_fn(s: &StructIr) -> TokenStream {
    if !has_bindings(s) {
        return quote!();
    }
    let ty = tokens(&s.rust_path);
    let uses = |pick: fn(&Location) -> bool| s.members.iter().any(|m| pick(&m.location));
    let status = if uses(|l| *l == Location::ResponseCode) { quote!(status) } else { quote!(_status) };
    let headers = if uses(|l| matches!(l, Location::Header { .. } | Location::PrefixHeaders)) { quote!(headers) } else { quote!(_headers) };
    let body = if uses(|l| matches!(l, Location::Payload(_))) { quote!(body) } else { quote!(_body) };
    let reads = s.members.iter().filter_map(read_member);
    quote! {
        /// Fills the members bound to the status code, headers or payload.
        pub(crate) fn read_bindings(
            value: &mut #ty,
            #status: u16,
            #headers: &::http::HeaderMap,
            #body: &[u8],
        ) -> crate::rt::json::Result<()> {
            #(#reads)*
            Ok(())
        }
    }
}

fn read_member(m: &MemberIr) -> Option<TokenStream> {
    let field = tokens(&m.field);
    let store = |v: TokenStream| if m.is_optional() { quote!(value.#field = Some(#v);) } else { quote!(value.#field = #v;) };
    Some(match &m.location {
        Location::Body | Location::Label { .. } | Location::Query | Location::QueryParams => return None,
        Location::ResponseCode => {
            let set = store(quote!(i32::from(status)));
            quote!(#set)
        }
        Location::Header { base64 } => {
            let name = &m.wire_name;
            let parse = if *base64 {
                quote!(crate::rt::media_header::decode(#name, &text)?)
            } else {
                parse_header(&m.ty, name)
            };
            let set = store(parse);
            quote! {
                if let Some(text) = crate::rt::http_bind::header(headers, #name)? {
                    #set
                }
            }
        }
        Location::PrefixHeaders => {
            let prefix = &m.wire_name;
            let set = store(quote!(map));
            quote! {
                if let Some(map) = crate::rt::http_bind::prefix_headers(headers, #prefix)? {
                    #set
                }
            }
        }
        Location::Payload(p) => {
            let read = match (p.kind, &m.ty) {
                (PayloadKind::Text, TypeRef::Named(n)) => {
                    let t = tokens(&n.rust_path);
                    quote!(#t::from(crate::rt::http_bind::text_body(body)?.as_str()))
                }
                (PayloadKind::Text, _) => quote!(crate::rt::http_bind::text_body(body)?),
                (PayloadKind::Blob, TypeRef::Blob) => quote!(crate::primitives::Blob::new(body.to_vec())),
                (PayloadKind::Json, TypeRef::Document) => quote!(crate::rt::read_body(body, crate::rt::json_document::read)?),
                (PayloadKind::Json, TypeRef::Named(n)) => {
                    let module = tokens(&n.wire_module);
                    quote!(crate::rt::read_body(body, #module::read)?)
                }
                (_, ty) => unreachable!("payload kinds are checked in lowering ({ty:?})"),
            };
            let set = store(read);
            // An empty body leaves an optional payload unset.
            quote! {
                if !body.is_empty() {
                    #set
                }
            }
        }
    })
}

/// An expression reading a header's `text` (a `Cow<str>`) as a value of `ty`.
fn parse_header(ty: &TypeRef, name: &str) -> TokenStream {
    match ty {
        TypeRef::List(inner) => {
            let split = match **inner {
                TypeRef::Timestamp(TimestampFormat::HttpDate) => quote!(split_http_dates),
                _ => quote!(split_list),
            };
            let item = parse_scalar(inner, name, &quote!(item));
            quote! {{
                let mut items = Vec::new();
                for item in crate::rt::http_bind::#split(#name, &text)? {
                    items.push(#item);
                }
                items
            }}
        }
        _ => parse_scalar(ty, name, &quote!(text)),
    }
}

/// An expression reading `text` (a `String` or `Cow<str>`) as a scalar of `ty`.
fn parse_scalar(ty: &TypeRef, name: &str, text: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#text.to_string()),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(#text.trim()))
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let t = tokens(&n.rust_path);
            quote!(#t::from(crate::rt::http_bind::number::<i32>(#name, &#text)?))
        }
        TypeRef::Bool => quote!(crate::rt::http_bind::boolean(#name, &#text)?),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double => {
            quote!(crate::rt::http_bind::number(#name, &#text)?)
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => quote!(crate::rt::http_bind::epoch_seconds(#name, &#text)?),
        TypeRef::Timestamp(TimestampFormat::DateTime) => quote!(crate::rt::http_bind::date_time(#name, &#text)?),
        TypeRef::Timestamp(TimestampFormat::HttpDate) => quote!(crate::rt::http_bind::http_date(#name, &#text)?),
        other => unreachable!("only scalars are bound to headers (checked in lowering): {other:?}"),
    }
}
