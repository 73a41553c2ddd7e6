//! Arbitrary form bodies, for a bounded number of cases, against the forms anyone can post:
//! the server answers every one without a 5xx (and without panicking).

use axum::body::Body;
use http::Request;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tests::{PUBLIC_URL, TestApp};

/// Form bodies: fields made of the characters that break parsers (percent signs, brackets,
/// equals, ampersands, plus, multi-byte text, control characters) around the fields the forms
/// expect.
fn form_body() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("lang".to_owned()),
        Just("email".to_owned()),
        Just("password".to_owned()),
        Just("id".to_owned()),
        Just("region".to_owned()),
        Just("signer[cin]".to_owned()),
        Just("signer[full_name]".to_owned()),
        Just("q1".to_owned()),
        "[a-z\\[\\]%=&+]{0,8}",
    ];
    let value = prop_oneof![
        Just(String::new()),
        Just("fr".to_owned()),
        Just("1".to_owned()),
        Just("%".to_owned()),
        Just("%E2%82".to_owned()),
        Just("%00".to_owned()),
        "[%=&+a-zA-Z0-9\\[\\] ]{0,16}",
        "\\PC{0,12}",
    ];
    prop::collection::vec((name, value), 0..12).prop_map(|fields| {
        fields
            .into_iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    })
}

#[test]
fn arbitrary_form_bodies_never_get_a_5xx() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let app = runtime.block_on(TestApp::sqlite());
    let paths = [
        "/fn/sign_in",
        "/fn/register",
        "/fn/sign_by_email",
        "/fn/request_password_reset",
        "/fn/reset_password",
        "/fn/confirm_signature",
        "/consultations/answer",
    ];
    let mut runner = TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    });
    let outcome = runner.run(&(0..paths.len(), form_body()), |(path, body)| {
        let path = paths[path];
        let request = Request::post(path)
            .header("origin", PUBLIC_URL)
            .header("host", "musharaka.test")
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.clone()))
            .unwrap_or_else(|e| panic!("{e}"));
        let status = runtime.block_on(app.request(request)).status;
        prop_assert!(!status.is_server_error(), "{path} {body:?} → {status}");
        Ok(())
    });
    if let Err(err) = outcome {
        panic!("{err}");
    }
}
