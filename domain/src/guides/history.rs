//! A guide's versions and what changed between two of them. Everyone reads the published
//! versions and when they were published; the guide's writers also read the draft and who wrote
//! and published each version (a name the public does not need).

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use similar::{ChangeTag, TextDiff};

use super::may_write;
use crate::entities::{guide, guide_text, guide_version, user};
use crate::roles::Actor;
use crate::types::{GuideId, Lang};
use crate::{AppContext, DomainError};

/// One version in a guide's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionView {
    pub number: i32,
    pub edited_at: DateTime<Utc>,
    /// `None`: the draft.
    pub published_at: Option<DateTime<Utc>>,
    /// Who wrote it and who published it (the guide's writers only).
    pub edited_by: Option<String>,
    pub published_by: Option<String>,
}

/// The versions `viewer` may read, newest first (a guide never published is `NotFound` to
/// anyone but its writers).
pub async fn guide_history(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: GuideId,
) -> Result<Vec<VersionView>, DomainError> {
    let (writer, versions) = readable_versions(ctx, viewer, id).await?;
    let mut ids: Vec<i32> = versions
        .iter()
        .flat_map(|v| [v.edited_by, v.published_by])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names: std::collections::HashMap<i32, String> = if writer {
        user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .all(&ctx.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    } else {
        Default::default()
    };
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(versions
        .into_iter()
        .rev()
        .map(|v| VersionView {
            number: v.number,
            edited_at: v.edited_at,
            published_at: v.published_at,
            edited_by: name(v.edited_by),
            published_by: name(v.published_by),
        })
        .collect())
}

/// Whether `viewer` writes guide `id`, and the versions they may read, oldest first.
async fn readable_versions(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: GuideId,
) -> Result<(bool, Vec<guide_version::Model>), DomainError> {
    let found = guide::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let writer = viewer.is_some_and(|v| may_write(v, found.region_id));
    let mut query = guide_version::Entity::find()
        .filter(guide_version::Column::GuideId.eq(id.0))
        .order_by_asc(guide_version::Column::Number);
    if !writer {
        query = query.filter(guide_version::Column::PublishedAt.is_not_null());
    }
    let versions = query.all(&ctx.db).await?;
    if versions.is_empty() {
        return Err(DomainError::NotFound);
    }
    Ok((writer, versions))
}

/// How a line changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
}

/// One line of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub change: Change,
    pub text: String,
}

/// What changed in one language between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideDiff {
    pub from: i32,
    pub to: i32,
    pub title: Vec<DiffLine>,
    pub summary: Vec<DiffLine>,
    /// The Markdown source, line by line.
    pub body: Vec<DiffLine>,
}

/// The lines of `old` and `new`, each marked the same, added or removed.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|change| DiffLine {
            change: match change.tag() {
                ChangeTag::Equal => Change::Same,
                ChangeTag::Insert => Change::Added,
                ChangeTag::Delete => Change::Removed,
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

/// What changed in `lang` from version `from` to version `to` of guide `id` (both readable by
/// `viewer`, else `NotFound`); a language a version lacks reads as empty.
pub async fn diff_versions(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: GuideId,
    (from, to): (i32, i32),
    lang: Lang,
) -> Result<GuideDiff, DomainError> {
    let (_, versions) = readable_versions(ctx, viewer, id).await?;
    let version = |n: i32| {
        versions
            .iter()
            .find(|v| v.number == n)
            .ok_or(DomainError::NotFound)
    };
    let (old, new) = (version(from)?.id, version(to)?.id);
    let text = |version_id: i32| async move {
        guide_text::Entity::find()
            .filter(guide_text::Column::VersionId.eq(version_id))
            .filter(guide_text::Column::Lang.eq(lang.code()))
            .one(&ctx.db)
            .await
    };
    let (old, new) = (text(old).await?, text(new).await?);
    let field = |f: fn(&guide_text::Model) -> &str| {
        diff_lines(
            old.as_ref().map(f).unwrap_or_default(),
            new.as_ref().map(f).unwrap_or_default(),
        )
    };
    Ok(GuideDiff {
        from,
        to,
        title: field(|t| &t.title),
        summary: field(|t| &t.summary),
        body: field(|t| &t.body),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_marked_kept_added_or_removed() {
        let lines = diff_lines("Étape 1\nSeuil : 400\nFin", "Étape 1\nSeuil : 500\nFin");
        let marked: Vec<(Change, &str)> =
            lines.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(
            marked,
            [
                (Change::Same, "Étape 1"),
                (Change::Removed, "Seuil : 400"),
                (Change::Added, "Seuil : 500"),
                (Change::Same, "Fin"),
            ]
        );
        assert!(diff_lines("", "").is_empty());
    }
}
