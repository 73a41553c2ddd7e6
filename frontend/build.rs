//! Generates the i18n module from `locales/*.json`, after checking that every locale has exactly
//! the same keys: a key missing in one language fails the build.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::options::CodegenOptions;
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

const DEFAULT_LOCALE: &str = "ar";
const OTHER_LOCALES: [&str; 3] = ["zgh", "fr", "en"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    check_same_keys()?;

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let cfg = Config::new(DEFAULT_LOCALE)?
        .add_locales(OTHER_LOCALES)?
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    // The generated code parses its own constant locale ids with `expect`: allowed there only.
    let attributes: proc_macro2::TokenStream =
        "#![allow(clippy::expect_used, clippy::unwrap_used)]"
            .parse()
            .map_err(|e| format!("bad attributes: {e}"))?;
    translations.generate_i18n_module_with_options(
        out_dir.join("i18n"),
        CodegenOptions::new().top_level_attributes(Some(attributes)),
    )?;
    Ok(())
}

fn check_same_keys() -> Result<(), Box<dyn Error>> {
    let keys_of = |locale: &str| -> Result<BTreeSet<String>, Box<dyn Error>> {
        let path = format!("locales/{locale}.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let json: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        for (key, value) in &json {
            if value.as_str().is_none_or(|s| s.trim().is_empty()) {
                return Err(format!("{path}: key `{key}` has no text").into());
            }
        }
        Ok(json.keys().cloned().collect())
    };
    let reference = keys_of(DEFAULT_LOCALE)?;
    for locale in OTHER_LOCALES {
        let keys = keys_of(locale)?;
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        if !missing.is_empty() || !extra.is_empty() {
            return Err(format!(
                "locales/{locale}.json differs from {DEFAULT_LOCALE}.json: missing {missing:?}, extra {extra:?}"
            )
            .into());
        }
    }
    Ok(())
}
