//! `aws.parseArn`: an Amazon Resource Name taken apart.

use ::std::vec::Vec;

/// The parts of an ARN (`aws.parseArn`'s `ARN` structure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    /// Empty for resources that are not regional.
    pub region: &'a str,
    /// Empty for resources that belong to no account.
    pub account_id: &'a str,
    /// The resource part, split on `:` and `/`.
    pub resource_id: Vec<&'a str>,
}

/// `aws.parseArn(value)`: `arn:partition:service:region:account:resource`, where the
/// partition, the service and the resource must not be empty; None otherwise.
pub fn parse_arn(value: &str) -> ::std::option::Option<Arn<'_>> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn { partition, service, region, account_id, resource_id: resource.split([':', '/']).collect() })
}
