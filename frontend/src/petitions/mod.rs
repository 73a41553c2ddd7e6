//! Petitions: a region's list, a petition's page with its progress and timeline, signing,
//! reporting, and the staff's side.

pub mod api;
pub mod charts;
pub mod fraud;
pub mod glance;
pub mod labels;
pub mod mine;
pub mod mine_api;
pub mod new;
pub mod pages;
pub mod paper;
pub mod reports;
pub mod sign;
pub mod staff;
pub mod staff_api;
pub mod types;
