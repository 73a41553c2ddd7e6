//! `cargo xtask bench-consultations`: a consultation at scale. On a fresh database (PostgreSQL,
//! then SQLite) the release server runs a 10-question consultation (3 single choice, 2 multiple
//! choice, 2 scales, 2 rankings, 1 free text) seeded, straight in SQL, with 1,000,000 responses
//! (about 18 answer rows each); then:
//! - the time to compute its results (the domain's `get_results`, as the results page calls it)
//!   and the results page over HTTP;
//! - the answer-submission rate over HTTP (the no-JavaScript questionnaire form) at 64 signed-in
//!   clients, each answer by another account, beside the rate of plain single-row INSERT commits
//!   on the same database at the same concurrency; then the check that every acknowledged answer
//!   is stored.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use domain::AppContext;
use domain::consultations::answering::load_questionnaire;
use domain::consultations::builder::{
    NewQuestion, QuestionForm, publish_consultation, set_questions,
};
use domain::consultations::drafts::{
    ConsultationForm, NewConsultation, TextsForm, create_consultation,
};
use domain::consultations::outcome::{get_results, recount_results, tallied_results};
use domain::consultations::questions::QuestionKind;
use domain::secrets::Keys;
use domain::types::ConsultationId;
use domain::types::{DisplayName, Email, Lang, NewPassword, RegionSlug};
use hdrhistogram::Histogram;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::bench::{on_each_database, wait_ready};
use crate::bench_signatures::{Load, SECRET, plain_inserts, read_pages_with, row, signers};

/// Responses seeded.
const RESPONSES: i64 = 1_000_000;

