//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1), off the async threads, and
//! never more at once than the machine can do: a hash takes a core and 19 MiB for tens of
//! milliseconds, so a flood of sign-ins or resets must not queue without bound. A few requests
//! wait briefly for a slot; beyond them the answer is `Busy` at once (503 with `Retry-After`).

use std::sync::LazyLock;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use secrecy::{ExposeSecret, SecretString};

use crate::DomainError;
use crate::types::NewPassword;

/// A hash of a random password, checked when an email has no account, so that answering
/// "wrong email or password" takes as long either way.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .ok()?
        .hash_password(b"no account has this password", &salt)
        .ok()
        .map(|h| h.to_string())
});

fn hasher() -> Result<Argon2<'static>, DomainError> {
    let params = Params::new(19_456, 2, 1, None)
        .map_err(|e| DomainError::Internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The process's hashing slots: two per core running, four per running slot waiting.
static GATE: LazyLock<HashGate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    HashGate::new(2 * cores, 8 * cores)
});

/// Longest wait for a slot before `Busy`.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// What a refused request is told to wait.
const RETRY_AFTER_SECS: u64 = 5;

/// Bounds the hashes running at once and the requests waiting for one.
struct HashGate {
    running: Semaphore,
    waiting: Semaphore,
}

impl HashGate {
    fn new(running: usize, waiting: usize) -> Self {
        Self {
            running: Semaphore::new(running),
            waiting: Semaphore::new(waiting),
        }
    }

    /// A slot to hash in, or `Busy` when too many wait already or none frees up in `wait`.
    async fn slot(&self, wait: Duration) -> Result<SemaphorePermit<'_>, DomainError> {
        let busy = DomainError::Busy {
            retry_after_secs: RETRY_AFTER_SECS,
        };
        let Ok(_waiting) = self.waiting.try_acquire() else {
            tracing::warn!("password hashing at capacity: request refused");
            return Err(busy);
        };
        match tokio::time::timeout(wait, self.running.acquire()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) | Err(_) => {
                tracing::warn!("no password hashing slot in time: request refused");
                Err(busy)
            }
        }
    }
}

async fn slot() -> Result<SemaphorePermit<'static>, DomainError> {
    let _ = HASHES.try_with(|n| n.set(n.get() + 1));
    GATE.slot(MAX_WAIT).await
}

tokio::task_local! {
    static HASHES: std::cell::Cell<u32>;
}

/// Runs `work` and counts the password hashes and verifications it asked for (to check that an
/// operation refuses cheap bad input before any costly work).
pub async fn count_hashes<F: Future>(work: F) -> (F::Output, u32) {
    HASHES
        .scope(std::cell::Cell::new(0), async move {
            let output = work.await;
            (output, HASHES.with(std::cell::Cell::get))
        })
        .await
}

/// Hashes a new password (PHC string with its salt and parameters).
pub async fn hash_password(password: &NewPassword) -> Result<String, DomainError> {
    let secret = SecretString::from(password.expose());
    let _slot = slot().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()?
            .hash_password(secret.expose_secret().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| DomainError::Internal(format!("argon2 hash: {e}")))
    })
    .await
    .map_err(|e| DomainError::Internal(format!("hashing task: {e}")))?
}

/// Whether `candidate` matches `stored`; with no stored hash, checks a dummy one and says no.
pub async fn verify_password(
    candidate: SecretString,
    stored: Option<String>,
) -> Result<bool, DomainError> {
    let _slot = slot().await?;
    tokio::task::spawn_blocking(move || {
        let (phc, known) = match stored {
            Some(hash) => (hash, true),
            None => (DUMMY_HASH.clone().unwrap_or_default(), false),
        };
        let parsed = PasswordHash::new(&phc)
            .map_err(|e| DomainError::Internal(format!("stored hash: {e}")))?;
        let matches = hasher()?
            .verify_password(candidate.expose_secret().as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
    .map_err(|e| DomainError::Internal(format!("verification task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_gate_bounds_running_and_waiting_and_refuses_the_rest() {
        let gate = HashGate::new(1, 1);
        let running = gate
            .slot(Duration::from_millis(10))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        // The one waiting place is taken by a request that waits for the running slot...
        let waiter = gate.slot(Duration::from_secs(5));
        tokio::pin!(waiter);
        assert!(
            tokio::time::timeout(Duration::from_millis(20), &mut waiter)
                .await
                .is_err()
        );
        // ...so the next is refused at once.
        assert!(matches!(
            gate.slot(Duration::from_secs(5)).await,
            Err(DomainError::Busy {
                retry_after_secs: 5
            })
        ));
        drop(running);
        assert!(waiter.await.is_ok(), "the waiter gets the freed slot");
        // A wait that runs out is refused too, and gives its place back.
        let held = gate.slot(Duration::from_millis(10)).await;
        assert!(held.is_ok());
        assert!(matches!(
            gate.slot(Duration::from_millis(10)).await,
            Err(DomainError::Busy { .. })
        ));
        assert_eq!(gate.waiting.available_permits(), 1);
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let password =
            NewPassword::parse("tajine-sous-la-pluie-42", &[]).unwrap_or_else(|e| panic!("{e}"));
        let hash = hash_password(&password)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        let right = verify_password("tajine-sous-la-pluie-42".into(), Some(hash.clone())).await;
        let wrong = verify_password("tajine-sous-la-pluie-43".into(), Some(hash)).await;
        assert!(matches!(right, Ok(true)));
        assert!(matches!(wrong, Ok(false)));
    }

    #[tokio::test]
    async fn unknown_accounts_never_match() {
        let result = verify_password("no account has this password".into(), None).await;
        assert!(matches!(result, Ok(false)));
    }
}
