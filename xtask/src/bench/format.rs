//! How the report writes numbers: thousands, microseconds, seconds, MiB, verdicts.

/// 12,345.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A duration given in nanoseconds, in µs with three significant figures or so.
pub(super) fn micros(ns: f64) -> String {
    let us = ns / 1e3;
    if us >= 1000.0 {
        format!("{} µs", thousands(us.round() as usize))
    } else if us >= 100.0 {
        format!("{us:.0} µs")
    } else if us >= 10.0 {
        format!("{us:.1} µs")
    } else {
        format!("{us:.2} µs")
    }
}

pub(super) fn seconds(s: f64) -> String {
    if s >= 60.0 {
        format!("{s:.0} s ({}m{:02.0}s)", (s / 60.0).floor(), s % 60.0)
    } else if s >= 10.0 {
        format!("{s:.1} s")
    } else {
        format!("{s:.2} s")
    }
}

pub(super) fn mib(kb: u64) -> String {
    format!("{:.0} MiB", kb as f64 / 1024.0)
}

/// "met (40% under)" or "missed by 25% (x over the limit)" for an at-most target.
pub(super) fn verdict_at_most(measured: f64, limit: f64, unit: &str) -> String {
    if measured <= limit {
        format!("**met** ({:.0}% under the limit)", (1.0 - measured / limit) * 100.0)
    } else {
        format!("**missed** by {} {unit} ({:.0}% over the limit)", fmt_amount(measured - limit), (measured / limit - 1.0) * 100.0)
    }
}

pub(super) fn fmt_amount(x: f64) -> String {
    if x >= 1000.0 {
        thousands(x.round() as usize)
    } else if x >= 10.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}
