//! A cookie-keeping client for tests that go through several requests, like a browser without
//! JavaScript: forms are posted with the site's Origin and `Accept: text/html`.

use std::collections::BTreeMap;

use axum::body::Body;
use http::Request;

use crate::{PUBLIC_URL, TestApp, TestResponse};

/// A visitor with a cookie jar.
pub struct Client<'a> {
    app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
}

impl<'a> Client<'a> {
    /// A visitor with no cookies.
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: BTreeMap::new(),
        }
    }

    /// A visitor signed in as `email` (whose password is [`crate::PASSWORD`]); the sign-in
    /// answer is in `lang`.
    pub async fn signed_in(app: &'a TestApp, email: &str, lang: &str) -> Self {
        let mut client = Self::new(app);
        let answer = client
            .post_form(
                "/fn/sign_in",
                &[
                    ("lang", lang),
                    ("email", email),
                    ("password", crate::PASSWORD),
                ],
            )
            .await;
        assert!(
            answer.status.is_redirection(),
            "signing in {email}: {}",
            answer.status
        );
        client
    }

    /// `GET path`.
    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = self
            .builder(Request::get(path))
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(request).await
    }

    /// `GET path` with extra headers.
    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut builder = self.builder(Request::get(path));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(request).await
    }

    /// Posts an HTML form to `path`.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request = self
            .builder(Request::post(path))
            .header("origin", PUBLIC_URL)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(request).await
    }

    /// Posts `body` as it is (a form body that may be malformed) to `path`, with `accept`, as if
    /// sent from the page `referer`.
    pub async fn post_raw(
        &mut self,
        path: &str,
        body: &str,
        accept: &str,
        referer: &str,
    ) -> TestResponse {
        let request = self
            .builder(Request::post(path))
            .header("origin", PUBLIC_URL)
            .header("referer", format!("{PUBLIC_URL}{referer}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut request = request;
        if let Ok(value) = http::HeaderValue::from_str(accept) {
            request.headers_mut().insert(http::header::ACCEPT, value);
        }
        self.send(request).await
    }

    /// Posts a JSON body to `path` (as an app on the site's origin would).
    pub async fn post_json(&mut self, path: &str, json: &str) -> TestResponse {
        let request = self
            .builder(Request::post(path))
            .header("origin", PUBLIC_URL)
            .header("content-type", "application/json")
            .body(Body::from(json.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(request).await
    }

    /// Posts a multipart form (with files: field name, file name, content) to `path`.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> TestResponse {
        const BOUNDARY: &str = "musharaka-test-boundary-7d3f";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (name, file_name, content) in files {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let request = self
            .builder(Request::post(path))
            .header("origin", PUBLIC_URL)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(request).await
    }

    fn builder(&self, builder: http::request::Builder) -> http::request::Builder {
        let mut builder = builder
            .header("accept", "text/html")
            .header("host", "musharaka.test");
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header("cookie", cookie);
        }
        builder
    }

    async fn send(&mut self, request: Request<Body>) -> TestResponse {
        let response = self.app.request(request).await;
        for value in response.headers.get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let Some((name, rest)) = text.split_once('=') else {
                continue;
            };
            let value = rest.split(';').next().unwrap_or_default();
            if value.is_empty() || text.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        response
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
