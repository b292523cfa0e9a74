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

#[cfg(test)]
mod tests {
    use super::super::builds::Size;
    use super::super::machine::Machine;
    use super::super::report::Report;

    fn size() -> Size {
        Size { files: 0, lines: 0, by_dir: Default::default(), by_kind: Default::default(), deps_normal: 0, deps_with_build: 0 }
    }

    /// The section from figures as the harness prints them (these are the ones of the run
    /// recorded in BENCHMARKS.md).
    #[test]
    fn writes_the_section_from_the_harness_figures() {
        let lines = "dynamodb.items\t100\ndynamodb.bytes\t33507\n\
            dynamodb.call.ours.median_ns\t259052.7\ndynamodb.call.ours.p10_ns\t253408.6\ndynamodb.call.ours.p90_ns\t299350.3\n\
            dynamodb.call.ours_signed.median_ns\t267677.3\ndynamodb.call.ours_signed.p10_ns\t261767.0\ndynamodb.call.ours_signed.p90_ns\t292481.0\n\
            dynamodb.call.sdk.median_ns\t674102.9\ndynamodb.call.sdk.p10_ns\t652064.4\ndynamodb.call.sdk.p90_ns\t760993.5\n\
            dynamodb.serialize.ours.median_ns\t889.5\ndynamodb.serialize.ours.p10_ns\t872.6\ndynamodb.serialize.ours.p90_ns\t993.1\n\
            dynamodb.parse.ours.median_ns\t256302.8\ndynamodb.parse.ours.p10_ns\t250583.5\ndynamodb.parse.ours.p90_ns\t284578.5";
        let figures = lines.lines().filter_map(|l| l.split_once('\t')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let machine = Machine {
            cpu: String::new(),
            nproc: String::new(),
            memory: String::new(),
            os: String::new(),
            rustc: String::new(),
            cargo: String::new(),
            commit: String::new(),
            date: String::new(),
            load_start: String::new(),
        };
        let report = Report {
            machine,
            load_end: String::new(),
            minutes: 0.0,
            codegen_runs: 0,
            model_name: String::new(),
            figures,
            xtask_codegen: Default::default(),
            builds: None,
            client_builds: None,
            ours_size: size(),
            sdk_size: size(),
        };
        let mut md = String::new();
        report.dynamodb_section(&mut md).unwrap();
        assert!(md.contains("A `Query` page of 100 items, 33,507 bytes of JSON"), "{md}");
        for row in [
            "| generated crate: build input, `serialize_request`, `parse_response` | 259 µs | 253 µs | 299 µs | 1.00 (basis) |",
            "(endpoint, SigV4, in-memory transport) | 268 µs | 262 µs | 292 µs | 1.03 × the generated crate's call |",
            "in-memory HTTP client | 674 µs | 652 µs | 761 µs | 2.60 × the generated crate's call |",
            "| generated crate: `serialize_request` only | 0.89 µs | 0.87 µs | 0.99 µs | 0.003 of the call |",
            "| generated crate: `parse_response` only | 256 µs | 251 µs | 285 µs | 0.99 of the call |",
            "The SDK's call against the generated crate's signed call: 2.52×.",
        ] {
            assert!(md.contains(row), "no `{row}` in:\n{md}");
        }
    }
}
