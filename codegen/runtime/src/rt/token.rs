//! Idempotency tokens (`@idempotencyToken`), filled in when the caller leaves them unset.

/// A fresh random UUID (version 4), as the service expects.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}
