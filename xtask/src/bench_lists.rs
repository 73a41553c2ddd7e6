//! `cargo xtask bench-lists`: reading at scale. A fresh database (PostgreSQL, then SQLite) is
//! seeded, straight in SQL, with 100,000 public petitions in one region (the worst case: every
//! list of that region is 100,000 long) and 1,000,000 signatures of one of them, spread over 90
//! days and the region's provinces; then the release server's list pages (first page, a deep
//! page, a rare word, one province, one stage) and the page of the 1,000,000-signature petition
//! are read over HTTP by concurrent clients; so is the region's staff dashboard (10,000 of the
//! petitions wait for the bureau's decision, and 10,000 more are added: 5,000 in moderation,
//! 5,000 admissible), signed in as a staff member holding both roles. Each row prints
//! requests/s and p50/p99 latency, beside `/healthz` read the same way in the same run.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

use crate::bench::{on_each_database, wait_ready};
use crate::bench_consultations::{officer_pages, session_for};
use crate::bench_signatures::{SECRET, read_pages, row};

/// Public petitions seeded.
const PETITIONS: i64 = 100_000;
/// Signatures of the one big petition.
const SIGNATURES: i64 = 1_000_000;
/// Petitions waiting for the staff (half in moderation, half admissible), besides the public
/// ones (a tenth of which wait for the bureau's decision).
const WAITING: i64 = 10_000;

/// Runs the benchmark on each database named in `databases` (`postgres`, `sqlite`).
pub fn run(root: &Path, databases: &[String], clients: usize, seconds: u64) -> Result<()> {
    let duration = Duration::from_secs(seconds);
    on_each_database(
        root,
        "bench-lists",
        SECRET,
        databases,
        |base, url, database| async move { measure(&base, &url, &database, clients, duration).await },
    )
}

async fn measure(
    base: &str,
    url: &str,
    database: &str,
    clients: usize,
    duration: Duration,
) -> Result<()> {
    wait_ready(base).await?;
    let db = domain::db::connect(url, Some(2)).await?;
    println!(
        "\nMusharaka list benchmark: release build, {database}, {PETITIONS} petitions and {SIGNATURES} signatures in one region, {clients} clients, {} s per page",
        duration.as_secs()
    );
    let started = Instant::now();
    let big = seed(&db).await?;
    println!(
        "seeded in {:.1} s; the big petition is n° {big}",
        started.elapsed().as_secs_f64()
    );
    println!(
        "\n{:<34} {:>8} {:>12} {:>8} {:>8} {:>7}",
        "page", "clients", "per second", "p50 ms", "p99 ms", "errors"
    );
    let list = format!("{base}/fr/r/souss-massa/petitions");
    let baseline = read_pages(format!("{base}/healthz"), clients, duration).await?;
    row("/healthz (baseline)", clients, &baseline);
    let pages = [
        ("list, first page", format!("{list}?stage=all")),
        (
            "list, page 3,000 (keyset)",
            format!("{list}?stage=all&before={}", big + 40_000),
        ),
        ("list, open, first page", format!("{list}?stage=open")),
        ("list, answered", format!("{list}?stage=answered")),
        (
            "list, one province",
            format!("{list}?stage=all&province=taroudant"),
        ),
        (
            "list, rare word (1 in 1,000)",
            format!("{list}?stage=all&q=tramway"),
        ),
        (
            "list, common word",
            format!("{list}?stage=all&q=bibliotheque"),
        ),
        (
            "petition page, 1,000,000 signatures",
            format!("{base}/fr/r/souss-massa/petitions/{big}"),
        ),
        (
            "API petition, 1,000,000 signatures",
            format!("{base}/api/v1/petitions/{big}"),
        ),
    ];
    for (name, url) in pages {
        let load = read_pages(url, clients, duration).await?;
        row(name, clients, &load);
    }
    let cookie = staff_session(&db).await?;
    let dashboard = format!("{base}/fr/r/souss-massa/staff");
    for (name, url) in [
        ("staff dashboard, first pages", dashboard.clone()),
        (
            "staff dashboard, deep pages",
            format!("{dashboard}?moderation=200&decisions=400&sessions=200&reports=1"),
        ),
    ] {
        let load = officer_pages(url, cookie.clone(), clients, duration).await?;
        row(name, clients, &load);
    }
    Ok(())
}

