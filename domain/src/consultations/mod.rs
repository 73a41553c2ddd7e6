//! Public consultations of a regional council (Constitution art. 139; Law 111-14 arts 116-117):
//! a questionnaire and/or a call for proposals, open between two dates, then results, then the
//! council's synthesis ("what we heard, what we will do").

pub mod answering;
pub mod builder;
pub mod corrections;
pub mod disclosure;
pub mod documents;
pub mod drafts;
pub mod emails;
pub mod exports;
pub mod hidden;
pub mod lifecycle;
pub mod mailings;
pub mod my_data;
pub mod outcome;
pub mod proposals;
pub mod questions;
pub mod reports;
pub mod results;
pub mod review;
pub mod tallies;
pub(crate) use crate::text;
pub mod views;

/// Who a consultation is for: all residents of the region, or one of the three consultative
/// bodies of article 117 (participants declare they belong; results show the declaration).
pub const AUDIENCES: [&str; 4] = ["all", "equality_gender", "youth", "economic_actors"];
