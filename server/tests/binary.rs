//! The `server` binary itself: start-up errors are clear messages with an exit code, and
//! SIGTERM stops it gracefully.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The master secret of these tests (never a real one).
const TEST_SECRET: &str = "a test secret, thirty-two bytes or more";

#[test]
fn a_database_that_is_down_at_start_is_a_clear_error_and_exit_code_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            "postgres://musharaka:secret@127.0.0.1:1/musharaka",
        )
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "off")
        .env("SECRET_KEY", TEST_SECRET)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the server: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot connect to the database at postgres://musharaka:***@127.0.0.1:1/musharaka"),
        "{stderr}"
    );
    assert!(!stderr.contains("secret"), "the password is never printed");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/data/m.db?mode=rwc", dir.path().display()),
        )
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("OUTBOX_DIR", dir.path().join("outbox"))
        .env("RUST_LOG", "off")
        .env("SECRET_KEY", TEST_SECRET)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the server: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        line.starts_with("Musharaka is running at http://127.0.0.1:"),
        "{line}"
    );
    assert!(
        dir.path().join("data/m.db").exists(),
        "the SQLite folder and file are created"
    );

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            assert!(status.success(), "graceful exit, got {status}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run_admin(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/m.db?mode=rwc", dir.display()),
        )
        .env("RUST_LOG", "off")
        .env("SECRET_KEY", TEST_SECRET)
        .args(["admin", "create-admin"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the server: {e}"));
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn the_first_admin_comes_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let email = ["--email", "admin@region.ma", "--name", "Admin Souss"];

    let weak = run_admin(dir.path(), &email, "password\n");
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 10 characters"));

    let created = run_admin(dir.path(), &email, "argan-et-atlas-2026\n");
    let stdout = String::from_utf8_lossy(&created.stdout);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        stdout.contains("Created the platform admin admin@region.ma."),
        "{stdout}"
    );

    let again = run_admin(dir.path(), &email, "another-password-here-1\n");
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already had an account"));

    let db = domain::db::connect(&format!("sqlite://{}/m.db", dir.path().display()), Some(1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let keys =
        domain::secrets::Keys::derive(TEST_SECRET.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let ctx = domain::AppContext::new(db, keys);
    let account = domain::accounts::authenticate(
        &ctx,
        "admin@region.ma",
        "argan-et-atlas-2026".into(),
        &Default::default(),
    )
    .await
    .unwrap_or_else(|e| panic!("the admin can sign in: {e}"));
    let actor = domain::roles::actor(&ctx, account.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(actor.is_admin());
}

#[test]
fn help_never_prints_the_secrets_of_the_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .env(
            "DATABASE_URL",
            "postgres://musharaka:db-password-42@db/musharaka",
        )
        .env(
            "SMTP_URL",
            "smtps://mailer:smtp-password-42@smtp.example.ma",
        )
        .env("SECRET_KEY", TEST_SECRET)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the server: {e}"));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("DATABASE_URL"), "{help}");
    for secret in ["db-password-42", "smtp-password-42", TEST_SECRET] {
        assert!(!help.contains(secret), "{secret} printed");
    }
}

/// A client that sends its headers too slowly (to hold connections open) is cut off; others
/// are served.
#[test]
fn slow_headers_are_cut_off() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/m.db?mode=rwc", dir.path().display()),
        )
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("OUTBOX_DIR", dir.path().join("outbox"))
        .env("HEADER_TIMEOUT_SECS", "1")
        .env("RUST_LOG", "off")
        .env("SECRET_KEY", TEST_SECRET)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the server: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = line
        .trim()
        .trim_start_matches("Musharaka is running at http://")
        .trim_end_matches('/')
        .to_owned();

    let mut slow = std::net::TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap_or_else(|e| panic!("{e}"));
    slow.set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = slow.read_to_end(&mut answer);
    let waited = started.elapsed();

    let mut quick = std::net::TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
    quick
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut served = String::new();
    let _ = quick.read_to_string(&mut served);
    let _ = child.kill();
    let _ = child.wait();

    assert!(
        waited < Duration::from_secs(4),
        "the slow client was cut off after {waited:?}"
    );
    assert!(
        !String::from_utf8_lossy(&answer).contains("200 OK"),
        "and not served"
    );
    assert!(served.starts_with("HTTP/1.1 200 OK"), "{served}");
}

/// A client that connects and sends nothing (or the start of another protocol) is cut off too.
#[test]
fn silent_connections_are_cut_off() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/m.db?mode=rwc", dir.path().display()),
        )
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("OUTBOX_DIR", dir.path().join("outbox"))
        .env("HEADER_TIMEOUT_SECS", "1")
        .env("RUST_LOG", "off")
        .env("SECRET_KEY", TEST_SECRET)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the server: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = line
        .trim()
        .trim_start_matches("Musharaka is running at http://")
        .trim_end_matches('/')
        .to_owned();
    let mut waits = Vec::new();
    for opening in [&b""[..], b"PRI * HTTP/2.0\r\n"] {
        let mut client = std::net::TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
        client.write_all(opening).unwrap_or_else(|e| panic!("{e}"));
        client
            .set_read_timeout(Some(Duration::from_secs(6)))
            .unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let mut answer = Vec::new();
        let _ = client.read_to_end(&mut answer);
        waits.push(started.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();
    for waited in &waits {
        assert!(*waited < Duration::from_secs(5), "held open ({waits:?})");
    }
}
