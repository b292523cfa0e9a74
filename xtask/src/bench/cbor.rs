//! The report's section on CBOR against JSON: the same page written and read by the
//! runtime's JSON and CBOR codecs, and by minicbor's CBOR codec.

use super::format::{micros, thousands};
use super::report::Report;
use std::fmt::Write as _;

impl Report {
    /// Writing and reading one `Query`-like page in each format.
    pub(super) fn cbor_section(&self, md: &mut String) -> Result<(), String> {
        let items = self.f("cbor.items")? as usize;
        let _ = writeln!(
            md,
            "## CBOR against JSON\n\nOne page of {items} items shaped like a DynamoDB `Query` page (three strings, an integer, a \
             double, a timestamp, a boolean and a nested map of three strings each), written and read by the runtime's JSON \
             writer and reader (timestamps as epoch seconds), by its CBOR encoder and decoder (feature `cbor`), and by \
             minicbor 2's low-level encoder and decoder (the codec aws-smithy-cbor builds on, with its `half` feature for \
             half-precision floats), each called as generated code calls it: keys matched, unknown ones skipped, strings \
             owned in the result. Both CBOR encoders write the same bytes, and every reader reads the page back, before \
             anything is timed. Each ratio divides by the runtime's JSON on the same line's operation.\n"
        );
        let _ = writeln!(
            md,
            "JSON: {} bytes; CBOR: {} bytes.\n",
            thousands(self.f("cbor.json_bytes")? as usize),
            thousands(self.f("cbor.cbor_bytes")? as usize)
        );
        md.push_str("| Codec | Operation | Median | p10 | p90 | Ratio |\n|---|---|---|---|---|---|\n");
        for (codec, op, key, basis) in [
            ("runtime JSON", "write", "cbor.json_write", "cbor.json_write"),
            ("runtime CBOR", "write", "cbor.ours_write", "cbor.json_write"),
            ("minicbor", "write", "cbor.minicbor_write", "cbor.json_write"),
            ("runtime JSON", "read", "cbor.json_read", "cbor.json_read"),
            ("runtime CBOR", "read", "cbor.ours_read", "cbor.json_read"),
            ("minicbor", "read", "cbor.minicbor_read", "cbor.json_read"),
        ] {
            let median = self.f(&format!("{key}.median_ns"))?;
            let _ = writeln!(
                md,
                "| {codec} | {op} | {} | {} | {} | {:.2} |",
                micros(median),
                micros(self.f(&format!("{key}.p10_ns"))?),
                micros(self.f(&format!("{key}.p90_ns"))?),
                median / self.f(&format!("{basis}.median_ns"))?
            );
        }
        md.push('\n');
        Ok(())
    }
}
