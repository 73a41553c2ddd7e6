//! Generates the i18n module from `locales/*.json`, after checking that every locale has exactly
//! the same keys: a key missing in one language fails the build. Also generates the table of
//! error and notice codes (`messages.rs`): the code `x` is worded by the key `err_x`, a notice
//! `x_notice` by the key `x_notice`, so that a code needs no list besides its words.

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
    let keys = check_same_keys()?;

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
    std::fs::write(out_dir.join("messages.rs"), messages_table(&keys))?;
    Ok(())
}

/// `fn message_of(locale, code) -> Option<&'static str>` over every `err_*` and `*_notice` key.
fn messages_table(keys: &BTreeSet<String>) -> String {
    let mut arms = String::new();
    for key in keys {
        let code = match key.strip_prefix("err_") {
            Some(code) => code,
            None if key.ends_with("_notice") => key.as_str(),
            None => continue,
        };
        arms.push_str(&format!("        {code:?} => td_string!(locale, {key}),\n"));
    }
    format!(
        "/// The words of an error or notice code in `locale` (generated from the locale files).\n\
         pub fn message_of(locale: Locale, code: &str) -> Option<&'static str> {{\n    \
         Some(match code {{\n{arms}        _ => return None,\n    }})\n}}\n"
    )
}

fn check_same_keys() -> Result<BTreeSet<String>, Box<dyn Error>> {
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
    Ok(reference)
}
