//! `BENCHMARKS.md`: the targets table and the report, from one run's figures.

use super::builds::{Build, Size};
use super::machine::Machine;
use super::{Figures, GROWTH_SIZES, SDK_VERSION};
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::format::{micros, mib, seconds, thousands};

pub(super) struct Report {
    pub(super) machine: Machine,
    pub(super) load_end: String,
    pub(super) minutes: f64,
    pub(super) codegen_runs: usize,
    pub(super) model_name: String,
    pub(super) figures: Figures,
    pub(super) xtask_codegen: Figures,
    pub(super) builds: Option<(Build, Build)>,
    pub(super) client_builds: Option<ClientBuilds>,
    pub(super) ours_size: Size,
    pub(super) sdk_size: Size,
}

/// Clean builds of the generated crate with its clients, and of what the SDK needs for the
/// same (aws-sdk-mpa with aws-config).
pub(super) struct ClientBuilds {
    pub(super) blocking: Build,
    pub(super) client: Build,
    pub(super) sdk_config: Build,
}

impl Report {
    pub(super) fn f(&self, key: &str) -> Result<f64, String> {
        self.figures
            .get(key)
            .ok_or_else(|| format!("the harness reported no `{key}`"))?
            .parse()
            .map_err(|_| format!("`{key}` is not a number"))
    }

    pub(super) fn xtask_total(&self) -> Option<f64> {
        self.xtask_codegen.get("total").and_then(|v| v.parse().ok())
    }

    pub(super) fn markdown(&self) -> Result<String, String> {
        let m = &self.machine;
        let mut md = String::new();
        md.push_str("<!-- Written by `cargo xtask bench`; every figure is from the run described below. Do not edit by hand: run it again. -->\n");
        md.push_str("# Benchmarks\n\n");
        let _ = writeln!(
            md,
            "Written by `cargo xtask bench` on {} (commit {}), in {:.1} minutes. Run it again to refresh this \
             file and the chart `bench/benchmarks.svg`; most of the time goes to the two clean builds \
             (`--skip-builds` leaves them out).\n",
            m.date, m.commit, self.minutes
        );
        self.machine_section(&mut md)?;
        self.targets_section(&mut md)?;
        self.call_section(&mut md)?;
        self.endpoint_section(&mut md)?;
        self.dynamodb_section(&mut md)?;
        self.cbor_section(&mut md)?;
        self.growth_section(&mut md)?;
        self.generator_section(&mut md)?;
        self.reading_section(&mut md)?;
        self.builds_section(&mut md)?;
        self.sizes_section(&mut md)?;
        self.method_section(&mut md)?;
        Ok(md)
    }

    /// The machine the figures come from.
    fn machine_section(&self, md: &mut String) -> Result<(), String> {
        let m = &self.machine;
        md.push_str("## Machine\n\n| | |\n|---|---|\n");
        let _ = writeln!(md, "| CPU | {} |", m.cpu);
        let _ = writeln!(md, "| Cores (`nproc`) | {} |", m.nproc);
        let _ = writeln!(md, "| Memory | {} |", m.memory);
        let _ = writeln!(md, "| OS | {} |", m.os);
        let _ = writeln!(md, "| Compiler | {} |", m.rustc);
        let _ = writeln!(md, "| Cargo | {} |", m.cargo);
        let _ = writeln!(md, "| Load average (1, 5, 15 min) | {} at the start, {} at the end |\n", m.load_start, self.load_end);
        Ok(())
    }

    /// The targets and whether each is met.
    fn targets_section(&self, md: &mut String) -> Result<(), String> {
        md.push_str("## Targets\n\n");
        md.push_str(&self.targets_table()?);
        md.push('\n');
        Ok(())
    }

