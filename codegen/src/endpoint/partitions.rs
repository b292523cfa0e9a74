//! The partition table (`model/partitions.json`) read into the IR, and emitted as the
//! compact Rust table `aws.partition` looks regions up in: only ids, regexes, outputs and
//! region names.

use super::ir::{PartitionIr, PartitionTable};
use crate::error::ModelError;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The file the table comes from, as headers name it.
pub const SOURCE: &str = "model/partitions.json";

/// The table the generator is built with.
pub const TEXT: &str = include_str!("../../../model/partitions.json");

pub fn read(text: &str) -> Result<PartitionTable, ModelError> {
    let at = |path: &str, message: &str| ModelError::at(format!("{SOURCE}: {path}"), None, message);
    let root: Value = serde_json::from_str(text).map_err(|e| at("$", &format!("not valid JSON: {e}")))?;
    let list = root.get("partitions").and_then(Value::as_array).ok_or_else(|| at("$.partitions", "expected an array"))?;
    let mut partitions = Vec::new();
    let mut regions = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let path = format!("$.partitions[{i}]");
        let outputs = p.get("outputs").ok_or_else(|| at(&path, "missing `outputs`"))?;
        let regex = p.get("regionRegex").and_then(Value::as_str).ok_or_else(|| at(&path, "missing `regionRegex`"))?;
        let base = outputs_of(outputs, None, &format!("{path}.outputs"))?;
        let index = partitions.len();
        partitions.push(PartitionIr { region_regex: Some(regex.to_owned()), ..base.clone() });
        if let Some(map) = p.get("regions").and_then(Value::as_object) {
            for (name, region) in map {
                // A region may override some outputs of its partition: it then gets its own entry.
                let overrides = region.as_object().is_some_and(|o| o.keys().any(|k| k != "description"));
                if overrides {
                    let own = outputs_of(region, Some(&base), &format!("{path}.regions.{name}"))?;
                    regions.push((name.clone(), partitions.len()));
                    partitions.push(PartitionIr { region_regex: None, ..own });
                } else {
                    regions.push((name.clone(), index));
                }
            }
        }
    }
    if !partitions.iter().any(|p| p.name == "aws") {
        return Err(at("$.partitions", "no partition named `aws`, which unknown regions fall back to"));
    }
    regions.sort();
    Ok(PartitionTable { partitions, regions })
}

fn outputs_of(value: &Value, base: Option<&PartitionIr>, path: &str) -> Result<PartitionIr, ModelError> {
    let string = |key: &str, fallback: Option<&String>| -> Result<String, ModelError> {
        match (value.get(key).and_then(Value::as_str), fallback) {
            (Some(s), _) => Ok(s.to_owned()),
            (None, Some(f)) => Ok(f.clone()),
            (None, None) => Err(ModelError::at(format!("{SOURCE}: {path}.{key}"), None, "missing string")),
        }
    };
    let boolean = |key: &str, fallback: Option<bool>| -> Result<bool, ModelError> {
        match (value.get(key).and_then(Value::as_bool), fallback) {
            (Some(b), _) => Ok(b),
            (None, Some(f)) => Ok(f),
            (None, None) => Err(ModelError::at(format!("{SOURCE}: {path}.{key}"), None, "missing boolean")),
        }
    };
    Ok(PartitionIr {
        region_regex: None,
        name: string("name", base.map(|b| &b.name))?,
        dns_suffix: string("dnsSuffix", base.map(|b| &b.dns_suffix))?,
        dual_stack_dns_suffix: string("dualStackDnsSuffix", base.map(|b| &b.dual_stack_dns_suffix))?,
        supports_fips: boolean("supportsFIPS", base.map(|b| b.supports_fips))?,
        supports_dual_stack: boolean("supportsDualStack", base.map(|b| b.supports_dual_stack))?,
        implicit_global_region: string("implicitGlobalRegion", base.map(|b| &b.implicit_global_region))?,
    })
}

pub fn emit(table: &PartitionTable) -> Vec<TokenStream> {
    let entries = table.partitions.iter().map(|p| {
        let regex = match &p.region_regex {
            Some(r) => quote!(::std::option::Option::Some(#r)),
            None => quote!(::std::option::Option::None),
        };
        let PartitionIr { name, dns_suffix, dual_stack_dns_suffix, supports_fips, supports_dual_stack, implicit_global_region, .. } = p;
        quote! {
            PartitionEntry {
                region_regex: #regex,
                outputs: Partition {
                    name: #name,
                    dns_suffix: #dns_suffix,
                    dual_stack_dns_suffix: #dual_stack_dns_suffix,
                    supports_fips: #supports_fips,
                    supports_dual_stack: #supports_dual_stack,
                    implicit_global_region: #implicit_global_region,
                },
            }
        }
    });
    let regions = table.regions.iter().map(|(name, index)| {
        let index = proc_macro2::Literal::usize_unsuffixed(*index);
        quote!((#name, #index))
    });
    vec![
        quote! {
            //! The AWS partitions, from `model/partitions.json`: what `aws.partition` returns
            //! for a region.
        },
        quote! {
            use crate::endpoint::fns::partition::{Partition, PartitionEntry};
        },
        quote! {
            /// The partitions, in the file's order (the order regexes are tried in).
            pub(crate) static PARTITIONS: &[PartitionEntry] = &[#(#entries),*];
        },
        quote! {
            /// The regions the file names, sorted, with their entry in [`PARTITIONS`].
            pub(crate) static REGIONS: &[(&str, usize)] = &[#(#regions),*];
        },
    ]
}
