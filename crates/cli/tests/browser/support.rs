//! What the browser tests share: the real server and chromedriver as child
//! processes, a Chromium session, and small steps (click, type, wait, take
//! a screenshot) that wait for the page instead of sleeping.

use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "homeward-demo";
pub const LAPTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (390, 844);

/// A child process that is ended when the test ends, however it ends.
pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in names {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

pub fn required(names: &[&str], package: &str) -> PathBuf {
    find_program(names).unwrap_or_else(|| {
        panic!(
            "the browser test needs {} on PATH: install the Debian package '{package}' \
             (apt-get install -y chromium chromium-driver fonts-dejavu-core fonts-noto-core)",
            names.join(" or ")
        )
    })
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

pub fn wait_for_port(port: u16, within: Duration) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < within,
            "chromedriver did not listen on port {port} within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Starts `homeward serve --demo` on a free port and returns it with its
/// base URL, once it says it listens.
pub fn start_server(dir: &Path) -> (Running, String) {
    let db = dir.join("homeward.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_homeward"))
        .args([
            "serve",
            "--demo",
            "--public-report",
            "--listen",
            "127.0.0.1:0",
            "--db",
        ])
        .arg(&db)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("homeward starts");
    let stderr = child.stderr.take().expect("piped stderr");
    let running = Running(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("homeward listening on ")
                && let Some(tx) = tx.take()
            {
                let url = rest.split_whitespace().next().unwrap_or("").to_owned();
                let _ = tx.send(url);
            }
            // Keep draining so the server never blocks on a full pipe.
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(300))
        .expect("homeward serve --demo said where it listens within 5 minutes");
    (running, url)
}

pub fn start_chromedriver() -> (Running, u16) {
    let driver = required(&["chromedriver"], "chromium-driver");
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let running = Running(child);
    wait_for_port(port, Duration::from_secs(30));
    (running, port)
}

pub async fn open_browser(driver_port: u16, profile: &Path) -> Client {
    let chromium = required(&["chromium", "chromium-browser"], "chromium");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                format!("--user-data-dir={}", profile.display()),
                format!("--window-size={},{}", LAPTOP.0, LAPTOP.1),
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a Chromium session through chromedriver")
}

pub fn artifacts_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("a target directory")
        .join("ui-artifacts");
    std::fs::create_dir_all(&dir).expect("the artifacts directory");
    dir
}

pub async fn shot(c: &Client, name: &str, size: (u32, u32)) {
    c.set_window_size(size.0, size.1).await.expect("resize");
    // Let the layout settle after a resize.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await.expect("a screenshot");
    let path = artifacts_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("the screenshot is saved");
    eprintln!("screenshot: {}", path.display());
}

