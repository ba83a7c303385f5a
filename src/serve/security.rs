//! The guard in front of every request: only GET and HEAD (the server never changes
//! the archive), only Host names that cannot be a rebound DNS name, and the headers
//! that keep a page from loading anything from elsewhere or running injected script.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// No inline script or style, nothing from another origin, no framing, forms only to us.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// Every request passes here first, every response on its way out.
pub async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut resp = if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = refuse(
            api,
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD: the server is read-only",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else if !host_allowed(req.headers()) {
        refuse(
            api,
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only to localhost or an IP address (Host header refused)",
        )
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    resp
}

fn refuse(api: bool, status: StatusCode, msg: &str) -> Response {
    if api {
        super::api::error(status, msg)
    } else {
        (status, format!("{msg}\n")).into_response()
    }
}

/// Whether the Host header names `localhost` or an IP address. A DNS-rebinding page
/// reaches us under its own domain name, so any name but localhost is refused.
pub fn host_allowed(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        match rest.split_once(']') {
            Some((v6, port)) if port.is_empty() || valid_port(port) => {
                return v6.parse::<std::net::Ipv6Addr>().is_ok();
            }
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if valid_port(&format!(":{port}")) => name,
            Some(_) => return false,
            None => host,
        }
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

fn valid_port(s: &str) -> bool {
    s.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.parse::<u16>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(host: &str) -> bool {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        host_allowed(&h)
    }

    #[test]
    fn only_localhost_and_addresses() {
        for ok in [
            "127.0.0.1:7700",
            "localhost:7700",
            "LOCALHOST",
            "[::1]:80",
            "[::1]",
            "10.0.0.5:7700",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:7700",
            "localhost.evil.example:7700",
            "127.0.0.1.nip.io:7700",
            "[::1]x",
            "127.0.0.1:",
            "127.0.0.1:99999",
            "",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
        assert!(!host_allowed(&HeaderMap::new()));
    }
}
