//! A server on 127.0.0.1 for the tests of `backlint pull` (tests/pull.rs, and the
//! Action's in tests/action.rs): it answers each connection with the next canned
//! response, in a tracker's shape, and records the requests. No test reaches the internet.

// Each test crate that includes this module uses part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// A response the server gives, in turn.
pub struct Canned {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

pub fn ok(body: impl Into<String>) -> Canned {
    Canned {
        status: 200,
        headers: Vec::new(),
        body: body.into(),
    }
}

pub fn status(status: u16, body: &str) -> Canned {
    Canned {
        status,
        headers: Vec::new(),
        body: body.to_owned(),
    }
}

impl Canned {
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The query's parameters, decoded.
    pub fn query(&self, name: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        query.split('&').find_map(|pair| {
            let (n, v) = pair.split_once('=')?;
            (n == name).then(|| decode(v))
        })
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// The request read from `stream`, and the stream to answer on; `None` when the client
/// went away (a refused certificate) before it was whole.
fn read_request<S: Read + Write>(stream: S) -> Option<(Seen, S)> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let method = words.next()?.to_owned();
    let target = words.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let seen = Seen {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    Some((seen, reader.into_inner()))
}

/// A server on 127.0.0.1 that answers each connection with the next canned response
/// (`{base}` in a header or body is its own address) and records the requests.
pub struct Server {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub fn replay(responses: Vec<Canned>) -> Server {
        Server::start("http", responses, Ok)
    }

    /// A server that speaks HTTPS with `config` (its certificate for 127.0.0.1); a
    /// connection whose handshake fails is dropped and its response kept for the next.
    pub fn replay_tls(responses: Vec<Canned>, config: Arc<rustls::ServerConfig>) -> Server {
        Server::start("https", responses, move |tcp| {
            let connection = rustls::ServerConnection::new(Arc::clone(&config))?;
            Ok(rustls::StreamOwned::new(connection, tcp))
        })
    }

    fn start<S: Read + Write>(
        scheme: &str,
        responses: Vec<Canned>,
        wrap: impl Fn(TcpStream) -> Result<S, rustls::Error> + Send + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("{scheme}://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (record, address) = (Arc::clone(&seen), base.clone());
        std::thread::spawn(move || {
            let mut responses = responses.into_iter().peekable();
            while let Some(canned) = responses.peek() {
                let Ok((tcp, _)) = listener.accept() else {
                    return;
                };
                let Ok(stream) = wrap(tcp) else {
                    continue;
                };
                let Some(request) = read_request(stream) else {
                    continue;
                };
                let (seen, mut stream) = request;
                record.lock().unwrap().push(seen);
                let body = canned.body.replace("{base}", &address);
                let mut response = format!(
                    "HTTP/1.1 {} Canned\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                    canned.status,
                    body.len()
                );
                for (name, value) in &canned.headers {
                    response.push_str(&format!(
                        "{name}: {}\r\n",
                        value.replace("{base}", &address)
                    ));
                }
                response.push_str("\r\n");
                response.push_str(&body);
                stream.write_all(response.as_bytes()).unwrap();
                stream.flush().unwrap();
                responses.next();
            }
        });
        Server { base, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// A certificate authority made for the test (its certificate as PEM) and the TLS setup of
/// a server on 127.0.0.1 whose certificate that authority signed.
pub fn private_authority() -> (String, Arc<rustls::ServerConfig>) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let authority_key = KeyPair::generate().unwrap();
    let mut authority = CertificateParams::new(Vec::<String>::new()).unwrap();
    authority.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    authority
        .distinguished_name
        .push(DnType::CommonName, "Pantry internal authority");
    let authority = authority.self_signed(&authority_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let site = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&key, &authority, &authority_key)
        .unwrap();
    let private = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der());
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![site.der().clone()], private.into())
        .unwrap();
    (authority.pem(), Arc::new(config))
}
