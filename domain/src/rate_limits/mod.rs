//! Rate limits, counted in the database so that every server instance sees the same counts: a
//! fixed window per limit and subject (an IP address, or a hashed email address).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sha2::{Digest, Sha256};

use crate::{AppContext, DomainError};

/// A limit: at most `max` events per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

/// Sign-in attempts from one IP address.
pub const SIGN_IN_PER_IP: Limit = Limit {
    name: "sign_in_ip",
    max: 300,
    window: Duration::hours(1),
};
/// Failed sign-ins on one account from one client (the law of the platform: at most 100 an hour).
pub const SIGN_IN_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "sign_in_failures",
    max: 100,
    window: Duration::hours(1),
};
/// Registrations from one IP address.
pub const REGISTER_PER_IP: Limit = Limit {
    name: "register_ip",
    max: 20,
    window: Duration::hours(1),
};
/// Password reset emails for one account.
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reset_account",
    max: 5,
    window: Duration::hours(1),
};
/// Password reset requests from one IP address.
pub const RESET_PER_IP: Limit = Limit {
    name: "reset_ip",
    max: 20,
    window: Duration::hours(1),
};
/// Signatures by email (each sends a confirmation email) from one IP address; many people may
/// share one address behind a mobile operator's NAT, hence a high default.
pub const SIGN_PER_IP: Limit = Limit {
    name: "sign_ip",
    max: 300,
    window: Duration::hours(1),
};
/// Signatures by email of one petition from one network (an IPv4 /24 or an IPv6 /64) in an
/// hour: a flood of made-up signers from one place is slowed, a village signing together is not.
pub const SIGN_PER_PETITION_NETWORK: Limit = Limit {
    name: "sign_petition_network",
    max: 100,
    window: Duration::hours(1),
};
/// Confirmation emails of signatures to one mailbox (the address without `+tag`).
pub const SIGN_PER_EMAIL: Limit = Limit {
    name: "sign_email",
    max: 10,
    window: Duration::hours(1),
};
/// Petitions filed (or sent again after changes) by one account.
pub const FILE_PER_ACCOUNT: Limit = Limit {
    name: "file_account",
    max: 10,
    window: Duration::days(1),
};
/// The per-IP limits, which an operator may raise (many users behind one address) or lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpLimits {
    pub sign_in: Limit,
    pub register: Limit,
    pub reset: Limit,
    pub sign: Limit,
}

impl IpLimits {
    /// The hourly maxima `sign_in`, `register`, `reset` and `sign` instead of the defaults.
    pub fn per_hour(sign_in: u32, register: u32, reset: u32, sign: u32) -> Self {
        Self {
            sign: Limit {
                max: sign,
                ..SIGN_PER_IP
            },
            sign_in: Limit {
                max: sign_in,
                ..SIGN_IN_PER_IP
            },
            register: Limit {
                max: register,
                ..REGISTER_PER_IP
            },
            reset: Limit {
                max: reset,
                ..RESET_PER_IP
            },
        }
    }
}

impl Default for IpLimits {
    fn default() -> Self {
        Self {
            sign_in: SIGN_IN_PER_IP,
            register: REGISTER_PER_IP,
            reset: RESET_PER_IP,
            sign: SIGN_PER_IP,
        }
    }
}

/// Email address changes asked by one account in a day (each sends an email).
pub const EMAIL_CHANGES_PER_ACCOUNT: Limit = Limit {
    name: "email_change_account",
    max: 5,
    window: Duration::days(1),
};
/// Proposals submitted by one account in a day.
pub const PROPOSALS_PER_ACCOUNT: Limit = Limit {
    name: "proposal_account",
    max: 10,
    window: Duration::days(1),
};
/// Comments written by one account in a day.
pub const COMMENTS_PER_ACCOUNT: Limit = Limit {
    name: "comment_account",
    max: 50,
    window: Duration::days(1),
};
/// Reports made by one account in a day.
pub const REPORTS_PER_ACCOUNT: Limit = Limit {
    name: "report_account",
    max: 30,
    window: Duration::days(1),
};

