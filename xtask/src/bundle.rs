//! The browser bundle: the frontend built for wasm (`hydrate`), bound by wasm-bindgen, written to
//! `target/site/pkg` under content-hashed names with gzip and brotli copies, and described by
//! `target/site/manifest.json` for the server.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::{cargo, status};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
const NAME: &str = "musharaka";

/// Builds the bundle into `root/target/site`.
pub fn build(root: &Path) -> Result<()> {
    ensure_wasm_target()?;
    let mut cmd = cargo();
    cmd.args([
        "build",
        "--package",
        "frontend",
        "--lib",
        "--target",
        TARGET,
        "--profile",
        PROFILE,
        "--no-default-features",
        "--features",
        "hydrate",
    ]);
    status(cmd, "the wasm build of the frontend")?;

    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let wasm_in = target_dir.join(TARGET).join(PROFILE).join("frontend.wasm");
    let bound = target_dir.join("wasm-bindgen");
    if bound.exists() {
        std::fs::remove_dir_all(&bound).context("cannot clear the wasm-bindgen folder")?;
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm_in)
        .out_name(NAME)
        .web(true)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .typescript(false)
        .generate(&bound)
        .map_err(|e| anyhow::anyhow!("wasm-bindgen failed: {e}"))?;

    let site = target_dir.join("site");
    let pkg = site.join("pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).context("cannot clear target/site/pkg")?;
    }
    std::fs::create_dir_all(&pkg).context("cannot create target/site/pkg")?;

    let wasm = std::fs::read(bound.join(format!("{NAME}_bg.wasm"))).context("no wasm output")?;
    let js = std::fs::read_to_string(bound.join(format!("{NAME}.js"))).context("no JS output")?;
    if bound.join("snippets").is_dir() {
        copy_dir(&bound.join("snippets"), &pkg.join("snippets"))?;
    }
    let wasm_name = format!("{NAME}-{}.wasm", short_hash(&wasm));
    let js_name = format!("{NAME}-{}.js", short_hash(js.as_bytes()));
    let boot = format!(
        "import init, {{ hydrate }} from \"./{js_name}\";\n\
         await init({{ module_or_path: new URL(\"./{wasm_name}\", import.meta.url) }});\n\
         hydrate();\n"
    );
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    write_asset(&pkg, &wasm_name, &wasm)?;
    write_asset(&pkg, &js_name, js.as_bytes())?;
    write_asset(&pkg, &boot_name, boot.as_bytes())?;

    let manifest = serde_json::json!({ "js": js_name, "wasm": wasm_name, "boot": boot_name });
    std::fs::write(
        site.join("manifest.json"),
        serde_json::to_vec_pretty(&manifest)?,
    )
    .context("cannot write target/site/manifest.json")?;
    println!(
        "bundle: {} ({} KB wasm, {} KB JS) in {}",
        wasm_name,
        wasm.len() / 1024,
        js.len() / 1024,
        pkg.display()
    );
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let output = std::process::Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match output {
        Ok(out)
            if String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == TARGET) =>
        {
            Ok(())
        }
        Ok(_) => {
            let mut cmd = std::process::Command::new("rustup");
            cmd.args(["target", "add", TARGET]);
            status(cmd, "rustup target add wasm32-unknown-unknown")
        }
        // Without rustup, trust that the toolchain has the target; cargo says so if not.
        Err(_) => Ok(()),
    }
}

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `name` and its `.gz` and `.br` copies (served as is by the server).
fn write_asset(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    std::fs::write(dir.join(name), bytes).with_context(|| format!("cannot write {name}"))?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    std::fs::write(dir.join(format!("{name}.gz")), gz.finish()?)?;
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    std::fs::write(dir.join(format!("{name}.br")), br)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
