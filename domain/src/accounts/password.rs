//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1), off the async threads.

use std::sync::LazyLock;

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

/// Hashes a new password (PHC string with its salt and parameters).
pub async fn hash_password(password: &NewPassword) -> Result<String, DomainError> {
    let secret = SecretString::from(password.expose());
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
