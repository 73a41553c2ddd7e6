//! Accounts: register, confirm the email address, sign in and out. The forms are plain HTML
//! forms posting to server functions: the same round trip with or without JavaScript.

pub mod api;
pub mod my_account;
pub mod pages;
pub mod types;
pub mod unsubscribe;
