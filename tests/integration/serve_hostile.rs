//! `bulletin serve` against hostile requests: no redirect leaves the preview's host, a
//! client that sends half its headers is cut off, and a page on another site cannot read
//! the preview through a DNS name pointed at this computer.

use crate::serve_support;

use serve_support::{request, Server, Site};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn get(server: &Server, path: &str, host: &str) -> serve_support::Response {
    request(
        server.addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn a_folder_redirect_never_names_another_host() {
    let site = Site::fixture("serve-site");
    // An old address that reads like a host name.
    site.save(
        "content/pages/about.md",
        &site.read("content/pages/about.md").replacen(
            "---\n",
            "---\naliases: [evil.example/]\n",
            1,
        ),
    );
    let server = Server::ready(&site.root, &[]);
    assert_eq!(get(&server, "/evil.example/", "localhost").status, 200);
    for (path, want) in [
        ("/notices", "/notices/"),
        ("//notices", "/notices/"),
        ("//evil.example", "/evil.example/"),
        ("///evil.example?a=1", "/evil.example/?a=1"),
    ] {
        let r = get(&server, path, "localhost");
        assert_eq!(r.status, 308, "{path}");
        assert_eq!(r.header("location"), Some(want), "{path}");
    }
    // A backslash reads as a slash to a browser: not a redirect at all.
    assert_eq!(get(&server, "/\\evil.example", "localhost").status, 400);
}

#[test]
fn only_this_computers_names_are_answered() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let port = server.addr.port();
    for host in [
        "localhost".to_owned(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("{}", server.addr),
        "preview.localhost".to_owned(),
    ] {
        assert_eq!(get(&server, "/", &host).status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        "127.0.0.1.evil.example".to_owned(),
        "localhost.evil.example".to_owned(),
    ] {
        let r = get(&server, "/guides/hukou-qianru.html", &host);
        assert_eq!(r.status, 421, "{host}");
        assert!(!r.text().contains("户口迁入"), "{host}");
        assert!(r.text().contains("127.0.0.1"), "{host}");
    }
}

#[test]
fn a_client_sending_half_its_headers_is_cut_off() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let started = Instant::now();
    let mut slow = TcpStream::connect(server.addr).expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .expect("send half");
    slow.set_read_timeout(Some(Duration::from_secs(40)))
        .expect("timeout");
    let mut answer = Vec::new();
    // The server closes the connection (perhaps after a 408): read returns, no hang.
    let _ = slow.read_to_end(&mut answer);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(30),
        "a half-sent request held its connection for {waited:?}"
    );
    assert!(
        answer.is_empty() || answer.starts_with(b"HTTP/1.1 408"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_bind_address_this_computer_does_not_have_is_named_as_such() {
    let site = Site::fixture("serve-site");
    // TEST-NET-1: never the address of a machine running tests.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["serve", "--port", "0", "--bind", "192.0.2.7", "--root"])
        .arg(&site.root)
        .output()
        .expect("run bulletin serve");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("这台电脑没有 192.0.2.7 这个地址"),
        "{stderr}"
    );
    assert!(!stderr.contains("占用"), "{stderr}");
}
