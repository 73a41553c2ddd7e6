//! Wire types of the admin page.

use serde::{Deserialize, Serialize};

use crate::names::Names;

/// Everything the admin page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminData {
    pub staff: Vec<StaffItem>,
    pub regions: Vec<RegionChoice>,
}

/// A staff role held by someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffItem {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub role: String,
    /// 0 for platform admins.
    pub region_id: i32,
}

/// A region to choose in the grant form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionChoice {
    pub id: i32,
    pub slug: String,
    pub name: Names,
}
