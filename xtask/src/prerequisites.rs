//! What the browser tests need besides Rust: Chromium and Node.js with npm. `cargo xtask test`
//! checks them before building anything; what is missing is installed with Debian's packages when
//! this machine can (apt-get, as root or through a password-less sudo); otherwise it stops at once
//! and prints the one command to run.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, bail};

/// Where the tests look for Chromium unless `CHROMIUM_PATH` says otherwise.
const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether `program --version` runs.
fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The Debian packages missing for the browser tests.
fn missing_packages() -> Vec<&'static str> {
    let mut missing = Vec::new();
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| CHROMIUM.to_owned());
    if !Path::new(&chromium).exists() {
        missing.push("chromium");
    }
    if !runs("node") {
        missing.push("nodejs");
    }
    if !runs("npm") {
        missing.push("npm");
    }
    missing
}

/// How to run apt-get here: directly as root, through a password-less sudo, or not at all.
fn apt_get() -> Option<Command> {
    if !runs("apt-get") {
        return None;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root {
        return Some(Command::new("apt-get"));
    }
    let sudo = Command::new("sudo")
        .args(["-n", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    sudo.then(|| {
        let mut cmd = Command::new("sudo");
        cmd.args(["-n", "apt-get"]);
        cmd
    })
}

/// Makes sure Chromium, Node.js and npm are there, installing what is missing when possible.
pub fn ensure_browser_tools() -> Result<()> {
    let missing = missing_packages();
    if missing.is_empty() {
        return Ok(());
    }
    let packages = missing.join(" ");
    let Some(mut update) = apt_get() else {
        bail!(
            "the browser tests need {packages}; install them, then run the tests again:\n\n    \
             sudo apt-get install -y {packages}\n\n(or set CHROMIUM_PATH to another Chromium)"
        );
    };
    eprintln!("xtask: installing {packages} for the browser tests");
    let mut install = apt_get().unwrap_or_else(|| Command::new("apt-get"));
    update
        .args(["update", "-qq"])
        .env("DEBIAN_FRONTEND", "noninteractive");
    crate::status(update, "apt-get update")?;
    install
        .args(["install", "-y", "-qq"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    crate::status(install, &format!("apt-get install {packages}"))?;
    let still = missing_packages();
    if !still.is_empty() {
        bail!(
            "{} still missing after apt-get; install them and run the tests again",
            still.join(" ")
        );
    }
    Ok(())
}
