//! `cargo xtask bench-signatures`: signing at scale. The release server on a fresh database
//! (PostgreSQL, then SQLite), signed-in clients signing over HTTP (the API's one-click signature)
//! for a fixed time: first distinct petitions, then one hot petition; beside it, the rate of plain
//! single-row INSERT commits on the same database at the same concurrency; then the checks that
//! nothing was lost and that the public count is right once the counter job has run.
//!
//! The accounts, signer profiles and sessions of the clients are written to the database
//! directly (signing in is measured by `cargo xtask bench`); everything measured goes through
//! HTTP.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use base64::Engine;
use domain::AppContext;
use domain::entities::{province, region, session, signer_profile, user};
use domain::petitions::{self, ModerationDecision, NewPetition, PetitionForm};
use domain::secrets::Keys;
use domain::types::PetitionId;
use domain::types::{DisplayName, Email, Lang, NewPassword, RegionSlug};
use hdrhistogram::Histogram;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement};

use crate::bench::{on_each_database, wait_ready};

pub(crate) const SECRET: &str = "the benchmark's own secret, thirty-two bytes or more";
/// Distinct petitions signed in the first run.
const DISTINCT: usize = 400;

/// One measured workload.
pub(crate) struct Load {
    acknowledged: u64,
    errors: u64,
    elapsed: Duration,
    latency: Histogram<u64>,
}

/// What one client task of a workload gives: acknowledged, errors, latencies.
pub(crate) type ClientTask = tokio::task::JoinHandle<Result<(u64, u64, Histogram<u64>)>>;

impl Load {
    /// Operations acknowledged.
    pub(crate) fn acknowledged(&self) -> u64 {
        self.acknowledged
    }

    /// Operations acknowledged per second.
    pub(crate) fn rate(&self) -> f64 {
        self.acknowledged as f64 / self.elapsed.as_secs_f64()
    }

    /// The workload of `tasks`, started at `start`.
    pub(crate) async fn gather(start: Instant, tasks: Vec<ClientTask>) -> Result<Self> {
        let mut load = Load {
            acknowledged: 0,
            errors: 0,
            elapsed: Duration::ZERO,
            latency: Histogram::new(3)?,
        };
        for task in tasks {
            let (ok, errors, latency) = task.await??;
            load.acknowledged += ok;
            load.errors += errors;
            load.latency.add(&latency)?;
        }
        load.elapsed = start.elapsed();
        Ok(load)
    }
}

/// Runs the benchmark on each database named in `databases` (`postgres`, `sqlite`).
pub fn run(root: &Path, databases: &[String], clients: usize, seconds: u64) -> Result<()> {
    let duration = Duration::from_secs(seconds);
    on_each_database(
        root,
        "bench-signatures",
        SECRET,
        databases,
        |base, url, database| async move { measure(&base, &url, &database, clients, duration).await },
    )
}

