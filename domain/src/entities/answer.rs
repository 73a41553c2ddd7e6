//! One row of a response: a choice ticked, a choice at a place of a ranking, a scale point or a
//! text.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub response_id: i32,
    pub question_id: i32,
    pub choice_id: Option<i32>,
    /// Ranking: the place given to `choice_id` (1 = first).
    pub place: Option<i32>,
    /// Scale: the point, 1 to 5.
    pub value: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub text: Option<String>,
    /// A free-text answer hidden by a moderator (left out of the listed texts).
    pub hidden: bool,
    /// A free-text answer's public name: random, so that neither it nor the order of the listed
    /// texts follows submission.
    pub token: Option<i64>,
    /// A free text's review: `None` while due, `kept` or `hidden`.
    pub review: Option<String>,
    /// Why it was hidden (a report reason).
    pub review_reason: Option<String>,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
