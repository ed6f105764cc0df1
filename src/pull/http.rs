//! The one place backlint speaks HTTP (`ureq` with rustls): GET and POST of JSON with a
//! timeout per request, retries with jittered backoff on 429 and 5xx (honouring
//! `Retry-After`, in seconds or as an HTTP date),
//! HTTPS only with certificate checks against the public authorities or those of a PEM file
//! (plain `http://` for `localhost` and `127.0.0.1` alone), and errors that say what to do: which variable to set on 401/403, the
//! tracker's own message on 400. No token is ever part of a message or a URL.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ureq::http::{HeaderMap, StatusCode};
use ureq::tls::{PemItem, RootCerts, TlsConfig};

use crate::error::Error;
use crate::pull::secret::Secret;
use crate::pull::Progress;
use crate::terminal_text::escape;

/// The largest response read (a page of 100 Jira issues with every field is a few MiB).
const MAX_BODY_BYTES: u64 = 512 * 1024 * 1024;
/// Attempts per request: the first and up to four retries.
const ATTEMPTS: u32 = 5;
/// The wait before the first retry when the server names none; doubled each retry, and
/// each wait drawn between half of it and all of it ([`jittered`]).
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait honoured from `Retry-After`; a server asking for more is an error.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// How requests prove who makes them.
pub enum Auth {
    /// `Authorization: Basic` of a user (an e-mail; empty for Azure DevOps) and a token.
    Basic { user: String, token: Secret },
    /// `Authorization: Bearer` (Jira Data Center, GitHub, …).
    Bearer(Secret),
}

impl Auth {
    fn header(&self) -> String {
        match self {
            Auth::Basic { user, token } => format!(
                "Basic {}",
                STANDARD.encode(format!("{user}:{}", token.expose()).as_bytes())
            ),
            Auth::Bearer(token) => format!("Bearer {}", token.expose()),
        }
    }

    /// `text` with the token replaced, should a response echo it: it is never saved.
    fn redact(&self, text: &str) -> String {
        match self {
            Auth::Basic { token, .. } | Auth::Bearer(token) => token.redact(text),
        }
    }
}

/// What the tracker's errors mean for the person running the pull.
pub struct Hints {
    /// On 401 and 403: which variables hold the credentials, e.g. `JIRA_EMAIL and JIRA_API_TOKEN`.
    pub credentials: String,
    /// On 404: what may be wrong, e.g. "the site or the API version".
    pub not_found: String,
    /// On 400: what to correct, e.g. the JQL as given.
    pub bad_request: String,
}

/// A client for one site: its address, credentials and extra headers.
pub struct Client<'p> {
    agent: ureq::Agent,
    auth: Auth,
    headers: Vec<(&'static str, &'static str)>,
    hints: Hints,
    /// Where notes of retries go (above the progress display).
    progress: &'p Progress,
}

/// A successful response: its body and the URL of the next page in its `Link` header.
pub struct Response {
    pub body: String,
    pub next: Option<String>,
}

