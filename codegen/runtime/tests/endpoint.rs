//! Tests of the endpoint rules functions, with the edge cases of the Smithy
//! rules engine's standard library and AWS library.

use smithy_rt::endpoint::fns::arn::parse_arn;
use smithy_rt::endpoint::fns::partition::partition;
use smithy_rt::endpoint::fns::url::parse_url;
use smithy_rt::endpoint::fns::*;
use smithy_rt::endpoint::{Endpoint, ResolveError, ResolveErrorKind, Value};

#[test]
fn substring_counts_from_either_end() {
    assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcdefg", 1, 3, false), Some("bc"));
    assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
    assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
    assert_eq!(substring("abcdefg", 0, 7, true), Some("abcdefg"));
}

#[test]
fn substring_refuses_short_input_empty_ranges_and_non_ascii() {
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abc", 0, 4, true), None);
    assert_eq!(substring("abcdef", 3, 3, false), None);
    assert_eq!(substring("abcdef", 4, 2, false), None);
    assert_eq!(substring("", 0, 1, false), None);
    // Any non-ASCII character anywhere refuses the whole input, even outside the range.
    assert_eq!(substring("abcdé", 0, 2, false), None);
    assert_eq!(substring("\u{1F600}abcdef", 2, 4, true), None);
}

#[test]
fn host_labels() {
    for ok in ["a", "us-east-1", "0abc", "a-", "abc123", &"a".repeat(63)] {
        assert!(is_valid_host_label(ok, false), "{ok}");
    }
    for bad in ["", "-a", "a.b", "a_b", "a b", "é", &"a".repeat(64), "us-east-1.evil.com", "a/b"] {
        assert!(!is_valid_host_label(bad, false), "{bad}");
    }
}

#[test]
fn host_labels_with_sub_domains() {
    for ok in ["a.b.c", "us-east-1", "bucket.s3.us-west-2", "a"] {
        assert!(is_valid_host_label(ok, true), "{ok}");
    }
    for bad in ["", "a..b", ".a", "a.", "a.-b", "a.b_c", &format!("{}.b", "a".repeat(64))] {
        assert!(!is_valid_host_label(bad, true), "{bad}");
    }
}

