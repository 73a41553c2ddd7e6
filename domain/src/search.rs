//! Full-text search, shared by the features that search (petitions, guides): the words worth
//! searching in what someone typed, and the query each database's index reads (a `tsquery` on
//! PostgreSQL, an FTS5 query on SQLite). Words are letters and digits only, so no operator of
//! either syntax can slip in.

use sea_orm::DatabaseBackend;

/// The words of `text` worth searching: letters and digits of any script, 3 characters or more,
/// at most 12 of them, in lower case.
pub fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words.truncate(12);
    words
}

/// The query matching every word of `words` (`any`: one of them), each as a prefix, in the
/// syntax of `backend`'s full-text index.
pub fn query(backend: DatabaseBackend, words: &[String], any: bool) -> String {
    match backend {
        DatabaseBackend::Postgres => words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(if any { " | " } else { " & " }),
        _ => words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(if any { " OR " } else { " " }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_keep_every_script_and_drop_syntax() {
        assert_eq!(
            words("Bus \"Agadir\" — تارودانت OR ⵜⴰⵙⵓⵜⵔⴰ AND x*"),
            ["agadir", "and", "bus", "تارودانت", "ⵜⴰⵙⵓⵜⵔⴰ"]
        );
        let found = words("agadir bus");
        assert_eq!(
            query(DatabaseBackend::Postgres, &found, false),
            "agadir:* & bus:*"
        );
        assert_eq!(
            query(DatabaseBackend::Sqlite, &found, true),
            "\"agadir\"* OR \"bus\"*"
        );
    }
}
