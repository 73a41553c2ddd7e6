//! Answers to consultations: one response per account and consultation (a unique index; an
//! edit replaces its answers), with the participant's audience declaration and optional
//! province; an answer row per choice ticked or ranked, per scale point, per text.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::Cascade;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn int(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

fn int_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().null().to_owned()
}

fn time(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(
                        ColumnDef::new(R::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(int(R::ConsultationId))
                    .col(int(R::UserId))
                    .col(ColumnDef::new(R::AudienceDeclared).boolean().not_null())
                    .col(int_null(R::ProvinceId))
                    .col(time(R::CreatedAt))
                    .col(time(R::UpdatedAt))
                    .foreign_key(&mut fk(
                        (R::Table, R::ConsultationId),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .foreign_key(&mut fk((R::Table, R::UserId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_responses_account")
                    .table(R::Table)
                    .col(R::ConsultationId)
                    .col(R::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(
                        ColumnDef::new(A::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(int(A::ResponseId))
                    .col(int(A::QuestionId))
                    .col(int_null(A::ChoiceId))
                    .col(int_null(A::Place))
                    .col(int_null(A::Value))
                    .col(ColumnDef::new(A::Text).text().null())
                    .foreign_key(&mut fk((A::Table, A::ResponseId), (R::Table, R::Id)))
                    .foreign_key(&mut fk(
                        (A::Table, A::QuestionId),
                        (Questions::Table, Questions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("ix_answers_response", vec![A::ResponseId]),
            (
                "ix_answers_question",
                vec![A::QuestionId, A::ChoiceId, A::Place, A::Value],
            ),
        ] {
            let mut index = Index::create().name(name).table(A::Table).to_owned();
            for col in cols {
                index.col(col);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(A::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(R::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum R {
    #[sea_orm(iden = "responses")]
    Table,
    Id,
    ConsultationId,
    UserId,
    AudienceDeclared,
    ProvinceId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum A {
    #[sea_orm(iden = "answers")]
    Table,
    Id,
    ResponseId,
    QuestionId,
    ChoiceId,
    Place,
    Value,
    Text,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
