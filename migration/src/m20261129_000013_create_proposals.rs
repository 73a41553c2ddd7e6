//! A consultation's call for proposals: proposals by participants (with an optional province),
//! supports (one per account and proposal: a unique index), and comments.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::Cascade;

#[derive(DeriveMigrationName)]
pub struct Migration;

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
                    .table(P::Table)
                    .col(id(P::Id))
                    .col(int(P::ConsultationId))
                    .col(int(P::UserId))
                    .col(ColumnDef::new(P::Title).string_len(200).not_null())
                    .col(ColumnDef::new(P::Body).text().not_null())
                    .col(ColumnDef::new(P::ProvinceId).integer().null())
                    .col(ColumnDef::new(P::Hidden).boolean().not_null())
                    .col(time(P::CreatedAt))
                    .foreign_key(&mut fk(
                        (P::Table, P::ConsultationId),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .foreign_key(&mut fk((P::Table, P::UserId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposals_consultation")
                    .table(P::Table)
                    .col(P::ConsultationId)
                    .col(P::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(int(S::ProposalId))
                    .col(int(S::UserId))
                    .col(time(S::CreatedAt))
                    .primary_key(Index::create().col(S::ProposalId).col(S::UserId))
                    .foreign_key(&mut fk((S::Table, S::ProposalId), (P::Table, P::Id)))
                    .foreign_key(&mut fk((S::Table, S::UserId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Cm::Table)
                    .col(id(Cm::Id))
                    .col(int(Cm::ProposalId))
                    .col(int(Cm::UserId))
                    .col(ColumnDef::new(Cm::Body).text().not_null())
                    .col(ColumnDef::new(Cm::Hidden).boolean().not_null())
                    .col(time(Cm::CreatedAt))
                    .foreign_key(&mut fk((Cm::Table, Cm::ProposalId), (P::Table, P::Id)))
                    .foreign_key(&mut fk((Cm::Table, Cm::UserId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposal_comments_proposal")
                    .table(Cm::Table)
                    .col(Cm::ProposalId)
                    .col(Cm::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Cm::Table.into_iden(),
            S::Table.into_iden(),
            P::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum P {
    #[sea_orm(iden = "proposals")]
    Table,
    Id,
    ConsultationId,
    UserId,
    Title,
    Body,
    ProvinceId,
    Hidden,
    CreatedAt,
}

#[derive(DeriveIden)]
enum S {
    #[sea_orm(iden = "proposal_supports")]
    Table,
    ProposalId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cm {
    #[sea_orm(iden = "proposal_comments")]
    Table,
    Id,
    ProposalId,
    UserId,
    Body,
    Hidden,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
