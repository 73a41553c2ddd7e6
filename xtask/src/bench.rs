//! `cargo xtask bench`: the release server on a fresh SQLite database, measured over HTTP with N
//! concurrent connections (one HTTP/1.1 keep-alive connection per client) for a fixed time: two
//! read-only URLs, then signing in (16 clients, each with its own verified account), beside the
//! argon2id hash rate of this machine, which bounds it.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use hdrhistogram::Histogram;

use crate::{cargo, status};

/// Concurrent clients of the sign-in measurement (one account each).
const SIGN_IN_CLIENTS: usize = 16;
/// The password of the benchmark's accounts.
const PASSWORD: &str = "bench-tajine-sous-la-pluie-42";

/// How one client sends its next request.
type MakeRequest = Arc<dyn Fn(&reqwest::Client, usize) -> reqwest::RequestBuilder + Send + Sync>;
/// Whether a response is a success.
type IsSuccess = fn(&reqwest::Response) -> bool;

/// What one measured URL gave.
struct Figures {
    requests: u64,
    errors: u64,
    elapsed: Duration,
    latency: Histogram<u64>,
}

/// Builds the release server, starts it, measures each URL, stops it.
pub fn run(root: &Path, connections: usize, seconds: u64) -> Result<()> {
    let mut build = cargo();
    build.args(["build", "--release", "--package", "server"]);
    status(build, "the release build of the server")?;

    let data = root.join("target/bench");
    if data.exists() {
        std::fs::remove_dir_all(&data).context("cannot clear target/bench")?;
    }
    std::fs::create_dir_all(&data)?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(root.join("target/release/server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/bench.db?mode=rwc", data.display()),
        )
        .env("BIND_ADDR", format!("127.0.0.1:{port}"))
        .env("SITE_ROOT", root.join("target/site"))
        .env("OUTBOX_DIR", data.join("outbox"))
        .env("SECRET_KEY_FILE", data.join("secret.key"))
        // The load comes from one address: the per-IP limits would stop it, not the server.
        .env("SIGN_IN_LIMIT_PER_IP", "100000000")
        .env("REGISTER_LIMIT_PER_IP", "1000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("cannot start target/release/server")?;
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(measure_all(
            &base,
            &data.join("outbox"),
            connections,
            Duration::from_secs(seconds),
        ));
    stop(&mut server);
    result
}

async fn measure_all(
    base: &str,
    outbox: &Path,
    connections: usize,
    duration: Duration,
) -> Result<()> {
    wait_ready(base).await?;
    println!(
        "\nMusharaka benchmark: release build, SQLite, {} s per measurement\n",
        duration.as_secs()
    );
    print_header();
    for path in ["/fr/r/souss-massa", "/api/v1/regions"] {
        let url = format!("{base}{path}");
        let make: MakeRequest = Arc::new(move |client, _| client.get(&url));
        let ok: IsSuccess = |r| r.status().is_success();
        // A short warm-up, so that connections and caches are in place.
        measure(connections, Duration::from_secs(1), make.clone(), ok).await?;
        let f = measure(connections, duration, make, ok).await?;
        print_row(&format!("GET {path}"), connections, &f);
    }

    let emails = register_accounts(base, outbox).await?;
    let url = format!("{base}/fn/sign_in");
    let origin = base.to_owned();
    let make: MakeRequest = Arc::new(move |client, n| {
        client
            .post(&url)
            .header("origin", &origin)
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("lang=fr&email={}&password={PASSWORD}", emails[n]))
    });
    // Signed in: redirected to the home page (a failure goes back to the sign-in page).
    let ok: IsSuccess = |r| {
        r.status().is_redirection()
            && r.headers()
                .get("location")
                .is_some_and(|l| l.as_bytes() == b"/fr")
    };
    let f = measure(SIGN_IN_CLIENTS, duration, make, ok).await?;
    print_row("POST /fn/sign_in", SIGN_IN_CLIENTS, &f);
    let (hashes, threads) = argon2_rate(Duration::from_secs(3));
    println!(
        "\nargon2id (m=19456 KiB, t=2, p=1) on this machine: {hashes:.1} hashes/s \
         ({threads} threads); each sign-in verifies one hash."
    );
    Ok(())
}

