//! Optional parts of runtime source files, kept or dropped by what the model needs.

use crate::error::Error;

/// Runtime source with its optional parts decided: the lines between `// @if NAME` and
/// `// @end` are kept when the model needs `NAME` (`enabled` says; `None` for a name it does
/// not know) and left out otherwise, `// @else` starting the lines kept in the other case.
/// Marker lines are always dropped, so a model that needs no section gets the rest as it is
/// written. Sections do not nest.
pub fn sections(path: &str, source: &str, enabled: impl Fn(&str) -> Option<bool>) -> Result<String, Error> {
    let bad = |line: usize, what: &str| Error::Internal(format!("runtime file for `{path}`, line {line}: {what}"));
    let mut out = String::with_capacity(source.len());
    // Inside a section: whether its lines are kept.
    let mut keep: Option<bool> = None;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let marker = line.trim();
        if let Some(name) = marker.strip_prefix("// @if ") {
            if keep.is_some() {
                return Err(bad(i + 1, "sections do not nest"));
            }
            keep = Some(enabled(name.trim()).ok_or_else(|| bad(i + 1, &format!("unknown section `{name}`")))?);
        } else if marker == "// @else" {
            keep = Some(!keep.ok_or_else(|| bad(i + 1, "`@else` outside a section"))?);
        } else if marker == "// @end" {
            keep.take().ok_or_else(|| bad(i + 1, "`@end` outside a section"))?;
        } else if keep != Some(false) {
            out.push_str(line);
        }
    }
    if keep.is_some() {
        return Err(bad(source.lines().count(), "a section is not closed"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::sections;

    fn streaming(on: bool) -> impl Fn(&str) -> Option<bool> {
        move |name| (name == "streaming").then_some(on)
    }

    #[test]
    fn sections_keep_or_drop_their_lines_and_always_drop_the_markers() {
        let source = "a\n    // @if streaming\n    b\n    // @else\n    c\n    // @end\nd\n";
        assert_eq!(sections("f", source, streaming(true)).unwrap(), "a\n    b\nd\n");
        assert_eq!(sections("f", source, streaming(false)).unwrap(), "a\n    c\nd\n");
        assert_eq!(sections("f", "no markers\n", streaming(false)).unwrap(), "no markers\n");
    }

    #[test]
    fn broken_sections_are_errors_naming_the_file_and_line() {
        for (source, what) in [
            ("// @if nothing\n// @end\n", "unknown section `nothing`"),
            ("// @if streaming\n// @if streaming\n", "do not nest"),
            ("x\n// @end\n", "line 2: `@end` outside"),
            ("// @else\n", "`@else` outside"),
            ("// @if streaming\nx\n", "not closed"),
        ] {
            let error = sections("src/f.rs", source, streaming(true)).unwrap_err().to_string();
            assert!(error.contains("src/f.rs") && error.contains(what), "{source:?}: {error}");
        }
    }
}
