//! The report's section on reading the model: JSON AST against Smithy IDL.

use super::format::{micros, thousands};
use super::report::Report;
use std::fmt::Write as _;

impl Report {
    /// Reading the MPA model as JSON, and the same model written as IDL.
    pub(super) fn reading_section(&self, md: &mut String) -> Result<(), String> {
        md.push_str(
            "## Reading the model: JSON AST and Smithy IDL\n\nThe MPA model read into the JSON AST the pipeline takes (the `load` step before it \
             builds its structs): the JSON file as `generate` reads it, the same file through the reader of several files \
             (`load_sources`: parse, merge, fold `apply`), and the same model written as IDL by `json_to_idl` (one file per \
             namespace, every shape id absolute) through the IDL reader.\n\n",
        );
        let _ = writeln!(
            md,
            "JSON: {} bytes; IDL: {} bytes.\n",
            thousands(self.f("read.json_bytes")? as usize),
            thousands(self.f("read.idl_bytes")? as usize)
        );
        md.push_str("| Input | Median | p10 | p90 |\n|---|---|---|---|\n");
        for (label, key) in [
            ("JSON, `load::load`", "read.json"),
            ("JSON, `load_sources`", "read.json_sources"),
            ("IDL, `load_sources`", "read.idl"),
        ] {
            let _ = writeln!(
                md,
                "| {label} | {} | {} | {} |",
                micros(self.f(&format!("{key}.median_ns"))?),
                micros(self.f(&format!("{key}.p10_ns"))?),
                micros(self.f(&format!("{key}.p90_ns"))?)
            );
        }
        md.push('\n');
        Ok(())
    }
}