fn print_header() {
    println!(
        "{:<28} {:>8} {:>10} {:>10} {:>10} {:>8}",
        "request", "clients", "req/s", "p50 ms", "p99 ms", "errors"
    );
}

fn print_row(name: &str, clients: usize, f: &Figures) {
    let rate = f.requests as f64 / f.elapsed.as_secs_f64();
    println!(
        "{:<28} {:>8} {:>10.1} {:>10.2} {:>10.2} {:>8}",
        name,
        clients,
        rate,
        f.latency.value_at_quantile(0.50) as f64 / 1000.0,
        f.latency.value_at_quantile(0.99) as f64 / 1000.0,
        f.errors
    );
}

/// Registers one account per sign-in client through the web form, and verifies each with the
/// link from its `.eml` file. Gives the email addresses.
async fn register_accounts(base: &str, outbox: &Path) -> Result<Arc<Vec<String>>> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let emails: Vec<String> = (0..SIGN_IN_CLIENTS)
        .map(|n| format!("bench{n}@example.ma"))
        .collect();
    for email in &emails {
        let form =
            format!("lang=fr&email={email}&display_name=Bench&password={PASSWORD}&email_lang=en");
        let response = post_form(&client, base, "/fn/register", form).await?;
        if !response.status().is_redirection() {
            bail!("registering {email} answered {}", response.status());
        }
    }
    let tokens = wait_for_tokens(outbox, SIGN_IN_CLIENTS).await?;
    for token in tokens {
        let response = client
            .post(format!("{base}/fn/verify_email"))
            .header("origin", base)
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("lang=fr&token={token}"))
            .send()
            .await?;
        if !response.status().is_redirection() {
            bail!("verifying an account answered {}", response.status());
        }
    }
    Ok(Arc::new(emails))
}

/// The verification tokens of the first `count` emails the outbox worker writes.
async fn wait_for_tokens(outbox: &Path, count: usize) -> Result<Vec<String>> {
    for _ in 0..100 {
        let mut tokens = Vec::new();
        if let Ok(entries) = std::fs::read_dir(outbox) {
            for entry in entries.flatten() {
                let raw = std::fs::read(entry.path())?;
                let text = quoted_printable::decode(&raw, quoted_printable::ParseMode::Robust)?;
                let text = String::from_utf8_lossy(&text);
                if let Some(token) = text.split("token=").nth(1) {
                    let token: String = token
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    tokens.push(token);
                }
            }
        }
        if tokens.len() >= count {
            return Ok(tokens);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!(
        "the verification emails did not arrive in {}",
        outbox.display()
    )
}

/// Hashes per second of argon2id with the platform's parameters (see
/// `domain::accounts::password`), on every core of this machine.
fn argon2_rate(duration: Duration) -> (f64, usize) {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            std::thread::spawn(move || {
                let Ok(params) = argon2::Params::new(19_456, 2, 1, None) else {
                    return 0u64;
                };
                let hasher = argon2::Argon2::new(
                    argon2::Algorithm::Argon2id,
                    argon2::Version::V0x13,
                    params,
                );
                let mut out = [0u8; 32];
                let mut n = 0u64;
                while start.elapsed() < duration {
                    if hasher
                        .hash_password_into(PASSWORD.as_bytes(), b"sixteen-byte-salt", &mut out)
                        .is_ok()
                    {
                        n += 1;
                    }
                }
                n
            })
        })
        .collect();
    let total: u64 = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    (total as f64 / start.elapsed().as_secs_f64(), threads)
}

async fn measure(
    connections: usize,
    duration: Duration,
    make: MakeRequest,
    ok: IsSuccess,
) -> Result<Figures> {
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(connections);
    for n in 0..connections {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .redirect(reqwest::redirect::Policy::none())
                .build()?;
            let mut latency = Histogram::<u64>::new(3)?;
            let (mut requests, mut errors) = (0u64, 0u64);
            while Instant::now() < deadline {
                let sent = Instant::now();
                match make(&client, n).send().await {
                    Ok(response) if ok(&response) => {
                        response.bytes().await?;
                        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
                        latency.record(micros.max(1))?;
                        requests += 1;
                    }
                    _ => errors += 1,
                }
            }
            anyhow::Ok((requests, errors, latency))
        }));
    }
    let mut total = Figures {
        requests: 0,
        errors: 0,
        elapsed: Duration::ZERO,
        latency: Histogram::new(3)?,
    };
    for task in tasks {
        let (requests, errors, latency) = task.await??;
        total.requests += requests;
        total.errors += errors;
        total.latency.add(&latency)?;
    }
    total.elapsed = start.elapsed();
    Ok(total)
}