impl<'p> Client<'p> {
    /// A client with a `timeout` per request; `headers` go with every request.
    pub fn new(
        timeout: Duration,
        roots: Option<RootCerts>,
        auth: Auth,
        headers: Vec<(&'static str, &'static str)>,
        hints: Hints,
        progress: &'p Progress,
    ) -> Client<'p> {
        let tls = TlsConfig::builder()
            .root_certs(roots.unwrap_or(RootCerts::WebPki))
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // A redirect is reported, not followed: the credentials stay with the site named.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(concat!("backlint/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client {
            agent,
            auth,
            headers,
            hints,
            progress,
        }
    }

    /// `text` with the token replaced, should a response echo it.
    pub fn redact(&self, text: &str) -> String {
        self.auth.redact(text)
    }

    /// GETs `url` with `query`; the body of a 2xx response, retried as the module says.
    pub fn get(&self, url: &str, query: &[(&str, &str)]) -> Result<Response, Error> {
        check_address(url)?;
        self.with_retries(url, || {
            let mut request = self
                .agent
                .get(url)
                .header("Authorization", self.auth.header());
            for (name, value) in &self.headers {
                request = request.header(*name, *value);
            }
            request.query_pairs(query.iter().copied()).call()
        })
    }

    /// POSTs the JSON `body` to `url` with `query`, retried as the module says.
    pub fn post_json(
        &self,
        url: &str,
        query: &[(&str, &str)],
        body: &str,
    ) -> Result<Response, Error> {
        check_address(url)?;
        self.with_retries(url, || {
            let mut request = self
                .agent
                .post(url)
                .header("Authorization", self.auth.header())
                .header("Content-Type", "application/json");
            for (name, value) in &self.headers {
                request = request.header(*name, *value);
            }
            request.query_pairs(query.iter().copied()).send(body)
        })
    }

    fn with_retries(
        &self,
        url: &str,
        send: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Response, Error> {
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt >= ATTEMPTS;
            let mut response = match send() {
                Ok(response) => response,
                Err(error) if !last && transient(&error) => {
                    let wait = jittered(backoff);
                    self.retrying(url, &error.to_string(), wait);
                    std::thread::sleep(wait);
                    backoff *= 2;
                    continue;
                }
                Err(error) => return Err(transport_error(url, &error)),
            };
            let status = response.status();
            let body = response
                .body_mut()
                .with_config()
                .limit(MAX_BODY_BYTES)
                .read_to_string()
                .map_err(|e| transport_error(url, &e))?;
            // Azure DevOps answers a token it does not accept with its sign-in page, as 203.
            if status == StatusCode::NON_AUTHORITATIVE_INFORMATION {
                return Err(self.status_error(url, StatusCode::UNAUTHORIZED, ""));
            }
            if status.is_success() {
                return Ok(Response {
                    next: next_link(response.headers()),
                    body,
                });
            }
            if let Some(wait) = wait_before_retry(status, response.headers(), jittered(backoff)) {
                if wait > MAX_RETRY_AFTER {
                    return Err(rate_limited(url, status, wait));
                }
                if !last {
                    self.retrying(url, &format!("HTTP {}", status.as_u16()), wait);
                    std::thread::sleep(wait);
                    backoff *= 2;
                    continue;
                }
            }
            return Err(self.status_error(url, status, &body));
        }
    }

    /// Says on stderr that a request is retried, and when.
    fn retrying(&self, url: &str, why: &str, wait: Duration) {
        self.progress.note(&format!(
            "note: {}: {}; retrying in {} s\n",
            escape(url),
            escape(why),
            seconds(wait)
        ));
    }

    /// The error for a response that is not a success, saying what to do.
    fn status_error(&self, url: &str, status: StatusCode, body: &str) -> Error {
        let code = status.as_u16();
        let said = tracker_message(body);
        let (message, help) = match code {
            401 => (
                "the site refused the credentials (HTTP 401)".to_owned(),
                format!("set {} to valid credentials for this site", self.hints.credentials),
            ),
            403 => (
                "the credentials may not read this (HTTP 403)".to_owned(),
                format!(
                    "check that the account of {} may browse the project, and that the token has the scopes to read it",
                    self.hints.credentials
                ),
            ),
            404 => (
                "not found (HTTP 404)".to_owned(),
                format!("check {}", self.hints.not_found),
            ),
            400 => (
                format!(
                    "the request was refused (HTTP 400): {}",
                    said.as_deref().unwrap_or("the response gives no reason")
                ),
                self.hints.bad_request.clone(),
            ),
            301 | 302 | 303 | 307 | 308 => (
                format!("the site answered with a redirect (HTTP {code})"),
                "give the address the site redirects to; backlint does not follow redirects, so credentials go only to the site named".to_owned(),
            ),
            _ => (
                match said {
                    Some(said) => format!("HTTP {code}: {said}"),
                    None => format!("HTTP {code}"),
                },
                "pull again later; if it persists, check the site's status".to_owned(),
            ),
        };
        fetch_error(url, message, help)
    }
}

/// A pull's error about `url`; the tracker's words in it are escaped.
pub(crate) fn fetch_error(url: &str, message: String, help: String) -> Error {
    Error::Fetch {
        url: escape(url).into_owned(),
        message: escape(&message).into_owned(),
        help,
    }
}

/// Errors worth another attempt: timeouts and broken connections, not a refused
/// certificate.
fn transient(error: &ureq::Error) -> bool {
    !is_tls_failure(error)
        && matches!(
            error,
            ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed
        )
}

