//! What a model update changes for users of the generated crate (`cargo xtask diff`).
//!
//! Both models go through the generator's own first steps (`load`, `resolve`, `lower`), so
//! the comparison sees exactly the names, types and optionality the crate would have. The
//! two IRs are compared item by item in Rust names (`compare`); each difference is a
//! [`Change`] whose [`Kind`] decides, through the table in [`rules`], whether it breaks code
//! that uses the crate and why. [`render`] prints a report as Markdown, JSON or a changelog
//! entry.

mod compare;
pub mod render;
pub mod rules;

pub use rules::{Impact, Kind, Rule, Section};

use crate::error::Error;
use crate::ir::CrateIr;
use crate::lower::{Provenance, Selection};

/// One difference between the two models, as users of the crate see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    /// The Rust item it concerns: `crate::types::SessionStatusCode::AllApproversInSession`.
    pub path: String,
    /// What changed, in Rust terms (`Option<String>`, `GET → POST`); may be empty.
    pub detail: String,
}

impl Change {
    pub fn rule(&self) -> Rule {
        self.kind.rule()
    }

    pub fn impact(&self) -> Impact {
        self.kind.rule().impact
    }

    pub fn is_breaking(&self) -> bool {
        self.impact().is_breaking()
    }

    pub fn is_docs(&self) -> bool {
        self.impact() == Impact::Docs
    }
}

/// The version bump a set of changes implies for the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    /// Behaviour or documentation changes only.
    Patch,
    /// Additions.
    Minor,
    /// Something breaks.
    Major,
}

impl Bump {
    fn of(impact: Impact) -> Bump {
        match impact {
            Impact::Breaking => Bump::Major,
            Impact::Addition => Bump::Minor,
            Impact::Behaviour | Impact::Docs => Bump::Patch,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// What to do with the crate's version, which is still 0.x.
    pub fn advice(self) -> &'static str {
        match self {
            Bump::None => "none: the generated crate does not change",
            Bump::Patch => "patch: behaviour or documentation changes only",
            Bump::Minor => "minor: additions only; bump patch (0.x) / minor (1.x+)",
            Bump::Major => "major: breaking changes; bump minor (0.x) / major (1.x+)",
        }
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// How the model was named on the command line (`git:HEAD`, `model/x.json`).
    pub label: String,
    pub sha256: String,
}

/// Every change between two models, sorted by section, Rust path and kind.
#[derive(Debug, Clone)]
pub struct Report {
    pub old: ModelInfo,
    pub new: ModelInfo,
    pub changes: Vec<Change>,
    /// Operations of the new model that the generator leaves out, with the reason.
    pub not_generated: Vec<(String, String)>,
}

impl Report {
    /// Compares two lowered models (see [`lower_text`]).
    pub fn new(old_label: &str, old: &CrateIr, new_label: &str, new: &CrateIr) -> Report {
        let mut changes = compare::compare(old, new);
        changes.sort_by(|a, b| {
            let key = |c: &Change| (c.rule().section, c.path.clone(), c.kind, c.detail.clone());
            key(a).cmp(&key(b))
        });
        changes.dedup();
        Report {
            old: ModelInfo { label: old_label.to_owned(), sha256: old.model_sha256.clone() },
            new: ModelInfo { label: new_label.to_owned(), sha256: new.model_sha256.clone() },
            changes,
            not_generated: new.unsupported.iter().map(|(op, e)| (op.clone(), e.message.clone())).collect(),
        }
    }

    /// The changes that are not documentation only.
    pub fn api_changes(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| !c.is_docs())
    }

    pub fn docs_changes(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.is_docs())
    }

    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact() == impact).count()
    }

    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    pub fn bump(&self) -> Bump {
        self.changes.iter().map(|c| Bump::of(c.impact())).max().unwrap_or(Bump::None)
    }
}

/// Runs a model's text through `load`, `resolve` and `lower`, generating every supported
/// operation, as `cargo xtask codegen` does. The IR carries the text's sha256.
pub fn lower_text(text: &str) -> Result<CrateIr, Error> {
    let model = crate::load::load(text)?;
    let resolved = crate::resolve::resolve(model)?;
    let provenance = Provenance {
        package: "mpa".to_owned(),
        crate_version: "0.1.0".to_owned(),
        model_file: "model.json".to_owned(),
        model_sha256: crate::sha256_hex(text.as_bytes()),
        // Only the Rust API is compared: where the runtime comes from does not matter.
        runtime: crate::ir::Runtime::Path(String::new()),
    };
    crate::lower::lower(&resolved, &Selection::default(), &provenance, crate::endpoint::lower(&resolved)?)
}
