//! The rules language's standard library (smithy.io, "Rules engine standard library"), and
//! `aws.isVirtualHostableS3Bucket`: what generated resolvers call.

use ::std::string::String;
use ::std::vec::Vec;

/// `substring(input, start, stop, reverse)`: the characters from `start` (inclusive) to
/// `stop` (exclusive), counted from the end when `reverse`. None when the input holds a
/// non-ASCII character, when `start >= stop`, or when the input is shorter than `stop`.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> ::std::option::Option<&str> {
    if !input.is_ascii() || start >= stop || input.len() < stop {
        return None;
    }
    if reverse {
        let len = input.len();
        input.get(len - stop..len - start)
    } else {
        input.get(start..stop)
    }
}

/// `isValidHostLabel(value, allowSubDomains)`: an RFC 1123 host label (1 to 63 ASCII
/// letters, digits and hyphens, not starting with a hyphen); with `allow_sub_domains`,
/// one or more such labels joined by dots.
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(|label| is_valid_host_label(label, false))
    } else {
        (1..=63).contains(&value.len())
            && !value.starts_with('-')
            && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }
}

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - _ . ~`).
const NOT_UNRESERVED: &::percent_encoding::AsciiSet =
    &::percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `uriEncode(value)`: percent-encoding of every byte but the unreserved characters, with
/// uppercase hexadecimal digits.
pub fn uri_encode(value: &str) -> String {
    ::percent_encoding::utf8_percent_encode(value, NOT_UNRESERVED).to_string()
}

/// `split(value, delimiter, limit)`: the parts of `value` between `delimiter`s; a `limit`
/// above zero caps the number of parts (the last one keeps the rest of the string), zero
/// means no cap. An empty delimiter yields the value itself.
pub fn split<'a>(value: &'a str, delimiter: &str, limit: usize) -> Vec<&'a str> {
    if delimiter.is_empty() {
        return vec![value];
    }
    if limit == 0 {
        value.split(delimiter).collect()
    } else {
        value.splitn(limit, delimiter).collect()
    }
}

/// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: whether the bucket name can be
/// the first label of a host name: 3 to 63 characters of lowercase letters, digits and
/// hyphens (and, with `allow_sub_domains`, dots between valid labels), starting and ending
/// with a letter or digit, and not formatted as an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let length_ok = (3..=63).contains(&value.len());
    let edges_ok = value.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && value.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit());
    let chars_ok = value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !(length_ok && edges_ok && chars_ok) || is_ipv4(value) {
        return false;
    }
    if allow_sub_domains { is_valid_host_label(value, true) } else { !value.contains('.') }
}

/// Whether `value` is a dotted-quad IPv4 address (`192.168.0.1`).
pub fn is_ipv4(value: &str) -> bool {
    let mut count = 0;
    for part in value.split('.') {
        count += 1;
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) || part.parse::<u16>().is_ok_and(|n| n > 255) {
            return false;
        }
    }
    count == 4
}

pub mod arn;
pub mod partition;
mod partitions;
pub mod url;