/// Answers (and edits of one's answer) to consultations by one account in a day.
pub const ANSWERS_PER_ACCOUNT: Limit = Limit {
    name: "answer_account",
    max: 50,
    window: Duration::days(1),
};
/// Supports of proposals by one account in a day.
pub const SUPPORTS_PER_ACCOUNT: Limit = Limit {
    name: "support_account",
    max: 200,
    window: Duration::days(1),
};
/// Regions one account starts following in a day.
pub const FOLLOWS_PER_ACCOUNT: Limit = Limit {
    name: "follow_account",
    max: 20,
    window: Duration::days(1),
};
/// Each participation action from one network (IPv4 /24, IPv6 /64) in an hour: generous, since
/// a university, an office or a mobile operator puts many people behind one network.
pub const PARTICIPATION_PER_NETWORK: u32 = 600;

/// A participation action, limited per account and day and per network and hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participation {
    Answer,
    Propose,
    Comment,
    Support,
    Report,
    Follow,
}

impl Participation {
    /// The name of its per-network limit.
    fn network_limit(self) -> &'static str {
        match self {
            Self::Answer => "answer_network",
            Self::Propose => "proposal_network",
            Self::Comment => "comment_network",
            Self::Support => "support_network",
            Self::Report => "report_network",
            Self::Follow => "follow_network",
        }
    }
}

/// Limits the domain applies to participation (an operator may change them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParticipationLimits {
    /// Signatures by email of one petition per network and hour.
    pub sign_per_petition_network: Limit,
    /// Email changes per account and day.
    pub email_changes: Limit,
    /// Proposals per account and day.
    pub proposals: Limit,
    /// Comments per account and day.
    pub comments: Limit,
    /// Reports per account and day.
    pub reports: Limit,
    /// Answers per account and day.
    pub answers: Limit,
    /// Supports per account and day.
    pub supports: Limit,
    /// Follows per account and day.
    pub follows: Limit,
    /// Each participation action per network and hour.
    pub per_network: u32,
}

impl ParticipationLimits {
    /// These maxima instead of the defaults: signatures of one petition per network and hour;
    /// email changes, proposals, comments and reports per account and day.
    pub fn with_maxima(
        sign_per_petition_network: u32,
        [email_changes, proposals, comments, reports]: [u32; 4],
    ) -> Self {
        let max = |limit: Limit, max: u32| Limit { max, ..limit };
        Self {
            sign_per_petition_network: max(SIGN_PER_PETITION_NETWORK, sign_per_petition_network),
            email_changes: max(EMAIL_CHANGES_PER_ACCOUNT, email_changes),
            proposals: max(PROPOSALS_PER_ACCOUNT, proposals),
            comments: max(COMMENTS_PER_ACCOUNT, comments),
            reports: max(REPORTS_PER_ACCOUNT, reports),
            ..Self::default()
        }
    }

    /// These maxima for answers, supports and follows per account and day, and for each
    /// participation action per network and hour.
    #[must_use]
    pub fn with_participation(self, [answers, supports, follows, per_network]: [u32; 4]) -> Self {
        let max = |limit: Limit, max: u32| Limit { max, ..limit };
        Self {
            answers: max(ANSWERS_PER_ACCOUNT, answers),
            supports: max(SUPPORTS_PER_ACCOUNT, supports),
            follows: max(FOLLOWS_PER_ACCOUNT, follows),
            per_network,
            ..self
        }
    }

    /// `sign_per_petition_network` signatures of one petition per network and hour, the other
    /// limits as by default.
    pub fn per_hour(sign_per_petition_network: u32) -> Self {
        Self {
            sign_per_petition_network: Limit {
                max: sign_per_petition_network,
                ..SIGN_PER_PETITION_NETWORK
            },
            ..Self::default()
        }
    }
}