/// A moderator and council officer of Souss-Massa with an open session; gives its cookie.
async fn staff_session(db: &DatabaseConnection) -> Result<String> {
    use domain::roles::{self, Role};
    use domain::types::{DisplayName, Email, Lang, NewPassword};
    let ctx = domain::AppContext::new(
        db.clone(),
        domain::secrets::Keys::derive(SECRET.as_bytes())?,
    );
    let (user, _) = domain::accounts::ensure_verified_account(
        &ctx,
        &Email::parse("staff@bench.ma")?,
        &DisplayName::parse("Staff")?,
        &NewPassword::parse("bench-tajine-sous-la-pluie-42", &[])?,
        Lang::Fr,
    )
    .await?;
    let region =
        i32::try_from(scalar(db, "SELECT id FROM regions WHERE slug = 'souss-massa'").await?)?;
    roles::bootstrap_admin(&ctx, user).await?;
    let admin = roles::actor(&ctx, user).await?;
    for role in [
        Role::Moderator { region_id: region },
        Role::CouncilOfficer { region_id: region },
    ] {
        roles::grant_role(&ctx, &admin, user, role).await?;
    }
    session_for(&ctx, user.0).await
}

/// Seeds the petitions and the signatures; gives the big petition's id (the oldest petition).
async fn seed(db: &DatabaseConnection) -> Result<i64> {
    let backend = db.get_database_backend();
    let sql = |sql: String| Statement::from_string(backend, sql);
    let region: i64 = scalar(db, "SELECT id FROM regions WHERE slug = 'souss-massa'").await?;
    let provinces: Vec<i64> = db
        .query_all_raw(sql(format!(
            "SELECT id FROM provinces WHERE region_id = {region} ORDER BY id"
        )))
        .await?
        .iter()
        .map(|r| {
            r.try_get_by_index::<i64>(0)
                .or_else(|_| r.try_get_by_index::<i32>(0).map(i64::from))
        })
        .collect::<Result<_, _>>()?;
    let count = provinces.len() as i64;
    let first_province = provinces.first().copied().unwrap_or_default();
    // Integers 1..=n: generate_series, or a recursive CTE on SQLite.
    let series = |n: i64| match backend {
        DatabaseBackend::Postgres => format!("generate_series(1, {n}) AS g(n)"),
        _ => format!(
            "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {n}) SELECT n FROM s) AS g"
        ),
    };
    let concat = "||";
    let (now, days_ago, due) = match backend {
        DatabaseBackend::Postgres => (
            "now()",
            "now() - (g.n % 90) * interval '1 day' - (g.n % 86400) * interval '1 second'",
            "now() + (g.n % 120 - 30) * interval '1 day'",
        ),
        _ => (
            "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')",
            "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-' || (g.n % 90) || ' days', \
             '-' || (g.n % 86400) || ' seconds')",
            "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', (g.n % 120 - 30) || ' days')",
        ),
    };
    let competences = domain::petitions::COMPETENCES;
    let competence = format!(
        "CASE g.n % {} {} END",
        competences.len(),
        competences
            .iter()
            .enumerate()
            .map(|(i, c)| format!("WHEN {i} THEN '{c}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let status = "CASE WHEN g.n = 1 OR g.n % 10 < 6 THEN 'collecting' WHEN g.n % 10 < 8 THEN 'answered' \
                  WHEN g.n % 10 = 8 THEN 'deposited' ELSE 'expired' END";
    let words = "CASE g.n % 5 WHEN 0 THEN 'bibliotheque' WHEN 1 THEN 'route' WHEN 2 THEN 'ecole' \
                 WHEN 3 THEN 'dispensaire' ELSE 'transport' END";
    db.execute_raw(sql(format!(
        "INSERT INTO petitions (region_id, kind, status, lang, title, request, reasons, competence, \
         province_id, representative_name, threshold, per_province_minimum, signature_count, \
         notified_percent, created_at, updated_at, published_at, collection_ends_at, decision_due_at) \
         SELECT {region}, 'citizen', {status}, 'fr', \
         'Petition ' {concat} g.n {concat} ' ' {concat} {words} {concat} \
             CASE WHEN g.n % 1000 = 0 THEN ' tramway' ELSE '' END, \
         'Que le conseil examine la demande ' {concat} g.n {concat} ' des habitants.', \
         'Les habitants du quartier attendent depuis des annees une reponse du conseil.', \
         {competence}, CASE WHEN g.n % 2 = 0 THEN {first_province} + (g.n / 2) % {count} END, \
         'Representant ' {concat} g.n, 500, 25, 0, 0, {now}, {now}, {now}, {now}, \
         CASE WHEN g.n % 10 = 8 THEN {due} END \
         FROM {}",
        series(PETITIONS)
    )))
    .await
    .context("seeding petitions")?;
    // Those waiting for the staff: 5,000 in moderation, 5,000 admissible (after the public
    // ones: the big petition stays the oldest).
    db.execute_raw(sql(format!(
        "INSERT INTO petitions (region_id, kind, status, lang, title, request, reasons, competence, \
         representative_name, signature_count, notified_percent, created_at, updated_at) \
         SELECT {region}, 'citizen', CASE WHEN g.n % 2 = 0 THEN 'in_moderation' ELSE 'admissible' END, \
         'fr', 'Attente ' {concat} g.n, 'Une demande.', 'Des raisons.', {competence}, \
         'Representant ' {concat} g.n, 0, 0, {days_ago}, {days_ago} FROM {}",
        series(WAITING)
    )))
    .await
    .context("seeding waiting petitions")?;
    let big: i64 = scalar(db, "SELECT MIN(id) FROM petitions").await?;
    db.execute_raw(sql(format!(
        "INSERT INTO signatures (petition_id, cin_hash, cin_sealed, full_name, province_id, basis, \
         email, lang, user_id, notify, created_at) \
         SELECT {big}, 'h' {concat} g.n, 'sealed', 'Signataire ' {concat} g.n, \
         {first_province} + g.n % {count}, 'residence', 's' {concat} g.n {concat} '@example.ma', 'fr', \
         NULL, {notify}, {days_ago} FROM {}",
        series(SIGNATURES),
        notify = if backend == DatabaseBackend::Postgres { "false" } else { "0" },
    )))
    .await
    .context("seeding signatures")?;
    let day = match backend {
        DatabaseBackend::Postgres => "CAST(created_at AT TIME ZONE 'UTC' AS DATE)",
        _ => "substr(created_at, 1, 10)",
    };
    db.execute_raw(sql(format!(
        "INSERT INTO signature_counts (petition_id, province_id, day, shard, count) \
         SELECT petition_id, province_id, {day}, 0, COUNT(*) FROM signatures \
         GROUP BY petition_id, province_id, {day}"
    )))
    .await?;
    db.execute_raw(sql(format!(
        "UPDATE petitions SET signature_count = {SIGNATURES} WHERE id = {big}"
    )))
    .await?;
    // As autovacuum would have by then on a live database (PostgreSQL's index-only scans need
    // its visibility map).
    match backend {
        DatabaseBackend::Postgres => db.execute_unprepared("VACUUM ANALYZE").await?,
        _ => db.execute_unprepared("ANALYZE").await?,
    };
    Ok(big)
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await?
        .context("no row")?;
    Ok(row
        .try_get_by_index::<i64>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))?)
}
