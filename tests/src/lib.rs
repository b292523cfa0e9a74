//! Shared helpers of the integration tests.

pub mod model_values;
pub mod recorded;
pub mod credentials;
pub mod loopback;
pub mod event_server;
pub mod proxy;
pub mod stream_server;
pub mod tls;
