//! The council's workspace: what the region's staff (its moderators and council officers) have
//! to do, on one dashboard, and the alerts that tell them when something arrives.

pub mod alerts;
pub mod dashboard;
pub mod digests;
pub mod emails;
mod scan;

pub use alerts::{AlertDelivery, alert_delivery, set_alert_delivery};
pub use dashboard::{Dashboard, DashboardPages, staff_dashboard};
