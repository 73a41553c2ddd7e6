//! `cargo xtask fault`: what users see when a part fails, measured on the release server.
//!
//! 1. PostgreSQL is killed (`kill -9`, postmaster and backends) while signed-in clients sign,
//!    kept down a few seconds, then restarted; the server is not. Printed: signatures
//!    acknowledged, stored, acknowledged but lost (the target is 0), and the seconds from the
//!    restart until `/readyz` answers 200 and a signature goes through again (target ≤ 10 s).
//!    The database is a cluster of its own (initdb in a temporary folder, another port), so that
//!    the machine's PostgreSQL and whatever uses it are never touched.
//! 2. The SMTP server goes down for a minute while people register: every verification email
//!    must be delivered exactly once afterwards. Printed: sign-ups, emails delivered, missing,
//!    duplicates, and the seconds from SMTP's return to the last delivery.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use domain::AppContext;
use domain::secrets::Keys;
use sea_orm::{ConnectionTrait, Statement};

use crate::bench::{
    free_port, post_form, release_server_and_runtime, start_release_server, stop, wait_ready,
};
use crate::bench_signatures::{SECRET, petitions_to_sign, signers};

/// Signed-in clients signing during the PostgreSQL crash.
const CLIENTS: usize = 16;

/// Signers prepared per client (more than a client signs in the run).
const PER_CLIENT: usize = 4_000;

/// People registering during the SMTP outage.
const SIGN_UPS: usize = 40;

pub fn run(root: &Path, smtp_down: Duration) -> Result<()> {
    let runtime = release_server_and_runtime()?;
    runtime.block_on(async {
        postgres_killed_while_signing(root).await?;
        smtp_down_during_sign_ups(root, smtp_down).await
    })
}

/// Part 1: kill -9 PostgreSQL under signing load.
async fn postgres_killed_while_signing(root: &Path) -> Result<()> {
    let cluster = Cluster::create()?;
    let result = crash_and_measure(root, &cluster).await;
    cluster.destroy();
    result
}

async fn crash_and_measure(root: &Path, cluster: &Cluster) -> Result<()> {
    cluster.start()?;
    let server_url = format!("postgres://postgres@127.0.0.1:{}", cluster.port);
    let admin = domain::db::connect(&format!("{server_url}/postgres"), Some(1)).await?;
    admin
        .execute_unprepared("CREATE DATABASE musharaka_fault")
        .await?;
    drop(admin);
    let url = format!("{server_url}/musharaka_fault");
    let scratch = scratch(root, "fault-postgres")?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(root, &scratch, &url, port, &[])?;
    let outcome = sign_through_a_crash(&base, &url, cluster).await;
    stop(&mut server);
    let figures = outcome?;
    println!("\nFault 1: PostgreSQL killed (kill -9) while {CLIENTS} signed-in clients sign");
    println!(
        "  signatures acknowledged {}, stored {}, acknowledged but lost {}, stored without an \
         acknowledgement (the client saw an error) {}",
        figures.acknowledged, figures.stored, figures.lost, figures.unacknowledged
    );
    println!(
        "  PostgreSQL down {:.1} s; errors answered meanwhile {}",
        figures.down.as_secs_f64(),
        figures.errors
    );
    println!(
        "  from the restart: /readyz 200 after {:.1} s, a signature stored after {:.1} s \
         (the server was not restarted)",
        figures.ready_after.as_secs_f64(),
        figures.signing_after.as_secs_f64()
    );
    println!(
        "  verdict: {} lost (target 0), recovery {:.1} s (target ≤ 10 s)",
        figures.lost,
        figures.ready_after.max(figures.signing_after).as_secs_f64()
    );
    Ok(())
}

struct CrashFigures {
    acknowledged: usize,
    stored: usize,
    lost: usize,
    unacknowledged: usize,
    errors: u64,
    down: Duration,
    ready_after: Duration,
    signing_after: Duration,
}

/// One acknowledged signature: the petition, the signer's name, when.
type Ack = (i32, String, Instant);

