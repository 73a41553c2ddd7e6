//! The guides library: national guides (written by the platform admins) and regional ones
//! (written by a region's council officers), each a series of versions whose texts are per
//! language. A region adopts a guide by copying it, remembering where it came from (once per
//! region and source: a unique index). Shipped guides carry a `starter` key, unique, so that
//! seeding them again never doubles them. The texts are searched in full (FTS5 on SQLite, a GIN
//! index on the `simple` configuration on PostgreSQL).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::sea_query::ForeignKeyAction::{Cascade, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        guides(manager).await?;
        versions(manager).await?;
        texts(manager).await?;
        full_text_search(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            for trigger in [
                "guide_texts_fts_insert",
                "guide_texts_fts_update",
                "guide_texts_fts_delete",
            ] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}"))
                    .await?;
            }
            db.execute_unprepared("DROP TABLE IF EXISTS guide_texts_fts")
                .await?;
        }
        for table in [Texts::Table.into_iden(), Versions::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Guides::Table).to_owned())
            .await
    }
}

fn id<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn at<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

async fn guides(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Guides::Table)
                .col(id(Guides::Id))
                .col(ColumnDef::new(Guides::RegionId).integer().null())
                .col(ColumnDef::new(Guides::Category).string_len(16).not_null())
                .col(
                    ColumnDef::new(Guides::FallbackLang)
                        .string_len(3)
                        .not_null(),
                )
                .col(ColumnDef::new(Guides::Starter).string_len(32).null())
                .col(ColumnDef::new(Guides::AdoptedFrom).integer().null())
                .col(ColumnDef::new(Guides::AdoptedVersion).integer().null())
                .col(ColumnDef::new(Guides::PublishedVersion).integer().null())
                .col(ColumnDef::new(Guides::CreatedBy).integer().null())
                .col(at(Guides::CreatedAt))
                .col(at(Guides::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Guides::Table, Guides::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Guides::Table, Guides::AdoptedFrom)
                        .to(Guides::Table, Guides::Id)
                        .on_delete(SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Guides::Table, Guides::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(SetNull),
                )
                .to_owned(),
        )
        .await?;
    for (name, columns) in [
        ("uq_guides_starter", vec![Guides::Starter]),
        (
            "uq_guides_adopted_once",
            vec![Guides::RegionId, Guides::AdoptedFrom],
        ),
    ] {
        let mut index = Index::create();
        index.name(name).table(Guides::Table).unique();
        for column in columns {
            index.col(column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    manager
        .create_index(
            Index::create()
                .name("ix_guides_region")
                .table(Guides::Table)
                .col(Guides::RegionId)
                .col(Guides::Category)
                .to_owned(),
        )
        .await
}

async fn versions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Versions::Table)
                .col(id(Versions::Id))
                .col(ColumnDef::new(Versions::GuideId).integer().not_null())
                .col(ColumnDef::new(Versions::Number).integer().not_null())
                .col(ColumnDef::new(Versions::EditedBy).integer().null())
                .col(at(Versions::EditedAt))
                .col(ColumnDef::new(Versions::PublishedBy).integer().null())
                .col(
                    ColumnDef::new(Versions::PublishedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Versions::Table, Versions::GuideId)
                        .to(Guides::Table, Guides::Id)
                        .on_delete(Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Versions::Table, Versions::EditedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Versions::Table, Versions::PublishedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(SetNull),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("uq_guide_versions_number")
                .table(Versions::Table)
                .col(Versions::GuideId)
                .col(Versions::Number)
                .unique()
                .to_owned(),
        )
        .await
}

async fn texts(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Texts::Table)
                .col(id(Texts::Id))
                .col(ColumnDef::new(Texts::VersionId).integer().not_null())
                .col(ColumnDef::new(Texts::Lang).string_len(3).not_null())
                .col(ColumnDef::new(Texts::Title).string_len(200).not_null())
                .col(ColumnDef::new(Texts::Summary).text().not_null())
                .col(ColumnDef::new(Texts::Body).text().not_null())
                .col(
                    ColumnDef::new(Texts::NeedsReview)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Texts::Table, Texts::VersionId)
                        .to(Versions::Table, Versions::Id)
                        .on_delete(Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("uq_guide_texts_lang")
                .table(Texts::Table)
                .col(Texts::VersionId)
                .col(Texts::Lang)
                .unique()
                .to_owned(),
        )
        .await
}

/// Search over titles, summaries and bodies (see `m20261129_000006_petition_search`).
async fn full_text_search(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Sqlite => {
            for sql in [
                "CREATE VIRTUAL TABLE guide_texts_fts USING fts5(title, summary, body, \
                 content='guide_texts', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
                "CREATE TRIGGER guide_texts_fts_insert AFTER INSERT ON guide_texts BEGIN \
                 INSERT INTO guide_texts_fts(rowid, title, summary, body) \
                 VALUES (new.id, new.title, new.summary, new.body); END",
                "CREATE TRIGGER guide_texts_fts_delete AFTER DELETE ON guide_texts BEGIN \
                 INSERT INTO guide_texts_fts(guide_texts_fts, rowid, title, summary, body) \
                 VALUES ('delete', old.id, old.title, old.summary, old.body); END",
                "CREATE TRIGGER guide_texts_fts_update AFTER UPDATE OF title, summary, body \
                 ON guide_texts BEGIN \
                 INSERT INTO guide_texts_fts(guide_texts_fts, rowid, title, summary, body) \
                 VALUES ('delete', old.id, old.title, old.summary, old.body); \
                 INSERT INTO guide_texts_fts(rowid, title, summary, body) \
                 VALUES (new.id, new.title, new.summary, new.body); END",
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        _ => {
            db.execute_unprepared(
                "CREATE INDEX ix_guide_texts_search ON guide_texts USING GIN \
                 (to_tsvector('simple', title || ' ' || summary || ' ' || body))",
            )
            .await?;
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum Guides {
    Table,
    Id,
    RegionId,
    Category,
    FallbackLang,
    Starter,
    AdoptedFrom,
    AdoptedVersion,
    PublishedVersion,
    CreatedBy,
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
    EditedBy,
    EditedAt,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Texts {
    #[sea_orm(iden = "guide_texts")]
    Table,
    Id,
    VersionId,
    Lang,
    Title,
    Summary,
    Body,
    NeedsReview,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
