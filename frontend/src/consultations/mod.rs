//! Consultations: a region's list, a consultation's page with its questionnaire and call for
//! proposals, and a proposal's page.

pub mod actions;
pub mod api;
pub mod corrections;
pub mod labels;
pub mod pages;
pub mod proposals;
pub mod questionnaire;
pub mod reports;
pub mod results;
pub mod results_api;
pub mod review;
pub mod staff;
pub mod staff_api;
pub mod types;
