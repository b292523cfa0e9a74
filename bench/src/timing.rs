//! A small timing loop: warm up, size a batch so that one sample takes about 10 ms, take many
//! samples, report the median time of one iteration (and the 10th and 90th percentiles, to
//! show the spread).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long to measure one benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Time spent running the code before measuring (at least one run).
    pub warm_up: Duration,
    /// Target duration of one sample (a batch of iterations).
    pub sample: Duration,
    /// Time to spend on samples; the sample count is clamped to `min_samples..=max_samples`.
    pub total: Duration,
    pub min_samples: usize,
    pub max_samples: usize,
}

impl Budget {
    /// For calls of a few microseconds to a few milliseconds.
    pub const MICRO: Budget = Budget {
        warm_up: Duration::from_millis(500),
        sample: Duration::from_millis(10),
        total: Duration::from_secs(3),
        min_samples: 31,
        max_samples: 301,
    };
    /// For runs of tens to hundreds of milliseconds (large pages, the generator).
    pub const MACRO: Budget = Budget {
        warm_up: Duration::from_millis(300),
        sample: Duration::ZERO,
        total: Duration::from_secs(8),
        min_samples: 7,
        max_samples: 51,
    };
}

/// The figures of one benchmark, per iteration.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub median_ns: f64,
    pub p10_ns: f64,
    pub p90_ns: f64,
    pub samples: usize,
    pub iterations: u64,
}

/// Times several benchmarks together: each is warmed up and gets its own batch size, then the
/// samples are taken in rounds, one sample of each benchmark a round, so that anything else
/// the machine does while they run weighs on all of them alike (the ratios stay fair).
/// Each benchmark gets about `budget.total` of samples. Results are in the order given.
pub fn measure_together(budget: Budget, benches: &mut [&mut dyn FnMut()]) -> Vec<Stats> {
    let mut batches = Vec::with_capacity(benches.len());
    let mut round_secs = 0.0;
    for f in benches.iter_mut() {
        let start = Instant::now();
        let mut warm = 0u64;
        while warm == 0 || start.elapsed() < budget.warm_up {
            f();
            warm += 1;
        }
        let per_iteration = start.elapsed().as_secs_f64() / warm as f64;
        let batch = ((budget.sample.as_secs_f64() / per_iteration).ceil() as u64).max(1);
        round_secs += per_iteration * batch as f64;
        batches.push(batch);
    }
    let rounds = ((budget.total.as_secs_f64() * benches.len() as f64 / round_secs) as usize)
        .clamp(budget.min_samples, budget.max_samples);
    let mut samples = vec![Vec::with_capacity(rounds); benches.len()];
    for _ in 0..rounds {
        for ((f, &batch), column) in benches.iter_mut().zip(&batches).zip(samples.iter_mut()) {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            column.push(t.elapsed().as_secs_f64() * 1e9 / batch as f64);
        }
    }
    samples
        .into_iter()
        .zip(batches)
        .map(|(mut column, batch)| {
            column.sort_by(f64::total_cmp);
            Stats {
                median_ns: percentile(&column, 0.5),
                p10_ns: percentile(&column, 0.1),
                p90_ns: percentile(&column, 0.9),
                samples: rounds,
                iterations: batch * rounds as u64,
            }
        })
        .collect()
}

/// Wraps a benchmark body for [`measure_together`]: its result goes through `black_box` and
/// is dropped inside the measurement.
pub fn bench<R>(mut f: impl FnMut() -> R) -> impl FnMut() {
    move || drop(black_box(f()))
}

/// Median of a list of durations in nanoseconds (sorted here).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    percentile(&values, 0.5)
}

/// Nearest-rank percentile with linear interpolation, of sorted values.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}