/// Runs the benchmark on each database named in `databases` (`postgres`, `sqlite`).
pub fn run(root: &Path, databases: &[String], clients: usize, seconds: u64) -> Result<()> {
    let duration = Duration::from_secs(seconds);
    on_each_database(
        root,
        "bench-consultations",
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
    let db = domain::db::connect(url, Some(8)).await?;
    let ctx = AppContext::new(db, Keys::derive(SECRET.as_bytes())?);
    println!(
        "\nMusharaka consultation benchmark: release build, {database}, a 10-question consultation with {RESPONSES} responses, {clients} clients, {} s per run",
        duration.as_secs()
    );
    let started = Instant::now();
    let (officer, id) = consultation(&ctx).await?;
    let rows = seed(&ctx, id).await?;
    println!(
        "seeded {RESPONSES} responses ({rows} answer rows) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The results, computed as the results page does (every count is read from the tallies;
    // while the consultation is open the officers are shown the total only).
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let results = get_results(&ctx, Some(&officer), id).await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(
            results.responses == u64::try_from(RESPONSES)?,
            "{} responses counted",
            results.responses
        );
    }
    times.sort_by(f64::total_cmp);
    println!(
        "results of {RESPONSES} responses computed in {:.0} ms (median of 5; fastest {:.0} ms, slowest {:.0} ms): {}",
        times[2],
        times[0],
        times[4],
        if times[2] < 1000.0 {
            "under 1 s"
        } else {
            "OVER 1 s"
        }
    );

    println!(
        "\n{:<34} {:>8} {:>12} {:>8} {:>8} {:>7}",
        "workload", "clients", "per second", "p50 ms", "p99 ms", "errors"
    );
    let cookie = session_for(&ctx, officer.user.0).await?;
    let results_page = format!("{base}/fr/r/souss-massa/consultations/{}/results", id.0);
    let pages = officer_pages(
        results_page,
        cookie,
        2,
        duration.min(Duration::from_secs(10)),
    )
    .await?;
    row("results page (officer)", 2, &pages);

    // Answering over HTTP: each answer by an account that has not answered yet.
    let per_client = usize::try_from(2_000 * duration.as_secs()).unwrap_or(60_000) / clients + 1;
    let cookies = Arc::new(signers(&ctx, clients, per_client).await?);
    let form = Arc::new(answer_form(&ctx, id).await?);
    let answers = answer(base, clients, duration, cookies, form).await?;
    row("answering over HTTP", clients, &answers);
    let inserts = plain_inserts(url, clients, duration).await?;
    row("plain single-row INSERT commits", clients, &inserts);

    let stored = scalar(&ctx, "SELECT COUNT(*) FROM responses").await? - RESPONSES;
    println!(
        "\nanswers acknowledged {}, stored {stored}: {}",
        answers.acknowledged(),
        if u64::try_from(stored).ok() == Some(answers.acknowledged()) {
            "none lost"
        } else {
            "MISMATCH"
        }
    );
    let started = Instant::now();
    // The officer is also the platform's administrator, who may run this check.
    let recount = recount_results(&ctx, &officer, id).await?;
    let recount_ms = started.elapsed().as_secs_f64() * 1000.0;
    let tallied = tallied_results(&ctx, &officer, id).await?;
    println!(
        "the same results counted from the answers themselves (no tallies) took {recount_ms:.0} ms; they {} the tallies",
        if recount == tallied {
            "equal"
        } else {
            "DIFFER FROM"
        }
    );
    let rate = answers.rate();
    println!(
        "answering {rate:.0}/s, plain INSERT commits {:.0}/s: ratio {:.2}",
        inserts.rate(),
        rate / inserts.rate()
    );
    Ok(())
}

async fn account(ctx: &AppContext, email: &str) -> Result<domain::types::UserId> {
    Ok(domain::accounts::ensure_verified_account(
        ctx,
        &Email::parse(email)?,
        &DisplayName::parse("Bench")?,
        &NewPassword::parse("bench-tajine-sous-la-pluie-42", &[])?,
        Lang::Fr,
    )
    .await?
    .0)
}

/// A published, open consultation of Souss-Massa with its 10 questions; its officer.
async fn consultation(ctx: &AppContext) -> Result<(domain::roles::Actor, ConsultationId)> {
    let user = account(ctx, "officer@bench.ma").await?;
    domain::roles::bootstrap_admin(ctx, user).await?;
    let admin = domain::roles::actor(ctx, user).await?;
    let slug = RegionSlug::parse("souss-massa")?;
    let region = domain::regions::get_region(ctx, &slug).await?;
    domain::roles::grant_role(
        ctx,
        &admin,
        user,
        domain::roles::Role::CouncilOfficer {
            region_id: region.id,
        },
    )
    .await?;
    let officer = domain::roles::actor(ctx, user).await?;
    let today = domain::consultations::drafts::day_of(ctx.clock.now());
    let draft = NewConsultation::parse(&ConsultationForm {
        audience: "all".into(),
        fallback_lang: "fr".into(),
        opens_on: today.to_string(),
        closes_on: (today + chrono::Duration::days(30)).to_string(),
        questionnaire: true,
        proposals: false,
        // Answered over HTTP by accounts without a CIN each: one response per account.
        verification: "account".into(),
        texts: vec![TextsForm {
            lang: "fr".into(),
            title: "Programme de développement régional 2028-2033".into(),
            summary: "Vos priorités.".into(),
            body: "## Les priorités\n\nTransport, eau, emploi.".into(),
        }],
    })
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let id = create_consultation(ctx, &officer, &slug, draft).await?;
    let question = |kind: &str, max: &str, choices: usize| -> Result<NewQuestion> {
        NewQuestion::parse(
            &QuestionForm {
                kind: kind.into(),
                required: true,
                max: max.into(),
                texts: vec![("fr".into(), format!("Question {kind}"))],
                labels: Vec::new(),
                choices: (0..choices)
                    .map(|c| vec![("fr".to_owned(), format!("Choix {c}"))])
                    .collect(),
            },
            Lang::Fr,
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))
    };
    let questions = vec![
        question("single", "", 5)?,
        question("single", "", 5)?,
        question("single", "", 5)?,
        question("multiple", "3", 6)?,
        question("multiple", "3", 6)?,
        question("scale", "", 0)?,
        question("scale", "", 0)?,
        question("ranking", "", 4)?,
        question("ranking", "", 4)?,
        question("text", "500", 0)?,
    ];
    set_questions(ctx, &officer, id, questions).await?;
    publish_consultation(ctx, &officer, id).await?;
    Ok((officer, id))
}

