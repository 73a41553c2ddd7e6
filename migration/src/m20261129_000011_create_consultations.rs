//! Consultations and their questionnaires: a consultation of one region with its texts in the
//! languages the officer wrote (one of them the fallback), its questions in order, each with its
//! texts and, for choice questions, its choices and their texts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::{Cascade, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn int(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

fn string(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).not_null().to_owned()
}

fn time(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(id(C::Id))
                    .col(int(C::RegionId))
                    .col(string(C::Status, 24))
                    .col(string(C::Audience, 24))
                    .col(string(C::FallbackLang, 4))
                    .col(ColumnDef::new(C::Questionnaire).boolean().not_null())
                    .col(ColumnDef::new(C::Proposals).boolean().not_null())
                    .col(time(C::OpensAt))
                    .col(time(C::ClosesAt))
                    .col(ColumnDef::new(C::CreatedBy).integer().null())
                    .col(time(C::CreatedAt))
                    .col(time(C::UpdatedAt))
                    .col(
                        ColumnDef::new(C::PublishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(C::ResultsPublishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(C::Synthesis).text().null())
                    .col(
                        ColumnDef::new(C::SynthesisPublishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut fk(
                        (C::Table, C::RegionId),
                        (Regions::Table, Regions::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (C::Table, C::CreatedBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_consultations_region")
                    .table(C::Table)
                    .col(C::RegionId)
                    .col(C::OpensAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Texts::Table)
                    .col(int(Texts::ConsultationId))
                    .col(string(Texts::Lang, 4))
                    .col(string(Texts::Title, 200))
                    .col(ColumnDef::new(Texts::Summary).text().not_null())
                    .col(ColumnDef::new(Texts::Body).text().not_null())
                    .primary_key(Index::create().col(Texts::ConsultationId).col(Texts::Lang))
                    .foreign_key(&mut fk(
                        (Texts::Table, Texts::ConsultationId),
                        (C::Table, C::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Q::Table)
                    .col(id(Q::Id))
                    .col(int(Q::ConsultationId))
                    .col(int(Q::Position))
                    .col(string(Q::Kind, 16))
                    .col(ColumnDef::new(Q::Required).boolean().not_null())
                    .col(ColumnDef::new(Q::MaxChoices).integer().null())
                    .col(ColumnDef::new(Q::MaxChars).integer().null())
                    .foreign_key(&mut fk(
                        (Q::Table, Q::ConsultationId),
                        (C::Table, C::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_questions_consultation")
                    .table(Q::Table)
                    .col(Q::ConsultationId)
                    .col(Q::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QTexts::Table)
                    .col(int(QTexts::QuestionId))
                    .col(string(QTexts::Lang, 4))
                    .col(string(QTexts::Text, 500))
                    .col(ColumnDef::new(QTexts::LowLabel).string_len(100).null())
                    .col(ColumnDef::new(QTexts::HighLabel).string_len(100).null())
                    .primary_key(Index::create().col(QTexts::QuestionId).col(QTexts::Lang))
                    .foreign_key(&mut fk(
                        (QTexts::Table, QTexts::QuestionId),
                        (Q::Table, Q::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Ch::Table)
                    .col(id(Ch::Id))
                    .col(int(Ch::QuestionId))
                    .col(int(Ch::Position))
                    .foreign_key(&mut fk(
                        (Ch::Table, Ch::QuestionId),
                        (Q::Table, Q::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_choices_question")
                    .table(Ch::Table)
                    .col(Ch::QuestionId)
                    .col(Ch::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChTexts::Table)
                    .col(int(ChTexts::ChoiceId))
                    .col(string(ChTexts::Lang, 4))
                    .col(string(ChTexts::Text, 300))
                    .primary_key(Index::create().col(ChTexts::ChoiceId).col(ChTexts::Lang))
                    .foreign_key(&mut fk(
                        (ChTexts::Table, ChTexts::ChoiceId),
                        (Ch::Table, Ch::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ChTexts::Table.into_iden(),
            Ch::Table.into_iden(),
            QTexts::Table.into_iden(),
            Q::Table.into_iden(),
            Texts::Table.into_iden(),
            C::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum C {
    #[sea_orm(iden = "consultations")]
    Table,
    Id,
    RegionId,
    Status,
    Audience,
    FallbackLang,
    Questionnaire,
    Proposals,
    OpensAt,
    ClosesAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    ResultsPublishedAt,
    Synthesis,
    SynthesisPublishedAt,
}

#[derive(DeriveIden)]
enum Texts {
    #[sea_orm(iden = "consultation_texts")]
    Table,
    ConsultationId,
    Lang,
    Title,
    Summary,
    Body,
}

#[derive(DeriveIden)]
enum Q {
    #[sea_orm(iden = "questions")]
    Table,
    Id,
    ConsultationId,
    Position,
    Kind,
    Required,
    MaxChoices,
    MaxChars,
}

#[derive(DeriveIden)]
enum QTexts {
    #[sea_orm(iden = "question_texts")]
    Table,
    QuestionId,
    Lang,
    Text,
    LowLabel,
    HighLabel,
}

#[derive(DeriveIden)]
enum Ch {
    #[sea_orm(iden = "choices")]
    Table,
    Id,
    QuestionId,
    Position,
}

#[derive(DeriveIden)]
enum ChTexts {
    #[sea_orm(iden = "choice_texts")]
    Table,
    ChoiceId,
    Lang,
    Text,
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