impl Default for ParticipationLimits {
    fn default() -> Self {
        Self {
            sign_per_petition_network: SIGN_PER_PETITION_NETWORK,
            email_changes: EMAIL_CHANGES_PER_ACCOUNT,
            proposals: PROPOSALS_PER_ACCOUNT,
            comments: COMMENTS_PER_ACCOUNT,
            reports: REPORTS_PER_ACCOUNT,
            answers: ANSWERS_PER_ACCOUNT,
            supports: SUPPORTS_PER_ACCOUNT,
            follows: FOLLOWS_PER_ACCOUNT,
            per_network: PARTICIPATION_PER_NETWORK,
        }
    }
}

/// Counts one `action` of account `user` from `origin`: `Err(RateLimited)` past its maximum per
/// account and day, or per network and hour.
pub async fn hit_participation(
    ctx: &AppContext,
    action: Participation,
    user: i32,
    origin: &crate::types::ClientOrigin,
) -> Result<(), DomainError> {
    let limits = ctx.limits;
    let per_account = match action {
        Participation::Answer => limits.answers,
        Participation::Propose => limits.proposals,
        Participation::Comment => limits.comments,
        Participation::Support => limits.supports,
        Participation::Report => limits.reports,
        Participation::Follow => limits.follows,
    };
    hit_account(ctx, per_account, user).await?;
    if let Some(network) = origin.ip_prefix() {
        let limit = Limit {
            name: action.network_limit(),
            max: limits.per_network,
            window: Duration::hours(1),
        };
        hit(ctx, limit, &network).await?.into_result()?;
    }
    Ok(())
}

/// Counts one more `limit`ed action of account `user`: `Err(RateLimited)` past the maximum.
pub async fn hit_account(ctx: &AppContext, limit: Limit, user: i32) -> Result<(), DomainError> {
    hit(ctx, limit, &format!("account:{user}"))
        .await?
        .into_result()
}

/// Failures on an account before each further attempt must wait (doubling, up to 15 minutes).
pub const BACKOFF_AFTER_FAILURES: u32 = 5;

/// The verdict on an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Denied { retry_after: Duration },
}

impl Decision {
    /// `Err(RateLimited)` when denied.
    pub fn into_result(self) -> Result<(), DomainError> {
        match self {
            Self::Allowed => Ok(()),
            Self::Denied { retry_after } => Err(DomainError::RateLimited {
                retry_after_secs: u64::try_from(retry_after.num_seconds().max(1)).unwrap_or(1),
            }),
        }
    }
}

/// Counts one event of `subject` under `limit`, and says whether it is allowed.
pub async fn hit(ctx: &AppContext, limit: Limit, subject: &str) -> Result<Decision, DomainError> {
    let now = ctx.clock.now();
    let (window_start, window_end) = window(limit, now);
    let count = increment(ctx, &key(limit, subject), window_start, now).await?;
    Ok(if count > i64::from(limit.max) {
        Decision::Denied {
            retry_after: window_end - now,
        }
    } else {
        Decision::Allowed
    })
}

/// Whether one more sign-in on `email` from `client` (an address, or an IPv6 /64: see
/// `ClientOrigin::limit_key`) may be tried now: under the hourly maximum of failures, and after
/// the backoff that follows repeated failures. Failures are counted per account *and* client, so
/// that a stranger's wrong passwords never lock the owner out from their own address.
pub async fn may_try_sign_in(
    ctx: &AppContext,
    email: &str,
    client: &str,
) -> Result<Decision, DomainError> {
    let limit = SIGN_IN_FAILURES_PER_ACCOUNT;
    let now = ctx.clock.now();
    let (window_start, window_end) = window(limit, now);
    let subject = failure_subject(email, client);
    let Some((count, last_at)) = read(ctx, &key(limit, &subject), window_start).await? else {
        return Ok(Decision::Allowed);
    };
    if count >= i64::from(limit.max) {
        return Ok(Decision::Denied {
            retry_after: window_end - now,
        });
    }
    let wait = backoff(u32::try_from(count).unwrap_or(u32::MAX));
    let ready_at = last_at + wait;
    Ok(if ready_at > now {
        Decision::Denied {
            retry_after: ready_at - now,
        }
    } else {
        Decision::Allowed
    })
}

