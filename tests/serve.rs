//! `warta serve` end to end: the real binary on a free port over a real archive built
//! from `sample_corpus` (plus hostile articles), asked over plain HTTP/1.1: every API
//! endpoint gives the bytes of the CLI's `--json`, bad parameters get a JSON 400, the
//! security headers are on every answer, foreign Host names and other methods are
//! refused, article text is shown as text, and a second `warta index` shows up live.

mod common;

use common::Env;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `warta serve`, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(env: &Env) -> Server {
        let mut child = env
            .cmd()
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no URL in the first line: {line:?}"))
            .to_string();
        Server { child, addr }
    }

    /// One request; the answer's status, headers (lower-case names) and body.
    fn request(&self, method: &str, path: &str, host: Option<&str>) -> Reply {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let host = host.unwrap_or(&self.addr);
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("no end of headers");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if head.to_lowercase().contains("transfer-encoding: chunked") {
            body = unchunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, None)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
    out
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// An archive of `sample_corpus` and the hostile articles.
fn archive() -> Env {
    let env = Env::new();
    let hostile = env.input("hostile");
    std::fs::write(
        hostile.join("xss.json"),
        serde_json::json!([{
            "title": "Judul <script>alert('title')</script> jahat",
            "publish_date": "2023-03-01 10:00:00",
            "authors": ["\"><img src=x onerror=alert('author')>"],
            "source": "Racun<script>alert(1)</script>.example",
            "url": "javascript:alert('url')",
            "body": "<p>Paragraf pertama tentang racun siber.</p><p>&lt;script&gt;alert('body')&lt;/script&gt; lalu &quot;&gt;&lt;img src=x onerror=alert('img')&gt; dan &lt;a href=\"javascript:alert('link')\"&gt;klik&lt;/a&gt; racun.</p><p>&lt;script&gt;window.pwned=1&lt;/script&gt; dan &quot;&gt;&lt;img src=x onerror=window.pwned=1&gt; racun.</p>"
        }])
        .to_string(),
    )
    .unwrap();
    env.index(&[common::repo().join("sample_corpus"), hostile]);
    env
}

const SECURITY: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("content-security-policy", "default-src 'self'"),
];

fn assert_secure(r: &Reply, what: &str) {
    for (name, value) in SECURITY {
        let got = r
            .header(name)
            .unwrap_or_else(|| panic!("{what}: no {name}"));
        assert!(got.starts_with(value), "{what}: {name}: {got}");
    }
    let csp = r.header("content-security-policy").unwrap();
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("http"),
        "{csp}"
    );
}

