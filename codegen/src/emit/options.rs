//! `SerializeOptions`: how `Operation::serialize_request_with` builds a request. Its knobs
//! follow the model: idempotency-token generation where inputs have tokens, request
//! compression where operations declare `@requestCompression`.

use crate::ir::CrateIr;
use proc_macro2::TokenStream;
use quote::quote;

/// The default `requestMinCompressionSizeBytes` of the Smithy specification (10 KiB), and
/// the largest value it allows (10 MiB).
const MIN_COMPRESSION_SIZE: u32 = 10_240;
const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

pub(super) fn serialize_options(ir: &CrateIr) -> TokenStream {
    let tokens = ir.uses_idempotency_tokens();
    let gzip = ir.uses_gzip();
    let token_field = tokens.then(|| quote!(idempotency_token: fn() -> ::std::string::String,));
    let token_default = tokens.then(|| quote!(idempotency_token: crate::rt::token::idempotency_token,));
    let token_methods = tokens.then(|| {
        quote! {
            /// How the idempotency tokens the caller leaves unset are made: by default a
            /// fresh random UUID (version 4) each time. A fixed generator makes requests
            /// reproducible, e.g. in tests; a service takes two calls with the same token
            /// for one call sent twice, so real calls need a fresh token each.
            pub fn idempotency_token(mut self, generate: fn() -> ::std::string::String) -> Self {
                self.idempotency_token = generate;
                self
            }

            /// A token for an idempotency token member the caller left unset.
            pub(crate) fn new_idempotency_token(&self) -> ::std::string::String {
                (self.idempotency_token)()
            }
        }
    });
    let gzip_fields = gzip.then(|| quote!(compress: bool, min_compression_size: u32,));
    let min = proc_macro2::Literal::u32_unsuffixed(MIN_COMPRESSION_SIZE);
    let max = proc_macro2::Literal::u32_unsuffixed(MAX_MIN_COMPRESSION_SIZE);
    let gzip_defaults = gzip.then(|| quote!(compress: true, min_compression_size: #min,));
    let gzip_methods = gzip.then(|| {
        quote! {
            /// Whether the request bodies of operations that allow it (`@requestCompression`)
            /// are gzipped. On by default.
            pub fn request_compression(mut self, enabled: bool) -> Self {
                self.compress = enabled;
                self
            }

            /// The smallest body, in bytes, that is compressed: 10,240 by default. At most
            /// 10,485,760 (10 MiB); larger values are taken as 10 MiB.
            pub fn min_compression_size(mut self, bytes: u32) -> Self {
                self.min_compression_size = bytes.min(#max);
                self
            }

            /// Whether a body of `len` bytes is compressed.
            pub(crate) fn compresses(&self, len: usize) -> bool {
                self.compress && u64::try_from(len).unwrap_or(u64::MAX) >= u64::from(self.min_compression_size)
            }
        }
    });
    // A function pointer has no meaningful `==`: two options are equal when their other
    // settings are, and their token generators are the same function.
    let (derives, eq) = if tokens {
        let gzip_eq = gzip.then(|| {
            quote!(&& self.compress == other.compress && self.min_compression_size == other.min_compression_size)
        });
        let eq = quote! {
            impl ::std::cmp::PartialEq for SerializeOptions {
                fn eq(&self, other: &Self) -> bool {
                    self.validate == other.validate
                        && ::std::ptr::fn_addr_eq(self.idempotency_token, other.idempotency_token)
                        #gzip_eq
                }
            }

            impl ::std::cmp::Eq for SerializeOptions {}
        };
        (quote!(#[derive(Debug, Clone, Copy)]), eq)
    } else {
        (quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq)]), quote!())
    };
    quote! {
        /// How [`Operation::serialize_request_with`] builds a request.
        #derives
        pub struct SerializeOptions {
            validate: bool,
            #token_field
            #gzip_fields
        }

        impl SerializeOptions {
            /// Whether the input is checked against the model's constraints (`@length`,
            /// `@range`, `@pattern`) first. On by default; turn it off to talk to a
            /// service whose rules are newer than this crate's model.
            pub fn validate(mut self, validate: bool) -> Self {
                self.validate = validate;
                self
            }

            /// Whether inputs are validated.
            pub fn validates(&self) -> bool {
                self.validate
            }

            #token_methods
            #gzip_methods
        }

        impl ::std::default::Default for SerializeOptions {
            fn default() -> Self {
                SerializeOptions { validate: true, #token_default #gzip_defaults }
            }
        }

        #eq
    }
}
