//! sea-orm entities: the shape of the tables. Behaviour lives in the feature modules.

pub mod answer;
pub mod audit_entry;
pub mod choice;
pub mod choice_text;
pub mod consultation;
pub mod consultation_text;
pub mod email_token;
pub mod outbox_email;
pub mod petition;
pub mod petition_attachment;
pub mod petition_event;
pub mod petition_mailing;
pub mod province;
pub mod question;
pub mod question_text;
pub mod region;
pub mod region_setting;
pub mod response;
pub mod session;
pub mod signature;
pub mod signature_count;
pub mod signature_request;
pub mod signer_profile;
pub mod user;
pub mod user_role;