#[test]
fn api_gives_the_cli_json_bytes() {
    let env = archive();
    let server = Server::start(&env);
    let hit = env.search(&["putin", "--limit", "1"]);
    let id = hit["hits"][0]["id"].as_str().unwrap().to_string();
    let cases: Vec<(String, Vec<String>)> = vec![
        (
            "/api/search?q=putin&limit=3".into(),
            vec![
                "search".into(),
                "putin".into(),
                "--limit".into(),
                "3".into(),
            ],
        ),
        (
            "/api/search?q=kim&person=Vladimir+Putin&sort=newest&offset=1&from=2019".into(),
            [
                "search",
                "kim",
                "--person",
                "Vladimir Putin",
                "--sort",
                "newest",
                "--offset",
                "1",
                "--from",
                "2019",
            ]
            .map(String::from)
            .to_vec(),
        ),
        (
            "/api/search?q=vaksin+zzzqqq".into(),
            ["search", "vaksin", "zzzqqq"].map(String::from).to_vec(),
        ),
        (
            format!("/api/article/{id}"),
            vec!["show".into(), id.clone()],
        ),
        (
            "/api/entities?q=korea&type=person&top=5".into(),
            ["entities", "korea", "--type", "person", "--top", "5"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "/api/entities?with=Kim+Jong+Un".into(),
            ["entities", "--with", "Kim Jong Un"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "/api/timeline?q=gempa&by=year".into(),
            ["timeline", "gempa", "--by", "year"]
                .map(String::from)
                .to_vec(),
        ),
        ("/api/timeline".into(), vec!["timeline".into()]),
        ("/api/stats".into(), vec!["stats".into()]),
    ];
    for (path, cli) in cases {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        assert_secure(&r, &path);
        let mut args = cli.clone();
        args.push("--json".into());
        let run = env.run(&args);
        assert_eq!(run.code, 0, "{cli:?}: {}", run.stderr);
        assert!(
            run.stdout.len() > 20,
            "{cli:?} printed little: {}",
            run.stdout
        );
        assert_eq!(
            r.text(),
            run.stdout,
            "{path} differs from warta {cli:?} --json"
        );
    }
    let r = server.get(&format!("/api/similar/{id}?limit=3"));
    assert_eq!(r.status, 200, "{}", r.text());
    let cli = env.run(&["similar", &id, "--limit", "3", "--json"]);
    assert_eq!(
        r.text(),
        cli.stdout,
        "/api/similar differs from warta similar --json"
    );
    assert_eq!(r.json()["hits"].as_array().unwrap().len(), 3);
    let head = server.request("HEAD", "/api/stats", None);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn bad_requests_are_400s_with_a_json_error() {
    let env = archive();
    let server = Server::start(&env);
    let long = format!("/api/search?q={}", "a".repeat(4001));
    for (path, status, says) in [
        ("/api/search?q=a&limit=0", 400, "limit"),
        ("/api/search?q=a&limit=101", 400, "limit"),
        ("/api/search?q=a&limit=abc", 400, "limit"),
        ("/api/search?q=a&offset=9995&limit=10", 400, "offset"),
        ("/api/search?q=a&sort=sideways", 400, "sort"),
        ("/api/search?q=a&from=yesterday", 400, "date"),
        ("/api/search?q=a&from=2023&to=2020", 400, "after"),
        ("/api/search?q=a&nosuch=1", 400, "nosuch"),
        ("/api/search?q=a&q=b", 400, "more than once"),
        ("/api/search?q=%22%22", 400, "no words"),
        (long.as_str(), 400, "4000"),
        ("/api/timeline?by=week", 400, "by"),
        ("/api/entities?top=1000", 400, "top"),
        ("/api/similar/abc?limit=-1", 400, "limit"),
        ("/api/article/0000000000000000", 404, "no article"),
        ("/api/nothing", 404, "endpoint"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}: {}", r.text());
        let msg = r.json()["error"].as_str().unwrap_or("").to_string();
        assert!(msg.contains(says), "{path}: {msg}");
        assert_secure(&r, path);
    }
    // Pages explain a bad search on the page itself, with a 400 too.
    let r = server.get("/?q=a&limit=500");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("limit"));
    let r = server.get("/?q=%22%22");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("no words to search for"), "{}", r.text());
}

#[test]
fn foreign_hosts_and_methods_are_refused() {
    let env = archive();
    let server = Server::start(&env);
    for path in ["/", "/api/stats"] {
        for host in [
            "evil.example",
            "evil.example:7700",
            "localhost.evil.example",
            "",
        ] {
            let r = server.request("GET", path, Some(host));
            assert_eq!(r.status, 421, "{path} Host {host:?}");
            assert_secure(&r, path);
            assert!(!r.text().contains("articles"), "{}", r.text());
        }
        for host in ["localhost", "127.0.0.1"] {
            let port = server.addr.rsplit(':').next().unwrap();
            assert_eq!(
                server
                    .request("GET", path, Some(&format!("{host}:{port}")))
                    .status,
                200
            );
        }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let r = server.request(method, path, None);
            assert_eq!(r.status, 405, "{method} {path}");
            assert_eq!(r.header("allow"), Some("GET, HEAD"));
            assert_secure(&r, path);
        }
    }
}

