//! The domain's one error type. Each variant has a stable snake_case code that the web layer
//! maps to a status and a localised message; internal causes are logged, never shown.

/// What can go wrong in a domain operation.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// Input that does not parse; `field` names the input, `code` says why.
    #[error("invalid {field}: {code}")]
    Validation {
        field: &'static str,
        code: &'static str,
    },
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The operation needs a signed-in user.
    #[error("unauthenticated")]
    Unauthenticated,
    /// The caller's role or region does not allow the operation.
    #[error("forbidden")]
    Forbidden,
    /// A uniqueness rule was hit (e.g. signing twice).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many attempts: try again after this many seconds.
    #[error("too many attempts; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The server is at capacity for this kind of work (e.g. password hashing): try again after
    /// this many seconds. Nothing was done.
    #[error("busy; retry after {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    /// A failure of the database or another dependency.
    #[error("internal error: {0}")]
    Internal(String),
}

impl DomainError {
    /// The stable code sent to clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation { code, .. } => code,
            Self::NotFound => "not_found",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::Conflict(code) => code,
            Self::RateLimited { .. } => "too_many_attempts",
            Self::Busy { .. } => "busy",
            Self::Internal(_) => "internal",
        }
    }
}

impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Self::Conflict("already_exists"),
            _ => Self::Internal(err.to_string()),
        }
    }
}
