//! The client of each request, determined once, before anything else reads it: the peer's
//! address, or, when the peer is one of the reverse proxies named in `TRUSTED_PROXIES`, the
//! address that proxy appended to `X-Forwarded-For`. The header is never read from anyone else
//! (a client could write any address in it). Handlers and server functions read the result,
//! a [`ClientOrigin`], from the request's extensions.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use domain::types::ClientOrigin;
use ipnet::IpNet;

/// The networks of the reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// The proxies of `networks`.
    pub fn new(networks: Vec<IpNet>) -> Self {
        Self(Arc::new(networks))
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// Parses one entry of `TRUSTED_PROXIES`: a network (`10.0.0.0/8`) or one address.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an address nor a network (CIDR)"))
}

/// Puts the request's [`ClientOrigin`] in its extensions.
pub async fn resolve(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let ip = peer.map(|peer| client_ip(peer, request.headers(), &proxies));
    let user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let origin = ClientOrigin::new(ip, user_agent);
    request.extensions_mut().insert(origin);
    next.run(request).await
}

/// The client's address: `peer`, unless it is a trusted proxy; then, reading `X-Forwarded-For`
/// from the right (the entry the nearest proxy added), the first address that is not a trusted
/// proxy (or the leftmost one, when all are).
fn client_ip(peer: IpAddr, headers: &HeaderMap, proxies: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !proxies.contains(peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for entry in forwarded.iter().rev() {
        let Ok(ip) = entry.trim().parse::<IpAddr>() else {
            // A garbled entry: nothing to its left can be believed.
            break;
        };
        client = ip;
        if !proxies.contains(ip) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(
            list.iter()
                .map(|n| parse_network(n).unwrap_or_else(|e| panic!("{e}")))
                .collect(),
        )
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            value.parse().unwrap_or_else(|e| panic!("{e}")),
        );
        headers
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy() {
        let trusted = proxies(&["127.0.0.1", "10.0.0.0/8"]);
        let headers = forwarded("198.51.100.7");
        assert_eq!(
            client_ip(ip("127.0.0.1"), &headers, &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_ip(ip("203.0.113.9"), &headers, &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(ip("127.0.0.1"), &HeaderMap::new(), &trusted),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn addresses_a_client_wrote_in_front_are_ignored() {
        let trusted = proxies(&["127.0.0.1", "10.0.0.0/8"]);
        // The client sent "1.2.3.4"; the first proxy appended the client's real address, the
        // second appended the first proxy's.
        let headers = forwarded("1.2.3.4, 198.51.100.7, 10.1.2.3");
        assert_eq!(
            client_ip(ip("127.0.0.1"), &headers, &trusted),
            ip("198.51.100.7")
        );
        let garbled = forwarded("1.2.3.4, not-an-address, 10.1.2.3");
        assert_eq!(
            client_ip(ip("127.0.0.1"), &garbled, &trusted),
            ip("10.1.2.3")
        );
    }

    #[test]
    fn networks_and_single_addresses_parse() {
        assert!(parse_network("10.0.0.0/8").is_ok());
        assert!(parse_network(" ::1 ").is_ok());
        assert!(parse_network("2001:db8::/32").is_ok());
        assert!(parse_network("proxy.example").is_err());
    }
}
