//! How a generated crate names the runtime crate: by the relative path from its directory
//! to this repository's `codegen/runtime` (the same text on every machine), or by a
//! published version; with the runtime features its model needs.

fn manifest(runtime: codegen::Runtime) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("model/mpa-2022-07-26.json")).expect("the MPA model");
    let options = codegen::Options {
        package: "mpa".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_display_name: "model/mpa-2022-07-26.json".to_owned(),
        selection: codegen::Selection::default(),
        runtime,
    };
    let generated = codegen::generate(&text, &options).expect("the model generates");
    generated.files["Cargo.toml"].clone()
}

fn runtime_line(manifest: &str) -> &str {
    manifest.lines().find(|l| l.starts_with("smithy-rt = ")).expect("a smithy-rt dependency")
}

#[test]
fn the_default_is_a_relative_path_to_this_repositorys_runtime() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let runtime = codegen::Runtime::local(&out);
    assert_eq!(runtime, codegen::Runtime::Path("../codegen/runtime".to_owned()));
    let manifest = manifest(runtime);
    assert_eq!(
        runtime_line(&manifest),
        r#"smithy-rt = { path = "../codegen/runtime", features = ["endpoint", "idempotency-token", "regex-patterns"] }"#
    );
    // The crate's own features forward to the runtime's.
    assert!(manifest.contains(r#"blocking = ["smithy-rt/blocking"]"#), "{manifest}");
    assert!(manifest.contains(r#"client = ["smithy-rt/client"]"#), "{manifest}");
}

#[test]
fn a_crate_generated_elsewhere_reaches_the_runtime_by_its_own_relative_path() {
    let base = std::env::temp_dir().join(format!("runtime-dependency-{}", std::process::id()));
    let out = base.join("somewhere").join("crate");
    // Computed before the directory exists, as `--out` allows; then followed from it.
    let codegen::Runtime::Path(path) = codegen::Runtime::local(&out) else { panic!("a path") };
    assert!(path.starts_with("../"), "{path}");
    std::fs::create_dir_all(&out).unwrap();
    let runtime = out.join(&path).canonicalize().expect("the path leads to a directory");
    let _ = std::fs::remove_dir_all(&base);
    assert_eq!(runtime, codegen::runtime::dir().canonicalize().unwrap());
    assert!(runtime.join("Cargo.toml").is_file());
}

#[test]
fn a_published_runtime_is_named_by_its_version() {
    let manifest = manifest(codegen::Runtime::Version("0.3.1".to_owned()));
    assert_eq!(
        runtime_line(&manifest),
        r#"smithy-rt = { version = "0.3.1", features = ["endpoint", "idempotency-token", "regex-patterns"] }"#
    );
}