#[test]
fn uri_encode_keeps_only_unreserved_characters() {
    assert_eq!(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(
        uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    assert_eq!(uri_encode("é"), "%C3%A9");
    assert_eq!(uri_encode(""), "");
}

#[test]
fn split_with_and_without_a_limit() {
    assert_eq!(split("a--b--c", "--", 0), ["a", "b", "c"]);
    assert_eq!(split("a--b--c", "--", 1), ["a--b--c"]);
    assert_eq!(split("a--b--c", "--", 2), ["a", "b--c"]);
    assert_eq!(split("a--b--c", "--", 5), ["a", "b", "c"]);
    assert_eq!(split("--b--", "--", 0), ["", "b", ""]);
    assert_eq!(split("", "--", 0), [""]);
    assert_eq!(split("abc", "", 0), ["abc"]);
}

#[test]
fn parse_url_examples_of_the_spec() {
    let url = parse_url("https://example.com").unwrap();
    assert_eq!((url.scheme, url.authority, url.path, url.normalized_path.as_str(), url.is_ip), ("https", "example.com", "", "/", false));
    let url = parse_url("http://example.com:80/foo/bar").unwrap();
    assert_eq!((url.scheme, url.authority, url.path, url.normalized_path.as_str(), url.is_ip), ("http", "example.com:80", "/foo/bar", "/foo/bar/", false));
    let url = parse_url("https://127.0.0.1").unwrap();
    assert_eq!((url.authority, url.is_ip), ("127.0.0.1", true));
    let url = parse_url("https://[fe80::1]").unwrap();
    assert_eq!((url.authority, url.normalized_path.as_str(), url.is_ip), ("[fe80::1]", "/", true));
    let url = parse_url("https://[fe80::1]:8443/a/").unwrap();
    assert_eq!((url.authority, url.path, url.normalized_path.as_str(), url.is_ip), ("[fe80::1]:8443", "/a/", "/a/", true));
}

#[test]
fn parse_url_refuses_queries_and_what_is_not_a_url() {
    for bad in [
        "https://example.com:8443?foo=bar&faz=baz",
        "https://example.com/path?x",
        "https://example.com/#frag",
        "example.com",
        "://example.com",
        "1http://example.com",
        "https://",
        "https://example.com:port",
        "https://[fe80::1",
        "https://[not-an-ip]",
        "https://exa mple.com",
    ] {
        assert!(parse_url(bad).is_none(), "{bad}");
    }
    // Not an IP: a host that only looks like one.
    assert!(!parse_url("https://999.0.0.1").unwrap().is_ip);
    assert!(!parse_url("https://1.2.3").unwrap().is_ip);
}

#[test]
fn parse_arn_examples_of_the_spec() {
    let arn = parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name").unwrap();
    assert_eq!((arn.partition, arn.service, arn.region, arn.account_id), ("aws", "sns", "us-west-2", "012345678910"));
    assert_eq!(arn.resource_id, ["example-sns-topic-name"]);
    let arn = parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE").unwrap();
    assert_eq!(arn.resource_id, ["vpc", "vpc-0e9801d129EXAMPLE"]);
    let arn = parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
    assert_eq!((arn.region, arn.resource_id.as_slice()), ("", ["user", "johndoe"].as_slice()));
    let arn = parse_arn("arn:aws:s3:::bucket_name").unwrap();
    assert_eq!((arn.region, arn.account_id, arn.resource_id.as_slice()), ("", "", ["bucket_name"].as_slice()));
    let arn = parse_arn("arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-01:bucket:b1").unwrap();
    assert_eq!(arn.resource_id, ["outpost", "op-01", "bucket", "b1"]);
}

#[test]
fn parse_arn_refuses_what_is_not_an_arn() {
    for bad in [
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:sns:us-west-2:012345678910",
        "arn::sns:us-west-2:0123:topic",
        "arn:aws::us-west-2:0123:topic",
        "arn:aws:sns:us-west-2:0123:",
        "urn:aws:sns:us-west-2:0123:topic",
        "",
    ] {
        assert!(parse_arn(bad).is_none(), "{bad}");
    }
}

#[test]
fn virtual_hostable_bucket_names() {
    for ok in ["bucket", "my-bucket-1", "abc", &"a".repeat(63)] {
        assert!(is_virtual_hostable_s3_bucket(ok, false), "{ok}");
    }
    for bad in ["ab", &"a".repeat(64), "Bucket", "-bucket", "bucket-", "bucket_name", "my.bucket", "192.168.0.1", ""] {
        assert!(!is_virtual_hostable_s3_bucket(bad, false), "{bad}");
    }
    assert!(is_virtual_hostable_s3_bucket("my.bucket.name", true));
    assert!(!is_virtual_hostable_s3_bucket("my..bucket", true));
    assert!(!is_virtual_hostable_s3_bucket("192.168.0.1", true));
    assert!(!is_virtual_hostable_s3_bucket("my.-bucket", true));
}

#[test]
fn partitions_by_region_name_regex_and_fallback() {
    let aws = partition("us-east-1").unwrap();
    assert_eq!((aws.name, aws.dns_suffix, aws.dual_stack_dns_suffix), ("aws", "amazonaws.com", "api.aws"));
    assert!(aws.supports_fips && aws.supports_dual_stack);
    assert_eq!(aws.implicit_global_region, "us-east-1");
    // Listed regions, including the partition's global pseudo-region.
    assert_eq!(partition("cn-north-1").unwrap().name, "aws-cn");
    assert_eq!(partition("aws-cn-global").unwrap().name, "aws-cn");
    assert_eq!(partition("us-gov-west-1").unwrap().name, "aws-us-gov");
    // Not listed, matched by a partition's region regex.
    assert_eq!(partition("us-west-9").unwrap().name, "aws");
    assert_eq!(partition("cn-south-7").unwrap().dns_suffix, "amazonaws.com.cn");
    assert_eq!(partition("us-isob-west-3").unwrap().name, "aws-iso-b");
    assert_eq!(partition("eusc-de-north-2").unwrap().name, "aws-eusc");
    // Neither: the aws partition.
    assert_eq!(partition("mars-east-1").unwrap().name, "aws");
    assert_eq!(partition("").unwrap().name, "aws");
}

#[test]
fn endpoint_exposes_headers_properties_and_signing() {
    let scheme = Value::map([
        ("name", Value::from("sigv4")),
        ("signingName", Value::from("mpa")),
        ("signingRegion", Value::from("us-east-1")),
        ("disableDoubleEncoding", Value::Bool(true)),
    ]);
    let sigv4a = Value::map([("name", Value::from("sigv4a")), ("signingRegionSet", Value::Array(vec![Value::from("*")]))]);
    let endpoint = Endpoint::builder("https://example.com".to_owned())
        .header("x-amz-a", "1".to_owned())
        .header("x-amz-a", "2".to_owned())
        .property("authSchemes", Value::Array(vec![sigv4a, scheme]))
        .build();
    assert_eq!(endpoint.url(), "https://example.com");
    assert_eq!(endpoint.headers()["x-amz-a"], ["1", "2"]);
    let sigv4 = endpoint.sigv4().expect("a sigv4 scheme");
    assert_eq!((sigv4.signing_name(), sigv4.signing_region()), (Some("mpa"), Some("us-east-1")));
    assert!(sigv4.disable_double_encoding());
    let names: Vec<_> = endpoint.auth_schemes().map(|s| s.name()).collect();
    assert_eq!(names, [Some("sigv4a"), Some("sigv4")]);
    assert_eq!(endpoint.auth_schemes().next().unwrap().signing_region_set(), ["*"]);
    let plain = Endpoint::builder("https://example.com".to_owned()).build();
    assert!(plain.sigv4().is_none());
    assert_eq!(plain.auth_schemes().count(), 0);
}

#[test]
fn resolve_errors_say_what_happened() {
    let error = ResolveError::rule("Invalid Configuration: Missing Region".to_owned());
    assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
    assert_eq!(error.kind(), ResolveErrorKind::Rule);
    let error = ResolveError::invalid_region("Region", "us-east-1.evil.com");
    assert!(error.to_string().contains("\"us-east-1.evil.com\""), "{error}");
    assert_eq!(error.kind(), ResolveErrorKind::InvalidParameter);
    assert!(ResolveError::missing("Bucket").to_string().contains("`Bucket`"));
    let boxed: Box<dyn std::error::Error> = Box::new(ResolveError::no_rule_matched());
    assert!(!boxed.to_string().is_empty());
}