/// A new, empty `musharaka_bench` database on the PostgreSQL server of `BENCH_POSTGRES_URL`
/// (default: postgres@127.0.0.1:5432).
pub(crate) async fn fresh_postgres() -> Result<String> {
    let server = std::env::var("BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    let admin = domain::db::connect(&format!("{server}/postgres"), Some(1)).await?;
    admin
        .execute_unprepared("DROP DATABASE IF EXISTS musharaka_bench WITH (FORCE)")
        .await?;
    admin
        .execute_unprepared("CREATE DATABASE musharaka_bench")
        .await?;
    Ok(format!("{server}/musharaka_bench"))
}

async fn measure(
    base: &str,
    url: &str,
    database: &str,
    clients: usize,
    duration: Duration,
) -> Result<()> {
    wait_ready(base).await?;
    let db = domain::db::connect(url, Some(8)).await?;
    let ctx = AppContext::new(db, Keys::derive(SECRET.as_bytes())?);
    println!(
        "\nMusharaka signature benchmark: release build, {database}, {clients} signed-in clients, {} s per run",
        duration.as_secs()
    );
    let started = Instant::now();
    let (distinct, hot) = petitions_to_sign(&ctx).await?;
    // Enough signers for the hot petition at 5,000 signatures/s.
    let per_client = usize::try_from(5_000 * duration.as_secs()).unwrap_or(150_000) / clients + 1;
    let cookies = signers(&ctx, clients, per_client).await?;
    println!(
        "(set-up: {} petitions, {} signers with profiles and sessions, in {:.1} s)\n",
        distinct.len() + 1,
        clients * per_client,
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<34} {:>8} {:>12} {:>8} {:>8} {:>7}",
        "workload", "clients", "per second", "p50 ms", "p99 ms", "errors"
    );

    let cookies = Arc::new(cookies);
    let distinct = Arc::new(distinct);
    let page = format!("{base}/fr/r/souss-massa/petitions/{}", hot.0);
    let mut acknowledged = 0;
    let mut rates = Vec::new();
    for (name, is_hot) in [
        ("signing distinct petitions", false),
        ("signing one hot petition", true),
    ] {
        let reader = tokio::spawn(read_pages(page.clone(), 2, duration));
        let load = sign(
            base,
            clients,
            duration,
            cookies.clone(),
            distinct.clone(),
            hot,
            is_hot,
        )
        .await?;
        let pages = reader.await??;
        acknowledged += load.acknowledged;
        rates.push((name, load.acknowledged as f64 / load.elapsed.as_secs_f64()));
        row(name, clients, &load);
        row("  petition page while signing", 2, &pages);
    }
    let inserts = plain_inserts(url, clients, duration).await?;
    row("plain single-row INSERT commits", clients, &inserts);

    let stored: i64 = ctx
        .db
        .query_one_raw(Statement::from_string(
            ctx.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM signatures",
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    petitions::progress::refresh_progress(&ctx).await?;
    let public = petitions::get_petition(&ctx, None, hot)
        .await?
        .summary
        .signature_count;
    let hot_stored: i64 = petitions::counts::by_province(&ctx.db, hot)
        .await?
        .iter()
        .map(|(_, n)| n)
        .sum();
    let insert_rate = inserts.acknowledged as f64 / inserts.elapsed.as_secs_f64();
    println!();
    println!(
        "signatures stored {stored}, acknowledged {acknowledged}: {}",
        if u64::try_from(stored).ok() == Some(acknowledged) {
            "none lost"
        } else {
            "MISMATCH"
        }
    );
    println!(
        "hot petition: public count after the counter job {public}, signatures stored {hot_stored}"
    );
    for (name, rate) in rates {
        println!(
            "{name}: {rate:.0}/s, ratio to plain INSERT commits ({insert_rate:.0}/s): {:.2}",
            rate / insert_rate
        );
    }
    Ok(())
}

pub(crate) fn row(name: &str, clients: usize, load: &Load) {
    let rate = load.acknowledged as f64 / load.elapsed.as_secs_f64();
    println!(
        "{:<34} {:>8} {:>12.1} {:>8.2} {:>8.2} {:>7}",
        name,
        clients,
        rate,
        load.latency.value_at_quantile(0.50) as f64 / 1000.0,
        load.latency.value_at_quantile(0.99) as f64 / 1000.0,
        load.errors
    );
}

/// `DISTINCT` published petitions and one hot one, in Souss-Massa.
pub(crate) async fn petitions_to_sign(ctx: &AppContext) -> Result<(Vec<PetitionId>, PetitionId)> {
    let account = |email: &str| {
        let ctx = ctx.clone();
        let email = email.to_owned();
        async move {
            domain::accounts::ensure_verified_account(
                &ctx,
                &Email::parse(&email)?,
                &DisplayName::parse("Bench")?,
                &NewPassword::parse("bench-tajine-sous-la-pluie-42", &[])?,
                Lang::Fr,
            )
            .await
            .map(|(id, _)| id)
        }
    };
    let moderator = account("moderator@bench.ma").await?;
    domain::roles::bootstrap_admin(ctx, moderator).await?;
    let admin = domain::roles::actor(ctx, moderator).await?;
    let souss = region::Entity::find()
        .filter(region::Column::Slug.eq("souss-massa"))
        .one(&ctx.db)
        .await?
        .context("no Souss-Massa")?;
    domain::roles::grant_role(
        ctx,
        &admin,
        moderator,
        domain::roles::Role::Moderator {
            region_id: souss.id,
        },
    )
    .await?;
    let moderator = domain::roles::actor(ctx, moderator).await?;
    let slug = RegionSlug::parse("souss-massa")?;
    let mut ids = Vec::with_capacity(DISTINCT + 1);
    let per_account = usize::try_from(domain::rate_limits::FILE_PER_ACCOUNT.max).unwrap_or(10);
    let mut representative = moderator.user;
    for n in 0..=DISTINCT {
        // An account files a few petitions a day at most: a representative per few petitions.
        if n % per_account == 0 {
            representative = account(&format!("representative{n}@bench.ma")).await?;
        }
        let form = PetitionForm {
            kind: "citizen".into(),
            lang: "fr".into(),
            title: format!("Pétition de mesure numéro {n}"),
            request: "Que le conseil inscrive cette question à son ordre du jour.".into(),
            reasons: "Une pétition créée par le banc d'essai pour mesurer les signatures.".into(),
            competence: "regional_transport".into(),
            conditions_accepted: true,
            ..PetitionForm::default()
        };
        let petition = NewPetition::parse(&form, ctx.clock.now().date_naive())
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let id = petitions::file_petition(ctx, representative, &slug, petition, vec![]).await?;
        petitions::moderate_petition(ctx, &moderator, id, ModerationDecision::Publish).await?;
        ids.push(id);
    }
    let hot = ids.pop().context("no petition")?;
    Ok((ids, hot))
}

/// `clients × per_client` signers: verified accounts with a signer profile in Souss-Massa and an
/// open session each; gives the session cookies, by client.
pub(crate) async fn signers(
    ctx: &AppContext,
    clients: usize,
    per_client: usize,
) -> Result<Vec<Vec<String>>> {
    let template = domain::accounts::ensure_verified_account(
        ctx,
        &Email::parse("template@bench.ma")?,
        &DisplayName::parse("Bench")?,
        &NewPassword::parse("bench-tajine-sous-la-pluie-42", &[])?,
        Lang::Fr,
    )
    .await?
    .0;
    let template = user::Entity::find_by_id(template.0)
        .one(&ctx.db)
        .await?
        .context("template")?;
    let province = province::Entity::find()
        .filter(province::Column::Code.eq("agadir-ida-outanane"))
        .one(&ctx.db)
        .await?
        .context("no Agadir")?;
    let now = ctx.clock.now();
    let mut cookies = vec![Vec::with_capacity(per_client); clients];
    for (c, client) in cookies.iter_mut().enumerate() {
        for chunk in (0..per_client).collect::<Vec<_>>().chunks(400) {
            let emails: Vec<String> = chunk.iter().map(|k| format!("s{c}-{k}@bench.ma")).collect();
            user::Entity::insert_many(emails.iter().map(|email| user::ActiveModel {
                email: Set(email.clone()),
                mailbox: Set(Some(email.clone())),
                email_verified_at: Set(Some(now)),
                display_name: Set("Bench".into()),
                password_hash: Set(template.password_hash.clone()),
                lang: Set("fr".into()),
                created_at: Set(now),
                ..Default::default()
            }))
            .exec(&ctx.db)
            .await?;
            let users = user::Entity::find()
                .filter(user::Column::Email.is_in(emails.clone()))
                .all(&ctx.db)
                .await?;
            let mut profiles = Vec::with_capacity(users.len());
            let mut sessions = Vec::with_capacity(users.len());
            for u in &users {
                let k: usize = u.email
                    [u.email.find('-').map_or(0, |i| i + 1)..u.email.find('@').unwrap_or(0)]
                    .parse()
                    .unwrap_or(0);
                let letters = [
                    b'A' + u8::try_from(c / 26 % 26).unwrap_or(0),
                    b'A' + u8::try_from(c % 26).unwrap_or(0),
                ];
                let cin = format!("{}{k:06}", String::from_utf8_lossy(&letters));
                profiles.push(signer_profile::ActiveModel {
                    user_id: Set(u.id),
                    full_name: Set(format!("Signataire {c} {k}")),
                    cin_sealed: Set(ctx.keys.seal(&cin)?),
                    province_id: Set(province.id),
                    basis: Set("residence".into()),
                    updated_at: Set(now),
                });
                let id = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .encode(rand::random::<[u8; 16]>());
                let data = serde_json::json!({
                    "user_id": u.id,
                    "signed_in_at": now.timestamp(),
                    "last_seen_at": now.timestamp(),
                    "staff": false,
                });
                sessions.push(session::ActiveModel {
                    id: Set(domain::sessions::stored_id(&id)),
                    user_id: Set(Some(u.id)),
                    data: Set(data.to_string()),
                    expires_at: Set(now + chrono::Duration::days(1)),
                });
                client.push(id);
            }
            signer_profile::Entity::insert_many(profiles)
                .exec(&ctx.db)
                .await?;
            session::Entity::insert_many(sessions).exec(&ctx.db).await?;
        }
    }
    Ok(cookies)
}

/// `clients` signed-in clients sign for `duration`: distinct petitions, or the hot one (each
/// signature from another signer).
async fn sign(
    base: &str,
    clients: usize,
    duration: Duration,
    cookies: Arc<Vec<Vec<String>>>,
    distinct: Arc<Vec<PetitionId>>,
    hot: PetitionId,
    is_hot: bool,
) -> Result<Load> {
    let start = Instant::now();
    let deadline = start + duration;
    let used = if is_hot { 3 } else { 0 };
    let mut tasks = Vec::with_capacity(clients);
    for c in 0..clients {
        let (base, cookies, distinct) = (base.to_owned(), cookies.clone(), distinct.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .redirect(reqwest::redirect::Policy::none())
                .build()?;
            let mut latency = Histogram::<u64>::new(3)?;
            let (mut ok, mut errors) = (0u64, 0u64);
            let mine = &cookies[c];
            let mut i = 0usize;
            while Instant::now() < deadline {
                let (petition, signer) = if is_hot {
                    (hot, used + i)
                } else {
                    (distinct[(i + c) % distinct.len()], i / distinct.len())
                };
                let Some(cookie) = mine.get(signer) else {
                    break;
                };
                let sent = Instant::now();
                let response = client
                    .post(format!("{base}/api/v1/petitions/{}/signatures", petition.0))
                    .header("origin", &base)
                    .header("content-type", "application/json")
                    .header("cookie", format!("musharaka_session={cookie}"))
                    .body("{}")
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().as_u16() == 201 => {
                        r.bytes().await?;
                        latency.record(
                            u64::try_from(sent.elapsed().as_micros())
                                .unwrap_or(u64::MAX)
                                .max(1),
                        )?;
                        ok += 1;
                    }
                    Ok(r) => {
                        if errors == 0 {
                            let status = r.status();
                            let body = r.text().await.unwrap_or_default();
                            eprintln!("first error of a client: {status} {body}");
                        }
                        errors += 1;
                    }
                    Err(err) => {
                        if errors == 0 {
                            eprintln!("first error of a client: {err}");
                        }
                        errors += 1;
                    }
                }
                i += 1;
            }
            anyhow::Ok((ok, errors, latency))
        }));
    }
    Load::gather(start, tasks).await
}

