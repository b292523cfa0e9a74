//! The runtime crate builds, without a warning, with each of its features alone, with none
//! and with all: a generated crate turns on only what its model needs, so any one of them
//! may be all a build has. (In the workspace the generated crates turn on nearly all of them
//! together, which would hide a part that only builds beside another.)

use std::path::{Path, PathBuf};
use std::process::Command;

/// The features of `codegen/runtime/Cargo.toml`, in its order.
fn features(manifest: &str) -> Vec<String> {
    let table = manifest.split_once("\n[features]\n").expect("the runtime's Cargo.toml has a [features] table").1;
    table
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once(" = ["))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

#[test]
fn the_runtime_builds_with_each_feature_alone_with_none_and_with_all() {
    let runtime = codegen::runtime::dir();
    let manifest = std::fs::read_to_string(runtime.join("Cargo.toml")).expect("the runtime's Cargo.toml");
    let features = features(&manifest);
    for expected in ["blob", "endpoint", "streaming", "event-stream", "blocking", "client"] {
        assert!(features.iter().any(|f| f == expected), "`{expected}` missing from {features:?}");
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // A target directory of its own: this test runs while `cargo test` holds the
    // workspace's, and the dependencies are checked once for all the runs below.
    let target_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("runtime-features");
    let mut runs: Vec<Vec<String>> = vec![vec![], vec!["--all-features".to_owned()]];
    runs.extend(features.iter().map(|f| vec!["--features".to_owned(), f.clone()]));
    let mut failures = Vec::new();
    for run in &runs {
        // Only the library: the crate's tests turn on the features they test.
        let output = Command::new(env!("CARGO"))
            .args(["clippy", "--quiet", "--offline", "--locked", "-p", "smithy-rt", "--lib", "--no-default-features"])
            .args(run)
            .args(["--", "-D", "warnings"])
            .current_dir(&workspace)
            .env("CARGO_TARGET_DIR", &target_dir)
            .output()
            .expect("cargo runs");
        if !output.status.success() {
            failures.push(format!("{}:\n{}", run.join(" "), String::from_utf8_lossy(&output.stderr)));
        }
    }
    assert!(failures.is_empty(), "smithy-rt does not build with:\n{}", failures.join("\n"));
}
