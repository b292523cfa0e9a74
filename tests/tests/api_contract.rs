//! API contract of the generated `mpa` crate, checked at compile time with trybuild.
//!
//! `trybuild/pass/*.rs` must compile without warnings and run to completion: they pin what
//! callers can write. `trybuild/compile_fail/*.rs` must fail to compile with exactly the
//! diagnostics in the `.stderr` file next to each: they pin what callers cannot write, and
//! that the compiler explains it in terms a caller can act on.
//!
//! Blessing new `.stderr` files (after a compiler change, or after adding a case):
//!
//! ```text
//! TRYBUILD=overwrite cargo test -p mpa-tests --test api_contract
//! ```
//!
//! then review the diff of `trybuild/compile_fail/*.stderr` before keeping it: the message
//! must still name the missing member, `#[non_exhaustive]`, or the expected type. The
//! toolchain pin in `rust-toolchain.toml` keeps the compiler's wording stable between runs, so
//! these files change only when that pin moves or when the generated code they quote (the
//! `build()` bound, a setter's signature) changes.

#[test]
fn api_contract() {
    let cases = trybuild::TestCases::new();
    cases.pass("trybuild/pass/*.rs");
    cases.compile_fail("trybuild/compile_fail/*.rs");
}