/// Seeds the accounts, responses and answers in SQL; gives the number of answer rows.
async fn seed(ctx: &AppContext, id: ConsultationId) -> Result<i64> {
    let backend = ctx.db.get_database_backend();
    let exec = |sql: String| {
        let db = ctx.db.clone();
        async move {
            db.execute_raw(Statement::from_string(backend, sql))
                .await
                .context("seeding")
        }
    };
    let (series, now, yes) = match backend {
        DatabaseBackend::Postgres => (
            format!("generate_series(1, {RESPONSES}) AS g(n)"),
            "now()",
            "true",
        ),
        _ => (
            format!(
                "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {RESPONSES}) SELECT n FROM s) AS g"
            ),
            "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')",
            "1",
        ),
    };
    exec(format!(
        "INSERT INTO users (email, email_verified_at, display_name, password_hash, lang, created_at) \
         SELECT 'r' || g.n || '@bench.ma', {now}, 'Bench', 'x', 'fr', {now} FROM {series}"
    ))
    .await?;
    let first_province = scalar(
        ctx,
        "SELECT MIN(p.id) FROM provinces p JOIN regions r ON r.id = p.region_id WHERE r.slug = 'souss-massa'",
    )
    .await?;
    exec(format!(
        "INSERT INTO responses (consultation_id, user_id, audience_declared, province_id, notify, created_at, updated_at) \
         SELECT {c}, id, {yes}, CASE WHEN id % 3 = 0 THEN NULL ELSE {first_province} + id % 6 END, \
         {no}, {now}, {now} FROM users WHERE email LIKE 'r%@bench.ma'",
        c = id.0,
        no = if backend == DatabaseBackend::Postgres { "false" } else { "0" },
    ))
    .await?;
    let questionnaire = load_questionnaire(ctx, id).await?;
    let pick = |choices: &[i32], expr: &str| {
        let n = choices.len();
        let arms: Vec<String> = choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("WHEN {i} THEN {c}"))
            .collect();
        format!("CASE ({expr}) % {n} {} END", arms.join(" "))
    };
    let insert = |question: i32, choice: String, place: &str, value: &str, text: &str| {
        format!(
            "INSERT INTO answers (response_id, question_id, choice_id, place, value, text, hidden) \
             SELECT r.id, {question}, {choice}, {place}, {value}, {text}, {no} FROM responses r \
             WHERE r.consultation_id = {c}",
            c = id.0,
            no = if backend == DatabaseBackend::Postgres {
                "false"
            } else {
                "0"
            },
        )
    };
    for (k, q) in questionnaire.questions().iter().enumerate() {
        let salt = k + 3;
        match q.kind {
            QuestionKind::Single => {
                exec(insert(
                    q.id,
                    pick(&q.choices, &format!("r.id * {salt} + r.id / 7")),
                    "NULL",
                    "NULL",
                    "NULL",
                ))
                .await?;
            }
            QuestionKind::Multiple { .. } => {
                exec(insert(
                    q.id,
                    pick(&q.choices, "r.id"),
                    "NULL",
                    "NULL",
                    "NULL",
                ))
                .await?;
                exec(insert(
                    q.id,
                    pick(&q.choices, "r.id + 1 + r.id % 4"),
                    "NULL",
                    "NULL",
                    "NULL",
                ))
                .await?;
            }
            QuestionKind::Scale => {
                exec(insert(
                    q.id,
                    "NULL".into(),
                    "NULL",
                    &format!("1 + (r.id * {salt}) % 5"),
                    "NULL",
                ))
                .await?;
            }
            QuestionKind::Ranking => {
                for place in 0..q.choices.len() {
                    exec(insert(
                        q.id,
                        pick(&q.choices, &format!("r.id + {place}")),
                        &(place + 1).to_string(),
                        "NULL",
                        "NULL",
                    ))
                    .await?;
                }
            }
            QuestionKind::Text { .. } => {
                exec(insert(
                    q.id,
                    "NULL".into(),
                    "NULL",
                    "NULL",
                    "'Une réponse libre, numéro ' || r.id",
                ))
                .await?;
            }
        }
    }
    // What the answers would have added to the tallies, had they come one by one.
    domain::consultations::tallies::rebuild(ctx, id).await?;
    match backend {
        DatabaseBackend::Postgres => exec("VACUUM ANALYZE".into()).await?,
        _ => exec("ANALYZE".into()).await?,
    };
    scalar(ctx, "SELECT COUNT(*) FROM answers").await
}