    /// One ListSessions call against aws-sdk-mpa and serde-derive.
    fn call_section(&self, md: &mut String) -> Result<(), String> {
        // Per call.
        let bytes = self.f("page.bytes")? as usize;
        let sessions = self.f("page.sessions")? as usize;
        let ours_call = self.f("call.ours.median_ns")?;
        let ours_parse = self.f("parse.ours.median_ns")?;
        let serde_parse = self.f("parse.serde.median_ns")?;
        let _ = writeln!(
            md,
            "## One ListSessions call\n\nA page of {sessions} sessions, {} bytes of JSON, every member set. Median time of one \
             iteration; p10 and p90 show the spread across samples. Each ratio divides the line's median by the basis it \
             names.\n",
            thousands(bytes)
        );
        md.push_str("| Measurement | Median | p10 | p90 | Ratio |\n|---|---|---|---|---|\n");
        let rows: [(&str, &str, f64, &str); 6] = [
            ("(a) generated crate: build input, `serialize_request`, `parse_response`", "call.ours", ours_call, "1.00 (basis)"),
            ("generated crate, blocking client: `client.list_sessions().approval_team_arn(arn).send()` (endpoint, SigV4, in-memory transport)", "call.ours_signed", ours_call, "× the generated crate's call"),
            ("(b) aws-sdk-mpa 1.48: `list_sessions().approval_team_arn(..).send()`, in-memory HTTP client", "call.sdk", ours_call, "× the generated crate's call"),
            ("generated crate: `serialize_request` only", "serialize.ours", ours_call, "of the call"),
            ("generated crate: `parse_response` only", "parse.ours", serde_parse, "× serde-derive"),
            ("(c) serde-derive: `serde_json::from_slice` into plain structs (the practical limit)", "parse.serde", serde_parse, "1.00 (basis)"),
        ];
        for (label, key, basis, ratio_label) in rows {
            let median = self.f(&format!("{key}.median_ns"))?;
            let ratio = if ratio_label.contains("basis") { ratio_label.to_string() } else { format!("{:.2} {ratio_label}", median / basis) };
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
            "\nParse throughput on this page: generated crate {:.0} MB/s, serde-derive {:.0} MB/s (MB = 10^6 bytes).\n",
            bytes as f64 / ours_parse * 1e3,
            bytes as f64 / serde_parse * 1e3
        );
        Ok(())
    }