/// Whether the TLS handshake failed (the site's certificate refused, most often): ureq
/// reports rustls's error inside an I/O error.
fn is_tls_failure(error: &ureq::Error) -> bool {
    match error {
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => true,
        ureq::Error::Io(io) => io
            .get_ref()
            .is_some_and(|inner| inner.is::<rustls::Error>()),
        _ => false,
    }
}

fn transport_error(url: &str, error: &ureq::Error) -> Error {
    let help = match error {
        ureq::Error::Timeout(_) => "the site did not answer in time; raise --timeout or pull again later",
        error if is_tls_failure(error) => "the site's certificate could not be verified: backlint trusts the public certificate authorities, or those of --ca-cert FILE (ca_cert under [pull]) for a site your organisation's own authority signed",
        _ => "check the site's address and the network (a proxy is taken from HTTPS_PROXY)",
    };
    fetch_error(url, error.to_string(), help.to_owned())
}

/// Refuses any address but `https://`, and `http://` on `localhost` or `127.0.0.1`.
pub fn check_address(url: &str) -> Result<(), Error> {
    let refused = |message: &str| {
        Err(fetch_error(
            url,
            message.to_owned(),
            "give the site as https://host (plain http:// only for localhost and 127.0.0.1)"
                .to_owned(),
        ))
    };
    let Some((scheme, rest)) = url.split_once("://") else {
        return refused("not a web address");
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return refused("the address holds credentials; give them in the environment instead");
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" if !host.is_empty() => Ok(()),
        "http" if host == "localhost" || host == "127.0.0.1" => Ok(()),
        "http" => refused("plain http is refused: the token would cross the network unencrypted"),
        _ => refused("not an https:// address"),
    }
}

/// How long to wait before asking again, when the answer is worth another attempt: 429
/// and 5xx (as `Retry-After` says, else `backoff`), and a 403 of a used-up rate limit
/// (GitHub's: `Retry-After`, or `X-RateLimit-Reset` when `X-RateLimit-Remaining` is 0).
fn wait_before_retry(
    status: StatusCode,
    headers: &HeaderMap,
    backoff: Duration,
) -> Option<Duration> {
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        return Some(retry_after(headers).unwrap_or(backoff));
    }
    if status != StatusCode::FORBIDDEN {
        return None;
    }
    let number =
        |name: &str| -> Option<u64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
    retry_after(headers).or_else(|| {
        (number("x-ratelimit-remaining")? == 0).then_some(())?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Some(Duration::from_secs(
            number("x-ratelimit-reset")?.saturating_sub(now),
        ))
    })
}

/// The error for a rate limit that asks for a longer wait than backlint makes.
fn rate_limited(url: &str, status: StatusCode, wait: Duration) -> Error {
    fetch_error(
        url,
        format!(
            "the site's rate limit is used up (HTTP {}): it asks to wait {} s, more than the {} s backlint waits",
            status.as_u16(),
            wait.as_secs(),
            MAX_RETRY_AFTER.as_secs()
        ),
        "pull again after that wait".to_owned(),
    )
}

/// `Retry-After` in seconds (the form trackers send) or as an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`: the wait until then, none when it is past).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let wait = at.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// A wait in seconds as said to people: whole seconds as such (`5`), else to a tenth
/// (`0.7`).
fn seconds(wait: Duration) -> String {
    if wait.subsec_millis() == 0 {
        wait.as_secs().to_string()
    } else {
        format!("{:.1}", wait.as_secs_f64())
    }
}

/// A wait drawn between half of `backoff` and all of it, so that clients that failed
/// together do not all retry at the same moment ("equal jitter").
fn jittered(backoff: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    // The standard library's hasher keys are random per process: enough for a jitter.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let half = backoff / 2;
    let spread = u64::try_from(half.as_millis()).unwrap_or(u64::MAX).max(1);
    half + Duration::from_millis(random % spread)
}

/// The certificate authorities of the PEM file at `path`, to trust instead of the public
/// ones (`--ca-cert`).
pub fn trusted_roots(path: &std::path::Path) -> Result<RootCerts, Error> {
    let refused = |why: &str| Error::Usage {
        message: format!(
            "{}: cannot trust the file's certificate authorities: {why}",
            path.display()
        ),
        help: "give a PEM file of the authorities' certificates (-----BEGIN CERTIFICATE-----), \
               such as your organisation's root certificate"
            .to_owned(),
    };
    let pem = std::fs::read(path).map_err(|e| Error::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(_) => return Err(refused("it is not valid PEM")),
        }
    }
    if certificates.is_empty() {
        return Err(refused("it holds no certificate"));
    }
    Ok(RootCerts::new_with_certs(&certificates))
}

