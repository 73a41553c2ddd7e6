//! `cargo xtask bench-paper`: importing a typed sheet of paper signatures. The release server on
//! a fresh database (PostgreSQL, then SQLite); a council officer signed in over HTTP uploads a
//! CSV sheet of 10,000 rows (the preview: every row checked and de-duplicated, against 1,000
//! online signatures already there and within the sheet), then records it. Beside it, the same
//! 10,000 rows written with plain multi-row INSERTs in one transaction on the same database.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use domain::AppContext;
use domain::entities::{province, region, signature};
use domain::petitions::{self, ModerationDecision, NewPetition, PetitionForm};
use domain::secrets::Keys;
use domain::types::{Cin, DisplayName, Email, Lang, NewPassword, PetitionId, RegionSlug};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement};

use crate::bench::{on_each_database, wait_ready};

const SECRET: &str = "the paper benchmark's own secret, thirty-two bytes";
const PASSWORD: &str = "bench-tajine-sous-la-pluie-42";
/// Rows of the sheet.
const ROWS: usize = 10_000;
/// Online signatures already there, and how many of their CINs the sheet repeats.
const ONLINE: usize = 1_000;
const SIGNED_ONLINE: usize = 500;
/// Rows repeating an earlier row of the sheet.
const REPEATED: usize = 100;

/// Runs the benchmark on each database named in `databases` (`postgres`, `sqlite`).
pub fn run(root: &Path, databases: &[String]) -> Result<()> {
    on_each_database(
        root,
        "bench-paper",
        SECRET,
        databases,
        |base, url, database| async move { measure(&base, &url, &database).await },
    )
}

async fn measure(base: &str, url: &str, database: &str) -> Result<()> {
    wait_ready(base).await?;
    let db = domain::db::connect(url, Some(4)).await?;
    let ctx = AppContext::new(db, Keys::derive(SECRET.as_bytes())?);
    println!(
        "\nMusharaka paper import benchmark: release build, {database}, a CSV sheet of {ROWS} rows \
         ({SIGNED_ONLINE} signed online already, {REPEATED} repeated in the sheet)"
    );
    let id = petition(&ctx).await?;
    let provinces = online_signatures(&ctx, id).await?;
    let sheet = sheet(&provinces);
    // The forms answer with redirects, which are the outcome: not followed.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let cookie = sign_in(&client, base).await?;

    let started = Instant::now();
    let (body, content_type) = multipart(id, &sheet);
    let answer = client
        .post(format!("{base}/petitions/paper"))
        .header("origin", base)
        .header("cookie", &cookie)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await?;
    let preview = started.elapsed();
    let location = answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let Some(batch) = location
        .split("batch=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .and_then(|b| b.parse::<i32>().ok())
    else {
        let status = answer.status();
        let body = answer.text().await.unwrap_or_default();
        bail!(
            "no preview: {status} {location} {}",
            body.chars().take(300).collect::<String>()
        );
    };
    let started = Instant::now();
    let answer = client
        .post(format!("{base}/fn/decide_paper_batch"))
        .header("origin", base)
        .header("accept", "text/html")
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "lang=fr&region=souss-massa&id={}&batch={batch}&action=record",
            id.0
        ))
        .send()
        .await?;
    let record = started.elapsed();
    if !answer.status().is_redirection() {
        bail!("recording answered {}", answer.status());
    }
    let paper = petitions::paper::paper_count(&ctx.db, id).await?;
    let expected = i64::try_from(ROWS - SIGNED_ONLINE - REPEATED).unwrap_or_default();
    let baseline = plain_inserts(&ctx, &sheet).await?;

    let rate = |d: Duration| ROWS as f64 / d.as_secs_f64();
    println!("\n{:<44} {:>10} {:>12}", "step", "seconds", "rows per s");
    println!(
        "{:<44} {:>10.2} {:>12.0}",
        "upload and preview (check, de-duplicate)",
        preview.as_secs_f64(),
        rate(preview)
    );
    println!(
        "{:<44} {:>10.2} {:>12.0}",
        "record (signatures, counts)",
        record.as_secs_f64(),
        rate(record)
    );
    println!(
        "{:<44} {:>10.2} {:>12.0}",
        "import in all",
        (preview + record).as_secs_f64(),
        rate(preview + record)
    );
    println!(
        "{:<44} {:>10.2} {:>12.0}",
        "plain multi-row INSERTs, one transaction",
        baseline.as_secs_f64(),
        rate(baseline)
    );
    println!(
        "\nrecorded on paper {paper}, expected {expected}: {}",
        if paper == expected {
            "right"
        } else {
            "MISMATCH"
        }
    );
    Ok(())
}