/// Counts a failed sign-in on `email` from `client`.
pub async fn record_sign_in_failure(
    ctx: &AppContext,
    email: &str,
    client: &str,
) -> Result<(), DomainError> {
    hit(
        ctx,
        SIGN_IN_FAILURES_PER_ACCOUNT,
        &failure_subject(email, client),
    )
    .await
    .map(|_| ())
}

fn failure_subject(email: &str, client: &str) -> String {
    format!("{}\n{client}", normalise(email))
}

/// The wait after `failures` failures: none up to the threshold, then 1 s, 2 s, 4 s… ≤ 15 min.
pub fn backoff(failures: u32) -> Duration {
    if failures < BACKOFF_AFTER_FAILURES {
        return Duration::zero();
    }
    let exponent = (failures - BACKOFF_AFTER_FAILURES).min(20);
    Duration::seconds(1_i64 << exponent).min(Duration::minutes(15))
}

fn window(limit: Limit, now: DateTime<Utc>) -> (i64, DateTime<Utc>) {
    let size = limit.window.num_seconds().max(1);
    let start = now.timestamp().div_euclid(size) * size;
    let end = DateTime::from_timestamp(start + size, 0).unwrap_or(now);
    (start, end)
}

fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The stored key: the limit's name and a hash of the subject (no addresses in this table).
fn key(limit: Limit, subject: &str) -> String {
    let digest: String = Sha256::digest(subject.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}:{digest}", limit.name)
}

async fn increment(
    ctx: &AppContext,
    key: &str,
    window_start: i64,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let backend = ctx.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "INSERT INTO rate_limits (key, window_start, count, last_at) VALUES ($1, $2, 1, $3) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1, \
             last_at = excluded.last_at RETURNING count"
        }
        _ => {
            "INSERT INTO rate_limits (key, window_start, count, last_at) VALUES (?, ?, 1, ?) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1, \
             last_at = excluded.last_at RETURNING count"
        }
    };
    let row = ctx
        .db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), window_start.into(), now.into()],
        ))
        .await?
        .ok_or_else(|| DomainError::Internal("rate limit upsert returned nothing".into()))?;
    let count: i32 = row.try_get("", "count")?;
    Ok(i64::from(count))
}

async fn read(
    ctx: &AppContext,
    key: &str,
    window_start: i64,
) -> Result<Option<(i64, DateTime<Utc>)>, DomainError> {
    let backend = ctx.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT count, last_at FROM rate_limits WHERE key = $1 AND window_start = $2"
        }
        _ => "SELECT count, last_at FROM rate_limits WHERE key = ? AND window_start = ?",
    };
    let row = ctx
        .db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), window_start.into()],
        ))
        .await?;
    match row {
        Some(row) => {
            let count: i32 = row.try_get("", "count")?;
            let last_at: DateTime<Utc> = row.try_get("", "last_at")?;
            Ok(Some((i64::from(count), last_at)))
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_starts_after_five_failures_and_is_capped() {
        assert_eq!(backoff(4), Duration::zero());
        assert_eq!(backoff(5), Duration::seconds(1));
        assert_eq!(backoff(8), Duration::seconds(8));
        assert_eq!(backoff(99), Duration::minutes(15));
    }

    #[test]
    fn keys_never_hold_the_address() {
        let k = key(SIGN_IN_FAILURES_PER_ACCOUNT, "amina@example.ma");
        assert!(k.starts_with("sign_in_failures:"));
        assert!(!k.contains("amina"));
    }
}
