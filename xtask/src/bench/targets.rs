//! The targets table of `BENCHMARKS.md`: each target, its goal, the measurement and the verdict.

use super::format::{micros, seconds, thousands, verdict_at_most};
use super::report::Report;
use std::fmt::Write as _;

impl Report {
    pub(super) fn targets_table(&self) -> Result<String, String> {
        let mut t = String::from("| Target | Goal | Measured | Verdict |\n|---|---|---|---|\n");
        let codegen = self.f("codegen.total_ms")?;
        let as_run = match self.xtask_total() {
            Some(ms) => format!(
                "; `cargo xtask codegen` itself ({} build): {ms:.0} ms",
                self.xtask_codegen.get("profile").map(String::as_str).unwrap_or("?")
            ),
            None => String::new(),
        };
        let _ = writeln!(
            t,
            "| Generator, whole model | ≤ 100 ms | {codegen:.1} ms (release library, median of {}){as_run} | {} |",
            self.codegen_runs,
            verdict_at_most(codegen, 100.0, "ms")
        );
        match &self.builds {
            Some((ours, sdk)) => {
                let limit = sdk.wall_s / 8.0;
                let _ = writeln!(
                    t,
                    "| Clean debug build of the generated crate | ≤ 1/8 of aws-sdk-mpa's ({}) | {} = 1/{:.2} of {} (CPU time: 1/{:.2}) | {} |",
                    seconds(limit),
                    seconds(ours.wall_s),
                    sdk.wall_s / ours.wall_s,
                    seconds(sdk.wall_s),
                    sdk.cpu_s / ours.cpu_s,
                    verdict_at_most(ours.wall_s, limit, "s")
                );
            }
            None => t.push_str("| Clean debug build of the generated crate | ≤ 1/8 of aws-sdk-mpa's | not measured (`--skip-builds`) | not measured |\n"),
        }
        let ours_call = self.f("call.ours.median_ns")?;
        let sdk_call = self.f("call.sdk.median_ns")?;
        let speedup = sdk_call / ours_call;
        let call_verdict = if speedup >= 5.0 {
            format!("**met**, stretch **met** ({speedup:.1}x)")
        } else if speedup >= 3.0 {
            format!("**met**; stretch missed (needs {:.0}% less time)", (1.0 - speedup / 5.0) * 100.0)
        } else {
            format!("**missed**: needs {:.0}% less time for 3x", (1.0 - speedup / 3.0) * 100.0)
        };
        let _ = writeln!(
            t,
            "| ListSessions call (serialize + parse), 20 sessions | ≥ 3x cheaper than aws-sdk-mpa (stretch 5x) | {} vs {} = {speedup:.1}x cheaper | {call_verdict} |",
            micros(ours_call),
            micros(sdk_call)
        );
        let signed = self.f("call.ours_signed.median_ns")?;
        let signed_speedup = sdk_call / signed;
        let signed_verdict = if signed_speedup >= 5.0 {
            format!("**met** ({signed_speedup:.1}x)")
        } else {
            format!("**missed**: needs {:.0}% less time for 5x", (1.0 - signed_speedup / 5.0) * 100.0)
        };
        let _ = writeln!(
            t,
            "| Signed ListSessions call through the blocking client (endpoint, SigV4, in-memory transport) | ≥ 5x cheaper than aws-sdk-mpa's signed call | {} vs {} = {signed_speedup:.1}x cheaper | {signed_verdict} |",
            micros(signed),
            micros(sdk_call)
        );
        match &self.client_builds {
            Some(c) => {
                let limit = c.sdk_config.wall_s / 4.0;
                for (features, build) in [("blocking", &c.blocking), ("client", &c.client)] {
                    let _ = writeln!(
                        t,
                        "| Clean debug build of `mpa --features {features}` | ≤ 1/4 of aws-sdk-mpa + aws-config ({}) | {} = 1/{:.2} of {} | {} |",
                        seconds(limit),
                        seconds(build.wall_s),
                        c.sdk_config.wall_s / build.wall_s,
                        seconds(c.sdk_config.wall_s),
                        verdict_at_most(build.wall_s, limit, "s")
                    );
                }
            }
            None => t.push_str("| Clean debug builds with the clients | ≤ 1/4 of aws-sdk-mpa + aws-config | not measured (`--skip-builds`) | not measured |\n"),
        }
        let ours_parse = self.f("parse.ours.median_ns")?;
        let serde_parse = self.f("parse.serde.median_ns")?;
        let parse_verdict = if ours_parse <= serde_parse {
            format!("**met** ({:.0}% faster)", (1.0 - ours_parse / serde_parse) * 100.0)
        } else {
            format!("**missed**: {:.0}% slower", (ours_parse / serde_parse - 1.0) * 100.0)
        };
        let _ = writeln!(
            t,
            "| Parsing the page | no slower than serde-derive | {} vs {} ({:.2}x the time) | {parse_verdict} |",
            micros(ours_parse),
            micros(serde_parse),
            ours_parse / serde_parse
        );
        let limit = self.sdk_size.lines as f64 / 3.0;
        let _ = writeln!(
            t,
            "| Lines of generated code | ≤ 1/3 of aws-sdk-mpa's {} (≤ {}) | {} = {:.2} of aws-sdk-mpa's | {} |",
            thousands(self.sdk_size.lines),
            thousands(limit.floor() as usize),
            thousands(self.ours_size.lines),
            self.ours_size.lines as f64 / self.sdk_size.lines as f64,
            verdict_at_most(self.ours_size.lines as f64, limit, "lines")
        );
        Ok(t)
    }
}