/// A published citizen petition of Souss-Massa, and its officer `officer@bench.ma`.
async fn petition(ctx: &AppContext) -> Result<PetitionId> {
    let account = |email: &'static str| async move {
        domain::accounts::ensure_verified_account(
            ctx,
            &Email::parse(email)?,
            &DisplayName::parse("Bench")?,
            &NewPassword::parse(PASSWORD, &[])?,
            Lang::Fr,
        )
        .await
        .map(|(id, _)| id)
    };
    let officer = account("officer@bench.ma").await?;
    domain::roles::bootstrap_admin(ctx, officer).await?;
    let admin = domain::roles::actor(ctx, officer).await?;
    let souss = region::Entity::find()
        .filter(region::Column::Slug.eq("souss-massa"))
        .one(&ctx.db)
        .await?
        .context("no Souss-Massa")?;
    for role in [
        domain::roles::Role::Moderator {
            region_id: souss.id,
        },
        domain::roles::Role::CouncilOfficer {
            region_id: souss.id,
        },
    ] {
        domain::roles::grant_role(ctx, &admin, officer, role).await?;
    }
    let staff = domain::roles::actor(ctx, officer).await?;
    let filer = account("filer@bench.ma").await?;
    let form = PetitionForm {
        kind: "citizen".into(),
        lang: "fr".into(),
        title: "Pétition signée sur papier".into(),
        request: "Que le conseil inscrive cette question à son ordre du jour.".into(),
        reasons: "Une pétition créée par le banc d'essai pour mesurer la saisie papier.".into(),
        competence: "regional_transport".into(),
        conditions_accepted: true,
        ..PetitionForm::default()
    };
    let petition = NewPetition::parse(&form, ctx.clock.now().date_naive())
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let slug = RegionSlug::parse("souss-massa")?;
    let id = petitions::file_petition(ctx, filer, &slug, petition, vec![]).await?;
    petitions::moderate_petition(ctx, &staff, id, ModerationDecision::Publish).await?;
    Ok(id)
}

/// The CIN of sheet row `n` (from 0).
fn cin(n: usize) -> String {
    format!("PB{n:06}")
}

/// [`ONLINE`] online signatures of petition `id`, the first [`SIGNED_ONLINE`] with the CINs of the
/// sheet's first rows; gives the region's province codes.
async fn online_signatures(ctx: &AppContext, id: PetitionId) -> Result<Vec<String>> {
    let souss = region::Entity::find()
        .filter(region::Column::Slug.eq("souss-massa"))
        .one(&ctx.db)
        .await?
        .context("no Souss-Massa")?;
    let provinces = province::Entity::find()
        .filter(province::Column::RegionId.eq(souss.id))
        .all(&ctx.db)
        .await?;
    let now = ctx.clock.now();
    let mut rows = Vec::with_capacity(ONLINE);
    for n in 0..ONLINE {
        let number = if n < SIGNED_ONLINE {
            cin(n)
        } else {
            format!("QB{n:06}")
        };
        let cin = Cin::parse(&number)?;
        rows.push(signature::ActiveModel {
            petition_id: Set(id.0),
            cin_hash: Set(ctx.keys.cin_hash(&cin)),
            cin_sealed: Set(ctx.keys.seal(cin.expose())?),
            full_name: Set(format!("Signataire en ligne {n}")),
            province_id: Set(provinces[n % provinces.len()].id),
            basis: Set("residence".into()),
            email: Set(format!("s{n}@bench.ma")),
            lang: Set("fr".into()),
            notify: Set(false),
            created_at: Set(now),
            ..Default::default()
        });
    }
    for chunk in rows.chunks(500) {
        signature::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&ctx.db)
            .await?;
    }
    Ok(provinces.into_iter().map(|p| p.code).collect())
}

