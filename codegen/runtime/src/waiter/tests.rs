use super::*;

const S: fn(u64) -> Duration = Duration::from_secs;

#[test]
fn delays_double_from_the_minimum_up_to_the_maximum() {
    let backoff = Backoff::new(Delays::from_secs(2, 120), S(10_000));
    // With the largest jitter, each delay is the attempt's ceiling: 2, 4, 8, 16, 32, 64, then 120.
    let ceilings: Vec<u64> = (1..=8).map(|a| backoff.delay(a, S(0), 1.0).unwrap().as_secs()).collect();
    assert_eq!(ceilings, [2, 4, 8, 16, 32, 64, 120, 120]);
    // With the smallest, always the minimum.
    assert_eq!(backoff.delay(5, S(0), 0.0), Some(S(2)));
    // Halfway between the minimum and the ceiling.
    assert_eq!(backoff.delay(3, S(0), 0.5), Some(S(5)));
}

#[test]
fn the_last_delay_leaves_the_minimum_before_the_end_and_then_time_is_up() {
    let backoff = Backoff::new(Delays::from_secs(2, 120), S(60));
    // 10 seconds left: a 8-second delay would leave 2, no more than the minimum.
    assert_eq!(backoff.delay(4, S(50), 1.0), Some(S(8)));
    assert_eq!(backoff.delay(5, S(50), 1.0), Some(S(8)));
    assert_eq!(backoff.delay(5, S(58), 1.0), None);
    assert_eq!(backoff.delay(5, S(61), 1.0), None);
}

#[test]
fn equal_delays_never_vary() {
    let backoff = Backoff::new(Delays::from_secs(5, 5), S(1000));
    assert!((1..20).all(|a| backoff.delay(a, S(0), 0.7) == Some(S(5))));
}

fn accept(r: &Result<u32, String>) -> Option<AcceptorState> {
    match r {
        Ok(3) => Some(AcceptorState::Success),
        Ok(9) => Some(AcceptorState::Failure),
        Ok(_) => Some(AcceptorState::Retry),
        Err(e) if e == "gone" => Some(AcceptorState::Success),
        Err(_) => None,
    }
}

const TINY: Delays = Delays { min: Duration::from_millis(1), max: Duration::from_millis(2) };

#[test]
fn the_blocking_loop_retries_until_success() {
    let mut answers = [1, 2, 3].into_iter();
    let done = wait_blocking(TINY, S(60), || Ok(answers.next().unwrap()), accept).unwrap();
    assert_eq!((done.attempts(), done.output()), (3, Some(&3)));
}

#[test]
fn the_blocking_loop_stops_on_failure_unexpected_errors_and_time() {
    let failed = wait_blocking(TINY, S(60), || Ok(9), accept).unwrap_err();
    assert!(matches!(failed, WaiterError::FailureState(ref p) if p.attempts() == 1), "{failed}");
    let unexpected = wait_blocking(TINY, S(60), || Err::<u32, _>("boom".to_owned()), accept).unwrap_err();
    assert!(matches!(unexpected, WaiterError::Operation { attempts: 1, ref error } if **error == "boom"));
    let gone = wait_blocking(TINY, S(60), || Err::<u32, _>("gone".to_owned()), accept).unwrap();
    assert_eq!(gone.into_result(), Err("gone".to_owned()));
    // No time for a second call: the minimum delay is longer than the whole wait.
    let slow = Delays { min: S(5), max: S(10) };
    let mut calls = 0;
    let timed_out = wait_blocking(slow, S(1), || { calls += 1; Ok(1) }, accept).unwrap_err();
    assert!(matches!(timed_out, WaiterError::TimedOut { attempts: 1, ref last } if **last == Ok(1)));
    assert_eq!(calls, 1);
}
