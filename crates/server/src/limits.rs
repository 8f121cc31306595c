//! Limits: request size and time, and failed sign-ins.
//!
//! Failed sign-ins are counted per login and per client address over a
//! sliding minute, in memory (a restart forgets them, which costs an
//! attacker a restart they cannot cause). After [`MAX_FAILURES`] failures
//! the next attempt is refused with `429` before the password is checked,
//! for a login that exists and one that does not alike.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How long one request may take before it is answered with `408`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Failures allowed per login and per address within [`FAILURE_WINDOW`].
pub const MAX_FAILURES: usize = 5;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(60);
/// Keys tracked at most, so a flood of made-up logins cannot grow memory
/// without bound; the oldest entries are forgotten first.
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
pub struct SignInLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

fn login_key(login: &str) -> String {
    format!("login:{}", login.trim().to_lowercase())
}

fn addr_key(addr: &str) -> String {
    format!("addr:{addr}")
}

impl SignInLimiter {
    /// `Err(seconds to wait)` when the login or the address has used up its
    /// failures.
    pub fn check(&self, login: &str, addr: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().expect("limiter lock");
        let mut wait = 0;
        for key in [login_key(login), addr_key(addr)] {
            if let Some(q) = map.get_mut(&key) {
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= FAILURE_WINDOW)
                {
                    q.pop_front();
                }
                if q.len() >= MAX_FAILURES {
                    let oldest = *q.front().expect("non-empty");
                    let left = FAILURE_WINDOW.saturating_sub(now.duration_since(oldest));
                    wait = wait.max(left.as_secs().max(1));
                }
            }
        }
        if wait > 0 { Err(wait) } else { Ok(()) }
    }

    pub fn record_failure(&self, login: &str, addr: &str, now: Instant) {
        let mut map = self.failures.lock().expect("limiter lock");
        if map.len() >= MAX_KEYS {
            map.retain(|_, q| {
                q.back()
                    .is_some_and(|t| now.duration_since(*t) < FAILURE_WINDOW)
            });
        }
        for key in [login_key(login), addr_key(addr)] {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the login's failures (not the address's).
    pub fn record_success(&self, login: &str) {
        self.failures
            .lock()
            .expect("limiter lock")
            .remove(&login_key(login));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_within_a_minute_is_refused() {
        let l = SignInLimiter::default();
        let t0 = Instant::now();
        for i in 0..MAX_FAILURES {
            assert_eq!(l.check("ann", "1.2.3.4", t0), Ok(()), "attempt {}", i + 1);
            l.record_failure("ann", "1.2.3.4", t0);
        }
        assert!(l.check("ann", "9.9.9.9", t0).is_err(), "per login");
        assert!(l.check("bob", "1.2.3.4", t0).is_err(), "per address");
        assert_eq!(l.check("bob", "9.9.9.9", t0), Ok(()));
        let later = t0 + FAILURE_WINDOW;
        assert_eq!(
            l.check("ann", "1.2.3.4", later),
            Ok(()),
            "the window slides"
        );
    }

    #[test]
    fn success_clears_the_login_but_not_the_address() {
        let l = SignInLimiter::default();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES {
            l.record_failure("ann", "1.2.3.4", t0);
        }
        l.record_success("ANN");
        assert_eq!(l.check("ann", "5.5.5.5", t0), Ok(()));
        assert!(l.check("ann", "1.2.3.4", t0).is_err());
    }
}
