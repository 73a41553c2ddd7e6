//! Generates the i18n module from `locales/*.json` and the words the interface shares with the
//! emails (`reason_*`, kept once in `../domain/locales/*.json`), after checking that every
//! locale has exactly the same keys: a key missing in one language fails the build. Also
//! generates the table of error and notice codes (`messages.rs`): the code `x` is worded by the
//! key `err_x`, a notice `x_notice` by the key `x_notice`, so that a code needs no list besides
//! its words; and the list of rejection reasons, in the order of the domain's file.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

use leptos_i18n_build::options::CodegenOptions;
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

type Words = serde_json::Map<String, serde_json::Value>;

const DEFAULT_LOCALE: &str = "ar";
const OTHER_LOCALES: [&str; 3] = ["zgh", "fr", "en"];
/// The prefix of the words kept in the domain's files and shown by the interface too.
const SHARED: &str = "reason_";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    println!("cargo::rerun-if-changed=../domain/locales");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let merged = out_dir.join("locales");
    std::fs::create_dir_all(&merged)?;
    let mut reasons = Vec::new();
    for locale in std::iter::once(DEFAULT_LOCALE).chain(OTHER_LOCALES) {
        let (words, order) = merge(locale)?;
        if locale == DEFAULT_LOCALE {
            reasons = order;
        }
        std::fs::write(
            merged.join(format!("{locale}.json")),
            serde_json::to_string_pretty(&words)?,
        )?;
    }
    let keys = check_same_keys(&merged)?;

    let cfg = Config::new(DEFAULT_LOCALE)?
        .add_locales(OTHER_LOCALES)?
        .locales_path(merged)
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    // The generated code parses its own constant locale ids with `expect`: allowed there only.
    let attributes: proc_macro2::TokenStream =
        "#![allow(clippy::expect_used, clippy::unwrap_used)]"
            .parse()
            .map_err(|e| format!("bad attributes: {e}"))?;
    translations.generate_i18n_module_with_options(
        out_dir.join("i18n"),
        CodegenOptions::new().top_level_attributes(Some(attributes)),
    )?;
    let mut messages = messages_table(&keys);
    messages.push_str(&reasons_table(&reasons));
    std::fs::write(out_dir.join("messages.rs"), messages)?;
    Ok(())
}

fn read(path: &Path) -> Result<(String, Words), Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let words = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((text, words))
}

/// The interface's words of `locale` with the shared ones of the domain, and the shared reason
/// codes in the order of the domain's file. A shared word written in both places fails.
fn merge(locale: &str) -> Result<(Words, Vec<String>), Box<dyn Error>> {
    let (_, mut words) = read(Path::new(&format!("locales/{locale}.json")))?;
    if let Some(key) = words.keys().find(|k| k.starts_with(SHARED)) {
        return Err(format!(
            "locales/{locale}.json: `{key}` belongs in ../domain/locales/{locale}.json"
        )
        .into());
    }
    let (text, domain) = read(Path::new(&format!("../domain/locales/{locale}.json")))?;
    for (key, value) in domain {
        if key.starts_with(SHARED) {
            words.insert(key, value);
        }
    }
    let order = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix(&format!("\"{SHARED}")))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    Ok((words, order))
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

/// `REJECTION_REASONS` and `fn rejection_reason_of(locale, code)`.
fn reasons_table(reasons: &[String]) -> String {
    let quoted: Vec<String> = reasons.iter().map(|r| format!("{r:?}")).collect();
    let arms: String = reasons
        .iter()
        .map(|r| format!("        {r:?} => td_string!(locale, {SHARED}{r}),\n"))
        .collect();
    format!(
        "\n/// The reasons a moderator may reject a petition for (the domain's list).\n\
         pub const REJECTION_REASONS: [&str; {}] = [{}];\n\n\
         /// The words of rejection reason `code` in `locale`.\n\
         pub fn rejection_reason_of(locale: Locale, code: &str) -> Option<&'static str> {{\n    \
         Some(match code {{\n{arms}        _ => return None,\n    }})\n}}\n",
        reasons.len(),
        quoted.join(", ")
    )
}

fn check_same_keys(dir: &Path) -> Result<BTreeSet<String>, Box<dyn Error>> {
    let keys_of = |locale: &str| -> Result<BTreeSet<String>, Box<dyn Error>> {
        let path = dir.join(format!("{locale}.json"));
        let (_, json) = read(&path)?;
        for (key, value) in &json {
            if value.as_str().is_none_or(|s| s.trim().is_empty()) {
                return Err(format!("{locale}: key `{key}` has no text").into());
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
