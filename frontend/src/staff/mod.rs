//! The council's workspace: the staff dashboard of a region (a page made of the petitions',
//! the consultations' and the reports' work, put together above those features) and each staff
//! member's choice of alerts.

pub mod api;
pub mod dashboard;
pub mod types;
