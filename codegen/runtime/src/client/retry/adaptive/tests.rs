//! Unit tests of the adaptive mode's rate limiter: responses replayed at chosen times (in
//! seconds), the expected numbers worked out by hand from the formulas in the comments.

use super::{SendRate, cubic_success};
use std::time::Duration;

fn assert_near(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} is not {expected}");
}

fn assert_wait(actual: Option<Duration>, seconds: f64) {
    let actual = actual.unwrap_or_else(|| panic!("no wait, expected {seconds} s"));
    assert!((actual.as_secs_f64() - seconds).abs() < 1e-6, "waits {actual:?}, expected {seconds} s");
}

/// Four successes in the first half second, then a throttle at 0.6 s; returns the limiter.
fn throttled_at_0_6() -> SendRate {
    let mut rate = SendRate::new(0.0);
    for now in [0.1, 0.2, 0.3, 0.4] {
        rate.record(now, false);
    }
    rate.record(0.6, true);
    rate
}

#[test]
fn the_cubic_curve_starts_at_the_cut_rate_and_levels_out_at_the_last_max_rate() {
    // W_max = 10: K = cbrt(10 * (1 - 0.7) / 0.4) = cbrt(7.5) = 1.957433820584...
    let k = 7.5_f64.cbrt();
    assert_near(k, 1.957_433_820_584_431_7);
    // t = 0: 0.4 * (-K)^3 + 10 = -0.4 * 7.5 + 10 = 7 (the throttled rate, 0.7 * 10).
    assert_near(cubic_success(0.0, 10.0), 7.0);
    // t = 1: 0.4 * (1 - 1.957433820584)^3 + 10 = 0.4 * (-0.877659975) + 10 = 9.648936010.
    assert_near(cubic_success(1.0, 10.0), 9.648_936_009_66);
    // t = K: the plateau, W_max itself.
    assert_near(cubic_success(k, 10.0), 10.0);
    // t = 3: 0.4 * (1.042566179416)^3 + 10 = 0.4 * 1.133211302 + 10 = 10.453284521 (probing above).
    assert_near(cubic_success(3.0, 10.0), 10.453_284_520_772);
}

#[test]
fn the_bucket_is_off_until_the_first_throttle() {
    let mut rate = SendRate::new(0.0);
    // Any number of attempts at one instant, and successes: nothing waits.
    for _ in 0..100 {
        assert_eq!(rate.acquire(0.0), None);
    }
    for now in [0.1, 0.2, 0.7, 1.3] {
        rate.record(now, false);
        assert_eq!(rate.acquire(now), None);
    }
    assert_eq!(rate.fill_rate(), None);
    rate.record(1.4, true);
    assert!(rate.fill_rate().is_some());
    assert!((0..10).any(|_| rate.acquire(1.4).is_some()), "a throttle turns the bucket on");
}

#[test]
fn the_measured_rate_is_smoothed_over_half_second_buckets() {
    let mut rate = SendRate::new(0.0);
    // 0.1, 0.2, 0.3 s: the bucket [0, 0.5) is still open; nothing measured yet.
    for now in [0.1, 0.2, 0.3] {
        rate.record(now, false);
    }
    assert_near(rate.measured_rate(), 0.0);
    // 0.5 s opens the bucket [0.5, 1): 4 responses over 0.5 s = 8/s; 0.8 * 8 + 0.2 * 0 = 6.4.
    rate.record(0.5, false);
    assert_near(rate.measured_rate(), 6.4);
    // 1.7 s, bucket [1.5, 2): 1 response over the 1 s since 0.5 = 1/s; 0.8 * 1 + 0.2 * 6.4 = 2.08.
    rate.record(1.7, false);
    assert_near(rate.measured_rate(), 2.08);
    // 1.9 s: same bucket, counted only.
    rate.record(1.9, false);
    assert_near(rate.measured_rate(), 2.08);
    // 2.0 s, bucket [2, 2.5): 2 responses over 0.5 s = 4/s; 0.8 * 4 + 0.2 * 2.08 = 3.616.
    rate.record(2.0, false);
    assert_near(rate.measured_rate(), 3.616);
}

