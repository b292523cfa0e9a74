//! restJson1 requests: the URI (labels, literal and bound query), headers and body of an
//! operation's input, as statements of `serialize_request_with`.

use super::tokens;
use super::wire::write_members_fn;
use crate::ir::{Location, MemberIr, NamedKind, NamedRef, OperationIr, PayloadKind, TypeRef, UriSegment};
use crate::traits::TimestampFormat;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Statements ending in the `Result<http::Request<Vec<u8>>, SerializeError>` expression.
pub(super) fn build_request(op: &OperationIr) -> TokenStream {
    let method = format_ident!("{}", op.method);
    let uri = build_uri(op);
    let has_json_body = op.input.members.iter().any(|m| m.location == Location::Body);
    let bound = |m: &MemberIr| matches!(m.location, Location::Header { .. } | Location::PrefixHeaders | Location::Payload(_));
    if !op.input.members.iter().any(bound) && op.host_prefix.is_empty() && op.body_rules.is_empty() {
        // Only the URI and the JSON body: one builder chain.
        let body = if has_json_body {
            quote! {
                let mut body = crate::rt::json::Writer::new();
                write_input_body(&mut body, input, &options);
                let body = body.finish();
            }
        } else {
            quote!()
        };
        let content_type = has_json_body.then(|| {
            quote! {
                .header(::http::header::CONTENT_TYPE, "application/json")
                .header(::http::header::CONTENT_LENGTH, body.len())
            }
        });
        let finish = if has_json_body { quote!(body) } else { quote!(::std::vec::Vec::new()) };
        return quote! {
            #uri
            #body
            ::http::Request::builder()
                .method(::http::Method::#method)
                .uri(uri)
                #content_type
                .body(#finish)
                .map_err(crate::error::common::SerializeError::http)
        };
    }
    let explicit: Vec<String> =
        op.input.members.iter().filter(|m| matches!(m.location, Location::Header { .. })).map(|m| m.wire_name.clone()).collect();
    let headers = op.input.members.iter().filter_map(|m| header_statement(m, &explicit));
    let (body, content_type) = body(op);
    let host_extension = (!op.host_prefix.is_empty()).then(|| quote!(builder = builder.extension(crate::HostPrefix::new(host_prefix));));
    let content_type = content_type.map(|ct| {
        // A member bound to `Content-Type` itself wins.
        quote!(builder = crate::rt::http_bind::default_content_type(builder, #ct);)
    });
    let host_prefix = host_prefix(op);
    let body_rules = body_rules(op);
    quote! {
        #uri
        #host_prefix
        let mut builder = ::http::Request::builder().method(::http::Method::#method).uri(uri);
        #host_extension
        #(#headers)*
        #body
        #content_type
        #body_rules
        if !body.is_empty() {
            builder = builder.header(::http::header::CONTENT_LENGTH, body.len());
        }
        builder.body(body).map_err(crate::error::common::SerializeError::http)
    }
}

/// The functions `build_request` calls: the JSON body writer, when members go there.
pub(super) fn support_items(op: &OperationIr) -> TokenStream {
    let has_body = op.input.members.iter().any(|m| m.location == Location::Body);
    if has_body && payload(op).is_none() {
        write_members_fn(&quote!(write_input_body), &tokens(&op.input.rust_path), &op.input.members, true)
    } else {
        quote!()
    }
}

fn payload(op: &OperationIr) -> Option<&MemberIr> {
    op.input.members.iter().find(|m| matches!(m.location, Location::Payload(_)))
}

/// Statements leaving the body in `body`, and the `Content-Type` to send with it.
fn body(op: &OperationIr) -> (TokenStream, Option<String>) {
    if let Some(m) = payload(op) {
        let Location::Payload(p) = &m.location else { unreachable!("found by location") };
        let field = tokens(&m.field);
        let (write, content_type) = match (p.kind, &m.ty) {
            (PayloadKind::Text, TypeRef::Named(_)) => (quote!(item.as_str().as_bytes().to_vec()), &p.content_type),
            (PayloadKind::Text, _) => (quote!(item.as_bytes().to_vec()), &p.content_type),
            (PayloadKind::Blob, TypeRef::Blob) => (quote!(item.as_bytes().to_vec()), &p.content_type),
            (PayloadKind::Json, TypeRef::Document) => {
                let write = quote! {{
                    let mut w = crate::rt::json::Writer::new();
                    crate::rt::json_document::write(&mut w, item);
                    w.finish()
                }};
                (write, &p.content_type)
            }
            (PayloadKind::Json, TypeRef::Named(n)) => {
                let module = tokens(&n.wire_module);
                // A structure that fills idempotency tokens takes them from the options.
                let options = n.write_options.then(|| quote!(, &options));
                let write = quote! {{
                    let mut w = crate::rt::json::Writer::new();
                    #module::write(&mut w, item #options);
                    w.finish()
                }};
                (write, &p.content_type)
            }
            (_, ty) => unreachable!("payload kinds are checked in lowering ({ty:?})"),
        };
        // An unset structure payload is sent as `{}`; other unset payloads send nothing
        // (and no `Content-Type`).
        let unset = match &m.ty {
            TypeRef::Named(n) if n.kind == NamedKind::Struct => quote! {{
                builder = crate::rt::http_bind::default_content_type(builder, #content_type);
                b"{}".to_vec()
            }},
            _ => quote!(::std::vec::Vec::new()),
        };
        let statements = if m.is_optional() {
            quote! {
                let body = match &input.#field {
                    ::std::option::Option::Some(item) => {
                        builder = crate::rt::http_bind::default_content_type(builder, #content_type);
                        #write
                    }
                    ::std::option::Option::None => #unset,
                };
            }
        } else {
            quote! {
                let item = &input.#field;
                builder = crate::rt::http_bind::default_content_type(builder, #content_type);
                let body = #write;
            }
        };
        return (statements, None);
    }
    if op.input.members.iter().any(|m| m.location == Location::Body) {
        let write = quote! {
            let mut body = crate::rt::json::Writer::new();
            write_input_body(&mut body, input, &options);
            let body = body.finish();
        };
        return (write, Some("application/json".to_owned()));
    }
    (quote!(let body = ::std::vec::Vec::new();), None)
}

/// Statements applying the operation's body rules to `body` and `builder`: compression
/// first, then the checksums of the bytes sent.
pub(super) fn body_rules(op: &OperationIr) -> TokenStream {
    let rules = &op.body_rules;
    let gzip = rules.gzip.then(|| {
        quote! {
            let body = {
                let (gzipped, body) = crate::rt::compress::gzip_body(builder, body, &options);
                builder = gzipped;
                body
            };
        }
    });
    let md5 = rules.content_md5.then(|| quote!(builder = crate::rt::content_md5::add(builder, &body);));
    let checksum = rules.checksum.as_ref().map(|c| {
        let picked = match &c.algorithm_field {
            None => quote!(::std::option::Option::None),
            Some(field) => {
                let f = tokens(field);
                if c.algorithm_optional && !c.algorithm_enum {
                    quote!(input.#f.as_deref())
                } else if c.algorithm_optional {
                    quote!(input.#f.as_ref().map(|a| a.as_str()))
                } else {
                    quote!(::std::option::Option::Some(input.#f.as_str()))
                }
            }
        };
        let required = c.required;
        let header = match &c.algorithm_header {
            Some(h) => quote!(::std::option::Option::Some(#h)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            builder = crate::rt::checksum::add(builder, &body, #picked, #required, #header)?;
        }
    });
    quote!(#gzip #md5 #checksum)
}

/// Sets a header (or prefixed headers) from a member, when it is set.
pub(super) fn header_statement(m: &MemberIr, explicit: &[String]) -> Option<TokenStream> {
    let field = tokens(&m.field);
    let set = match &m.location {
        Location::Header { base64 } => {
            let name = &m.wire_name;
            let value = match &m.ty {
                TypeRef::String if *base64 => quote!(crate::rt::media_header::encode(item)),
                TypeRef::List(inner) => {
                    let item = text(inner, &quote!(item));
                    let quote_items = matches!(**inner, TypeRef::String | TypeRef::Named(NamedRef { kind: NamedKind::Enum, .. }));
                    quote!({
                        let mut items = ::std::vec::Vec::with_capacity(item.len());
                        for item in item {
                            items.push(#item);
                        }
                        crate::rt::http_bind::header_list(items, #quote_items)
                    })
                }
                ty => text(ty, &quote!(item)),
            };
            quote!(builder = builder.header(#name, #value);)
        }
        Location::PrefixHeaders => {
            let prefix = &m.wire_name;
            // Headers bound to their own members win over map entries of the same name.
            let skip = (!explicit.is_empty()).then(|| {
                quote! {
                    if [#(#explicit),*].iter().any(|h| h.eq_ignore_ascii_case(&name)) {
                        continue;
                    }
                }
            });
            quote! {
                for (key, value) in item {
                    let name = ::std::format!("{}{}", #prefix, key);
                    #skip
                    builder = builder.header(name, value.as_str());
                }
            }
        }
        _ => return None,
    };
    Some(if m.is_optional() && m.idempotency_token && m.ty == TypeRef::String {
        // An idempotency token the caller left unset is filled with a fresh one.
        let name = &m.wire_name;
        quote! {
            match &input.#field {
                ::std::option::Option::Some(item) => { #set }
                ::std::option::Option::None => {
                    builder = builder.header(#name, options.new_idempotency_token());
                }
            }
        }
    } else if m.is_optional() {
        quote!(if let ::std::option::Option::Some(item) = &input.#field { #set })
    } else {
        quote!({ let item = &input.#field; #set })
    })
}

/// Statements leaving the `@endpoint(hostPrefix)` in `host_prefix`, labels checked.
pub(super) fn host_prefix(op: &OperationIr) -> TokenStream {
    if op.host_prefix.is_empty() {
        return quote!();
    }
    let parts = op.host_prefix.iter().map(|seg| match seg {
        UriSegment::Literal(l) if l.chars().count() == 1 => {
            let c = l.chars().next().unwrap_or('.');
            quote!(host_prefix.push(#c);)
        }
        UriSegment::Literal(l) => quote!(host_prefix.push_str(#l);),
        UriSegment::Label { field, model_name, .. } => {
            let m = op.input.members.iter().find(|m| &m.field == field).expect("host labels name input members");
            let f = tokens(field);
            if m.is_optional() {
                let item = unset_label_check(m, quote!(unset_host_label));
                quote!({
                    #item
                    crate::rt::http_bind::push_host_label(&mut host_prefix, #model_name, item.as_str())?;
                })
            } else {
                quote!(crate::rt::http_bind::push_host_label(&mut host_prefix, #model_name, input.#f.as_str())?;)
            }
        }
    });
    quote! {
        let mut host_prefix = ::std::string::String::new();
        #(#parts)*
    }
}

/// `let item = ...;`: the value of a label member that is an `Option` (the model marks it
/// `@required` and `@clientOptional`). Unset, it is the `SerializeError` `unset` names,
/// since the request has no path (or host) without it.
fn unset_label_check(m: &MemberIr, unset: TokenStream) -> TokenStream {
    let f = tokens(&m.field);
    let name = &m.model_name;
    quote!(let item = input.#f.as_ref().ok_or_else(|| crate::error::common::SerializeError::#unset(#name))?;)
}

/// The `@http` URI template as the model wrote it, for docs.
pub(super) fn uri_display(op: &OperationIr) -> String {
    let mut s = String::new();
    for seg in &op.uri.path {
        match seg {
            UriSegment::Literal(l) => s.push_str(l),
            UriSegment::Label { model_name, greedy, .. } => {
                s.push_str(&format!("{{{model_name}{}}}", if *greedy { "+" } else { "" }))
            }
        }
    }
    for (i, (k, v)) in op.uri.query.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(k);
        if let Some(v) = v {
            s.push('=');
            s.push_str(v);
        }
    }
    s
}

/// Statements that leave the origin-form URI (path and query) in `uri`.
pub(super) fn build_uri(op: &OperationIr) -> TokenStream {
    let path = op.uri.path.iter().map(|seg| match seg {
        UriSegment::Literal(l) if l.chars().count() == 1 => {
            let c = l.chars().next().unwrap_or('/');
            quote!(uri.push(#c);)
        }
        UriSegment::Literal(l) => quote!(uri.push_str(#l);),
        UriSegment::Label { field, model_name, greedy } => {
            let m = op.input.members.iter().find(|m| &m.field == field).expect("labels name input members");
            let f = tokens(field);
            let text = matches!(m.ty, TypeRef::String | TypeRef::Named(NamedRef { kind: NamedKind::Enum, .. }));
            if text && !m.is_optional() {
                return quote!(crate::rt::http::push_label(&mut uri, #model_name, input.#f.as_str(), #greedy)?;);
            }
            let item = if m.is_optional() { unset_label_check(m, quote!(unset_label)) } else { quote!(let item = &input.#f;) };
            let value = if text { quote!(item.as_str()) } else { str_ref(&m.ty, &quote!(item)) };
            quote!({
                #item
                crate::rt::http::push_label(&mut uri, #model_name, #value, #greedy)?;
            })
        }
    });
    let constant = op.uri.query.iter().map(|(k, v)| match v {
        Some(v) => quote!(query.pair(#k, ::std::option::Option::Some(#v));),
        None => quote!(query.pair(#k, ::std::option::Option::None);),
    });
    let bound: Vec<&MemberIr> = op.input.members.iter().filter(|m| m.location == Location::Query).collect();
    let explicit: Vec<&str> = bound.iter().map(|m| m.wire_name.as_str()).collect();
    let pairs = bound.iter().map(|m| query_pairs(m));
    // `@httpQueryParams` entries come last, leaving out the keys bound explicitly.
    let params = op.input.members.iter().filter(|m| m.location == Location::QueryParams).map(|m| query_params(m, &explicit));
    let has_query = !op.uri.query.is_empty() || op.input.members.iter().any(|m| matches!(m.location, Location::Query | Location::QueryParams));
    let query = has_query.then(|| {
        quote! {
            let mut query = crate::rt::http::QueryWriter::new(&mut uri);
            #(#constant)*
            #(#pairs)*
            #(#params)*
        }
    });
    quote! {
        let mut uri = ::std::string::String::new();
        #(#path)*
        #query
    }
}

fn query_pairs(m: &MemberIr) -> TokenStream {
    let field = tokens(&m.field);
    let key = &m.wire_name;
    let push = match &m.ty {
        TypeRef::List(inner) => {
            let value = str_ref(inner, &quote!(item));
            quote!(for item in item.iter() { query.pair(#key, ::std::option::Option::Some(#value)); })
        }
        other => {
            let value = str_ref(other, &quote!(item));
            quote!(query.pair(#key, ::std::option::Option::Some(#value));)
        }
    };
    if m.is_optional() && m.idempotency_token && m.ty == TypeRef::String {
        // An idempotency token the caller left unset is filled with a fresh one.
        quote! {
            match &input.#field {
                ::std::option::Option::Some(item) => query.pair(#key, ::std::option::Option::Some(item.as_str())),
                ::std::option::Option::None => {
                    query.pair(#key, ::std::option::Option::Some(&options.new_idempotency_token()))
                }
            }
        }
    } else if m.is_optional() {
        quote!(if let ::std::option::Option::Some(item) = &input.#field { #push })
    } else {
        quote!({ let item = &input.#field; #push })
    }
}

fn query_params(m: &MemberIr, explicit: &[&str]) -> TokenStream {
    let field = tokens(&m.field);
    let push = match &m.ty {
        TypeRef::Map(inner) => match &**inner {
            TypeRef::List(item) => {
                let value = str_ref(item, &quote!(value));
                quote!(for value in values { query.pair(key, ::std::option::Option::Some(#value)); })
            }
            item => {
                let value = str_ref(item, &quote!(values));
                quote!(query.pair(key, ::std::option::Option::Some(#value));)
            }
        },
        other => unreachable!("@httpQueryParams members are maps (checked in lowering): {other:?}"),
    };
    let skip = if explicit.is_empty() {
        quote!()
    } else {
        quote!(if [#(#explicit),*].contains(&key.as_str()) { continue; })
    };
    let each = quote!(for (key, values) in item { #skip #push });
    if m.is_optional() {
        quote!(if let ::std::option::Option::Some(item) = &input.#field { #each })
    } else {
        quote!({ let item = &input.#field; #each })
    }
}

/// A `&str` expression for `value` (an expression of type `&T`), valid for one statement.
fn str_ref(ty: &TypeRef, value: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#value.as_str()),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote!(#value.as_str()),
        TypeRef::Bool => text(ty, value),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => quote!(&#value.to_string()),
        _ => {
            let text = text(ty, value);
            quote!(::std::convert::AsRef::<str>::as_ref(&#text))
        }
    }
}

/// An expression of a type that is `AsRef<str>` and converts to a header value: the text
/// of a scalar `value` (an expression of type `&T`) in URIs and headers.
fn text(ty: &TypeRef, value: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#value.as_str()),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => quote!(#value.as_str()),
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => quote!(#value.as_i32().to_string()),
        TypeRef::Bool => quote!(if *#value { "true" } else { "false" }),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => quote!(#value.to_string()),
        TypeRef::Float => quote!(crate::rt::http_bind::float32(*#value)),
        TypeRef::Double => quote!(crate::rt::http_bind::float(*#value)),
        TypeRef::Timestamp(TimestampFormat::DateTime) => quote!(crate::rt::json_write::format_date_time(#value)),
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => quote!(crate::rt::json_write::format_epoch_seconds(#value)),
        TypeRef::Timestamp(TimestampFormat::HttpDate) => quote!(crate::rt::json_write::format_http_date(#value)),
        other => unreachable!("only scalars are bound outside the body (checked in lowering): {other:?}"),
    }
}
