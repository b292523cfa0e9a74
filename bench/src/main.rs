//! `mpa-bench`: the measurements `cargo xtask bench` runs in release mode. Each command
//! prints one `name<TAB>value` line per figure on stdout, for the xtask to collect.
//!
//! - `codegen MODEL DISPLAY_NAME RUNS`: the generator on the whole model, per step;
//! - `calls`: one `ListSessions` call with the generated crate (wire code alone, and through
//!   its blocking client: endpoint, SigV4 signing), with aws-sdk-mpa, and the
//!   parse alone with the generated crate and with serde-derive, on a page of 20 sessions;
//! - `growth N...`: parse throughput for pages of N sessions (generated crate, serde-derive);
//! - `endpoint`: one `endpoint::resolve` of the generated crate (region, FIPS, custom endpoint);
//! - `cbor`: CBOR against JSON on a `Query`-like page of 100 items (the runtime's JSON writer
//!   and reader, its CBOR encoder and decoder, and minicbor's);
//! - `dynamodb`: one DynamoDB `Query` call (awsJson1_0) on a page of 100 items, with the
//!   generated `golden-dynamodb` crate (wire code alone, and through its blocking client)
//!   and with aws-sdk-dynamodb;
//! - `read MODEL`: reading the model, JSON AST against the same model written as IDL;
//! - `spin NAME SECONDS`: runs one benchmark in a loop, to profile it (`perf record`);
//! - `page N`: prints the response body with N sessions that the benchmarks read.

mod cbor;
mod clients;
mod dynamo;
mod page;
mod plain;
mod timing;

