//! The variants of enums, intEnums and strings with the IDL 1.0 `@enum` trait.

use crate::error::ModelError;
use crate::ir::EnumVariantIr;
use crate::load::{Shape, ShapeKind};
use crate::lower::docs_of;
use crate::names;
use crate::traits::{EnumValue, Traits};

/// Variants of an `enum` shape or of a string with the IDL 1.0 `@enum` trait, in model order.
/// Any string is a valid value, so every value gets a variant (see `names::EnumVariants`).
pub(super) fn enum_variants(shape: &Shape<Traits>) -> Result<Vec<EnumVariantIr>, ModelError> {
    let mut variant_names = names::EnumVariants::default();
    let mut variants = Vec::new();
    let mut push = |name: &str, value: String, docs: String, deprecated: Option<String>, path: &str| -> Result<(), ModelError> {
        let rust_name = variant_names.name(name);
        let owner = format!("{}${name}", shape.id);
        names::check_ident(&rust_name).map_err(|why| ModelError::at(path, Some(&shape.id), format!("the variant name of `{owner}`: {why}")))?;
        if let Some(other) = variants.iter().find(|v: &&EnumVariantIr| v.wire_value == value) {
            return Err(ModelError::at(
                path,
                Some(&shape.id),
                format!("`{owner}` has the value \"{value}\" of variant `{}` again", other.rust_name),
            ));
        }
        variants.push(EnumVariantIr { rust_name, wire_value: value, docs, deprecated });
        Ok(())
    };
    match &shape.kind {
        ShapeKind::Enum { members } => {
            for m in members {
                let value = match &m.traits.enum_value {
                    Some(EnumValue::String(s)) => s.clone(),
                    Some(EnumValue::Int(_)) => {
                        return Err(ModelError::at(&m.path, Some(&shape.id), "enum members need string values"));
                    }
                    None => m.name.clone(),
                };
                push(&m.name, value, docs_of(&m.traits), m.traits.deprecated.clone(), &m.path)?;
            }
        }
        ShapeKind::IntEnum { members } => {
            for m in members {
                let value = match &m.traits.enum_value {
                    Some(EnumValue::Int(i)) if i32::try_from(*i).is_ok() => i.to_string(),
                    _ => {
                        return Err(ModelError::at(&m.path, Some(&shape.id), "intEnum members need an integer value (i32)"));
                    }
                };
                push(&m.name, value, docs_of(&m.traits), m.traits.deprecated.clone(), &m.path)?;
            }
        }
        _ => {
            for (i, entry) in shape.traits.legacy_enum.iter().flatten().enumerate() {
                let name = entry.name.clone().unwrap_or_else(|| entry.value.clone());
                let docs = entry.documentation.as_deref().map(crate::lower::docs::html_to_markdown).unwrap_or_default();
                let path = format!("{}.traits[\"smithy.api#enum\"][{i}]", shape.path);
                let deprecated = entry.deprecated.then(|| "deprecated in the model".to_owned());
                push(&name, entry.value.clone(), docs, deprecated, &path)?;
            }
        }
    }
    Ok(variants)
}