async fn scalar(ctx: &AppContext, sql: &str) -> Result<i64> {
    let row = ctx
        .db
        .query_one_raw(Statement::from_string(
            ctx.db.get_database_backend(),
            sql.to_owned(),
        ))
        .await?
        .context("no row")?;
    Ok(row
        .try_get_by_index::<i64>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))?)
}

/// A staff session for account `user`, written to the database; gives its cookie value.
pub(crate) async fn session_for(ctx: &AppContext, user: i32) -> Result<String> {
    use base64::Engine;
    use domain::entities::session;
    use sea_orm::{EntityTrait, Set};
    let now = ctx.clock.now();
    let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    let data = serde_json::json!({
        "user_id": user,
        "signed_in_at": now.timestamp(),
        "last_seen_at": now.timestamp(),
        "staff": true,
    });
    session::Entity::insert(session::ActiveModel {
        id: Set(domain::sessions::stored_id(&id)),
        user_id: Set(Some(user)),
        data: Set(data.to_string()),
        expires_at: Set(now + chrono::Duration::days(1)),
    })
    .exec(&ctx.db)
    .await?;
    Ok(id)
}

/// The officer's page `url` read by `connections` clients for `duration`.
pub(crate) async fn officer_pages(
    url: String,
    cookie: String,
    connections: usize,
    duration: Duration,
) -> Result<Load> {
    // The session cookie goes with every request.
    let headers = reqwest::header::HeaderMap::from_iter([(
        reqwest::header::COOKIE,
        reqwest::header::HeaderValue::from_str(&format!("musharaka_session={cookie}"))?,
    )]);
    read_pages_with(url, connections, duration, headers).await
}

/// The questionnaire form's fields for one valid answer to every question.
async fn answer_form(ctx: &AppContext, id: ConsultationId) -> Result<Vec<(String, String)>> {
    let questionnaire = load_questionnaire(ctx, id).await?;
    let mut fields = vec![
        ("lang".to_owned(), "fr".to_owned()),
        ("region".to_owned(), "souss-massa".to_owned()),
        ("id".to_owned(), id.0.to_string()),
    ];
    for q in questionnaire.questions() {
        let name = format!("q{}", q.id);
        let values: Vec<String> = match q.kind {
            QuestionKind::Single => vec![q.choices[1].to_string()],
            QuestionKind::Multiple { .. } => {
                vec![q.choices[0].to_string(), q.choices[2].to_string()]
            }
            QuestionKind::Scale => vec!["4".into()],
            QuestionKind::Ranking => q.choices.iter().rev().map(ToString::to_string).collect(),
            QuestionKind::Text { .. } => vec!["Plus de bus le soir, s'il vous plaît.".into()],
        };
        fields.extend(values.into_iter().map(|v| (name.clone(), v)));
    }
    Ok(fields)
}

/// `clients` signed-in clients post the questionnaire form for `duration`, each time as an
/// account that has not answered yet; an answer is acknowledged by the redirect to the page.
async fn answer(
    base: &str,
    clients: usize,
    duration: Duration,
    cookies: Arc<Vec<Vec<String>>>,
    form: Arc<Vec<(String, String)>>,
) -> Result<Load> {
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(clients);
    for c in 0..clients {
        let (base, cookies, form) = (base.to_owned(), cookies.clone(), form.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .redirect(reqwest::redirect::Policy::none())
                .build()?;
            let mut latency = Histogram::<u64>::new(3)?;
            let (mut ok, mut errors) = (0u64, 0u64);
            for cookie in &cookies[c] {
                if Instant::now() >= deadline {
                    break;
                }
                let sent = Instant::now();
                let response = client
                    .post(format!("{base}/consultations/answer"))
                    .header("origin", &base)
                    .header("cookie", format!("musharaka_session={cookie}"))
                    .form(form.as_slice())
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().as_u16() == 303 => {
                        latency.record(
                            u64::try_from(sent.elapsed().as_micros())
                                .unwrap_or(u64::MAX)
                                .max(1),
                        )?;
                        ok += 1;
                    }
                    Ok(r) => {
                        if errors == 0 {
                            eprintln!("first error of a client: {}", r.status());
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
            }
            anyhow::Ok((ok, errors, latency))
        }));
    }
    Load::gather(start, tasks).await
}
