//! Indexes that keep a consultation's results fast at a million responses (beside those of
//! migration 12): answers by question and response (the respondents of a question), responses
//! by consultation, declaration and province (the breakdowns).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(name, table, columns)`.
const INDEXES: [(&str, &str, &[&str]); 2] = [
    (
        "ix_answers_question_response",
        "answers",
        &["question_id", "response_id"],
    ),
    (
        "ix_responses_breakdown",
        "responses",
        &["consultation_id", "audience_declared", "province_id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