#[test]
fn pages_render_and_article_text_stays_text() {
    let env = archive();
    let server = Server::start(&env);
    let found = env.search(&["racun", "siber"]);
    let id = found["hits"][0]["id"].as_str().unwrap().to_string();
    let pages = [
        "/".to_string(),
        "/?q=racun".into(),
        "/?q=racun&source=racun%3Cscript%3E".into(),
        format!("/article/{id}"),
        "/archive".into(),
        "/entity/person/%3Cscript%3Ealert(1)%3C%2Fscript%3E".into(),
        "/?q=%3Cscript%3Ealert(1)%3C/script%3E".into(),
    ];
    for p in &pages {
        let r = server.get(p);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        assert_secure(&r, p);
        let html = r.text();
        assert!(html.starts_with("<!DOCTYPE html>"), "{p}");
        // The only script is ours, loaded from a file; no injected tag or handler.
        assert_eq!(html.matches("<script").count(), 1, "{p}: {html}");
        assert!(html.contains(r#"<script src="/assets/app.js" defer>"#));
        for evil in ["<img", "href=\"javascript:"] {
            assert!(!html.contains(evil), "{p} holds {evil}: {html}");
        }
    }
    let article = server.get(&format!("/article/{id}")).text();
    // The hostile text is there, as text.
    assert!(
        article.contains("&lt;script&gt;alert('body')&lt;/script&gt;"),
        "{article}"
    );
    assert!(
        article.contains("&quot;&gt;&lt;img src=x onerror=alert('img')&gt;"),
        "{article}"
    );
    assert!(article.contains("Judul &lt;script&gt;alert('title')&lt;/script&gt; jahat"));
    assert!(
        article.contains("javascript:alert('url')"),
        "the URL is shown, not linked"
    );
    // A real article: its title, its outlet, a linked entity, its file.
    let hits = env.search(&["Vostochny", "--limit", "1"]);
    let h = &hits["hits"][0];
    let page = server
        .get(&format!("/article/{}", h["id"].as_str().unwrap()))
        .text();
    assert!(page.contains(h["title"].as_str().unwrap()));
    assert!(page.contains("/entity/person/Kim%20Jong%20Un"), "{page}");
    assert!(page.contains("025_tempo_kim-putin-vostochny.txt"));
    // The search page: highlighted hits, facets with links that add a filter, a
    // timeline whose bars narrow the dates, the count.
    let s = server.get("/?q=putin").text();
    assert!(s.contains("<mark>"), "{s}");
    assert!(
        s.contains("person=Kim+Jong+Un"),
        "no person facet link: {s}"
    );
    assert!(
        s.contains("<svg") && s.contains("from=20"),
        "no timeline: {s}"
    );
    let total = env.search(&["putin"])["total"].as_u64().unwrap();
    assert!(s.contains(&format!("of {total} results")), "{s}");
    // Nothing found says so, and a failed all-words search says it fell back.
    assert!(server.get("/?q=zzzqqq").text().contains("No results"));
    assert!(server
        .get("/?q=putin+zzzqqq")
        .text()
        .contains("No article has every word"));
    // The assets are built in.
    for (a, kind) in [
        ("/assets/style.css", "text/css"),
        ("/assets/app.js", "text/javascript"),
    ] {
        let r = server.get(a);
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().starts_with(kind));
    }
}

#[test]
fn a_second_index_shows_without_a_restart() {
    let env = archive();
    let server = Server::start(&env);
    let before = server.get("/api/search?q=zebrakuda").json();
    assert_eq!(before["total"], 0);
    let more = env.input("more");
    common::write_dump(
        &more,
        "zebra.txt",
        "Zebrakuda Lahir di Kebun Binatang Surabaya",
        "Rabu, 6 Mei 2020 09:00 WIB",
        &[
            "Surabaya - Seekor zebrakuda lahir pekan ini di Kebun Binatang Surabaya, anak pertama dari pasangan zebra dan kuda yang dipelihara sejak tiga tahun lalu.",
            "Pengelola kebun binatang mengatakan induk dan anaknya dalam keadaan sehat dan bisa dilihat pengunjung mulai akhir pekan depan.",
        ],
    );
    env.index(&[more]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = server.get("/api/search?q=zebrakuda").json();
        if now["total"] == 1 {
            let page = server.get("/?q=zebrakuda").text();
            assert!(page.contains("Zebrakuda Lahir di Kebun Binatang Surabaya"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new article never showed: {now}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn bad_bind_is_a_clear_error_and_other_addresses_warn() {
    let env = archive();
    let r = env.run(&["serve", "--bind", "nowhere"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--bind nowhere"), "{}", r.stderr);
    r.assert_no_bug("bad --bind");
    let mut child = env
        .cmd()
        .args(["serve", "--bind", "0.0.0.0:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(line.starts_with("warning: --bind 0.0.0.0"), "{line}");
}

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Debian's chromedriver, started; `None` (a skip) when it is missing outside CI.
fn chromedriver() -> Option<Driver> {
    let found = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(bin) = found else {
        common::skip_unless_ci(
            "chromedriver is missing (apt-get install chromium chromium-driver; .ci/run does)",
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    })
}

/// A real browser walks the app: search for a phrase, add a person facet, click a
/// timeline bar, open an article, follow an entity, go back; no injected script runs
/// on the way or on the hostile article. With `WARTA_SCREENSHOTS=1` it saves the
/// README's screenshots to `docs/screenshots/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_walks_the_app() {
    use fantoccini::{ClientBuilder, Locator};
    let Some(driver) = chromedriver() else { return };
    let env = archive();
    let server = Server::start(&env);
    let base = format!("http://{}", server.addr);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"]
        }),
    );
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("cannot start chromium through chromedriver");
    let shots = std::env::var("WARTA_SCREENSHOTS").is_ok_and(|v| v == "1");
    let shot = |name: &'static str| {
        let c = c.clone();
        async move {
            if shots {
                let png = c.screenshot().await.unwrap();
                let dir = common::repo().join("docs/screenshots");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
            }
        }
    };
    let url = || {
        let c = c.clone();
        async move { c.current_url().await.unwrap().to_string() }
    };
    // No script but ours ran: the hostile articles would set `window.pwned`.
    let clean = || {
        let c = c.clone();
        async move {
            let v = c
                .execute("return typeof window.pwned === 'undefined';", vec![])
                .await
                .unwrap();
            assert_eq!(v, serde_json::json!(true), "an injected script ran");
        }
    };

    // 1. A phrase, typed into the box (`/` focuses it).
    c.goto(&base).await.unwrap();
    let body = c.find(Locator::Css("body")).await.unwrap();
    body.send_keys("/").await.unwrap();
    let active = c
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(
        active,
        serde_json::json!("q"),
        "/ did not focus the search box"
    );
    let q = c.find(Locator::Id("q")).await.unwrap();
    q.send_keys("\"Korea Utara\"\u{E007}").await.unwrap(); // Enter
    c.wait().for_element(Locator::Css("ol.hits")).await.unwrap();
    assert!(
        url().await.contains("q=%22Korea+Utara%22"),
        "{}",
        url().await
    );
    shot("search").await;
    // 2. A person facet.
    let facet = c
        .find(Locator::Css(".facet a[href*='person=']"))
        .await
        .expect("no person facet");
    facet.click().await.unwrap();
    c.wait()
        .for_element(Locator::Css("ul.chips"))
        .await
        .unwrap();
    assert!(url().await.contains("person="), "{}", url().await);
    // 3. A timeline bar narrows the dates.
    let bar = c.find(Locator::Css("figure.timeline a.bar")).await.unwrap();
    bar.click().await.unwrap();
    c.wait()
        .for_element(Locator::Css("ul.chips"))
        .await
        .unwrap();
    let narrowed = url().await;
    assert!(
        narrowed.contains("from=") && narrowed.contains("to="),
        "{narrowed}"
    );
    assert!(
        narrowed.contains("person="),
        "the bar dropped the facet: {narrowed}"
    );
    // 4. An article.
    let link = c.find(Locator::Css("ol.hits h3 a")).await.unwrap();
    link.click().await.unwrap();
    c.wait()
        .for_element(Locator::Css("article.story"))
        .await
        .unwrap();
    let article = url().await;
    assert!(article.contains("/article/"), "{article}");
    shot("article").await;
    // 5. An entity.
    let entity = c
        .find(Locator::Css("aside.details ul.names a"))
        .await
        .unwrap();
    entity.click().await.unwrap();
    c.wait()
        .for_element(Locator::Css("figure.timeline"))
        .await
        .unwrap();
    assert!(url().await.contains("/entity/"), "{}", url().await);
    shot("entity").await;
    // 6. Back.
    c.back().await.unwrap();
    c.wait()
        .for_element(Locator::Css("article.story"))
        .await
        .unwrap();
    assert_eq!(url().await, article);
    clean().await;
    // The hostile article and a search that shows its snippet run nothing.
    c.goto(&format!("{base}/?q=racun")).await.unwrap();
    c.wait().for_element(Locator::Css("ol.hits")).await.unwrap();
    clean().await;
    c.find(Locator::Css("ol.hits h3 a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("article.story"))
        .await
        .unwrap();
    clean().await;
    let text = c
        .find(Locator::Css("article.story"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("<script>window.pwned=1</script>"), "{text}");
    c.close().await.unwrap();
}
