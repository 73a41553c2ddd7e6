//! The platform's secret keys, derived from one master secret: a keyed hash (HMAC-SHA256) that
//! makes "one signature per CIN per petition" checkable without storing the CIN in clear, and
//! an authenticated cipher (XChaCha20-Poly1305) that seals the CIN for the council's file.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::DomainError;
use crate::types::Cin;

/// The shortest master secret accepted, in bytes.
pub const MIN_MASTER_SECRET: usize = 32;

/// Keys derived from the master secret. Cheap to share behind an `Arc`.
#[derive(Clone)]
pub struct Keys {
    cin_mac: [u8; 32],
    cipher: [u8; 32],
    origin_mac: [u8; 32],
}

impl Keys {
    /// Derives the keys from `master` (at least 32 bytes of secret).
    pub fn derive(master: &[u8]) -> Result<Self, DomainError> {
        if master.len() < MIN_MASTER_SECRET {
            return Err(DomainError::Internal(format!(
                "the secret key must hold at least {MIN_MASTER_SECRET} bytes"
            )));
        }
        let hk = Hkdf::<Sha256>::new(Some(b"musharaka"), master);
        let mut cin_mac = [0u8; 32];
        let mut cipher = [0u8; 32];
        let mut origin_mac = [0u8; 32];
        hk.expand(b"cin-hmac-v1", &mut cin_mac)
            .and_then(|()| hk.expand(b"seal-v1", &mut cipher))
            .and_then(|()| hk.expand(b"origin-hmac-v1", &mut origin_mac))
            .map_err(|e| DomainError::Internal(format!("key derivation: {e}")))?;
        Ok(Self {
            cin_mac,
            cipher,
            origin_mac,
        })
    }

    /// The keyed hash of a CIN (hex): equal for equal CINs, useless without the key.
    pub fn cin_hash(&self, cin: &Cin) -> String {
        hmac_hex(&self.cin_mac, cin.expose().as_bytes())
    }

    /// The keyed hash (hex) of where a signature came from (`kind`: an IP prefix, a user agent,
    /// an email address): equal values compare equal for the fraud review, and nothing more is
    /// learnt from it without the key.
    pub fn origin_hash(&self, kind: &str, value: &str) -> String {
        let mut input = Vec::with_capacity(kind.len() + 1 + value.len());
        input.extend_from_slice(kind.as_bytes());
        input.push(0);
        input.extend_from_slice(value.as_bytes());
        hmac_hex(&self.origin_mac, &input)
    }

    /// Encrypts `plain` with a fresh random nonce; the result is text (nonce and ciphertext).
    pub fn seal(&self, plain: &str) -> Result<String, DomainError> {
        let cipher = XChaCha20Poly1305::new((&self.cipher).into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher
            .encrypt(&nonce, plain.as_bytes())
            .map_err(|_| DomainError::Internal("sealing failed".into()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(STANDARD_NO_PAD.encode(bytes))
    }

    /// Decrypts what `seal` gave (with the same keys).
    pub fn open(&self, sealed: &str) -> Result<String, DomainError> {
        let broken = || DomainError::Internal("a sealed value cannot be opened".into());
        let bytes = STANDARD_NO_PAD.decode(sealed).map_err(|_| broken())?;
        if bytes.len() < 24 {
            return Err(broken());
        }
        let (nonce, body) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new((&self.cipher).into());
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| broken())?;
        String::from_utf8(plain).map_err(|_| broken())
    }
}

fn hmac_hex(key: &[u8; 32], input: &[u8]) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        // HMAC takes keys of any length: this cannot happen.
        return String::new();
    };
    mac.update(input);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Never prints the keys.
impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Keys(***)")
    }
}

/// 32 random bytes, URL-safe: the secret part of an emailed link (a sign-in, a signature's
/// confirmation).
pub(crate) fn new_link_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored of a link's secret: its SHA-256, hex.
pub(crate) fn link_digest(secret: &str) -> String {
    use sha2::Digest;
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(master: &str) -> Keys {
        Keys::derive(master.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn cin(s: &str) -> Cin {
        Cin::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn one_card_one_hash_whatever_the_spelling() {
        let k = keys("a master secret of at least 32 bytes!");
        assert_eq!(k.cin_hash(&cin("ab 123456")), k.cin_hash(&cin("AB123456")));
        assert_ne!(k.cin_hash(&cin("AB123456")), k.cin_hash(&cin("AB123457")));
        assert_eq!(k.cin_hash(&cin("AB123456")).len(), 64);
        let other = keys("another master secret of 32 bytes!!!");
        assert_ne!(
            k.cin_hash(&cin("AB123456")),
            other.cin_hash(&cin("AB123456"))
        );
    }

    #[test]
    fn sealed_values_open_only_with_their_key() {
        let k = keys("a master secret of at least 32 bytes!");
        let sealed = k.seal("AB123456").unwrap_or_default();
        assert!(!sealed.contains("AB123456"));
        assert_ne!(
            sealed,
            k.seal("AB123456").unwrap_or_default(),
            "fresh nonce"
        );
        assert_eq!(k.open(&sealed).ok().as_deref(), Some("AB123456"));
        let other = keys("another master secret of 32 bytes!!!");
        assert!(other.open(&sealed).is_err());
        assert!(k.open("not sealed").is_err());
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(Keys::derive(b"too short").is_err());
    }
}