async fn sign_through_a_crash(base: &str, url: &str, cluster: &Cluster) -> Result<CrashFigures> {
    wait_ready(base).await?;
    let db = domain::db::connect(url, Some(4)).await?;
    let ctx = AppContext::new(db, Keys::derive(SECRET.as_bytes())?);
    let (petitions, _) = petitions_to_sign(&ctx).await?;
    let cookies = signers(&ctx, CLIENTS, PER_CLIENT).await?;
    let names: Vec<Vec<String>> = (0..CLIENTS)
        .map(|c| {
            (0..PER_CLIENT)
                .map(|k| format!("Signataire {c} {k}"))
                .collect()
        })
        .collect();
    let acks: Arc<Mutex<Vec<Ack>>> = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (base, petitions) = (base.to_owned(), petitions.clone());
        let (mine, my_names) = (cookies[c].clone(), names[c].clone());
        let (acks, errors, done) = (acks.clone(), errors.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()?;
            let mut signer = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) && signer < mine.len() {
                let petition = petitions[(signer + c) % petitions.len()];
                let sent = client
                    .post(format!("{base}/api/v1/petitions/{}/signatures", petition.0))
                    .header("origin", &base)
                    .header("content-type", "application/json")
                    .header("cookie", format!("musharaka_session={}", mine[signer]))
                    .body("{}")
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status().as_u16() == 201 => {
                        acks.lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push((petition.0, my_names[signer].clone(), Instant::now()));
                        signer += 1;
                    }
                    // Refused (the database is down): this signer tries again.
                    _ => {
                        errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
            anyhow::Ok(())
        }));
    }
    tokio::time::sleep(Duration::from_secs(4)).await;
    cluster.kill()?;
    let killed = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let restarted = Instant::now();
    cluster.start()?;
    let probe = reqwest::Client::new();
    let ready_after = loop {
        if let Ok(r) = probe.get(format!("{base}/readyz")).send().await
            && r.status().is_success()
        {
            break restarted.elapsed();
        }
        if restarted.elapsed() > Duration::from_secs(60) {
            bail!("/readyz did not come back within a minute");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // Signing goes on a few seconds after the recovery, then stops.
    tokio::time::sleep(Duration::from_secs(5)).await;
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for task in tasks {
        task.await??;
    }
    let acks = acks
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let signing_after = acks
        .iter()
        .map(|(_, _, at)| *at)
        .filter(|at| *at > restarted)
        .min()
        .map(|at| at - restarted)
        .context("no signature went through after the restart")?;
    let rows = ctx
        .db
        .query_all_raw(Statement::from_string(
            ctx.db.get_database_backend(),
            "SELECT petition_id, full_name FROM signatures",
        ))
        .await?;
    let mut stored = HashSet::with_capacity(rows.len());
    for row in rows {
        let petition: i32 = row.try_get("", "petition_id")?;
        let name: String = row.try_get("", "full_name")?;
        stored.insert((petition, name));
    }
    let acknowledged: HashSet<(i32, String)> =
        acks.iter().map(|(p, n, _)| (*p, n.clone())).collect();
    Ok(CrashFigures {
        acknowledged: acknowledged.len(),
        stored: stored.len(),
        lost: acknowledged.difference(&stored).count(),
        unacknowledged: stored.difference(&acknowledged).count(),
        errors: errors.load(std::sync::atomic::Ordering::Relaxed),
        down: restarted - killed,
        ready_after,
        signing_after,
    })
}

/// Part 2: SMTP down during sign-ups.
async fn smtp_down_during_sign_ups(root: &Path, down: Duration) -> Result<()> {
    let scratch = scratch(root, "fault-smtp")?;
    let url = format!("sqlite://{}/fault.db?mode=rwc", scratch.display());
    let sink = tests::SmtpSink::start(0).await;
    let smtp_port = sink.port;
    let smtp_url = format!("smtp://127.0.0.1:{smtp_port}");
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(
        root,
        &scratch,
        &url,
        port,
        &[
            ("SMTP_URL", smtp_url.as_str()),
            ("REGISTER_LIMIT_PER_IP", "100000"),
        ],
    )?;
    let outcome = sign_ups_through_an_outage(&base, sink, smtp_port, down).await;
    stop(&mut server);
    let figures = outcome?;
    println!(
        "\nFault 2: the SMTP server down for {} s while {SIGN_UPS} people register",
        down.as_secs()
    );
    println!(
        "  sign-ups {SIGN_UPS} ({} of them while SMTP was down), emails delivered {}, missing {}, \
         delivered twice {}",
        figures.during_outage, figures.delivered, figures.missing, figures.duplicates
    );
    println!(
        "  the last email arrived {:.1} s after SMTP came back (the outbox retries after 30 s, \
         60 s, 120 s…)",
        figures.last_after.as_secs_f64()
    );
    println!(
        "  verdict: {}",
        if figures.missing == 0 && figures.duplicates == 0 {
            "every email delivered once"
        } else {
            "EMAILS LOST OR DUPLICATED"
        }
    );
    Ok(())
}

struct MailFigures {
    during_outage: usize,
    delivered: usize,
    missing: usize,
    duplicates: usize,
    last_after: Duration,
}

async fn sign_ups_through_an_outage(
    base: &str,
    sink: tests::SmtpSink,
    smtp_port: u16,
    down: Duration,
) -> Result<MailFigures> {
    wait_ready(base).await?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let register = |n: usize| {
        let (client, base) = (client.clone(), base.to_owned());
        async move {
            let form = format!(
                "lang=fr&email=signup{n}%40fault.ma&display_name=Fault&password=fault-tajine-42-atlas&email_lang=fr"
            );
            let response = post_form(&client, &base, "/fn/register", form).await?;
            if !response.status().is_redirection() {
                bail!("registering {n} answered {}", response.status());
            }
            anyhow::Ok(())
        }
    };
    let half = SIGN_UPS / 2;
    for n in 0..half {
        register(n).await?;
    }
    // Let the outbox send what it can, then take SMTP down.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut received = sink.messages();
    drop(sink);
    let went_down = Instant::now();
    for n in half..SIGN_UPS {
        register(n).await?;
    }
    tokio::time::sleep(down.saturating_sub(went_down.elapsed())).await;
    let sink = tests::SmtpSink::start(smtp_port).await;
    let back = Instant::now();
    let mut last_after = Duration::ZERO;
    let mut seen = 0;
    while back.elapsed() < Duration::from_secs(240) {
        let now = sink.messages().len();
        if now > seen {
            seen = now;
            last_after = back.elapsed();
        }
        if received.len() + now >= SIGN_UPS {
            // A little longer, to catch a message sent twice.
            tokio::time::sleep(Duration::from_secs(5)).await;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    received.extend(sink.messages());
    let mut per_address: HashMap<String, usize> = HashMap::new();
    for message in &received {
        if let Some(to) = message
            .lines()
            .find_map(|l| l.strip_prefix("To: "))
            .map(|to| to.trim().trim_matches(['<', '>']).to_owned())
        {
            *per_address.entry(to).or_default() += 1;
        }
    }
    let missing = (0..SIGN_UPS)
        .filter(|n| !per_address.contains_key(&format!("signup{n}@fault.ma")))
        .count();
    Ok(MailFigures {
        during_outage: SIGN_UPS - half,
        delivered: received.len(),
        missing,
        duplicates: per_address.values().filter(|n| **n > 1).count(),
        last_after,
    })
}

/// A fresh scratch folder `target/{name}`.
fn scratch(root: &Path, name: &str) -> Result<PathBuf> {
    let dir = root.join("target").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The release server on `url`, listening on `port`, with `extra` variables.
fn start_server(
    root: &Path,
    scratch: &Path,
    url: &str,
    port: u16,
    extra: &[(&str, &str)],
) -> Result<Child> {
    start_release_server(root, scratch, url, port, SECRET, extra)
}

/// A PostgreSQL cluster of its own, in a temporary folder, on a free port.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    /// PostgreSQL refuses to run as root: then it runs as the `postgres` user.
    as_postgres: bool,
}

impl Cluster {
    fn create() -> Result<Self> {
        let bin = postgres_bin()?;
        let dir = std::env::temp_dir().join(format!("musharaka-fault-pg-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        if as_postgres {
            crate::status(
                {
                    let mut chown = Command::new("chown");
                    chown.arg("postgres:").arg(&dir);
                    chown
                },
                "chown of the cluster's folder",
            )?;
        }
        let cluster = Self {
            bin,
            dir,
            port: free_port()?,
            as_postgres,
        };
        let mut initdb = cluster.command("initdb");
        initdb
            .arg("-D")
            .arg(cluster.dir.join("data"))
            .args(["-A", "trust", "-U", "postgres", "--no-sync"])
            .stdout(Stdio::null());
        crate::status(initdb, "initdb")?;
        Ok(cluster)
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    /// Starts it and waits until it accepts connections (crash recovery included).
    fn start(&self) -> Result<()> {
        let mut start = self.command("pg_ctl");
        start
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-o")
            .arg(format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1",
                self.port,
                self.dir.display()
            ))
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-t", "60", "start"])
            .stdout(Stdio::null());
        crate::status(start, "pg_ctl start")
    }

    /// `kill -9` of the postmaster and every backend.
    fn kill(&self) -> Result<()> {
        let pid_file = std::fs::read_to_string(self.dir.join("data/postmaster.pid"))
            .context("no postmaster.pid")?;
        let postmaster = pid_file
            .lines()
            .next()
            .context("empty postmaster.pid")?
            .trim();
        let children = Command::new("pgrep").args(["-P", postmaster]).output()?;
        let mut pids: Vec<String> = String::from_utf8_lossy(&children.stdout)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        pids.push(postmaster.to_owned());
        // A backend may have exited on its own meanwhile: then `kill` says so, harmlessly.
        Command::new("kill")
            .arg("-9")
            .args(&pids)
            .stderr(Stdio::null())
            .status()?;
        // The processes are gone before the restart is tried.
        std::thread::sleep(Duration::from_millis(500));
        Ok(())
    }

    fn destroy(&self) {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let _ = stop.status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The folder of PostgreSQL's programs: `PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
fn postgres_bin() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL's programs are not in /usr/lib/postgresql: set PG_BIN")?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .context("no initdb under /usr/lib/postgresql: set PG_BIN")
}