/// `connections` anonymous readers of page `url` for `duration`.
pub(crate) async fn read_pages(
    url: String,
    connections: usize,
    duration: Duration,
) -> Result<Load> {
    read_pages_with(
        url,
        connections,
        duration,
        reqwest::header::HeaderMap::new(),
    )
    .await
}

/// `connections` readers of page `url` for `duration`, sending `headers` (e.g. a session
/// cookie) with every request.
pub(crate) async fn read_pages_with(
    url: String,
    connections: usize,
    duration: Duration,
    headers: reqwest::header::HeaderMap,
) -> Result<Load> {
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (url, headers) = (url.clone(), headers.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .default_headers(headers)
                .pool_max_idle_per_host(1)
                .build()?;
            let mut latency = Histogram::<u64>::new(3)?;
            let (mut ok, mut errors) = (0u64, 0u64);
            while Instant::now() < deadline {
                let sent = Instant::now();
                match client.get(&url).send().await {
                    Ok(r) if r.status().is_success() => {
                        r.bytes().await?;
                        latency.record(
                            u64::try_from(sent.elapsed().as_micros())
                                .unwrap_or(u64::MAX)
                                .max(1),
                        )?;
                        ok += 1;
                    }
                    _ => errors += 1,
                }
            }
            anyhow::Ok((ok, errors, latency))
        }));
    }
    Load::gather(start, tasks).await
}

