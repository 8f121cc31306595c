//! Limits: request size and time, sign-in attempts, and password hashing.
//!
//! **Sign-in attempts** are counted before the password is checked
//! (reserve, then check): per login, at most [`MAX_LOGIN_ATTEMPTS`] within
//! [`ATTEMPT_WINDOW`], and per client address [`MAX_ADDRESS_ATTEMPTS`].
//! The count lives in the database (`signin_attempts`), so every server on
//! one database shares it and a restart forgets nothing; a burst of
//! parallel attempts is serialised by the store, so it cannot slip more
//! checks through than the limit. A successful sign-in clears its login's
//! count and gives its address's attempt back. A login that exists and one
//! that does not are counted alike.
//!
//! **Addresses** are keyed so that one client cannot spread itself over
//! many keys: an IPv6 address by its /64 (one subscriber's network), an
//! IPv4 address whole. Behind a trusted proxy the address is the right-most
//! `X-Forwarded-For` entry, the one the proxy itself added; entries to its
//! left are whatever the client chose to send.
//!
//! **Password hashing** (argon2id, 19 MiB each) runs in a bounded pool: at
//! most one hash per core at a time and [`HASH_QUEUE`] more waiting; a
//! request beyond that is answered `503` at once instead of holding memory.

use crate::error::ApiError;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How long one request may take before it is answered with `408`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest list file `POST /api/v1/imports` takes: a party's whole
/// list, some hundred thousand rows.
pub const IMPORT_BODY_LIMIT: usize = 32 * 1024 * 1024;
/// How long an import may take: reading, checking and recording a list of
/// that size takes longer than any other request.
pub const IMPORT_TIMEOUT: Duration = Duration::from_secs(300);
/// The path of the one route with the larger limits.
pub const IMPORT_PATH: &str = "/api/v1/imports";
/// The web UI's upload of a list to check: the file, in a form.
pub const UI_IMPORT_PATH: &str = "/imports";

/// The largest body and the longest time a request to `path` is given:
/// [`IMPORT_BODY_LIMIT`] and [`IMPORT_TIMEOUT`] for imports (the API's and
/// the web UI's upload), [`BODY_LIMIT`]
/// and [`REQUEST_TIMEOUT`] for everything else.
pub fn limits_for(path: &str) -> (usize, Duration) {
    if path == IMPORT_PATH || path == UI_IMPORT_PATH {
        (IMPORT_BODY_LIMIT, IMPORT_TIMEOUT)
    } else {
        (BODY_LIMIT, REQUEST_TIMEOUT)
    }
}
/// Attempts allowed per login within [`ATTEMPT_WINDOW`].
pub const MAX_LOGIN_ATTEMPTS: u32 = 5;
/// Attempts allowed per client address within [`ATTEMPT_WINDOW`]: more
/// than per login, since an office signs in from one address.
pub const MAX_ADDRESS_ATTEMPTS: u32 = 20;
pub const ATTEMPT_WINDOW: Duration = Duration::from_secs(60);
/// Password checks allowed to wait for the hashing pool.
pub const HASH_QUEUE: usize = 16;

/// The key a login's attempts are counted under.
pub fn login_key(login: &str) -> String {
    format!("login:{}", login.trim().to_lowercase())
}

/// The key an address's attempts are counted under: an IPv6 address by its
/// /64, anything else as it is.
pub fn address_key(addr: &str) -> String {
    match addr.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("addr:{v4}"),
            None => {
                let s = v6.segments();
                format!("addr:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(IpAddr::V4(v4)) => format!("addr:{v4}"),
        Err(_) => format!("addr:{}", addr.chars().take(64).collect::<String>()),
    }
}

/// The client's address behind a trusted proxy: the right-most entry of
/// `X-Forwarded-For`, which that proxy added; `None` when there is none
/// that parses.
pub fn forwarded_client(x_forwarded_for: &str) -> Option<String> {
    x_forwarded_for
        .rsplit(',')
        .next()
        .map(str::trim)
        .and_then(|a| a.parse::<IpAddr>().ok())
        .map(|a| a.to_string())
}

/// Runs password hashing off the async threads, a bounded number at a time.
#[derive(Clone)]
pub struct HashPool {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

impl Default for HashPool {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        HashPool::new(cores, HASH_QUEUE)
    }
}

impl HashPool {
    /// At most `parallel` hashes at once and `queue` more waiting.
    pub fn new(parallel: usize, queue: usize) -> HashPool {
        HashPool {
            running: Arc::new(Semaphore::new(parallel.max(1))),
            admitted: Arc::new(Semaphore::new(parallel.max(1) + queue)),
        }
    }

    /// Runs `work` in the pool, or answers `503` at once when the pool and
    /// its queue are full.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let Ok(_admitted) = self.admitted.clone().try_acquire_owned() else {
            return Err(ApiError::Busy);
        };
        let running = self
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(ApiError::internal)?;
        tokio::task::spawn_blocking(move || {
            let _running = running;
            work()
        })
        .await
        .map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_share_their_64() {
        assert_eq!(
            address_key("2001:db8:1:2:aaaa::1"),
            address_key("2001:db8:1:2:bbbb:cccc:dddd:eeee")
        );
        assert_ne!(
            address_key("2001:db8:1:2::1"),
            address_key("2001:db8:1:3::1")
        );
        assert_eq!(address_key("::ffff:192.0.2.7"), "addr:192.0.2.7");
        assert_eq!(address_key("192.0.2.7"), "addr:192.0.2.7");
        assert_ne!(address_key("192.0.2.7"), address_key("192.0.2.8"));
    }

    #[test]
    fn the_proxy_added_the_right_most_entry() {
        assert_eq!(
            forwarded_client("6.6.6.6, 10.0.0.9, 198.51.100.4").as_deref(),
            Some("198.51.100.4")
        );
        assert_eq!(
            forwarded_client("198.51.100.4").as_deref(),
            Some("198.51.100.4")
        );
        assert_eq!(forwarded_client("not an address"), None);
    }

    #[tokio::test]
    async fn a_full_pool_refuses_at_once() {
        let pool = HashPool::new(1, 1);
        let gate = Arc::new(std::sync::Barrier::new(2));
        let g = gate.clone();
        let first = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(move || g.wait()).await }
        });
        // Wait until the first job holds the only running slot.
        while pool.running.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let second = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(|| 2).await }
        });
        while pool.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(pool.run(|| 3).await, Err(ApiError::Busy)));
        gate.wait();
        assert!(first.await.unwrap().is_ok());
        assert_eq!(second.await.unwrap().unwrap(), 2);
    }
}
