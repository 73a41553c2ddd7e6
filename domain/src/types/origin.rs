//! Where a request came from, as the web edge determined it: the client's address (the peer, or
//! the client a trusted proxy names) and its user agent. Limits count per network, not per
//! address: IPv6 gives every subscriber a /64, so a limit per IPv6 address would be no limit.

use std::net::IpAddr;

/// Longest user agent kept (longer ones are cut).
const MAX_USER_AGENT: usize = 512;

/// The client of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientOrigin {
    pub ip: Option<IpAddr>,
    user_agent: Option<String>,
}

impl ClientOrigin {
    /// The origin of a request from `ip` with the `User-Agent` header `user_agent`.
    pub fn new(ip: Option<IpAddr>, user_agent: Option<&str>) -> Self {
        Self {
            // An IPv4 client of a server listening on `[::]` arrives as `::ffff:a.b.c.d`.
            ip: ip.map(|ip| ip.to_canonical()),
            user_agent: user_agent.map(|ua| {
                ua.chars()
                    .filter(|c| !c.is_control())
                    .take(MAX_USER_AGENT)
                    .collect()
            }),
        }
    }

    /// The user agent, as sent (cut to 512 characters).
    pub fn user_agent(&self) -> Option<&str> {
        self.user_agent.as_deref()
    }

    /// The subject of per-address limits: an IPv4 address itself, an IPv6 address's /64
    /// (`unknown` when there is no address, as for requests that never crossed a network).
    pub fn limit_key(&self) -> String {
        match self.ip {
            Some(IpAddr::V4(v4)) => v4.to_string(),
            Some(IpAddr::V6(_)) => self.ip_prefix().unwrap_or_default(),
            None => "unknown".to_owned(),
        }
    }

    /// The network of the address, as the fraud review groups signatures: the /24 of an IPv4
    /// address, the /64 of an IPv6 address.
    pub fn ip_prefix(&self) -> Option<String> {
        match self.ip? {
            IpAddr::V4(v4) => {
                let [a, b, c, _] = v4.octets();
                Some(format!("{a}.{b}.{c}.0/24"))
            }
            IpAddr::V6(v6) => {
                let s = v6.segments();
                Some(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(ip: &str) -> ClientOrigin {
        ClientOrigin::new(ip.parse().ok(), Some("Mozilla/5.0\r\nX: y"))
    }

    #[test]
    fn prefixes_group_a_network() {
        assert_eq!(
            origin("203.0.113.77").ip_prefix().as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            origin("2001:db8:1:2:aaaa::1").ip_prefix().as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(
            origin("2001:db8:1:2:aaaa::1").limit_key(),
            "2001:db8:1:2::/64"
        );
        assert_eq!(origin("203.0.113.77").limit_key(), "203.0.113.77");
        assert_eq!(ClientOrigin::default().limit_key(), "unknown");
        assert_eq!(ClientOrigin::default().ip_prefix(), None);
        assert_eq!(origin("::ffff:203.0.113.77").limit_key(), "203.0.113.77");
    }

    #[test]
    fn user_agents_lose_control_characters_and_excess() {
        assert_eq!(origin("203.0.113.77").user_agent(), Some("Mozilla/5.0X: y"));
        let long = ClientOrigin::new(None, Some(&"a".repeat(5000)));
        assert_eq!(long.user_agent().map(str::len), Some(512));
    }
}
