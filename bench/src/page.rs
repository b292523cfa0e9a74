//! The response body the per-call and throughput benchmarks read: a `ListSessions` page,
//! written the way the service writes it (compact restJson1, members in model order, every
//! member of every session set, RFC 3339 timestamps). Deterministic: the same count always
//! gives the same bytes.

use std::fmt::Write as _;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The approval team every benchmark request names.
pub const TEAM_ARN: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/release-approvers-prod";
/// The request id the recorded response carries.
pub const REQUEST_ID: &str = "4c1f0e7a-93d2-4b8e-a7f1-2d9c5b6e8a10";

const STATUSES: [&str; 5] = ["PENDING", "CANCELLED", "APPROVED", "FAILED", "CREATING"];
const STATUS_CODES: [&str; 4] = ["REJECTED", "EXPIRED", "CONFIGURATION_CHANGED", "ALL_APPROVERS_IN_SESSION"];
const ACTIONS: [&str; 4] = ["StartBackupJob", "DeleteRecoveryPoint", "StartRestoreJob", "UpdateBackupPlan"];
const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];

/// A small linear congruential generator: varied but reproducible figures.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// 62 random bits.
    fn wide(&mut self) -> u64 {
        (self.next() << 31) ^ self.next()
    }
}

/// The body of a `ListSessions` response holding `sessions` sessions and a `NextToken`.
pub fn list_sessions_page(sessions: usize) -> Vec<u8> {
    let mut rng = Lcg(0x5eed_0000_0000_0001);
    let mut out = String::with_capacity(200 + sessions * 960);
    out.push_str("{\"NextToken\":\"");
    for _ in 0..6 {
        let _ = write!(out, "{:016x}{:016x}", rng.wide(), rng.wide());
    }
    out.push_str("\",\"Sessions\":[");
    // 2026-03-05T10:15:30Z
    let base = 1_772_705_730_i64;
    for i in 0..sessions {
        if i > 0 {
            out.push(',');
        }
        let team = i % 3;
        let id = rng.wide() & 0xffff_ffff_ffff;
        let start = base + (i as i64) * 137 + (rng.next() % 600) as i64;
        let millis = (rng.next() % 1000) as i64;
        let initiation = timestamp(start, millis);
        let expiration = timestamp(start + 86_400, millis);
        let completion = timestamp(start + 3_600 + (rng.next() % 7_200) as i64, (rng.next() % 1000) as i64);
        let action = ACTIONS[i % ACTIONS.len()];
        let region = REGIONS[i % REGIONS.len()];
        let description = if i % 5 == 4 {
            // Some descriptions need escapes, as real ones sometimes do.
            format!(
                "{action} on \\\"vault-{i}\\\" \\u2014 nightly run, ticket CHG-{:06}",
                id % 1_000_000
            )
        } else {
            format!(
                "{action} on vault-{i} for the nightly run, ticket CHG-{:06}",
                id % 1_000_000
            )
        };
        let _ = write!(
            out,
            concat!(
                "{{\"SessionArn\":\"arn:aws:mpa:us-east-1:123456789012:session/team-{team}/s-{id:012x}\",",
                "\"ApprovalTeamName\":\"team-{team}\",",
                "\"ApprovalTeamArn\":\"arn:aws:mpa:us-east-1:123456789012:approval-team/team-{team}\",",
                "\"InitiationTime\":\"{initiation}\",",
                "\"ExpirationTime\":\"{expiration}\",",
                "\"CompletionTime\":\"{completion}\",",
                "\"Description\":\"{description}\",",
                "\"ActionName\":\"{action}\",",
                "\"ProtectedResourceArn\":\"arn:aws:backup:{region}:123456789012:backup-vault:vault-{i}\",",
                "\"RequesterServicePrincipal\":\"backup.amazonaws.com\",",
                "\"RequesterPrincipalArn\":\"arn:aws:iam::123456789012:role/BackupOperator-{role}\",",
                "\"RequesterRegion\":\"{region}\",",
                "\"RequesterAccountId\":\"123456789012\",",
                "\"Status\":\"{status}\",",
                "\"StatusCode\":\"{code}\",",
                "\"StatusMessage\":\"{status_lower} after {minutes} min, {votes} of 3 votes\",",
                "\"ActionCompletionStrategy\":\"AUTO_COMPLETION_UPON_APPROVAL\",",
                "\"AdditionalSecurityRequirements\":[\"APPROVER_VERIFICATION_REQUIRED\"]}}"
            ),
            team = team,
            id = id,
            initiation = initiation,
            expiration = expiration,
            completion = completion,
            description = description,
            action = action,
            region = region,
            i = i,
            role = i % 7,
            status = STATUSES[i % STATUSES.len()],
            code = STATUS_CODES[i % STATUS_CODES.len()],
            status_lower = STATUSES[i % STATUSES.len()].to_ascii_lowercase(),
            minutes = 5 + rng.next() % 55,
            votes = rng.next() % 4,
        );
    }
    out.push_str("]}");
    out.into_bytes()
}

fn timestamp(seconds: i64, millis: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(seconds).expect("timestamp in range")
        + time::Duration::milliseconds(millis);
    t.format(&Rfc3339).expect("RFC 3339 formatting")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_valid_json_and_deterministic() {
        let a = list_sessions_page(20);
        assert_eq!(a, list_sessions_page(20));
        let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
        assert_eq!(v["Sessions"].as_array().unwrap().len(), 20);
        assert!((17_000..19_500).contains(&a.len()), "{} bytes", a.len());
    }
}
