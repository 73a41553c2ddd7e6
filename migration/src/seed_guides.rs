//! Seed of the guides shipped with the platform (`data/guides/`): each is published nationally
//! on the first start, as version 1 by nobody, its Amazigh texts marked for review. Idempotent
//! and safe with several instances starting at once: a guide is inserted only when no guide has
//! its starter key (a unique index), so an admin's later edits are never overwritten.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{TransactionSession, TransactionTrait};
use serde::Deserialize;

/// The list of shipped guides.
const GUIDES_JSON: &str = include_str!("../data/guides/guides.json");

macro_rules! texts {
    ($($key:literal),* $(,)?) => {
        &[$(
            ($key, "ar", include_str!(concat!("../data/guides/", $key, ".ar.md"))),
            ($key, "zgh", include_str!(concat!("../data/guides/", $key, ".zgh.md"))),
            ($key, "fr", include_str!(concat!("../data/guides/", $key, ".fr.md"))),
            ($key, "en", include_str!(concat!("../data/guides/", $key, ".en.md"))),
        )*]
    };
}

/// Each guide's Markdown per language: (key, language, text).
const TEXTS: &[(&str, &str, &str)] = texts!(
    "how_to_petition",
    "what_the_council_does",
    "signing_and_your_data",
    "how_consultations_work",
    "accessibility",
    "terms_of_use",
);

#[derive(Deserialize)]
struct GuidesFile {
    fallback: String,
    review: Vec<String>,
    guides: Vec<GuideRow>,
}

#[derive(Deserialize)]
struct GuideRow {
    key: String,
    category: String,
}

/// One language of a shipped guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarterText {
    pub lang: &'static str,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// Reads `# title`, then `> summary`, then the body.
fn parse(key: &str, lang: &'static str, markdown: &str) -> Result<StarterText, DbErr> {
    let bad = |what: &str| DbErr::Custom(format!("guide {key}.{lang}.md: {what}"));
    let mut lines = markdown.lines();
    let title = lines
        .next()
        .and_then(|l| l.strip_prefix("# "))
        .ok_or_else(|| bad("the first line is not `# title`"))?;
    let summary = lines
        .next()
        .and_then(|l| l.strip_prefix("> "))
        .ok_or_else(|| bad("the second line is not `> summary`"))?;
    let body = lines.collect::<Vec<_>>().join("\n");
    Ok(StarterText {
        lang,
        title: title.trim().to_owned(),
        summary: summary.trim().to_owned(),
        body: body.trim().to_owned(),
    })
}

/// The texts of the shipped guide `key`, in the order ar, zgh, fr, en.
pub fn starter_texts(key: &str) -> Result<Vec<StarterText>, DbErr> {
    TEXTS
        .iter()
        .filter(|(k, _, _)| *k == key)
        .map(|(k, lang, markdown)| parse(k, lang, markdown))
        .collect()
}

/// Publishes each shipped guide that is not there yet; gives how many were added.
pub async fn seed_guides<C>(db: &C) -> Result<usize, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let file: GuidesFile = serde_json::from_str(GUIDES_JSON)
        .map_err(|e| DbErr::Custom(format!("guides.json is invalid: {e}")))?;
    let now = chrono::Utc::now();
    let mut added = 0;
    for row in &file.guides {
        let texts = starter_texts(&row.key)?;
        if texts.is_empty() {
            return Err(DbErr::Custom(format!("guide {} has no texts", row.key)));
        }
        let txn = db.begin().await?;
        let insert = Query::insert()
            .into_table(Guides::Table)
            .columns([
                Guides::Category,
                Guides::FallbackLang,
                Guides::Starter,
                Guides::PublishedVersion,
                Guides::CreatedAt,
                Guides::UpdatedAt,
            ])
            .values_panic([
                row.category.clone().into(),
                file.fallback.clone().into(),
                row.key.clone().into(),
                1.into(),
                now.into(),
                now.into(),
            ])
            .on_conflict(OnConflict::column(Guides::Starter).do_nothing().to_owned())
            .returning_col(Guides::Id)
            .to_owned();
        let Some(inserted) = txn.query_one(&insert).await? else {
            txn.rollback().await?;
            continue;
        };
        let guide_id: i32 = inserted.try_get("", "id")?;
        let version = Query::insert()
            .into_table(Versions::Table)
            .columns([
                Versions::GuideId,
                Versions::Number,
                Versions::EditedAt,
                Versions::PublishedAt,
            ])
            .values_panic([guide_id.into(), 1.into(), now.into(), now.into()])
            .returning_col(Versions::Id)
            .to_owned();
        let version_id: i32 = txn
            .query_one(&version)
            .await?
            .ok_or_else(|| DbErr::Custom("no version id returned".into()))?
            .try_get("", "id")?;
        for text in texts {
            let insert = Query::insert()
                .into_table(Texts::Table)
                .columns([
                    Texts::VersionId,
                    Texts::Lang,
                    Texts::Title,
                    Texts::Summary,
                    Texts::Body,
                    Texts::NeedsReview,
                ])
                .values_panic([
                    version_id.into(),
                    text.lang.into(),
                    text.title.into(),
                    text.summary.into(),
                    text.body.into(),
                    file.review.iter().any(|l| l == text.lang).into(),
                ])
                .to_owned();
            txn.execute(&insert).await?;
        }
        txn.commit().await?;
        added += 1;
    }
    Ok(added)
}

#[derive(DeriveIden)]
enum Guides {
    Table,
    Id,
    Category,
    FallbackLang,
    Starter,
    PublishedVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Versions {
    #[sea_orm(iden = "guide_versions")]
    Table,
    Id,
    GuideId,
    Number,
    EditedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Texts {
    #[sea_orm(iden = "guide_texts")]
    Table,
    VersionId,
    Lang,
    Title,
    Summary,
    Body,
    NeedsReview,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_guide_reads_in_four_languages_with_its_title_and_summary() {
        let file: GuidesFile = serde_json::from_str(GUIDES_JSON).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.guides.len() * 4, TEXTS.len(), "every guide is listed");
        for row in &file.guides {
            let texts = starter_texts(&row.key).unwrap_or_else(|e| panic!("{e}"));
            let langs: Vec<&str> = texts.iter().map(|t| t.lang).collect();
            assert_eq!(langs, ["ar", "zgh", "fr", "en"], "{}", row.key);
            for t in &texts {
                let chars = t.title.chars().count();
                assert!((5..=200).contains(&chars), "{} {}", row.key, t.lang);
                assert!(t.summary.chars().count() <= 1_000, "{} {}", row.key, t.lang);
                assert!(!t.body.is_empty(), "{} {}", row.key, t.lang);
                if t.lang != "zgh" {
                    assert!(
                        t.body.chars().count() > 800,
                        "{} {} is substantial",
                        row.key,
                        t.lang
                    );
                }
            }
        }
    }
}
