//! Unit tests of the credentials cache.

use super::{CachingProvider, Credentials, CredentialsError, ProvideCredentials};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// Answers from a script, counting calls.
#[derive(Debug)]
struct Scripted {
    answers: Mutex<Vec<Result<Credentials, CredentialsError>>>,
    calls: AtomicUsize,
}

impl Scripted {
    fn new(mut answers: Vec<Result<Credentials, CredentialsError>>) -> Self {
        answers.reverse();
        Scripted { answers: Mutex::new(answers), calls: AtomicUsize::new(0) }
    }
}

impl ProvideCredentials for Scripted {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.answers.lock().unwrap().pop().expect("an answer left")
    }
}

fn expiring_in(id: &str, seconds: u64) -> Credentials {
    Credentials::new(id, "secret", Some("token".into())).expiring(SystemTime::now() + Duration::from_secs(seconds))
}

#[test]
fn a_failed_early_refresh_keeps_credentials_that_are_still_valid() {
    // Valid for 2 more minutes: inside the 5-minute refresh window, so each call refreshes.
    let inner = Scripted::new(vec![
        Ok(expiring_in("OLD", 120)),
        Err(CredentialsError::failed("sts", "throttled")),
        Ok(expiring_in("NEW", 3600)),
    ]);
    let cache = CachingProvider::new(Box::new(inner));
    assert_eq!(cache.provide_credentials().unwrap().access_key_id(), "OLD");
    assert_eq!(cache.provide_credentials().unwrap().access_key_id(), "OLD", "the refresh failed: the old ones serve");
    assert_eq!(cache.provide_credentials().unwrap().access_key_id(), "NEW", "the next call refreshed");
    assert_eq!(cache.provide_credentials().unwrap().access_key_id(), "NEW", "fresh: no call");
}

#[test]
fn a_failed_refresh_of_expired_credentials_is_an_error() {
    let expired = Credentials::new("GONE", "secret", None).expiring(SystemTime::now() - Duration::from_secs(1));
    let inner = Scripted::new(vec![Ok(expired), Err(CredentialsError::failed("sts", "throttled"))]);
    let cache = CachingProvider::new(Box::new(inner));
    assert_eq!(cache.provide_credentials().unwrap().access_key_id(), "GONE");
    let error = cache.provide_credentials().unwrap_err();
    assert!(error.to_string().contains("throttled"), "{error}");
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let inner = std::sync::Arc::new(CachingProvider::new(Box::new(Scripted::new(vec![Ok(expiring_in("ONE", 3600))]))));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let cache = inner.clone();
            std::thread::spawn(move || cache.provide_credentials().unwrap().access_key_id().to_owned())
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), "ONE");
    }
}