use bytes::Bytes;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use timing::{Budget, Stats, bench, measure_together};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["codegen", model, display, runs] => runs
            .parse()
            .map_err(|_| format!("not a run count: {runs}"))
            .and_then(|runs| codegen(Path::new(model), display, runs)),
        ["calls"] => calls(),
        ["endpoint"] => endpoint(),
        ["cbor"] => cbor_vs_json(),
        ["dynamodb"] => dynamodb(),
        ["read", model] => read(Path::new(model)),
        ["page", n] => n.parse().map_err(|_| format!("not a session count: {n}")).map(|n| {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(&page::list_sessions_page(n));
        }),
        ["growth", sizes @ ..] if !sizes.is_empty() => sizes
            .iter()
            .map(|s| s.parse().map_err(|_| format!("not a session count: {s}")))
            .collect::<Result<Vec<usize>, _>>()
            .and_then(|sizes| growth(&sizes)),
        ["spin", name, seconds] => seconds
            .parse()
            .map_err(|_| format!("not a number of seconds: {seconds}"))
            .and_then(|s| spin(name, Duration::from_secs_f64(s))),
        _ => Err("usage: mpa-bench codegen MODEL DISPLAY_NAME RUNS | calls | endpoint | cbor | dynamodb | read MODEL | growth N... | spin NAME SECONDS | page N".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mpa-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn figure(name: &str, value: impl std::fmt::Display) {
    println!("{name}\t{value}");
}

fn stats(name: &str, s: Stats) {
    figure(&format!("{name}.median_ns"), format!("{:.1}", s.median_ns));
    figure(&format!("{name}.p10_ns"), format!("{:.1}", s.p10_ns));
    figure(&format!("{name}.p90_ns"), format!("{:.1}", s.p90_ns));
    figure(&format!("{name}.samples"), s.samples);
    figure(&format!("{name}.iterations"), s.iterations);
    eprintln!("  {name:<14} {:>12.1} µs median  (p10 {:.1}, p90 {:.1}; {} samples)", s.median_ns / 1e3, s.p10_ns / 1e3, s.p90_ns / 1e3, s.samples);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The generator as `cargo xtask codegen --check` runs it on an up-to-date tree: read the
/// model, generate (load, resolve, lower, emit), compare with the files on disk (write).
fn codegen(model: &Path, display: &str, runs: usize) -> Result<(), String> {
    let options = codegen::Options {
        package: "mpa".into(),
        crate_version: "0.1.0".into(),
        model_display_name: display.into(),
        selection: codegen::Selection::default(),
        runtime: codegen::Runtime::Path("../codegen/runtime".into()),
    };
    let out: PathBuf = std::env::temp_dir().join(format!("mpa-bench-codegen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = || -> Result<(codegen::Generated, codegen::write::Plan, [Duration; 7]), String> {
        let start = Instant::now();
        let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
        let read = start.elapsed();
        let generated = codegen::generate(&text, &options).map_err(|e| e.to_string())?;
        let write_start = Instant::now();
        let plan = codegen::write::plan(&out, &generated.files).map_err(|e| e.to_string())?;
        let write = write_start.elapsed();
        let total = start.elapsed();
        let t = &generated.timings;
        Ok((generated.clone(), plan, [total, read, t.load, t.resolve, t.lower, t.emit, write]))
    };
    // The first run writes the tree that the measured runs compare against.
    let (generated, plan, _) = run()?;
    codegen::write::apply(&out, &generated.files, &plan).map_err(|e| e.to_string())?;
    let mut columns: [Vec<f64>; 7] = Default::default();
    let result = (|| {
        for i in 0..runs + 2 {
            let (_, plan, times) = run()?;
            if !plan.is_clean() {
                return Err("the generator's output is not deterministic".to_string());
            }
            if i >= 2 {
                for (column, t) in columns.iter_mut().zip(times) {
                    column.push(ms(t));
                }
            }
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&out);
    result?;
    figure("codegen.runs", runs);
    figure("codegen.shapes", generated.shapes);
    figure("codegen.operations", generated.operations.len());
    figure("codegen.files", generated.files.len());
    figure("codegen.bytes", generated.files.values().map(String::len).sum::<usize>());
    let totals = &columns[0];
    figure("codegen.min_ms", format!("{:.2}", totals.iter().copied().fold(f64::INFINITY, f64::min)));
    figure("codegen.max_ms", format!("{:.2}", totals.iter().copied().fold(0.0, f64::max)));
    for (name, column) in ["total", "read", "load", "resolve", "lower", "emit", "write"].iter().zip(columns) {
        let m = timing::median(column);
        figure(&format!("codegen.{name}_ms"), format!("{m:.2}"));
        eprintln!("  codegen {name:<8} {m:>8.2} ms median of {runs}");
    }
    Ok(())
}

fn page_of(sessions: usize) -> Bytes {
    Bytes::from(page::list_sessions_page(sessions))
}

fn calls() -> Result<(), String> {
    let body = page_of(20);
    clients::cross_check(&body, 20)?;
    figure("page.sessions", 20);
    figure("page.bytes", body.len());
    let sdk = clients::Sdk::new(body.clone());
    let signed = clients::OursSigned::new(body.clone());
    let response = clients::reply(body.clone());
    let results = measure_together(
        Budget::MICRO,
        &mut [
            &mut bench(|| clients::ours_call(&body)),
            &mut bench(|| signed.call()),
            &mut bench(|| sdk.call()),
            &mut bench(clients::ours_serialize),
            &mut bench(|| clients::ours_parse(&response)),
            &mut bench(|| plain::parse(&body).expect("serde-derive")),
        ],
    );
    for (name, s) in ["call.ours", "call.ours_signed", "call.sdk", "serialize.ours", "parse.ours", "parse.serde"].iter().zip(results) {
        stats(name, s);
    }
    Ok(())
}

/// One `resolve` of the generated crate's endpoint rules, for three kinds of parameters.
fn endpoint() -> Result<(), String> {
    use mpa::endpoint::{Params, resolve};
    let region = Params::builder().region("eu-central-1").build();
    let fips = Params::builder().region("us-gov-west-1").use_fips(true).build();
    let custom = Params::builder().region("us-east-1").endpoint("https://localhost:8443").build();
    for (params, url) in [
        (&region, "https://mpa.eu-central-1.api.aws"),
        (&fips, "https://mpa-fips.us-gov-west-1.api.aws"),
        (&custom, "https://localhost:8443"),
    ] {
        let resolved = resolve(params).map_err(|e| e.to_string())?;
        if resolved.url() != url {
            return Err(format!("resolve gave {}, expected {url}", resolved.url()));
        }
    }
    let results = measure_together(
        Budget::MICRO,
        &mut [
            &mut bench(|| resolve(black_box(&region))),
            &mut bench(|| resolve(black_box(&fips))),
            &mut bench(|| resolve(black_box(&custom))),
        ],
    );
    for (name, s) in ["endpoint.region", "endpoint.fips", "endpoint.custom"].iter().zip(results) {
        stats(name, s);
    }
    Ok(())
}

/// Items of the DynamoDB `Query` page: the service's default page holds up to 1 MB, and
/// pages of about a hundred items are common.
const QUERY_PAGE_ITEMS: usize = 100;

/// One `Query` call, awsJson1_0, with the generated DynamoDB crate and with aws-sdk-dynamodb,
/// both first checked to read the same items.
fn dynamodb() -> Result<(), String> {
    let body = Bytes::from(dynamo::query_page(QUERY_PAGE_ITEMS));
    dynamo::cross_check(&body, QUERY_PAGE_ITEMS)?;
    figure("dynamodb.items", QUERY_PAGE_ITEMS);
    figure("dynamodb.bytes", body.len());
    let sdk = dynamo::Sdk::new(body.clone());
    let signed = dynamo::OursSigned::new(body.clone());
    let response = dynamo::reply(body.clone());
    let results = measure_together(
        Budget::MICRO,
        &mut [
            &mut bench(|| dynamo::ours_call(&body)),
            &mut bench(|| signed.call()),
            &mut bench(|| sdk.call()),
            &mut bench(dynamo::ours_serialize),
            &mut bench(|| dynamo::ours_parse(&response)),
        ],
    );
    let names = ["dynamodb.call.ours", "dynamodb.call.ours_signed", "dynamodb.call.sdk", "dynamodb.serialize.ours", "dynamodb.parse.ours"];
    for (name, s) in names.iter().zip(results) {
        stats(name, s);
    }
    Ok(())
}

/// Items of the CBOR against JSON page, as many as a DynamoDB `Query` page often holds.
const CBOR_PAGE_ITEMS: usize = 100;

/// The same page written and read as JSON and as CBOR (ours and minicbor's), each codec's
/// output first checked to read back to the page by every reader of its format.
fn cbor_vs_json() -> Result<(), String> {
    let page = cbor::page(CBOR_PAGE_ITEMS);
    let json = cbor::write_json(&page);
    let ours = cbor::write_cbor(&page);
    let theirs = cbor::write_minicbor(&page)?;
    if ours != theirs {
        return Err("the runtime's CBOR encoder and minicbor wrote different bytes".into());
    }
    let read_back = [
        cbor::read_json(&json).map_err(|e| e.to_string())?,
        cbor::read_cbor(&ours).map_err(|e| e.to_string())?,
        cbor::read_minicbor(&ours)?,
    ];
    if read_back.iter().any(|p| *p != page) {
        return Err("a reader did not read back the page that was written".into());
    }
    figure("cbor.items", CBOR_PAGE_ITEMS);
    figure("cbor.json_bytes", json.len());
    figure("cbor.cbor_bytes", ours.len());
    let results = measure_together(
        Budget::MICRO,
        &mut [
            &mut bench(|| cbor::write_json(black_box(&page))),
            &mut bench(|| cbor::write_cbor(black_box(&page))),
            &mut bench(|| cbor::write_minicbor(black_box(&page))),
            &mut bench(|| cbor::read_json(black_box(&json))),
            &mut bench(|| cbor::read_cbor(black_box(&ours))),
            &mut bench(|| cbor::read_minicbor(black_box(&ours))),
        ],
    );
    let names = ["cbor.json_write", "cbor.ours_write", "cbor.minicbor_write", "cbor.json_read", "cbor.ours_read", "cbor.minicbor_read"];
    for (name, s) in names.iter().zip(results) {
        stats(name, s);
    }
    Ok(())
}

/// Reading a model into the JSON AST the pipeline takes: the JSON file as `generate` reads
/// it, the same file through the several-files reader, and the same model written as IDL
/// (by `json_to_idl`, one file per namespace) through the IDL reader.
fn read(model: &Path) -> Result<(), String> {
    use codegen::load::{Source, idl::json_to_idl, load, load_sources};
    let text = std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
    let json = [Source::new("model.json", text.clone())];
    let ast = load_sources(&json).map_err(|e| e.to_string())?;
    let idl: Vec<Source> = json_to_idl(&ast).into_iter().map(|(ns, t)| Source::new(format!("{ns}.smithy"), t)).collect();
    if load_sources(&idl).map_err(|e| e.to_string())?["shapes"] != ast["shapes"] {
        return Err("the model written as IDL reads back to other shapes".into());
    }
    figure("read.json_bytes", text.len());
    figure("read.idl_bytes", idl.iter().map(|s| s.text.len()).sum::<usize>());
    let results = measure_together(
        Budget::MICRO,
        &mut [
            &mut bench(|| load(black_box(&text))),
            &mut bench(|| load_sources(black_box(&json))),
            &mut bench(|| load_sources(black_box(&idl))),
        ],
    );
    for (name, s) in ["read.json", "read.json_sources", "read.idl"].iter().zip(results) {
        stats(name, s);
    }
    Ok(())
}

fn growth(sizes: &[usize]) -> Result<(), String> {
    for &n in sizes {
        let body = page_of(n);
        if n <= 1_000 {
            clients::cross_check(&body, n)?;
        }
        let budget = if n <= 1_000 { Budget::MICRO } else { Budget::MACRO };
        figure(&format!("growth.{n}.bytes"), body.len());
        let response = clients::reply(body.clone());
        let results = measure_together(
            budget,
            &mut [&mut bench(|| clients::ours_parse(&response)), &mut bench(|| plain::parse(&body).expect("serde-derive"))],
        );
        for (who, s) in ["ours", "serde"].iter().zip(results) {
            stats(&format!("growth.{n}.{who}"), s);
        }
    }
    Ok(())
}

fn spin(name: &str, seconds: Duration) -> Result<(), String> {
    let body = page_of(20);
    let response = clients::reply(body.clone());
    let sdk = clients::Sdk::new(body.clone());
    let signed = clients::OursSigned::new(body.clone());
    let query = Bytes::from(dynamo::query_page(QUERY_PAGE_ITEMS));
    let query_response = dynamo::reply(query.clone());
    let mut f: Box<dyn FnMut()> = match name {
        "dynamodb.parse.ours" => Box::new(|| drop(black_box(dynamo::ours_parse(&query_response)))),
        "dynamodb.call.sdk" => {
            let sdk = dynamo::Sdk::new(query.clone());
            Box::new(move || drop(black_box(sdk.call())))
        }
        "call.ours" => Box::new(|| drop(black_box(clients::ours_call(&body)))),
        "call.sdk" => Box::new(|| drop(black_box(sdk.call()))),
        "call.ours_signed" => Box::new(|| drop(black_box(signed.call()))),
        "parse.ours" => Box::new(|| drop(black_box(clients::ours_parse(&response)))),
        "parse.serde" => Box::new(|| drop(black_box(plain::parse(&body)))),
        _ => {
            return Err(format!(
                "no benchmark {name}: call.ours, call.ours_signed, call.sdk, parse.ours, parse.serde, dynamodb.parse.ours, dynamodb.call.sdk"
            ));
        }
    };
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < seconds {
        f();
        n += 1;
    }
    eprintln!("{name}: {n} iterations, {:.2} µs each", start.elapsed().as_secs_f64() * 1e6 / n as f64);
    Ok(())
}
