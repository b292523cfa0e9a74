//! `codegen::write::apply` is all or nothing: a failure at any step leaves the output
//! directory byte-for-byte as it was (same files, same directories, same contents, no
//! staged or backup files left behind), and a successful run yields exactly the new tree.
//!
//! `apply_with_fault(.., Some(n))` fails on purpose at the n-th step; the tests try every n
//! from 1 until the apply succeeds.

use codegen::Error;
use codegen::output::FileTree;
use codegen::write::{MARKER, Plan, apply, apply_with_fault, plan};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "codegen-write-{label}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir(&path).expect("create temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Dir,
    File(Vec<u8>),
}

/// Every directory and file under `root` (relative, `/`-separated), with file contents.
/// A missing `root` is an empty snapshot.
fn snapshot(root: &Path) -> BTreeMap<String, Entry> {
    let mut entries = BTreeMap::new();
    if !root.exists() {
        return entries;
    }
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("dir entry").path();
            let rel = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                entries.insert(rel, Entry::Dir);
                pending.push(path);
            } else {
                entries.insert(rel, Entry::File(std::fs::read(&path).expect("read file")));
            }
        }
    }
    entries
}

/// What differs between two snapshots, one line per path.
fn diff(expected: &BTreeMap<String, Entry>, actual: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut lines = Vec::new();
    for (path, entry) in expected {
        match actual.get(path) {
            None => lines.push(format!("missing: {path}")),
            Some(other) if other != entry => lines.push(format!("differs: {path}")),
            Some(_) => {}
        }
    }
    for path in actual.keys() {
        if !expected.contains_key(path) {
            lines.push(format!("unexpected: {path}"));
        }
    }
    lines
}

fn generated(body: &str) -> String {
    format!("// {MARKER} from model.json. Do not edit.\n\n{body}")
}

fn write_file(root: &Path, rel: &str, contents: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
    std::fs::write(path, contents).expect("write");
}

/// The directory before the run: generated files (some to change, some to remove, some to
/// keep), a hand-written file that must be left alone, and an empty directory.
fn old_tree(root: &Path) {
    write_file(root, "Cargo.toml", &format!("# {MARKER} from model.json. Do not edit.\n[package]\nname = \"old\"\n"));
    write_file(root, "src/lib.rs", &generated("pub mod types;\n"));
    write_file(root, "src/types/mod.rs", &generated("pub mod filter;\npub mod gone;\n"));
    write_file(root, "src/types/filter.rs", &generated("pub struct Filter;\n"));
    write_file(root, "src/types/gone.rs", &generated("pub struct Gone;\n"));
    write_file(root, "src/operation/old_op/mod.rs", &generated("pub struct OldOp;\n"));
    write_file(root, "src/operation/old_op/input.rs", &generated("pub struct OldOpInput;\n"));
    write_file(root, "src/operation/mod.rs", &generated("pub mod old_op;\n"));
    write_file(root, "notes.txt", "hand-written, no header: never touched\n");
    std::fs::create_dir_all(root.join("target/debug")).expect("create target");
}

/// The new files: `Cargo.toml`, `src/types/mod.rs`, `src/types/filter.rs` and
/// `src/operation/mod.rs` change; `src/lib.rs` stays; three files are added, two of them in
/// new directories; `src/types/gone.rs` and the `old_op` module are removed.
fn new_files() -> FileTree {
    let mut files = FileTree::new();
    files.insert("Cargo.toml".into(), format!("# {MARKER} from model.json. Do not edit.\n[package]\nname = \"new\"\n"));
    files.insert("src/lib.rs".into(), generated("pub mod types;\n"));
    files.insert("src/types/mod.rs".into(), generated("pub mod filter;\npub mod kind;\n"));
    files.insert("src/types/filter.rs".into(), generated("pub struct Filter { pub value: String }\n"));
    files.insert("src/types/kind.rs".into(), generated("pub enum Kind { Small }\n"));
    files.insert("src/operation/mod.rs".into(), generated("pub mod new_op;\n"));
    files.insert("src/operation/new_op/mod.rs".into(), generated("pub struct NewOp;\n"));
    files.insert("src/wire/deep/nested/reader.rs".into(), generated("pub fn read() {}\n"));
    files
}

fn expected_plan() -> Plan {
    let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    Plan {
        added: strings(&["src/operation/new_op/mod.rs", "src/types/kind.rs", "src/wire/deep/nested/reader.rs"]),
        changed: strings(&["Cargo.toml", "src/operation/mod.rs", "src/types/filter.rs", "src/types/mod.rs"]),
        removed: strings(&["src/operation/old_op/input.rs", "src/operation/old_op/mod.rs", "src/types/gone.rs"]),
        unchanged: 1,
    }
}

