//! sea-orm entities: the shape of the tables. Behaviour lives in the feature modules.

pub mod province;
pub mod region;
pub mod region_setting;
