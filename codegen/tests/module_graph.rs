//! The generator's top-level modules form no import cycle: each step of the pipeline (and
//! each family beside it) uses only what comes before it, so a reader can follow a shape from
//! the model to its file without a step reaching back.
//!
//! Every `crate::X` path in the source counts (`use` items, types, expressions), except
//! those inside macro invocations: `quote!` bodies are the generated crate's paths, not the
//! generator's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The top-level module a source file belongs to (`lower/shapes.rs` is in `lower`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("a file under src");
    let first = relative.components().next().expect("a component").as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first segment after `crate::` of every path outside macro invocations.
#[derive(Default)]
struct CratePaths(BTreeSet<String>);

impl CratePaths {
    fn segments<'a>(&mut self, mut segments: impl Iterator<Item = &'a syn::Ident>) {
        if segments.next().is_some_and(|s| s == "crate")
            && let Some(next) = segments.next()
        {
            self.0.insert(next.to_string());
        }
    }
}

impl<'ast> Visit<'ast> for CratePaths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.segments(path.segments.iter().map(|s| &s.ident));
        syn::visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let syn::UseTree::Path(root) = &item.tree else { return };
        if root.ident != "crate" {
            return;
        }
        let mut names = Vec::new();
        match &*root.tree {
            syn::UseTree::Path(p) => names.push(p.ident.to_string()),
            syn::UseTree::Name(n) => names.push(n.ident.to_string()),
            syn::UseTree::Rename(r) => names.push(r.ident.to_string()),
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    match tree {
                        syn::UseTree::Path(p) => names.push(p.ident.to_string()),
                        syn::UseTree::Name(n) => names.push(n.ident.to_string()),
                        syn::UseTree::Rename(r) => names.push(r.ident.to_string()),
                        _ => {}
                    }
                }
            }
            syn::UseTree::Glob(_) => {}
        }
        self.0.extend(names);
    }

    // Macro bodies hold the generated crate's paths (`quote!`), not the generator's.
    fn visit_macro(&mut self, _: &'ast syn::Macro) {}
}

/// Module to the modules it uses, for the modules of `src` (items re-exported from the crate
/// root, such as `crate::Error`, are not modules and are left out).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).filter(|m| m != "lib").collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in &files {
        let module = module_of(src, file);
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("read a source file");
        let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut paths = CratePaths::default();
        paths.visit_file(&parsed);
        let uses = graph.get_mut(&module).expect("a module");
        uses.extend(paths.0.into_iter().filter(|used| *used != module && modules.contains(used)));
    }
    graph
}

/// A cycle of the graph, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_generator_modules_form_no_import_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(graph.len() > 5, "the source tree was not read: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle between the generator's modules: {}\nfull graph: {graph:#?}", cycle.join(" -> "));
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")];
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        graph.entry(from.to_owned()).or_default().insert(to.to_owned());
        graph.entry(to.to_owned()).or_default();
    }
    assert_eq!(find_cycle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    graph.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&graph), None);
}
