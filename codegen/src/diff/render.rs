//! A [`Report`] as Markdown (for a pull request), JSON (for tools) or a changelog entry.
//!
//! Documentation-only changes are always counted; they are listed only when asked for
//! (`docs`), since a model update often rewords hundreds of them.

use super::rules::{Impact, Section};
use super::{Bump, Change, Report};
use serde_json::{Value, json};

/// How many hex digits of a model's sha256 name it in headings.
const SHA_PREFIX: usize = 12;

pub fn markdown(report: &Report, docs: bool) -> String {
    let mut out = String::from("# Model changes\n\n");
    out.push_str(&format!("- Old: `{}` (sha256 `{}`)\n", report.old.label, short(&report.old.sha256)));
    out.push_str(&format!("- New: `{}` (sha256 `{}`)\n", report.new.label, short(&report.new.sha256)));
    out.push_str(&format!(
        "- Changes: {} breaking, {} additions, {} behaviour changes; {} documentation-only changes{}\n",
        report.count(Impact::Breaking),
        report.count(Impact::Addition),
        report.count(Impact::Behaviour),
        report.count(Impact::Docs),
        if docs || report.count(Impact::Docs) == 0 { "" } else { " (list them with `--docs`)" },
    ));
    out.push_str(&format!("- Implied version bump: **{}**\n", report.bump().advice()));
    for (operation, reason) in &report.not_generated {
        out.push_str(&format!("- Not generated (the generator does not support it): `{operation}`: {reason}\n"));
    }
    let listed: Vec<&Change> = report.changes.iter().filter(|c| docs || !c.is_docs()).collect();
    if listed.is_empty() {
        out.push_str("\nNo change to the generated crate's API or behaviour.\n");
    }
    let mut section: Option<Section> = None;
    for change in listed {
        let rule = change.rule();
        if section != Some(rule.section) {
            section = Some(rule.section);
            out.push_str(&format!("\n## {}\n\n", rule.section.title()));
            out.push_str("| Change | Rust item | Detail | Breaking | Why |\n| --- | --- | --- | --- | --- |\n");
        }
        let detail = if change.detail.is_empty() { String::new() } else { format!("`{}`", cell(&change.detail)) };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            rule.label,
            cell(&change.path),
            detail,
            breaking_cell(rule.impact),
            cell(rule.reason)
        ));
    }
    out
}

pub fn json(report: &Report, docs: bool) -> String {
    let side = |m: &super::ModelInfo| json!({ "model": m.label, "sha256": m.sha256 });
    let mut root = json!({
        "old": side(&report.old),
        "new": side(&report.new),
        "bump": report.bump().id(),
        "breaking": report.has_breaking(),
        "counts": {
            "breaking": report.count(Impact::Breaking),
            "addition": report.count(Impact::Addition),
            "behaviour": report.count(Impact::Behaviour),
            "docs": report.count(Impact::Docs),
        },
        "changes": report.api_changes().map(change_json).collect::<Vec<_>>(),
        "not_generated": report
            .not_generated
            .iter()
            .map(|(operation, reason)| json!({ "operation": operation, "reason": reason }))
            .collect::<Vec<_>>(),
    });
    if docs {
        root["docs"] = report.docs_changes().map(change_json).collect();
    }
    let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
    text.push('\n');
    text
}

fn change_json(change: &Change) -> Value {
    let rule = change.rule();
    json!({
        "kind": change.kind.id(),
        "section": rule.section.id(),
        "path": change.path,
        "detail": change.detail,
        "impact": rule.impact.id(),
        "breaking": rule.impact.is_breaking(),
        "reason": rule.reason,
    })
}

/// A `CHANGELOG.md` entry: a heading naming the new model, then one bullet per change
/// (documentation changes as one counted bullet).
pub fn changelog(report: &Report) -> String {
    let title = match report.bump() {
        Bump::Major => "breaking changes (major)",
        Bump::Minor => "additions (minor)",
        Bump::Patch => "behaviour and documentation changes (patch)",
        Bump::None => "no change to the crate",
    };
    let mut out = format!("## Model {}: {title}\n\n", short(&report.new.sha256));
    for change in report.api_changes() {
        let rule = change.rule();
        let prefix = match rule.impact {
            Impact::Breaking => "**Breaking:** ",
            Impact::Behaviour => "Behaviour: ",
            Impact::Addition | Impact::Docs => "",
        };
        let detail = if change.detail.is_empty() { String::new() } else { format!(" (`{}`)", change.detail) };
        out.push_str(&format!("- {prefix}{}: `{}`{detail}.\n", capitalized(rule.label), change.path));
    }
    match report.count(Impact::Docs) {
        0 => {}
        1 => out.push_str("- Documentation updated on 1 item.\n"),
        n => out.push_str(&format!("- Documentation updated on {n} items.\n")),
    }
    if report.changes.is_empty() {
        out.push_str("- No change to the generated crate.\n");
    }
    out
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(SHA_PREFIX)]
}

fn breaking_cell(impact: Impact) -> &'static str {
    match impact {
        Impact::Breaking => "**yes**",
        Impact::Addition => "no",
        Impact::Behaviour => "no (behaviour change)",
        Impact::Docs => "no (docs)",
    }
}

/// Text safe in a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
