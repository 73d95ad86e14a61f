//! A small HTTP/1.1 server on 127.0.0.1 for `recipients fetch` tests: it
//! answers each GET with what a test's handler returns for the path (and
//! how many times that path was asked before), closes the connection
//! after each answer, and records every request. Enough to play the
//! European Parliament's Open Data API without ever contacting it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// One answer: status, extra headers, body.
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// Further header lines, e.g. `("Retry-After", "0")`.
    pub headers: Vec<(String, String)>,
    /// The body, sent as `application/ld+json`.
    pub body: String,
}

impl Reply {
    /// 200 with `body`.
    pub fn json(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// `status` with a short body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: format!("{{\"status\": {status}}}"),
        }
    }

    /// Adds a header line.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&str, usize) -> Reply + Send + Sync;

/// A running server; it stops answering when the test process ends.
pub struct HttpServer {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl HttpServer {
    /// Starts a server whose `handler` gets each request's path with its
    /// query (`/meps/124?format=…`) and how often that path was asked
    /// before (0 the first time).
    pub fn start(handler: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                if reader.read_line(&mut first).is_err() {
                    continue;
                }
                // The rest of the head, up to the blank line.
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(_) if line == "\r\n" || line == "\n" => break,
                        Ok(_) => {}
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                seen.lock().unwrap().push(path.clone());
                let count = counts.entry(path.clone()).or_insert(0);
                let reply = handler(&path, *count);
                *count += 1;
                let mut head = format!(
                    "HTTP/1.1 {} X\r\nContent-Type: application/ld+json\r\nContent-Length: {}\r\nConnection: close\r\n",
                    reply.status,
                    reply.body.len()
                );
                for (name, value) in &reply.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(reply.body.as_bytes());
                let _ = stream.flush();
            }
        });
        HttpServer { port, requests }
    }

    /// The base URL to give as `--api-url`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/api/v2", self.port)
    }

    /// Every request's path and query so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}