#[test]
fn throttling_cuts_the_fill_rate_and_successes_grow_it_back_within_twice_the_measured_rate() {
    let mut rate = throttled_at_0_6();
    // At 0.6 s the bucket [0.5, 1) opens: 5 responses over 0.5 s = 10/s, measured 0.8 * 10 = 8.
    // The first throttle takes the measured rate as W_max = 8; fill rate 0.7 * 8 = 5.6
    // (under 2 * 8 = 16).
    assert_near(rate.measured_rate(), 8.0);
    assert_near(rate.fill_rate().unwrap(), 5.6);

    // A success at 1.0 s: bucket [1, 1.5), 1 response over 0.5 s = 2/s, measured
    // 0.8 * 2 + 0.2 * 8 = 3.2. CUBIC: K = cbrt(8 * 0.3 / 0.4) = cbrt(6) = 1.817120593,
    // 0.4 * (0.4 - 1.817120593)^3 + 8 = 0.4 * (-2.845935) + 8 = 6.861638; capped at
    // 2 * 3.2 = 6.4.
    rate.record(1.0, false);
    assert_near(rate.measured_rate(), 3.2);
    assert_near(cubic_success(0.4, 8.0), 6.861_637_925_645_65);
    assert_near(rate.fill_rate().unwrap(), 6.4);

    // A throttle at 1.2 s (same bucket, measured still 3.2): the rate it was sending at is
    // min(3.2 measured, 6.4 fill) = 3.2, cut to 0.7 * 3.2 = 2.24.
    rate.record(1.2, true);
    assert_near(rate.fill_rate().unwrap(), 2.24);

    // A success 1 s later, at 2.2 s: bucket [2, 2.5); 2 responses (1.2 s and 2.2 s) over the
    // 1 s since 1.0 = 2/s, measured 0.8 * 2 + 0.2 * 3.2 = 2.24. CUBIC from W_max = 3.2:
    // K = cbrt(3.2 * 0.3 / 0.4) = cbrt(2.4) = 1.338865900, 0.4 * (1 - 1.338865900)^3 + 3.2
    // = 0.4 * (-0.0389120) + 3.2 = 3.1844352, under 2 * 2.24 = 4.48: the rate grows back.
    rate.record(2.2, false);
    assert_near(rate.measured_rate(), 2.24);
    assert!((rate.fill_rate().unwrap() - 3.184_435_2).abs() < 1e-6, "{:?}", rate.fill_rate());
}

#[test]
fn the_fill_rate_never_goes_below_half_a_token_a_second() {
    // A throttle with nothing measured yet: W_max = 0, rate 0, kept at the floor of 0.5.
    let mut rate = SendRate::new(0.0);
    rate.record(0.1, true);
    assert_near(rate.fill_rate().unwrap(), 0.5);
}

#[test]
fn an_empty_bucket_asks_for_a_wait_and_reserves_the_token() {
    let mut rate = throttled_at_0_6();
    // Tokens until the throttle: the bucket starts empty, refilled at 0.5/s from the first
    // response (0.1 s) to 0.6 s: 0.5 * 0.5 = 0.25 (capacity 1). Then fill rate 5.6.
    // The first attempt at 0.6 s lacks 0.75 token: 0.75 / 5.6 = 0.133928571 s.
    assert_wait(rate.acquire(0.6), 0.75 / 5.6);
    // The next one at the same instant waits behind it: 1.75 / 5.6 = 0.3125 s.
    assert_wait(rate.acquire(0.6), 0.3125);
    // At 0.9125 s both reserved tokens have come (0.3125 * 5.6 = 1.75): the next waits a
    // whole token's time, 1 / 5.6 s.
    assert_wait(rate.acquire(0.9125), 1.0 / 5.6);
}

#[test]
fn the_bucket_holds_at_most_one_second_of_tokens() {
    let mut rate = throttled_at_0_6();
    // Long after, the bucket is full at its capacity, the fill rate: 5.6 tokens. Five attempts
    // go at once; the sixth lacks 0.4 token: 0.4 / 5.6 s.
    for _ in 0..5 {
        assert_eq!(rate.acquire(100.0), None);
    }
    assert_wait(rate.acquire(100.0), 0.4 / 5.6);
}