/// Runs `script` with `arg` in the page until it returns a string, and
/// returns it. One script call finds and reads what it needs: found in one
/// WebDriver call and read in the next, an element of a page being
/// replaced by a navigation goes stale in between. Retried while the
/// navigation is under way (an error) or the element is not there yet
/// (anything but a string), for up to 15 s; then fails naming `what`.
async fn read_in_page(c: &Client, script: &str, arg: &str, what: &str) -> String {
    let start = Instant::now();
    loop {
        let got = c
            .execute(script, vec![serde_json::Value::String(arg.to_owned())])
            .await;
        let why = match got {
            Ok(serde_json::Value::String(v)) => return v,
            Ok(other) => format!("read as {other}"),
            Err(e) => e.to_string(),
        };
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{what} could not be read: {why}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An attribute of the page's `<html>` element.
pub async fn html_attr(c: &Client, attr: &str) -> String {
    let script = "return document.documentElement.getAttribute(arguments[0]) || '';";
    read_in_page(c, script, attr, &format!("the attribute {attr}")).await
}

/// The rendered text of the first element matching `css`, once there is one.
pub async fn text_of(c: &Client, css: &str) -> String {
    let script = "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;";
    read_in_page(c, script, css, &format!("the element {css}")).await
}

/// Drops Fluent's isolation marks, for comparing visible text.
pub fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// Clicks the element. The page is marked first, so that
/// [`wait_for_query`] after a click that sends a form waits for the next
/// page instead of finding the query already in this page's address (two
/// forms in a row that both end in `?saved=…`).
pub async fn click(c: &Client, css: &str) {
    let _ = c.execute("window.__hwBeforeClick = true;", vec![]).await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

pub async fn wait_for_path(c: &Client, prefix: &str) {
    let start = Instant::now();
    loop {
        let url = c.current_url().await.expect("a URL");
        if url.path().starts_with(prefix) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the browser stayed on {url}, expected {prefix}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn wait_for_query(c: &Client, part: &str) {
    let start = Instant::now();
    loop {
        let url = c.current_url().await.expect("a URL");
        // Still the page the last click was on (or between pages).
        let before = c
            .execute("return window.__hwBeforeClick === true;", vec![])
            .await
            .map_or(true, |v| v == serde_json::Value::Bool(true));
        if !before && url.query().unwrap_or("").contains(part) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the browser stayed on {url}, expected ?{part}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn wait_for_lang(c: &Client, lang: &str) {
    let start = Instant::now();
    while html_attr(c, "lang").await != lang {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the page did not switch to {lang}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn type_into(c: &Client, css: &str, text: &str) {
    let field = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no field {css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

pub async fn sign_in_as(c: &Client, base: &str, login: &str, password: &str) {
    click(c, ".who form.inline button").await;
    wait_for_path(c, "/sign-in").await;
    c.goto(&format!("{base}/sign-in")).await.unwrap();
    type_into(c, "#login", login).await;
    type_into(c, "#password", password).await;
    click(c, "form.stack button[type=submit]").await;
    wait_until_signed_in(c, login).await;
}

/// Waits until the browser has left the sign-in page after its form was
/// sent (every path starts with "/", so waiting for "/" would not wait).
async fn wait_until_signed_in(c: &Client, login: &str) {
    let start = Instant::now();
    while c
        .current_url()
        .await
        .expect("a URL")
        .path()
        .starts_with("/sign-in")
    {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{login} stayed on the sign-in page"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The state of the first case on the page.
pub async fn case_state(c: &Client) -> String {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-state]"))
        .await
        .expect("a case on the page")
        .attr("data-state")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Fills the form whose id starts with `form` and sends it.
pub async fn send_case_form(c: &Client, form: &str, fields: &[(&str, &str)]) {
    for (name, value) in fields {
        let css = format!("form[id^='{form}'] [name='{name}']");
        let tag = c
            .find(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("no field {css}: {e}"))
            .tag_name()
            .await
            .unwrap();
        if tag == "select" {
            click(c, &format!("{css} option[value='{value}']")).await;
        } else if tag == "input"
            && c.find(Locator::Css(&format!("{css}[type='radio']")))
                .await
                .is_ok()
        {
            click(c, &format!("{css}[value='{value}']")).await;
        } else {
            type_into(c, &css, value).await;
        }
    }
    click(c, &format!("form[id^='{form}'] button[type=submit]")).await;
}

pub async fn take_step(c: &Client, action: &str, reason: &str) {
    if !reason.is_empty() {
        type_into(c, &format!("input[id^='reason-'][id$='-{action}']"), reason).await;
    }
    click(c, &format!("button[data-action='{action}']")).await;
    wait_for_query(c, "done=").await;
}

/// A browser session of its own, signed in as `login`.
pub async fn session(driver_port: u16, profile: &Path, base: &str, login: &str) -> Client {
    let c = open_browser(driver_port, profile).await;
    c.goto(&format!("{base}/sign-in")).await.unwrap();
    type_into(&c, "#login", login).await;
    type_into(&c, "#password", PASSWORD).await;
    click(&c, "form.stack button[type=submit]").await;
    wait_until_signed_in(&c, login).await;
    c
}

/// Screenshots of the page in every language, on a laptop and a phone,
/// scrolled to the first element matching `css`; ends in English at laptop
/// size.
pub async fn languages(c: &Client, name: &str, css: &str) {
    for (lang, dir) in [("uk", "ltr"), ("ru", "ltr"), ("ar", "rtl"), ("en", "ltr")] {
        click(c, &format!(".lang-switch button[value='{lang}']")).await;
        wait_for_lang(c, lang).await;
        assert_eq!(html_attr(c, "dir").await, dir);
        for (size, label) in [(LAPTOP, "laptop"), (PHONE, "phone")] {
            c.set_window_size(size.0, size.1).await.expect("resize");
            c.execute(
                "document.querySelector(arguments[0]).scrollIntoView();",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .unwrap();
            shot(c, &format!("{name}-{lang}-{label}"), size).await;
        }
    }
    c.set_window_size(LAPTOP.0, LAPTOP.1).await.expect("resize");
}

/// The attribute `attr` of every element matching `css`, in order.
pub async fn attr_all(c: &Client, css: &str, attr: &str) -> Vec<String> {
    let got = c
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]));",
            vec![css.into(), attr.into()],
        )
        .await
        .unwrap();
    serde_json::from_value(got).unwrap()
}
