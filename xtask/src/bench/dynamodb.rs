//! The report's section on one awsJson1_0 call: DynamoDB's `Query` with the generated
//! DynamoDB crate and with aws-sdk-dynamodb.

use super::DYNAMODB_SDK_VERSION;
use super::format::{micros, thousands};
use super::report::Report;
use std::fmt::Write as _;

impl Report {
    /// One `Query` page, generated crate against the SDK.
    pub(super) fn dynamodb_section(&self, md: &mut String) -> Result<(), String> {
        let items = self.f("dynamodb.items")? as usize;
        let bytes = self.f("dynamodb.bytes")? as usize;
        let _ = writeln!(
            md,
            "## One DynamoDB Query call (awsJson1_0)\n\nA `Query` page of {items} items, {} bytes of JSON, each item eight \
             attributes: strings, numbers, a boolean, a nested map of four attributes and a list of three. The generated \
             crate is the repository's DynamoDB golden crate (`tests/golden/dynamodb`); aws-sdk-dynamodb {DYNAMODB_SDK_VERSION} \
             is from the same SDK release as aws-sdk-mpa {}, built and called the same way (no TLS features, in-memory HTTP \
             client, static credentials and region). Before timing, the harness checks that the generated crate, its \
             blocking client and the SDK read the same items, every attribute of every item and the page's counts and \
             last key. Each ratio divides the line's median by the basis it names.\n",
            thousands(bytes),
            super::SDK_VERSION
        );
        md.push_str("| Measurement | Median | p10 | p90 | Ratio |\n|---|---|---|---|---|\n");
        let basis = self.f("dynamodb.call.ours.median_ns")?;
        let rows: [(&str, &str, &str); 5] = [
            ("generated crate: build input, `serialize_request`, `parse_response`", "dynamodb.call.ours", "1.00 (basis)"),
            ("generated crate, blocking client: `client.query()...send()` (endpoint, SigV4, in-memory transport)", "dynamodb.call.ours_signed", "× the generated crate's call"),
            ("aws-sdk-dynamodb: `query()...send()`, in-memory HTTP client", "dynamodb.call.sdk", "× the generated crate's call"),
            ("generated crate: `serialize_request` only", "dynamodb.serialize.ours", "of the call"),
            ("generated crate: `parse_response` only", "dynamodb.parse.ours", "of the call"),
        ];
        for (label, key, ratio_label) in rows {
            let median = self.f(&format!("{key}.median_ns"))?;
            let ratio = median / basis;
            // The request alone is a fraction of a percent of the call: three decimals for it.
            let digits = if ratio < 0.1 { 3 } else { 2 };
            let ratio = if ratio_label.contains("basis") { ratio_label.to_string() } else { format!("{ratio:.digits$} {ratio_label}") };
            let _ = writeln!(
                md,
                "| {label} | {} | {} | {} | {ratio} |",
                micros(median),
                micros(self.f(&format!("{key}.p10_ns"))?),
                micros(self.f(&format!("{key}.p90_ns"))?)
            );
        }
        let _ = writeln!(
            md,
            "\nThe SDK's call against the generated crate's signed call: {:.2}×.\n",
            self.f("dynamodb.call.sdk.median_ns")? / self.f("dynamodb.call.ours_signed.median_ns")?
        );
        Ok(())
    }
}