pub(crate) async fn wait_ready(base: &str) -> Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("{base}/readyz")).send().await
            && response.status().is_success()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("the server did not become ready at {base}")
}

/// Builds the release server, then for each of `databases` (`postgres`: a fresh
/// `musharaka_bench` database; `sqlite`: a file under `target/{scratch}`) starts it with `secret`
/// and runs `measure(base address, database url, database name)`, stopping it afterwards.
pub(crate) fn on_each_database<F, Fut>(
    root: &Path,
    scratch: &str,
    secret: &str,
    databases: &[String],
    measure: F,
) -> Result<()>
where
    F: Fn(String, String, String) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let runtime = release_server_and_runtime()?;
    for database in databases {
        runtime.block_on(async {
            let data = root.join("target").join(scratch);
            if data.exists() {
                std::fs::remove_dir_all(&data)
                    .with_context(|| format!("cannot clear {}", data.display()))?;
            }
            std::fs::create_dir_all(&data)?;
            let url = match database.as_str() {
                "postgres" => crate::bench_signatures::fresh_postgres().await?,
                "sqlite" => format!("sqlite://{}/bench.db?mode=rwc", data.display()),
                other => anyhow::bail!("unknown database {other}: use postgres or sqlite"),
            };
            let port = free_port()?;
            let base = format!("http://127.0.0.1:{port}");
            let mut server =
                start_release_server(root, &data, &url, port, secret, &LOAD_FROM_ONE_ADDRESS)?;
            let result = measure(base, url, database.clone()).await;
            stop(&mut server);
            result
        })?;
    }
    Ok(())
}

/// Posts the form `body` to `path` of `base` as a browser without JavaScript does.
pub(crate) async fn post_form(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    body: String,
) -> Result<reqwest::Response> {
    Ok(client
        .post(format!("{base}{path}"))
        .header("origin", base)
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await?)
}

/// Builds the release server, and gives the runtime the measures run on.
pub(crate) fn release_server_and_runtime() -> Result<tokio::runtime::Runtime> {
    let mut build = crate::cargo();
    build.args(["build", "--release", "--package", "server"]);
    crate::status(build, "the release build of the server")?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The limits of a benchmark's server: all its load comes from one address (and network), which
/// the limits per address and network would soon stop.
const LOAD_FROM_ONE_ADDRESS: [(&str, &str); 4] = [
    ("SIGN_LIMIT_PER_IP", "100000000"),
    ("SIGN_LIMIT_PER_PETITION_NETWORK", "100000000"),
    ("PARTICIPATION_PER_NETWORK_HOUR", "100000000"),
    ("SIGN_IN_LIMIT_PER_IP", "100000000"),
];

/// The release server on `url`, listening on `port`, its outbox in `data`, with the master
/// secret `secret` and the `extra` variables.
pub(crate) fn start_release_server(
    root: &Path,
    data: &Path,
    url: &str,
    port: u16,
    secret: &str,
    extra: &[(&str, &str)],
) -> Result<Child> {
    let base = format!("http://127.0.0.1:{port}");
    let mut command = Command::new(root.join("target/release/server"));
    command
        .env("DATABASE_URL", url)
        .env("BIND_ADDR", format!("127.0.0.1:{port}"))
        .env("SITE_ROOT", root.join("target/site"))
        .env("OUTBOX_DIR", data.join("outbox"))
        .env("SECRET_KEY", secret)
        .env("PUBLIC_URL", &base)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null());
    for (name, value) in extra {
        command.env(name, value);
    }
    command
        .spawn()
        .context("cannot start target/release/server")
}

pub(crate) fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

pub(crate) fn stop(server: &mut Child) {
    // SIGTERM lets it shut down gracefully; kill is the fallback.
    let _ = Command::new("kill").arg(server.id().to_string()).status();
    for _ in 0..50 {
        if let Ok(Some(_)) = server.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = server.kill();
    let _ = server.wait();
}
