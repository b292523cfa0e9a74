//! `aws.partition`: which AWS partition a region belongs to, from the table generated out of
//! `model/partitions.json` (`crate::endpoint::fns::partitions`).

/// What `aws.partition` returns (the partition's `outputs` in `partitions.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    pub name: &'static str,
    pub dns_suffix: &'static str,
    pub dual_stack_dns_suffix: &'static str,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: &'static str,
}

/// One partition of the table: the regular expression its region names match (None for an
/// entry that only holds one region's own outputs), and its outputs.
pub struct PartitionEntry {
    pub region_regex: ::std::option::Option<&'static str>,
    pub outputs: Partition,
}

/// `aws.partition(region)`: the partition that lists the region, else the first whose
/// region regex matches it, else the `aws` partition.
pub fn partition(region: &str) -> ::std::option::Option<&'static Partition> {
    use crate::endpoint::fns::partitions::{PARTITIONS, REGIONS};
    let table = PARTITIONS;
    if let Ok(i) = REGIONS.binary_search_by(|(name, _)| (*name).cmp(region)) {
        return Some(&table[REGIONS[i].1].outputs);
    }
    static REGEXES: ::std::sync::OnceLock<::std::vec::Vec<::std::option::Option<::regex_lite::Regex>>> =
        ::std::sync::OnceLock::new();
    let regexes = REGEXES.get_or_init(|| {
        table
            .iter()
            .map(|entry| entry.region_regex.and_then(|source| ::regex_lite::Regex::new(source).ok()))
            .collect()
    });
    let matched = table
        .iter()
        .zip(regexes)
        .find(|(_, regex)| regex.as_ref().is_some_and(|r| r.is_match(region)))
        .map(|(entry, _)| entry);
    matched.or_else(|| table.iter().find(|entry| entry.outputs.name == "aws")).map(|entry| &entry.outputs)
}
