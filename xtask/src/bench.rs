//! `cargo xtask bench`: the release server on a fresh SQLite database, measured over HTTP with N
//! concurrent connections (one HTTP/1.1 keep-alive connection per client) for a fixed time.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use hdrhistogram::Histogram;

use crate::{cargo, status};

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
            connections,
            Duration::from_secs(seconds),
        ));
    stop(&mut server);
    result
}

async fn measure_all(base: &str, connections: usize, duration: Duration) -> Result<()> {
    wait_ready(base).await?;
    println!(
        "\nMusharaka benchmark: release build, SQLite, {connections} connections, {} s per URL\n",
        duration.as_secs()
    );
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>8}",
        "url", "req/s", "p50 ms", "p99 ms", "errors"
    );
    for path in ["/fr/r/souss-massa", "/api/v1/regions"] {
        let url = format!("{base}{path}");
        // A short warm-up, so that connections and caches are in place.
        measure(&url, connections, Duration::from_secs(1)).await?;
        let f = measure(&url, connections, duration).await?;
        let rate = f.requests as f64 / f.elapsed.as_secs_f64();
        println!(
            "{:<28} {:>10.0} {:>10.2} {:>10.2} {:>8}",
            path,
            rate,
            f.latency.value_at_quantile(0.50) as f64 / 1000.0,
            f.latency.value_at_quantile(0.99) as f64 / 1000.0,
            f.errors
        );
    }
    Ok(())
}

async fn measure(url: &str, connections: usize, duration: Duration) -> Result<Figures> {
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(connections);
    for _ in 0..connections {
        let url = url.to_owned();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?;
            let mut latency = Histogram::<u64>::new(3)?;
            let (mut requests, mut errors) = (0u64, 0u64);
            while Instant::now() < deadline {
                let sent = Instant::now();
                match client.get(&url).send().await {
                    Ok(response) if response.status().is_success() => {
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

async fn wait_ready(base: &str) -> Result<()> {
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

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

fn stop(server: &mut Child) {
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