/// The `rel="next"` URL of a `Link` header (RFC 8288), as GitHub paginates.
fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("link")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|link| {
            let (target, params) = link.split_once(';')?;
            let is_next = params.split(';').any(|param| {
                param
                    .trim()
                    .replace(' ', "")
                    .eq_ignore_ascii_case("rel=\"next\"")
                    || param.trim().eq_ignore_ascii_case("rel=next")
            });
            let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
            is_next.then(|| target.to_owned())
        })
}

/// The tracker's own words in an error body: Jira's `errorMessages` and `errors`, or the
/// `message` of GitHub and Azure DevOps.
fn tracker_message(body: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(body).ok()?;
    let mut said: Vec<String> = Vec::new();
    if let Some(messages) = json.get("errorMessages").and_then(|m| m.as_array()) {
        said.extend(
            messages
                .iter()
                .filter_map(|m| m.as_str())
                .map(str::to_owned),
        );
    }
    if let Some(errors) = json.get("errors").and_then(|e| e.as_object()) {
        said.extend(
            errors
                .iter()
                .filter_map(|(field, m)| Some(format!("{field}: {}", m.as_str()?))),
        );
    }
    if let Some(message) = json.get("message").and_then(|m| m.as_str()) {
        said.push(message.to_owned());
    }
    (!said.is_empty()).then(|| said.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_everywhere_but_on_this_machine() {
        assert!(check_address("https://example.atlassian.net/rest").is_ok());
        assert!(check_address("http://127.0.0.1:8080/rest").is_ok());
        assert!(check_address("http://localhost/rest").is_ok());
        assert!(check_address("http://example.com/rest").is_err());
        assert!(check_address("http://localhost.example.com/rest").is_err());
        assert!(check_address("ftp://example.com/").is_err());
        assert!(check_address("https://user:secret@example.com/").is_err());
        assert!(check_address("example.com").is_err());
    }

    #[test]
    fn next_link_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "link",
            "<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\""
                .parse()
                .unwrap(),
        );
        assert_eq!(
            next_link(&headers).as_deref(),
            Some("https://api.github.com/x?page=2")
        );
        headers.insert(
            "link",
            "<https://api.github.com/x?page=1>; rel=\"prev\""
                .parse()
                .unwrap(),
        );
        assert_eq!(next_link(&headers), None);
    }

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        let wait = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", value.parse().unwrap());
            retry_after(&headers)
        };
        assert_eq!(wait(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(wait("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(90);
        let soon = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&soon)
            .unwrap();
        let waited = wait(&soon).unwrap();
        assert!(waited > Duration::from_secs(80) && waited <= Duration::from_secs(90));
        assert_eq!(wait("soon"), None);
    }

    #[test]
    fn jittered_waits_stay_between_half_and_all_of_the_backoff() {
        let backoff = Duration::from_secs(4);
        let waits: Vec<Duration> = (0..50).map(|_| jittered(backoff)).collect();
        assert!(waits
            .iter()
            .all(|w| *w >= Duration::from_secs(2) && *w < backoff));
        assert!(waits.iter().any(|w| *w != waits[0]), "the waits vary");
        assert_eq!(seconds(Duration::from_secs(5)), "5");
        assert_eq!(seconds(Duration::from_millis(740)), "0.7");
    }

    #[test]
    fn the_trackers_words() {
        let jira = r#"{"errorMessages":["Error in the JQL Query: Expecting operator but got 'PAN'. (line 1, character 9)"],"errors":{}}"#;
        assert_eq!(
            tracker_message(jira).as_deref(),
            Some("Error in the JQL Query: Expecting operator but got 'PAN'. (line 1, character 9)")
        );
        assert_eq!(
            tracker_message(r#"{"message":"Bad credentials"}"#).as_deref(),
            Some("Bad credentials")
        );
        assert_eq!(tracker_message("<html>oops</html>"), None);
    }
}
