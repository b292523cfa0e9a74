//! Unit tests of the support code that every generated crate carries (`codegen/runtime/`).
//! They run here, against the same files, so that generated crates carry no test code.

#![allow(dead_code, reason = "the harness compiles all of the runtime; tests use parts of it")]

// The files are laid out here as a generated crate lays them out (`crate::rt::json`, ...).
#[path = "../runtime/error_common.rs"]
mod error_common;
#[path = "../runtime/http.rs"]
mod rt_http;
#[path = "../runtime/json.rs"]
mod rt_json;
#[path = "../runtime/json_write.rs"]
mod rt_json_write;

mod rt {
    pub(crate) use super::rt_http as http;
    pub(crate) use super::rt_json as json;
    pub(crate) use super::rt_json_write as json_write;
}

mod error {
    pub(crate) use super::error_common as common;
    pub(crate) use common::*;
}

#[path = "../runtime/tests/http.rs"]
mod http_tests;
#[path = "../runtime/tests/json.rs"]
mod json_tests;
