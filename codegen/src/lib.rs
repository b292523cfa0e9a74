//! A generator of Rust client crates from Smithy JSON AST models (restJson1, awsJson1_0,
//! awsJson1_1).
//!
//! The pipeline, one module a step, each reading only the output of the one before:
//! 1. [`load`]: the JSON AST into plain structs;
//! 2. [`resolve`]: prelude, `apply`, typed traits ([`traits`]), validation;
//! 3. [`lower`]: the operations to generate, and the Rust-facing [`ir`] with every name decided;
//! 4. [`emit`]: the IR to formatted files;
//! 5. [`write`]: the files to disk, all or nothing, or (`--check`) a comparison.
//!
//! The endpoint rule set is a family of its own through the same steps: [`endpoint`].
//! [`generate`] runs the steps and hands each family its own IR; both write through the
//! output toolkit, [`output`], a leaf that knows no IR.
#![forbid(unsafe_code)]

pub mod compliance;
pub mod diff;
pub mod emit;
pub mod endpoint;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod output;
pub mod resolve;
pub mod runtime;
pub mod traits;
pub mod write;

pub use error::{Error, ModelError, SourceError};
pub use ir::Runtime;
pub use lower::Selection;

use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// How long each step took, for the run's summary.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub load: Duration,
    pub resolve: Duration,
    pub lower: Duration,
    pub emit: Duration,
}

/// The result of generating: the files, what was generated and what was left out.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: output::FileTree,
    pub shapes: usize,
    pub operations: Vec<String>,
    pub unsupported: Vec<(String, ModelError)>,
    /// Checks left out of the output (see [`ir::CrateIr::warnings`]).
    pub warnings: Vec<ModelError>,
    pub timings: Timings,
}

/// Input of one run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Cargo package name of the generated crate.
    pub package: String,
    /// Version of the generated crate (see [`write::existing_crate_version`]).
    pub crate_version: String,
    /// How headers name the model file (a path relative to the repository).
    pub model_display_name: String,
    pub selection: Selection,
    /// Where the generated crate finds the runtime crate ([`Runtime::local`] for this
    /// repository's).
    pub runtime: Runtime,
}

/// Generates the crate's files from the model's text (the JSON AST). Pure: reads and writes
/// nothing.
pub fn generate(model_text: &str, options: &Options) -> Result<Generated, Error> {
    let start = Instant::now();
    let model = load::load(model_text)?;
    generate_model(model, model_text, start, options)
}

/// Generates the crate's files from a model in one or more files, Smithy IDL (`.smithy`) or
/// the JSON AST, merged into one model. One JSON file is read exactly as [`generate`] reads
/// it. Pure: reads and writes nothing.
pub fn generate_sources(sources: &[load::Source], options: &Options) -> Result<Generated, Error> {
    if let [one] = sources
        && !one.is_idl()
    {
        return generate(&one.text, options);
    }
    let start = Instant::now();
    let ast = load::load_sources(sources)?;
    let model = load::model_from_ast(&ast)?;
    // The headers' digest covers every file read, in order.
    let all: String = sources.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
    generate_model(model, &all, start, options)
}

fn generate_model(model: load::Model, model_text: &str, start: Instant, options: &Options) -> Result<Generated, Error> {
    let mut timings = Timings { load: start.elapsed(), ..Timings::default() };

    let start = Instant::now();
    let resolved = resolve::resolve_with(model, options.selection.protocol.as_deref())?;
    timings.resolve = start.elapsed();

    let start = Instant::now();
    let ir = lower_resolved(&resolved, model_text, options)?;
    timings.lower = start.elapsed();

    let start = Instant::now();
    let mut files = output::Files::new(&ir.model_file).with_pass(emit::deprecation_pass(&ir));
    emit::emit(&ir, &mut files)?;
    if let Some(endpoint) = &ir.endpoint {
        endpoint::emit(endpoint, &ir.package.replace('-', "_"), &mut files)?;
    }
    let files = files.finish()?;
    timings.emit = start.elapsed();

    Ok(Generated {
        files,
        shapes: ir.types.len() + ir.errors.len(),
        operations: ir.operations.iter().map(|o| o.rust_name.clone()).collect(),
        unsupported: ir.unsupported,
        warnings: ir.warnings,
        timings,
    })
}

/// Loads, resolves and lowers a model: the IR that [`generate`] emits.
pub fn lower_model(model_text: &str, options: &Options) -> Result<ir::CrateIr, Error> {
    let resolved = resolve::resolve_with(load::load(model_text)?, options.selection.protocol.as_deref())?;
    lower_resolved(&resolved, model_text, options)
}

/// The lower step of both families: the endpoint rules' IR, then the crate's, which carries it.
fn lower_resolved(resolved: &resolve::Resolved, model_text: &str, options: &Options) -> Result<ir::CrateIr, Error> {
    let provenance = lower::Provenance {
        package: options.package.clone(),
        crate_version: options.crate_version.clone(),
        model_file: options.model_display_name.clone(),
        model_sha256: sha256_hex(model_text.as_bytes()),
        runtime: options.runtime.clone(),
    };
    let endpoint = endpoint::lower(resolved)?;
    lower::lower(resolved, &options.selection, &provenance, endpoint)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