/// The tree a successful run must leave: the new files, the untouched hand-written file
/// and `target/`, and no directory that only held removed files.
fn expected_new_tree(files: &FileTree) -> BTreeMap<String, Entry> {
    let mut tree = BTreeMap::new();
    let add_parents = |tree: &mut BTreeMap<String, Entry>, rel: &str| {
        let mut parent = Path::new(rel).parent();
        while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
            tree.insert(p.to_string_lossy().replace('\\', "/"), Entry::Dir);
            parent = p.parent();
        }
    };
    for (rel, contents) in files {
        tree.insert(rel.clone(), Entry::File(contents.clone().into_bytes()));
        add_parents(&mut tree, rel);
    }
    tree.insert("notes.txt".into(), Entry::File(b"hand-written, no header: never touched\n".to_vec()));
    tree.insert("target".into(), Entry::Dir);
    tree.insert("target/debug".into(), Entry::Dir);
    tree
}

/// Fails at step 1, 2, ... until the apply succeeds; after every failure the directory must
/// be as it was. Returns the number of steps and every problem found.
fn fail_at_every_step(setup: impl Fn(&Path), files: &FileTree, label: &str) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    for fail_at in 1.. {
        let dir = TempDir::new(label);
        let out = dir.0.join("out");
        setup(&out);
        // The parent is compared, so that an output directory left behind (or lost) shows.
        let before = snapshot(&dir.0);
        let plan = plan(&out, files).expect("plan");
        match apply_with_fault(&out, files, &plan, Some(fail_at)) {
            Ok(()) => return (fail_at - 1, problems),
            Err(Error::Io { source, .. }) if source.to_string() == "injected failure" => {}
            Err(e) => problems.push(format!("step {fail_at}: failed with {e:?}, not the injected failure")),
        }
        let after = snapshot(&dir.0);
        let changes = diff(&before, &after);
        if !changes.is_empty() {
            problems.push(format!("after a failure at step {fail_at}: {}", changes.join(", ")));
        }
        if fail_at > 1000 {
            problems.push("apply never succeeded".to_owned());
            return (fail_at, problems);
        }
    }
    unreachable!()
}

#[test]
fn plan_classifies_the_files() {
    let dir = TempDir::new("plan");
    old_tree(&dir.0);
    assert_eq!(plan(&dir.0, &new_files()).expect("plan"), expected_plan());
}

#[test]
fn a_failure_at_any_step_leaves_the_directory_as_it_was() {
    let files = new_files();
    let (steps, problems) = fail_at_every_step(old_tree, &files, "fault");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // At least: one staged write per added or changed file, one backup per changed or removed
    // file, one move per staged file; so every kind of step was failed at least once.
    let p = expected_plan();
    let minimum = 2 * (p.added.len() + p.changed.len()) + p.changed.len() + p.removed.len();
    assert!(steps >= minimum, "only {steps} steps, expected at least {minimum}");
}

#[test]
fn a_failure_when_the_output_directory_does_not_exist_leaves_no_directory() {
    let files = new_files();
    let (steps, problems) = fail_at_every_step(|_| {}, &files, "fresh");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(steps >= 2 * files.len(), "only {steps} steps for {} new files", files.len());
}

#[test]
fn a_successful_apply_yields_exactly_the_new_tree() {
    let dir = TempDir::new("success");
    old_tree(&dir.0);
    let files = new_files();
    let plan = plan(&dir.0, &files).expect("plan");
    apply(&dir.0, &files, &plan).expect("apply");
    let changes = diff(&expected_new_tree(&files), &snapshot(&dir.0));
    assert!(changes.is_empty(), "after a successful apply: {}", changes.join(", "));
    let again = codegen::write::plan(&dir.0, &files).expect("plan again");
    assert!(again.is_clean(), "a second plan is not clean: {again:?}");
}

#[test]
fn a_successful_apply_into_a_missing_directory_creates_it() {
    let dir = TempDir::new("create");
    let out = dir.0.join("a/b/out");
    let files = new_files();
    let plan = plan(&out, &files).expect("plan");
    assert_eq!(plan.added.len(), files.len());
    apply(&out, &files, &plan).expect("apply");
    let mut expected = expected_new_tree(&files);
    expected.remove("notes.txt");
    expected.remove("target");
    expected.remove("target/debug");
    let changes = diff(&expected, &snapshot(&out));
    assert!(changes.is_empty(), "after a successful apply: {}", changes.join(", "));
}

/// Applying a clean plan touches nothing, not even modification times.
#[test]
fn applying_a_clean_plan_touches_nothing() {
    let dir = TempDir::new("clean");
    old_tree(&dir.0);
    let files = new_files();
    let first = plan(&dir.0, &files).expect("plan");
    apply(&dir.0, &files, &first).expect("apply");
    let mtimes = |root: &Path| -> BTreeMap<String, std::time::SystemTime> {
        snapshot(root)
            .into_keys()
            .map(|rel| {
                let modified = std::fs::metadata(root.join(&rel)).and_then(|m| m.modified()).expect("mtime");
                (rel, modified)
            })
            .collect()
    };
    let before = (snapshot(&dir.0), mtimes(&dir.0));
    let second = plan(&dir.0, &files).expect("plan");
    assert!(second.is_clean(), "{second:?}");
    apply(&dir.0, &files, &second).expect("apply");
    assert_eq!((snapshot(&dir.0), mtimes(&dir.0)), before);
}