    /// One `endpoint::resolve`.
    fn endpoint_section(&self, md: &mut String) -> Result<(), String> {
        // Endpoint resolution.
        md.push_str("## Endpoint resolution\n\nOne `endpoint::resolve` of the generated crate (the model's rule set, compiled).\n\n");
        md.push_str("| Parameters | Median | p10 | p90 |\n|---|---|---|---|\n");
        for (label, key) in [
            ("region `eu-central-1`", "endpoint.region"),
            ("region `us-gov-west-1`, FIPS", "endpoint.fips"),
            ("custom endpoint", "endpoint.custom"),
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

    /// Parse throughput by page size.
    fn growth_section(&self, md: &mut String) -> Result<(), String> {
        // Growth.
        md.push_str("## Parse throughput by page size\n\n`parse_response` of the generated crate and `serde_json::from_slice` (serde-derive) on pages of 1 to 100,000 sessions (the model caps a page at 20; the parser does not).\n\n");
        md.push_str("| Sessions | Bytes | Generated crate | MB/s | serde-derive | MB/s | Time ratio |\n|---|---|---|---|---|---|---|\n");
        let mut rates: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
        for n in GROWTH_SIZES {
            let b = self.f(&format!("growth.{n}.bytes"))?;
            let ours = self.f(&format!("growth.{n}.ours.median_ns"))?;
            let serde = self.f(&format!("growth.{n}.serde.median_ns"))?;
            let (ours_mbs, serde_mbs) = (b / ours * 1e3, b / serde * 1e3);
            rates.insert(n, (ours_mbs, serde_mbs));
            let _ = writeln!(
                md,
                "| {} | {} | {} | {ours_mbs:.0} | {} | {serde_mbs:.0} | {:.2} |",
                thousands(n),
                thousands(b as usize),
                micros(ours),
                micros(serde),
                ours / serde
            );
        }
        let largest = GROWTH_SIZES[GROWTH_SIZES.len() - 1];
        if let (Some(small), Some(large)) = (rates.get(&20), rates.get(&largest)) {
            let (ours_kept, serde_kept) = (large.0 / small.0, large.1 / small.1);
            let _ = write!(
                md,
                "\nFrom 20 to {} sessions the generated crate's rate goes from {:.0} to {:.0} MB/s ({:.0}% of it), \
                 serde-derive's from {:.0} to {:.0} MB/s ({:.0}%)",
                thousands(largest),
                small.0,
                large.0,
                ours_kept * 100.0,
                small.1,
                large.1,
                serde_kept * 100.0
            );
            if ours_kept >= 0.5 {
                md.push_str(": time per byte stays within a factor of 2 across the sizes");
            }
            if ours_kept < 0.9 && (ours_kept - serde_kept).abs() <= 0.15 {
                md.push_str("; serde-derive loses about as much, so the loss is in what both do alike (allocating and freeing the output's strings, memory traffic once input and output outgrow the CPU caches), not in the parser");
            }
            md.push_str(".\n\n");
        }
        Ok(())
    }

    /// The generator, whole model and per step.
    fn generator_section(&self, md: &mut String) -> Result<(), String> {
        // Generator.
        let _ = writeln!(
            md,
            "## Generator\n\n`codegen::generate` and `codegen::write::plan` on `{}` ({} shapes, {} operations, {} files, {} bytes), \
             called from the release-built harness against an up-to-date output tree, as `cargo xtask codegen --check` does. \
             Median of {} runs after 2 warm-up runs (the step medians need not add up to the total's).\n",
            self.model_name,
            self.f("codegen.shapes")?,
            self.f("codegen.operations")?,
            self.f("codegen.files")?,
            thousands(self.f("codegen.bytes")? as usize),
            self.codegen_runs
        );
        md.push_str("| Step | Release library (ms) |");
        let xtask_profile = self.xtask_codegen.get("profile").cloned().unwrap_or_default();
        let _ = writeln!(md, " `cargo xtask codegen` ({xtask_profile} build, ms) |\n|---|---|---|");
        for (step, xtask_key) in [
            ("read", None),
            ("load", Some("load")),
            ("resolve", Some("resolve")),
            ("lower", Some("lower")),
            ("emit", Some("emit")),
            ("write (compare)", Some("write")),
            ("total", Some("total")),
        ] {
            let key = format!("codegen.{}_ms", step.split(' ').next().unwrap_or(step));
            let xtask = xtask_key.and_then(|k| self.xtask_codegen.get(k)).map(String::as_str).unwrap_or("(in total)");
            let _ = writeln!(md, "| {step} | {:.2} | {xtask} |", self.f(&key)?);
        }
        let _ = writeln!(
            md,
            "\nRelease runs ranged from {:.1} to {:.1} ms. The right-hand column is the median of {} runs of this xtask \
             binary's own `codegen` command (its summary line, whole milliseconds for the total), into a scratch directory \
             it had written once before.\n",
            self.f("codegen.min_ms")?,
            self.f("codegen.max_ms")?,
            self.xtask_codegen.get("runs").map(String::as_str).unwrap_or("?")
        );
        Ok(())
    }

    /// The clean debug builds, default features and with the clients.
    fn builds_section(&self, md: &mut String) -> Result<(), String> {
        // Builds.
        md.push_str("## Clean debug build\n\n");
        match &self.builds {
            Some((ours, sdk)) => {
                let _ = writeln!(
                    md,
                    "`cargo build` (debug) with a fresh `CARGO_TARGET_DIR`, dependencies already downloaded, one build after the \
                     other: a copy of `generated/` outside the workspace (default features), and a crate that only depends on \
                     `aws-sdk-mpa = \"={SDK_VERSION}\"` (default features). Both without incremental compilation \
                     (`CARGO_INCREMENTAL=0`), as Cargo builds any dependency: the copy would otherwise be compiled \
                     incrementally, being the root package, while aws-sdk-mpa is a dependency of its crate. Peak memory is GNU time's maximum resident set size: \
                     that of the largest single process of the build (a `rustc`), not a sum over the parallel jobs.\n"
                );
                md.push_str("| | Generated crate | aws-sdk-mpa | Ratio |\n|---|---|---|---|\n");
                let _ = writeln!(md, "| Wall time | {} | {} | 1/{:.1} |", seconds(ours.wall_s), seconds(sdk.wall_s), sdk.wall_s / ours.wall_s);
                let _ = writeln!(md, "| CPU time (user + system) | {} | {} | 1/{:.1} |", seconds(ours.cpu_s), seconds(sdk.cpu_s), sdk.cpu_s / ours.cpu_s);
                let _ = writeln!(
                    md,
                    "| Peak memory (largest process) | {} | {} | 1/{:.1} |",
                    mib(ours.peak_rss_kb),
                    mib(sdk.peak_rss_kb),
                    sdk.peak_rss_kb as f64 / ours.peak_rss_kb as f64
                );
                let _ = writeln!(md, "| Crates compiled | {} | {} | 1/{:.1} |", ours.compiled, sdk.compiled, sdk.compiled as f64 / ours.compiled as f64);
                let _ = writeln!(
                    md,
                    "| The crate alone (`mpa` / `aws-sdk-mpa`, rebuilt once its dependencies are built) | {} | {} | 1/{:.1} |",
                    seconds(ours.alone_s),
                    seconds(sdk.alone_s),
                    sdk.alone_s / ours.alone_s
                );
                let _ = writeln!(
                    md,
                    "| The rest: dependencies, up to the crate (wall time less the crate alone) | {} | {} | 1/{:.1} |\n",
                    seconds(ours.wall_s - ours.alone_s),
                    seconds(sdk.wall_s - sdk.alone_s),
                    (sdk.wall_s - sdk.alone_s) / (ours.wall_s - ours.alone_s)
                );
            }
            None => md.push_str("Not measured in this run (`--skip-builds`).\n\n"),
        }

        md.push_str("## Clean debug build with the clients\n\n");
        match &self.client_builds {
            Some(c) => {
                let _ = writeln!(
                    md,
                    "What a user builds to call the service with credentials from the environment: the generated crate with \
                     its blocking client (`--features blocking`: ureq, rustls) or its async client (`--features client`: \
                     hyper, rustls, tokio), against aws-sdk-mpa {SDK_VERSION} with aws-config (default features both). \
                     Same method as above.\n"
                );
                md.push_str("| | `mpa --features blocking` | `mpa --features client` | aws-sdk-mpa + aws-config |\n|---|---|---|---|\n");
                let (b, a, s) = (&c.blocking, &c.client, &c.sdk_config);
                let _ = writeln!(md, "| Wall time | {} (1/{:.1}) | {} (1/{:.1}) | {} |", seconds(b.wall_s), s.wall_s / b.wall_s, seconds(a.wall_s), s.wall_s / a.wall_s, seconds(s.wall_s));
                let _ = writeln!(md, "| CPU time (user + system) | {} | {} | {} |", seconds(b.cpu_s), seconds(a.cpu_s), seconds(s.cpu_s));
                let _ = writeln!(md, "| Peak memory (largest process) | {} | {} | {} |", mib(b.peak_rss_kb), mib(a.peak_rss_kb), mib(s.peak_rss_kb));
                let _ = writeln!(md, "| Crates compiled | {} | {} | {} |\n", b.compiled, a.compiled, s.compiled);
            }
            None => md.push_str("Not measured in this run (`--skip-builds`).\n\n"),
        }
        Ok(())
    }

    /// Lines, files and dependencies of both crates.
    fn sizes_section(&self, md: &mut String) -> Result<(), String> {
        // Sizes.
        let (o, s) = (&self.ours_size, &self.sdk_size);
        md.push_str("## Size\n\n| | Generated crate | aws-sdk-mpa | Ratio |\n|---|---|---|---|\n");
        let _ = writeln!(md, "| Lines of Rust in `src/` | {} | {} | {:.2} |", thousands(o.lines), thousands(s.lines), o.lines as f64 / s.lines as f64);
        let _ = writeln!(md, "| `.rs` files | {} | {} | {:.2} |", o.files, s.files, o.files as f64 / s.files as f64);
        let _ = writeln!(
            md,
            "| Crates in the dependency tree (`cargo tree -e normal`, distinct, the crate itself included) | {} | {} | {:.2} |",
            o.deps_normal,
            s.deps_normal,
            o.deps_normal as f64 / s.deps_normal as f64
        );
        let _ = writeln!(
            md,
            "| Same, with build dependencies (`-e normal,build`) | {} | {} | {:.2} |\n",
            o.deps_with_build,
            s.deps_with_build,
            o.deps_with_build as f64 / s.deps_with_build as f64
        );
        md.push_str("Lines of the generated crate by directory:\n\n| Directory | Files | Lines | Share |\n|---|---|---|---|\n");
        let mut dirs: Vec<_> = o.by_dir.iter().collect();
        dirs.sort_by_key(|(_, (_, lines))| std::cmp::Reverse(*lines));
        for (dir, (files, lines)) in dirs {
            let _ = writeln!(md, "| `{dir}` | {files} | {} | {:.0}% |", thousands(*lines), *lines as f64 / o.lines as f64 * 100.0);
        }
        if !o.by_kind.is_empty() {
            md.push_str("\nAnd by kind of file, one per operation:\n\n| File | Count | Lines | Lines per file | Share |\n|---|---|---|---|---|\n");
            let mut kinds: Vec<_> = o.by_kind.iter().collect();
            kinds.sort_by_key(|(_, (_, lines))| std::cmp::Reverse(*lines));
            for (kind, (files, lines)) in kinds {
                let _ = writeln!(
                    md,
                    "| `{kind}` | {files} | {} | {:.0} | {:.0}% |",
                    thousands(*lines),
                    *lines as f64 / *files as f64,
                    *lines as f64 / o.lines as f64 * 100.0
                );
            }
        }
        md.push('\n');
        Ok(())
    }

    /// The chart, and how everything is measured.
    fn method_section(&self, md: &mut String) -> Result<(), String> {
        md.push_str("## Chart\n\n![Per-call time and parse throughput](bench/benchmarks.svg)\n\n");
        md.push_str(
            "## How it is measured\n\n\
             - The in-process figures come from `bench/` (a Cargo workspace of its own, release build). Each benchmark \
             warms up for about 0.5 s and gets a batch size of about 10 ms; the benchmarks compared with each other \
             then take their samples in turns (one sample of each a round, 31 to 301 rounds in about 3 s per \
             benchmark; 7 to 51 one-run samples for the 100,000-session page), so that other work on the machine \
             weighs on all of them alike. The figure is the median time of one iteration. The generator is run 2 \
             times to warm up, then the given number of times.\n\
             - The page is generated by `bench/src/page.rs` (deterministic, compact JSON as the service sends it, RFC 3339 \
             timestamps, some escaped strings). Before timing, the harness checks that the generated crate, aws-sdk-mpa \
             and serde-derive read every member of every session to the same values.\n\
             - Both calls build their input and build the HTTP response from the same bytes (a `Bytes` clone) on every \
             iteration. aws-sdk-mpa's call is everything `send()` does with static credentials, a static region and an \
             in-memory HTTP client (`aws_smithy_http_client::test_util::infallible_client_fn`) on a current-thread tokio \
             runtime: endpoint resolution, SigV4 signing, interceptors, retry bookkeeping, the request and the response \
             (the harness builds aws-sdk-mpa without its default TLS features, as its connector is not used). \
             The generated crate's call validates the input, serializes the request and parses the response; it signs \
             nothing and has no retry loop: those are the caller's, with the HTTP client of its choice.\n\
             - The DynamoDB `Query` page is generated by `bench/src/dynamo.rs` (deterministic, compact JSON, attribute \
             values as the service writes them: `S`, `N` as a string, `BOOL`, `M`, `L`). Both calls send the same \
             input (table, key condition, one expression attribute value, limit); aws-sdk-dynamodb runs on the same \
             in-memory HTTP client and runtime as aws-sdk-mpa above.\n\
             - serde-derive mirrors the response shape with `Option` members, `time::OffsetDateTime` timestamps through \
             `time::serde::rfc3339` and enums as `String`; it reads the body only (no status, headers or errors).\n\
             - The machine has few cores and other work may have run at the same time: the load average above says how \
             busy it was.\n",
        );
        Ok(())
    }

}