/// The sheet: a header, then [`ROWS`] rows, the last [`REPEATED`] repeating earlier CINs.
fn sheet(provinces: &[String]) -> String {
    let mut csv = String::from("Nom;CIN;Province;Base\n");
    for n in 0..ROWS {
        let number = if n >= ROWS - REPEATED {
            cin(n - (ROWS - REPEATED) + SIGNED_ONLINE)
        } else {
            cin(n)
        };
        let province = &provinces[n % provinces.len()];
        csv.push_str(&format!(
            "Signataire papier {n};{number};{province};résidence\n"
        ));
    }
    csv
}

/// The multipart body of the import form and its content type.
fn multipart(id: PetitionId, sheet: &str) -> (Vec<u8>, String) {
    const BOUNDARY: &str = "musharaka-bench-boundary-5c1e";
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let mut body = Vec::new();
    for (name, value) in [
        ("lang", "fr".to_owned()),
        ("region", "souss-massa".to_owned()),
        ("id", id.0.to_string()),
        ("mode", "csv".to_owned()),
        ("reference", "Feuilles 1-500".to_owned()),
        ("collected_on", today),
        ("declaration", "on".to_owned()),
    ] {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"feuilles.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(sheet.as_bytes());
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={BOUNDARY}"))
}

/// The officer's session cookie, from signing in over HTTP.
async fn sign_in(client: &reqwest::Client, base: &str) -> Result<String> {
    let answer = client
        .post(format!("{base}/fn/sign_in"))
        .header("origin", base)
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "lang=fr&email=officer%40bench.ma&password={PASSWORD}"
        ))
        .send()
        .await?;
    let cookie = answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .filter_map(|c| c.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    if cookie.is_empty() {
        bail!("signing in answered {} without a cookie", answer.status());
    }
    Ok(cookie)
}

/// The sheet's rows written with plain multi-row INSERTs (1,000 rows each) in one transaction,
/// into a table of the same shape as the staged rows; gives the time.
async fn plain_inserts(ctx: &AppContext, sheet: &str) -> Result<Duration> {
    let backend = ctx.db.get_database_backend();
    let id = match backend {
        sea_orm::DatabaseBackend::Postgres => "id SERIAL PRIMARY KEY",
        _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
    };
    ctx.db
        .execute_unprepared(&format!(
            "CREATE TABLE bench_plain ({id}, row_no INTEGER, full_name TEXT, cin TEXT, \
             province TEXT, basis TEXT)"
        ))
        .await?;
    let rows: Vec<Vec<&str>> = sheet
        .lines()
        .skip(1)
        .map(|l| l.split(';').collect())
        .collect();
    let started = Instant::now();
    let txn = sea_orm::TransactionTrait::begin(&ctx.db).await?;
    for (c, chunk) in rows.chunks(1000).enumerate() {
        let mut sql = String::from(
            "INSERT INTO bench_plain (row_no, full_name, cin, province, basis) VALUES ",
        );
        let mut values = Vec::with_capacity(chunk.len() * 5);
        for (i, row) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            let k = i * 5;
            match backend {
                sea_orm::DatabaseBackend::Postgres => sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    k + 1,
                    k + 2,
                    k + 3,
                    k + 4,
                    k + 5
                )),
                _ => sql.push_str("(?, ?, ?, ?, ?)"),
            }
            values.push(sea_orm::Value::from(
                i32::try_from(c * 1000 + i).unwrap_or_default(),
            ));
            for cell in row.iter().take(4) {
                values.push(sea_orm::Value::from((*cell).to_owned()));
            }
        }
        txn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
    txn.commit().await?;
    Ok(started.elapsed())
}
