//! Unit tests of the support code that every generated crate carries (`codegen/runtime/`).
//! They run here, against the same files, so that generated crates carry no test code.

#![allow(dead_code, reason = "the harness compiles all of the runtime; tests use parts of it")]

// The files are laid out here as a generated crate lays them out (`crate::rt::json`, ...).
#[path = "../runtime/src/error.rs"]
mod error_common;
#[path = "../runtime/src/rt/checksum.rs"]
mod rt_checksum;
#[path = "../runtime/src/rt/content_md5.rs"]
mod rt_content_md5;
#[path = "../runtime/src/rt/http.rs"]
mod rt_http;
#[path = "../runtime/src/rt/media_header.rs"]
mod rt_media_header;
#[path = "../runtime/src/rt/json.rs"]
mod rt_json;
#[path = "../runtime/src/rt/json_write.rs"]
mod rt_json_write;
#[path = "../runtime/src/rt/json_big.rs"]
mod rt_json_big;
#[path = "../runtime/src/rt/json_blob.rs"]
mod rt_json_blob;
#[path = "../runtime/src/rt/json_document.rs"]
mod rt_json_document;
#[path = "../runtime/src/rt/validate.rs"]
mod rt_validate;

mod rt {
    pub(crate) use super::rt_checksum as checksum;
    pub(crate) use super::rt_content_md5 as content_md5;
    pub(crate) use super::rt_media_header as media_header;
    pub(crate) use super::rt_http as http;
    pub(crate) use super::rt_json as json;
    pub(crate) use super::rt_json_big as json_big;
    pub(crate) use super::rt_json_blob as json_blob;
    pub(crate) use super::rt_json_document as json_document;
    pub(crate) use super::rt_json_write as json_write;
    pub(crate) use super::rt_validate as validate;
}

#[path = "../runtime/src/primitives/big.rs"]
mod primitives_big;
#[path = "../runtime/src/primitives/blob.rs"]
mod primitives_blob;
#[path = "../runtime/src/primitives/document.rs"]
mod primitives_document;

mod primitives {
    pub use super::primitives_big::{BigDecimal, BigInteger};
    pub use super::primitives_blob::Blob;
    pub use super::primitives_document::{Document, Number};
}

mod error {
    pub(crate) use super::error_common as common;
}

// `crate::endpoint`, with the partition table generated for the MPA crate.
#[path = "../runtime/src/endpoint/fns/arn.rs"]
mod endpoint_arn;
#[path = "../runtime/src/endpoint/fns/mod.rs"]
mod endpoint_fns;
#[path = "../runtime/src/endpoint/fns/partition.rs"]
mod endpoint_partition;
#[path = "../../generated/src/endpoint/fns/partitions.rs"]
mod endpoint_partitions;
#[path = "../runtime/src/endpoint/types.rs"]
mod endpoint_types;
#[path = "../runtime/src/endpoint/fns/url.rs"]
mod endpoint_url;

mod endpoint {
    pub(crate) use super::endpoint_types::*;
    pub(crate) mod fns {
        pub(crate) use super::super::endpoint_arn as arn;
        pub(crate) use super::super::endpoint_fns::*;
        pub(crate) use super::super::endpoint_partition as partition;
        pub(crate) use super::super::endpoint_partitions as partitions;
        pub(crate) use super::super::endpoint_url as url;
    }
}

#[path = "../runtime/tests/body.rs"]
mod body_tests;
#[path = "../runtime/tests/endpoint.rs"]
mod endpoint_tests;
#[path = "../runtime/tests/http.rs"]
mod http_tests;
#[path = "../runtime/tests/json.rs"]
mod json_tests;
#[path = "../runtime/tests/primitives.rs"]
mod primitives_tests;
#[path = "../runtime/tests/validate.rs"]
mod validate_tests;
