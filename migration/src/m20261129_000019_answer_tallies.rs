//! A consultation's results as tallies, kept at every answer so that its results page reads a
//! few hundred small rows instead of millions of answers: per consultation, question, item
//! (a choice, a scale point; -1: the question's respondents; consultation level, question 0:
//! item 0 responses by province in `place`, item 1 declarations) and place (a ranking's), in
//! shards so that concurrent answers rarely touch the same row. `responses.counted` says a
//! response is in the tallies (so that an edit takes its old answers out first). Existing
//! answers are tallied here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let int = |col: T| ColumnDef::new(col).integer().not_null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(int(T::ConsultationId))
                    .col(int(T::QuestionId))
                    .col(int(T::Item))
                    .col(int(T::Place))
                    .col(int(T::Shard))
                    .col(ColumnDef::new(T::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(T::ConsultationId)
                            .col(T::QuestionId)
                            .col(T::Item)
                            .col(T::Place)
                            .col(T::Shard),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Responses::Table)
                    .add_column(
                        ColumnDef::new(Responses::Counted)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for sql in [
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT consultation_id, 0, 0, COALESCE(province_id, 0), 0, COUNT(*) FROM responses \
             GROUP BY consultation_id, COALESCE(province_id, 0)",
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT consultation_id, 0, 1, 0, 0, COUNT(*) FROM responses WHERE audience_declared \
             GROUP BY consultation_id",
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT r.consultation_id, a.question_id, -1, 0, 0, COUNT(DISTINCT a.response_id) \
             FROM answers a JOIN responses r ON r.id = a.response_id \
             GROUP BY r.consultation_id, a.question_id",
            "INSERT INTO answer_tallies (consultation_id, question_id, item, place, shard, count) \
             SELECT r.consultation_id, a.question_id, COALESCE(a.choice_id, a.value), \
             COALESCE(a.place, 0), 0, COUNT(*) \
             FROM answers a JOIN responses r ON r.id = a.response_id \
             WHERE a.choice_id IS NOT NULL OR a.value IS NOT NULL \
             GROUP BY r.consultation_id, a.question_id, COALESCE(a.choice_id, a.value), \
             COALESCE(a.place, 0)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        let yes = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "true",
            _ => "1",
        };
        db.execute_unprepared(&format!("UPDATE responses SET counted = {yes}"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Responses::Table)
                    .drop_column(Responses::Counted)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(T::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum T {
    #[sea_orm(iden = "answer_tallies")]
    Table,
    ConsultationId,
    QuestionId,
    Item,
    Place,
    Shard,
    Count,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Counted,
}
