//! The accept loop: HTTP/1.1 on each connection, `TCP_NODELAY` (leptos streams pages
//! in small chunks), the client's address for the handlers, a deadline for a request's headers
//! (a client that sends them slower, to hold connections open, is cut off), and a graceful stop
//! that lets requests in flight finish.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Longest wait for the requests in flight after a stop was asked.
const DRAIN: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `shutdown` completes; request headers must arrive within
/// `header_timeout`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    // HTTP/1.1 only (what a reverse proxy speaks to its upstream): plaintext HTTP/2 and the
    // version detection before it have no header deadline, so they would let a slow client
    // hold a connection forever.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait a moment, go on.
                    tracing::warn!(%err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::debug!(%err, "could not set TCP_NODELAY");
        }
        // Set when the first request's headers were read: until then the connection has
        // `header_timeout` (a client that stays silent, or sends the start of something else,
        // is not held by hyper's own deadline, which counts once a request head begins).
        let started = Arc::new(AtomicBool::new(false));
        let first = started.clone();
        let service = tower::ServiceExt::map_request(
            app.clone(),
            move |mut request: http::Request<Incoming>| {
                first.store(true, Ordering::Relaxed);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            },
        );
        let (builder, watcher) = (builder.clone(), graceful.watcher());
        tokio::spawn(async move {
            let connection = builder
                .serve_connection_with_upgrades(
                    TokioIo::new(tcp),
                    TowerToHyperService::new(service),
                )
                .into_owned();
            let deadline = async {
                tokio::time::sleep(header_timeout).await;
                if started.load(Ordering::Relaxed) {
                    std::future::pending::<()>().await;
                }
            };
            tokio::select! {
                served = watcher.watch(connection) => {
                    if let Err(err) = served {
                        tracing::debug!(%err, %peer, "connection ended with an error");
                    }
                }
                // Dropping the connection closes it.
                () = deadline => tracing::debug!(%peer, "no request in time: connection closed"),
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN:?}: stopping anyway");
    }
}
