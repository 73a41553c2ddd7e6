//! Database schema of Musharaka and the seed of the 12 regions.
//!
//! The same migrations run on SQLite (embedded default) and PostgreSQL (production).

pub use sea_orm_migration::prelude::*;

mod alter;

mod m20261129_000001_create_regions;
mod m20261129_000002_create_accounts;
mod m20261129_000003_create_rate_limits;
mod m20261129_000004_create_user_roles;
mod m20261129_000005_create_petitions;
mod m20261129_000006_petition_search;
mod m20261129_000007_petition_province;
mod m20261129_000008_daily_signature_counts;
mod m20261129_000009_signatory_retention;
mod m20261129_000010_petition_search_vector;
mod m20261129_000011_create_consultations;
mod m20261129_000012_create_responses;
mod m20261129_000013_create_proposals;
mod m20261129_000014_create_content_reports;
mod m20261129_000015_answer_moderation;
mod m20261129_000016_consultation_mailings;
mod m20261129_000017_answer_indexes;
mod m20261129_000018_consultation_documents;
mod m20261129_000019_answer_tallies;
mod m20261205_000020_signature_origins;
mod m20261205_000021_authored_content_outlives_accounts;
mod m20261205_000022_one_voice_per_person;
mod m20261206_000023_staff_alerts;
mod m20261206_000024_staff_dashboard_indexes;
mod m20261206_000025_account_blocks;
mod m20261206_000026_moderation_log;
mod m20261207_000027_petition_reports;
mod m20261207_000028_paper_signatures;
mod m20261207_000029_signature_invalidations;
mod m20261208_000030_consultation_corrections;
mod m20261209_000031_guides;
mod m20261209_000032_guide_practices;
mod m20261210_000033_region_identities;
mod m20261212_000034_guide_documents;
pub mod seed;
pub mod seed_guides;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_regions::Migration),
            Box::new(m20261129_000002_create_accounts::Migration),
            Box::new(m20261129_000003_create_rate_limits::Migration),
            Box::new(m20261129_000004_create_user_roles::Migration),
            Box::new(m20261129_000005_create_petitions::Migration),
            Box::new(m20261129_000006_petition_search::Migration),
            Box::new(m20261129_000007_petition_province::Migration),
            Box::new(m20261129_000008_daily_signature_counts::Migration),
            Box::new(m20261129_000009_signatory_retention::Migration),
            Box::new(m20261129_000010_petition_search_vector::Migration),
            Box::new(m20261129_000011_create_consultations::Migration),
            Box::new(m20261129_000012_create_responses::Migration),
            Box::new(m20261129_000013_create_proposals::Migration),
            Box::new(m20261129_000014_create_content_reports::Migration),
            Box::new(m20261129_000015_answer_moderation::Migration),
            Box::new(m20261129_000016_consultation_mailings::Migration),
            Box::new(m20261129_000017_answer_indexes::Migration),
            Box::new(m20261129_000018_consultation_documents::Migration),
            Box::new(m20261129_000019_answer_tallies::Migration),
            Box::new(m20261205_000020_signature_origins::Migration),
            Box::new(m20261205_000021_authored_content_outlives_accounts::Migration),
            Box::new(m20261205_000022_one_voice_per_person::Migration),
            Box::new(m20261206_000023_staff_alerts::Migration),
            Box::new(m20261206_000024_staff_dashboard_indexes::Migration),
            Box::new(m20261206_000025_account_blocks::Migration),
            Box::new(m20261206_000026_moderation_log::Migration),
            Box::new(m20261207_000027_petition_reports::Migration),
            Box::new(m20261207_000028_paper_signatures::Migration),
            Box::new(m20261207_000029_signature_invalidations::Migration),
            Box::new(m20261208_000030_consultation_corrections::Migration),
            Box::new(m20261209_000031_guides::Migration),
            Box::new(m20261209_000032_guide_practices::Migration),
            Box::new(m20261210_000033_region_identities::Migration),
            Box::new(m20261212_000034_guide_documents::Migration),
        ]
    }
}