/// `clients` tasks committing single-row INSERTs into a scratch table for `duration`.
pub(crate) async fn plain_inserts(url: &str, clients: usize, duration: Duration) -> Result<Load> {
    let db = domain::db::connect(url, Some(u32::try_from(clients).unwrap_or(64))).await?;
    let backend = db.get_database_backend();
    let (create, insert) = match backend {
        sea_orm::DatabaseBackend::Postgres => (
            "CREATE TABLE bench_inserts (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)",
            "INSERT INTO bench_inserts (payload, at) VALUES ($1, $2)",
        ),
        _ => (
            "CREATE TABLE bench_inserts (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, at TEXT NOT NULL)",
            "INSERT INTO bench_inserts (payload, at) VALUES (?, ?)",
        ),
    };
    db.execute_unprepared(create).await?;
    let start = Instant::now();
    let deadline = start + duration;
    let count = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (db, count) = (db.clone(), count.clone());
        tasks.push(tokio::spawn(async move {
            let mut latency = Histogram::<u64>::new(3)?;
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let sent = Instant::now();
                let statement = Statement::from_sql_and_values(
                    backend,
                    insert,
                    [
                        format!("row of client {c}").into(),
                        chrono::Utc::now().into(),
                    ],
                );
                match db.execute_raw(statement).await {
                    Ok(_) => {
                        latency.record(
                            u64::try_from(sent.elapsed().as_micros())
                                .unwrap_or(u64::MAX)
                                .max(1),
                        )?;
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => errors += 1,
                }
            }
            anyhow::Ok((errors, latency))
        }));
    }
    let mut load = Load {
        acknowledged: 0,
        errors: 0,
        elapsed: Duration::ZERO,
        latency: Histogram::new(3)?,
    };
    for task in tasks {
        let (errors, latency) = task.await??;
        load.errors += errors;
        load.latency.add(&latency)?;
    }
    load.elapsed = start.elapsed();
    load.acknowledged = count.load(Ordering::Relaxed);
    Ok(load)
}
