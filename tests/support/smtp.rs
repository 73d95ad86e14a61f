//! SMTP servers for the end-to-end tests.
//!
//! * [`start`] runs a small scriptable server of our own (plain, STARTTLS or
//!   implicit TLS; AUTH PLAIN/LOGIN; [`Fault`]s that make it misbehave at a
//!   chosen step) and records everything it receives.
//! * [`start_mailin`] runs the independent `mailin-embedded` server (STARTTLS
//!   and AUTH only) with the same recording accessors.
//!
//! Both listen on 127.0.0.1 on a port chosen by the system. A [`TestServer`]
//! stops all its threads when it is dropped; a [`MailinServer`] cannot be
//! stopped (see there).

use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

use super::certs::TestCerts;

/// How a connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// No TLS at all; AUTH (if configured) is offered in the clear.
    Plain,
    /// Plain connection that offers STARTTLS; AUTH only after STARTTLS.
    StartTls,
    /// TLS from the first byte (SMTPS, port 465 style).
    ImplicitTls,
}

/// The points of an SMTP session at which a [`Fault`] can fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The 220 greeting after the connection is accepted.
    Greeting,
    /// EHLO or HELO.
    Ehlo,
    /// STARTTLS.
    StartTls,
    /// AUTH, once the client has sent its credentials (after any 334 exchange).
    Auth,
    /// MAIL FROM.
    Mail,
    /// RCPT TO.
    Rcpt,
    /// The DATA command (before the 354).
    Data,
    /// The final `.` line that ends the message content.
    EndOfData,
    /// RSET.
    Rset,
    /// NOOP.
    Noop,
    /// QUIT.
    Quit,
}

/// What a [`Fault`] makes the server do instead of its normal behaviour.
///
/// Uniform rules, at every step:
/// * `Reply(c, t)` / `ReplyAndClose(c, t)`: with `c >= 400` the command is
///   refused with this reply and has no effect (at `EndOfData`: the message
///   is not stored); with `c < 400` the command is processed as usual and
///   only the reply text the client sees is this one. `ReplyAndClose` then
///   closes the connection.
/// * `Close`: the command has no effect, no reply, the connection is closed.
/// * `StoreAndClose`: the command is processed as usual (at `EndOfData`: the
///   message is stored), then the connection is closed without a reply.
/// * `Stall(d)`: the command is processed as usual (at `EndOfData`: the
///   message is stored), then the server waits `d` before sending the
///   normal reply. `Duration::MAX` waits until the server is dropped.
/// * `Trickle(d)`: processed as usual, then the normal reply is sent one
///   byte every `d`.
/// * `Endless(d)`: processed as usual, then a continuation line
///   (`250-still going`, `220-` at the greeting) every `d`, never the last
///   line, until the client hangs up or the server is dropped.
/// * `Raw(text)`: the command has no effect; `text` is sent as it is (no
///   reply code or line end is added): another protocol's greeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Reply(u16, String),
    ReplyAndClose(u16, String),
    Close,
    StoreAndClose,
    Stall(Duration),
    Trickle(Duration),
    Endless(Duration),
    Raw(String),
}

/// A scripted misbehaviour. Build with [`Fault::new`] and the builder methods.
///
/// Counting: every time the server reaches `step` in a way that matches
/// `rcpt_contains`, the fault sees one occurrence, counted across the whole
/// server lifetime (all connections). The first `skip` occurrences are let
/// through, the next `times` fire the action, later ones are let through
/// (the fault is spent). Faults are consulted in list order: one that is
/// still skipping counts the occurrence and passes it on to the next fault;
/// the first one that fires consumes it (later faults do not see it).
#[derive(Clone, Debug)]
pub struct Fault {
    pub step: Step,
    /// Only occurrences whose transaction involves a recipient containing
    /// this text (case-insensitive): at `Rcpt` the address of that RCPT
    /// command; at any other step any recipient accepted so far in the
    /// current transaction (so before the first RCPT nothing matches).
    pub rcpt_contains: Option<String>,
    /// Matching occurrences to let through before firing.
    pub skip: usize,
    /// How many times to fire; then the fault is spent.
    pub times: usize,
    pub action: Action,
}

impl Fault {
    /// Fires once, at the first occurrence of `step`.
    pub fn new(step: Step, action: Action) -> Self {
        Fault {
            step,
            rcpt_contains: None,
            skip: 0,
            times: 1,
            action,
        }
    }

    pub fn rcpt_contains(mut self, text: &str) -> Self {
        self.rcpt_contains = Some(text.to_string());
        self
    }

    pub fn skip(mut self, n: usize) -> Self {
        self.skip = n;
        self
    }

    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }

    /// Fires at every matching occurrence (after `skip`).
    pub fn always(mut self) -> Self {
        self.times = usize::MAX;
        self
    }
}

/// Configuration of [`start`]. `Default` is [`ServerOptions::plain`].
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub security: Security,
    /// Required for `StartTls` and `ImplicitTls`.
    pub certs: Option<TestCerts>,
    /// User and password; when set, AUTH PLAIN LOGIN is offered (only on an
    /// encrypted connection unless `security` is `Plain`) and MAIL requires it.
    pub auth: Option<(String, String)>,
    /// Offer STARTTLS in EHLO (and accept the command). Only meaningful with
    /// `Security::StartTls`; false simulates a server that lacks STARTTLS.
    pub advertise_starttls: bool,
    /// Offer PIPELINING (RFC 2920) in EHLO, as most servers do.
    pub advertise_pipelining: bool,
    /// Answer DATA with 354 even when no recipient was accepted (and refuse
    /// the message at the final dot), as some servers do.
    pub data_without_rcpt: bool,
    /// Offer SMTPUTF8 (RFC 6531) in EHLO: addresses with non-ASCII local
    /// parts may then be used.
    pub advertise_smtputf8: bool,
    /// Like a careless server: answer DATA with 354 even after a refused
    /// MAIL or RCPT, and store whatever data then ends with the final dot,
    /// without sender or recipients (so a client's empty "message" shows).
    pub lenient_data: bool,
    /// Offer AUTH XOAUTH2 too, accepting this access token for the user of
    /// `auth`; any other token is answered with 334 and an error in JSON
    /// (as Gmail does), then 535 after the client's empty line.
    pub xoauth2_token: Option<String>,
    pub faults: Vec<Fault>,
    /// Called when a message's final dot has arrived, before the server
    /// answers (see [`DotWatcher`]).
    pub at_final_dot: Option<DotWatcher>,
    /// Greet no connection until this many have been made (or 20 s have
    /// passed): a client that waits for one connection's greeting before it
    /// makes the next then waits out its own deadline.
    pub greet_together: Option<usize>,
}

/// A test's look at the world at the moment a message's final dot arrives
/// (before any fault at `EndOfData` and before the reply): called with the
/// transaction's accepted recipients and the message content, on the
/// connection's thread. Used to check what the client had made durable
/// before it let the message go (tests/durability.rs).
#[derive(Clone)]
pub struct DotWatcher(pub Arc<DotWatch>);

/// What a [`DotWatcher`] calls: the recipients, then the message content.
pub type DotWatch = dyn Fn(&[String], &[u8]) + Send + Sync;

impl std::fmt::Debug for DotWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DotWatcher")
    }
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions::plain()
    }
}

impl ServerOptions {
    /// Plain SMTP, no TLS, no AUTH.
    pub fn plain() -> Self {
        ServerOptions {
            security: Security::Plain,
            certs: None,
            auth: None,
            advertise_starttls: false,
            advertise_pipelining: true,
            data_without_rcpt: false,
            advertise_smtputf8: false,
            lenient_data: false,
            xoauth2_token: None,
            faults: Vec::new(),
            at_final_dot: None,
            greet_together: None,
        }
    }

    /// STARTTLS with `certs`, AUTH required as `user`/`pass`.
    pub fn starttls(certs: &TestCerts, user: &str, pass: &str) -> Self {
        ServerOptions {
            security: Security::StartTls,
            certs: Some(certs.clone()),
            auth: Some((user.to_string(), pass.to_string())),
            advertise_starttls: true,
            advertise_pipelining: true,
            data_without_rcpt: false,
            advertise_smtputf8: false,
            lenient_data: false,
            xoauth2_token: None,
            faults: Vec::new(),
            at_final_dot: None,
            greet_together: None,
        }
    }

    /// Implicit TLS with `certs`, AUTH required as `user`/`pass`.
    pub fn implicit_tls(certs: &TestCerts, user: &str, pass: &str) -> Self {
        ServerOptions {
            security: Security::ImplicitTls,
            certs: Some(certs.clone()),
            auth: Some((user.to_string(), pass.to_string())),
            advertise_starttls: false,
            advertise_pipelining: true,
            data_without_rcpt: false,
            advertise_smtputf8: false,
            lenient_data: false,
            xoauth2_token: None,
            faults: Vec::new(),
            at_final_dot: None,
            greet_together: None,
        }
    }

    /// Require AUTH as `user`/`pass`.
    pub fn with_auth(mut self, user: &str, pass: &str) -> Self {
        self.auth = Some((user.to_string(), pass.to_string()));
        self
    }

    /// Do not offer AUTH, and accept MAIL without it.
    pub fn without_auth(mut self) -> Self {
        self.auth = None;
        self
    }

    /// Neither advertise nor accept STARTTLS.
    pub fn without_starttls(mut self) -> Self {
        self.advertise_starttls = false;
        self
    }

    /// Do not offer PIPELINING: the client must wait for each reply.
    pub fn without_pipelining(mut self) -> Self {
        self.advertise_pipelining = false;
        self
    }

    /// Offer SMTPUTF8 in EHLO.
    pub fn with_smtputf8(mut self) -> Self {
        self.advertise_smtputf8 = true;
        self
    }

    /// Say 354 to DATA even without an accepted recipient.
    pub fn with_data_without_rcpt(mut self) -> Self {
        self.data_without_rcpt = true;
        self
    }

    /// Say 354 to any DATA and store whatever data follows (see
    /// [`ServerOptions::lenient_data`]).
    pub fn with_lenient_data(mut self) -> Self {
        self.lenient_data = true;
        self
    }

    /// Offer XOAUTH2 and accept `token` (see [`ServerOptions::xoauth2_token`]).
    pub fn with_xoauth2(mut self, token: &str) -> Self {
        self.xoauth2_token = Some(token.to_string());
        self
    }

    pub fn with_fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Holds every greeting until `n` connections are open (see
    /// [`ServerOptions::greet_together`]).
    pub fn with_greetings_held_until(mut self, n: usize) -> Self {
        self.greet_together = Some(n);
        self
    }

    /// Calls `watch` whenever a message's final dot arrives.
    pub fn with_dot_watcher(
        mut self,
        watch: impl Fn(&[String], &[u8]) + Send + Sync + 'static,
    ) -> Self {
        self.at_final_dot = Some(DotWatcher(Arc::new(watch)));
        self
    }
}

/// A message the server accepted (or stored because of a fault).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// 1-based number of the connection it arrived on.
    pub connection: usize,
    /// The MAIL FROM address, without angle brackets.
    pub mail_from: String,
    /// The accepted RCPT TO addresses, without angle brackets.
    pub rcpt_to: Vec<String>,
    /// The content, dot-unstuffed, without the final `.` line (so it ends
    /// with the CRLF of its last line).
    pub data: Vec<u8>,
    /// Whether the connection was encrypted when the message arrived.
    pub tls: bool,
    /// The user the session authenticated as, if any.
    pub authenticated_as: Option<String>,
    /// The last EHLO/HELO name of the session.
    pub helo: String,
    /// When the server took the message (its final dot): the send times
    /// a pace is checked against.
    pub arrived: Instant,
}

impl Received {
    /// The content as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// Handle of a running [`start`] server. Dropping it stops the server: the
/// listener and every open connection are shut down, stalls are cut short,
/// and the threads are joined (for at most two seconds; any still running
/// after that are left detached, which cannot keep the process alive).
pub struct TestServer {
    port: u16,
    shared: Arc<Shared>,
    accept_thread: Option<JoinHandle<()>>,
}

/// Waits on `changed` until `done` holds for the state; false on timeout.
fn wait_until<S>(
    state: &Mutex<S>,
    changed: &Condvar,
    timeout: Duration,
    done: impl Fn(&S) -> bool,
) -> bool {
    let deadline = Instant::now().checked_add(timeout);
    let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
    while !done(&st) {
        let now = Instant::now();
        let wait = match deadline {
            Some(deadline) if now >= deadline => return false,
            Some(deadline) => deadline - now,
            None => Duration::from_secs(1),
        };
        st = changed
            .wait_timeout(st, wait)
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    true
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

struct State {
    stopped: bool,
    connections: usize,
    messages: Vec<Received>,
    transcript: Vec<String>,
    errors: Vec<String>,
    faults: Vec<FaultState>,
    queued: usize,
    /// MAIL commands that arrived together with the next command (the
    /// client pipelined its envelope).
    pipelined: usize,
    /// Per final dot, in order: the command that had arrived with it (the
    /// line already read after the dot: `MAIL FROM:<…>`, `QUIT`), or ""
    /// when the client waited for the dot's reply (RFC 2920 groups).
    with_dot: Vec<String>,
    /// Clones of the open sockets, to shut them down when the server stops.
    open: Vec<(usize, TcpStream)>,
}

struct FaultState {
    fault: Fault,
    skipped: usize,
    fired: usize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn record_error(&self, msg: String) {
        let mut st = self.lock();
        st.errors.push(msg);
        self.changed.notify_all();
    }
}

/// Start a scriptable server on 127.0.0.1 (port chosen by the system).
///
/// Panics (in the calling test) if the options are inconsistent, e.g. TLS
/// without certificates.
pub fn start(opts: ServerOptions) -> TestServer {
    let tls_config = match opts.security {
        Security::Plain => None,
        Security::StartTls | Security::ImplicitTls => {
            let certs = opts
                .certs
                .as_ref()
                .expect("ServerOptions: StartTls/ImplicitTls need certs");
            Some(server_tls_config(certs))
        }
    };
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("local_addr").port();
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            stopped: false,
            connections: 0,
            messages: Vec::new(),
            transcript: Vec::new(),
            errors: Vec::new(),
            faults: opts
                .faults
                .iter()
                .map(|f| FaultState {
                    fault: f.clone(),
                    skipped: 0,
                    fired: 0,
                })
                .collect(),
            queued: 0,
            pipelined: 0,
            with_dot: Vec::new(),
            open: Vec::new(),
        }),
        changed: Condvar::new(),
        threads: Mutex::new(Vec::new()),
    });
    let opts = Arc::new(opts);
    let accept_shared = Arc::clone(&shared);
    let accept_thread = thread::Builder::new()
        .name(format!("smtp-test-accept-{port}"))
        .spawn(move || accept_loop(listener, accept_shared, opts, tls_config))
        .expect("spawn accept thread");
    TestServer {
        port,
        shared,
        accept_thread: Some(accept_thread),
    }
}

impl TestServer {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Messages stored so far, in order.
    pub fn messages(&self) -> Vec<Received> {
        self.shared.lock().messages.clone()
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.lock().connections
    }

    /// Every command line received (including AUTH continuation lines,
    /// verbatim; not the message content), as `"<connection>: <line>"`.
    pub fn transcript(&self) -> Vec<String> {
        self.shared.lock().transcript.clone()
    }

    /// Problems seen by the server threads, as `"<connection>: <what>"`:
    /// TLS handshake failures, I/O errors, a client that hung up during
    /// DATA, panics. Many are caused by the client on purpose in a test
    /// (e.g. it rejected the certificate); a client hanging up between
    /// commands is not listed.
    pub fn errors(&self) -> Vec<String> {
        self.shared.lock().errors.clone()
    }

    /// How often each fault (in `ServerOptions::faults` order) has fired.
    /// How many MAIL commands arrived in the same read as the command after
    /// them, i.e. pipelined.
    pub fn pipelined_envelopes(&self) -> usize {
        self.shared.lock().pipelined
    }

    /// Per final dot received, in order: the command that came in the same
    /// group as the dot (`MAIL FROM:<…>` of the next letter, `QUIT`), or ""
    /// when nothing followed it before its reply.
    pub fn commands_with_dot(&self) -> Vec<String> {
        self.shared.lock().with_dot.clone()
    }

    pub fn faults_fired(&self) -> Vec<usize> {
        self.shared.lock().faults.iter().map(|f| f.fired).collect()
    }

    /// Wait until at least `n` messages are stored; false on timeout.
    pub fn wait_for_messages(&self, n: usize, timeout: Duration) -> bool {
        wait_until(&self.shared.state, &self.shared.changed, timeout, |st| {
            st.messages.len() >= n
        })
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let open = {
            let mut st = self.shared.lock();
            st.stopped = true;
            self.shared.changed.notify_all();
            std::mem::take(&mut st.open)
        };
        for (_, stream) in open {
            let _ = stream.shutdown(Shutdown::Both);
        }
        // Wake the accept thread, which then sees `stopped` and ends.
        let _ =
            TcpStream::connect_timeout(&([127, 0, 0, 1], self.port).into(), Duration::from_secs(1));
        let mut threads: Vec<JoinHandle<()>> = self.accept_thread.take().into_iter().collect();
        threads.append(
            &mut self
                .shared
                .threads
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        let deadline = Instant::now() + Duration::from_secs(2);
        while threads.iter().any(|t| !t.is_finished()) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(5));
        }
        for t in threads {
            if t.is_finished() {
                let _ = t.join();
            }
        }
    }
}

fn server_tls_config(certs: &TestCerts) -> Arc<ServerConfig> {
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(certs.cert_pem.as_bytes())
            .collect::<Result<_, _>>()
            .expect("parse cert_pem");
    let key = PrivateKeyDer::from_pem_slice(certs.key_pem.as_bytes()).expect("parse key_pem");
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("TLS protocol versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server certificate");
    Arc::new(config)
}

fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    opts: Arc<ServerOptions>,
    tls_config: Option<Arc<ServerConfig>>,
) {
    loop {
        let accepted = listener.accept();
        // Checking `stopped` and registering the socket under one lock means
        // Drop either sees the socket (and shuts it down) or we see `stopped`.
        let mut st = shared.lock();
        if st.stopped {
            return;
        }
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                st.errors.push(format!("0: accept failed: {e}"));
                drop(st);
                thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        st.connections += 1;
        shared.changed.notify_all();
        let number = st.connections;
        match stream.try_clone() {
            Ok(clone) => st.open.push((number, clone)),
            Err(e) => st
                .errors
                .push(format!("{number}: cannot clone socket: {e}")),
        }
        drop(st);
        let conn_shared = Arc::clone(&shared);
        let conn_opts = Arc::clone(&opts);
        let conn_tls = tls_config.clone();
        let spawned = thread::Builder::new()
            .name(format!("smtp-test-conn-{number}"))
            .spawn(move || run_connection(stream, number, conn_shared, conn_opts, conn_tls));
        match spawned {
            Ok(handle) => shared
                .threads
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(handle),
            Err(e) => shared.record_error(format!("{number}: cannot spawn thread: {e}")),
        }
    }
}

fn run_connection(
    stream: TcpStream,
    number: usize,
    shared: Arc<Shared>,
    opts: Arc<ServerOptions>,
    tls_config: Option<Arc<ServerConfig>>,
) {
    // A safety net only: dropping the server shuts the socket down anyway.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(60)));
    let socket = stream.try_clone().ok();
    let mut session = Session {
        number,
        shared: Arc::clone(&shared),
        opts,
        tls_config,
        conn: Some(Conn::Plain(stream)),
        buf: Vec::new(),
        tls: false,
        helo: None,
        authenticated_as: None,
        tx: None,
    };
    let result = panic::catch_unwind(AssertUnwindSafe(|| session.run()));
    drop(session);
    let stopped = shared.lock().stopped;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) if !stopped => shared.record_error(format!("{number}: {e}")),
        Ok(Err(_)) => {}
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(non-string panic)".to_string());
            shared.record_error(format!("{number}: server thread panicked: {what}"));
        }
    }
    // Close for real: the clone kept for shutdown would keep the socket open.
    if let Some(socket) = socket {
        let _ = socket.shutdown(Shutdown::Both);
    }
    shared.lock().open.retain(|(n, _)| *n != number);
}

enum Conn {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

struct Transaction {
    mail_from: String,
    rcpt_to: Vec<String>,
}

/// The normal outcome of a command.
struct Normal {
    code: u16,
    text: String,
    then: Then,
}

enum Then {
    Nothing,
    StartTls,
    ReadData,
    Close,
}

impl Normal {
    fn reply(code: u16, text: impl Into<String>) -> Self {
        Normal {
            code,
            text: text.into(),
            then: Then::Nothing,
        }
    }

    fn then(mut self, then: Then) -> Self {
        self.then = then;
        self
    }
}

enum Flow {
    Continue,
    Close,
}

const MAX_LINE: usize = 16 * 1024 * 1024;

struct Session {
    number: usize,
    shared: Arc<Shared>,
    opts: Arc<ServerOptions>,
    tls_config: Option<Arc<ServerConfig>>,
    conn: Option<Conn>,
    /// Bytes read but not yet consumed as lines.
    buf: Vec<u8>,
    tls: bool,
    helo: Option<String>,
    authenticated_as: Option<String>,
    tx: Option<Transaction>,
}

fn is_hangup(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    )
}

impl Session {
    fn run(&mut self) -> io::Result<()> {
        if self.opts.security == Security::ImplicitTls {
            self.handshake()?;
        }
        if let Some(n) = self.opts.greet_together {
            wait_until(
                &self.shared.state,
                &self.shared.changed,
                Duration::from_secs(20),
                |st| st.connections >= n,
            );
        }
        if let Flow::Close = self.step(Step::Greeting, &[], |_| {
            Ok(Normal::reply(220, "localhost ESMTP appeal test server"))
        })? {
            return Ok(());
        }
        loop {
            let line = match self.read_line() {
                Ok(Some(line)) => line,
                Ok(None) => return Ok(()),
                Err(e) if is_hangup(&e) => return Ok(()),
                Err(e) => return Err(e),
            };
            let line = String::from_utf8_lossy(&line)
                .trim_end_matches(['\r', '\n'])
                .to_string();
            self.log(&line);
            if line.len() >= 5 && line[..5].eq_ignore_ascii_case("MAIL ") && !self.buf.is_empty() {
                self.shared.lock().pipelined += 1;
            }
            if let Flow::Close = self.command(&line)? {
                return Ok(());
            }
        }
    }

    fn log(&self, line: &str) {
        let mut st = self.shared.lock();
        st.transcript.push(format!("{}: {}", self.number, line));
    }

    fn conn(&mut self) -> io::Result<&mut Conn> {
        self.conn
            .as_mut()
            .ok_or_else(|| io::Error::other("connection already closed"))
    }

    /// The next line including its `\n`, or None at end of stream.
    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
                return Ok(Some(self.buf.drain(..=pos).collect()));
            }
            if self.buf.len() > MAX_LINE {
                return Err(io::Error::other("line too long"));
            }
            let mut chunk = [0u8; 8192];
            let n = self.conn()?.read(&mut chunk)?;
            if n == 0 {
                return Ok(None);
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }

    fn send_reply(&mut self, code: u16, text: &str) -> io::Result<()> {
        let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let sep = if i + 1 == lines.len() { ' ' } else { '-' };
            out.push_str(&format!("{code}{sep}{line}\r\n"));
        }
        let conn = self.conn()?;
        conn.write_all(out.as_bytes())?;
        conn.flush()
    }

    fn handshake(&mut self) -> io::Result<()> {
        let config = self
            .tls_config
            .clone()
            .ok_or_else(|| io::Error::other("no TLS configuration"))?;
        let mut tcp = match self.conn.take() {
            Some(Conn::Plain(tcp)) => tcp,
            Some(other) => {
                self.conn = Some(other);
                return Err(io::Error::other("TLS already active"));
            }
            None => return Err(io::Error::other("connection already closed")),
        };
        // Anything the client sent after STARTTLS in the clear is discarded.
        self.buf.clear();
        let mut tls = ServerConnection::new(config).map_err(io::Error::other)?;
        while tls.is_handshaking() {
            match tls.complete_io(&mut tcp) {
                Ok((0, 0)) if tls.is_handshaking() => {
                    return Err(io::Error::other(
                        "TLS handshake failed: connection closed by client",
                    ))
                }
                Ok(_) => {}
                Err(e) => {
                    return Err(io::Error::new(
                        e.kind(),
                        format!("TLS handshake failed: {e}"),
                    ))
                }
            }
        }
        self.conn = Some(Conn::Tls(Box::new(StreamOwned::new(tls, tcp))));
        self.tls = true;
        self.helo = None;
        self.authenticated_as = None;
        self.tx = None;
        Ok(())
    }

    /// Consult the faults for one occurrence of `step`.
    fn fault(&self, step: Step, rcpts: &[String]) -> Option<Action> {
        let mut st = self.shared.lock();
        for f in st.faults.iter_mut() {
            if f.fault.step != step {
                continue;
            }
            if let Some(needle) = &f.fault.rcpt_contains {
                let needle = needle.to_lowercase();
                if !rcpts.iter().any(|r| r.to_lowercase().contains(&needle)) {
                    continue;
                }
            }
            if f.fired >= f.fault.times {
                continue;
            }
            if f.skipped < f.fault.skip {
                f.skipped += 1;
                continue;
            }
            f.fired += 1;
            return Some(f.fault.action.clone());
        }
        None
    }

    /// Wait up to `d`; false if the server was stopped meanwhile.
    fn stall(&self, d: Duration) -> bool {
        let deadline = Instant::now().checked_add(d);
        let mut st = self.shared.lock();
        loop {
            if st.stopped {
                return false;
            }
            let wait = match deadline {
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return true;
                    }
                    (deadline - now).min(Duration::from_secs(1))
                }
                None => Duration::from_secs(1),
            };
            st = self
                .shared
                .changed
                .wait_timeout(st, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Run one step: consult the faults, do the normal processing if the
    /// fault lets it happen, reply, and follow up.
    fn step(
        &mut self,
        step: Step,
        rcpts: &[String],
        process: impl FnOnce(&mut Self) -> io::Result<Normal>,
    ) -> io::Result<Flow> {
        let action = self.fault(step, rcpts);
        if let Some(Action::Raw(text)) = &action {
            let conn = self.conn()?;
            conn.write_all(text.as_bytes())?;
            conn.flush()?;
            return Ok(Flow::Continue);
        }
        if let Some(Action::Trickle(d) | Action::Endless(d)) = &action {
            let (d, endless) = (*d, matches!(action, Some(Action::Endless(_))));
            let normal = process(self)?;
            return self.send_slowly(normal, d, endless);
        }
        let (apply, custom, close_after, stall) = match &action {
            None => (true, None, false, None),
            Some(Action::Reply(c, t)) => (*c < 400, Some((*c, t.clone())), false, None),
            Some(Action::ReplyAndClose(c, t)) => (*c < 400, Some((*c, t.clone())), true, None),
            Some(Action::Close) => (false, None, true, None),
            Some(Action::StoreAndClose) => (true, None, true, None),
            Some(Action::Stall(d)) => (true, None, false, Some(*d)),
            Some(Action::Trickle(_) | Action::Endless(_) | Action::Raw(_)) => {
                unreachable!("handled above")
            }
        };
        let normal = if apply { Some(process(self)?) } else { None };
        if let Some(d) = stall {
            if !self.stall(d) {
                return Ok(Flow::Close);
            }
        }
        let reply = match (&action, &custom, &normal) {
            (_, Some((c, t)), _) => Some((*c, t.clone())),
            (Some(Action::Close) | Some(Action::StoreAndClose), _, _) => None,
            (_, None, Some(n)) => Some((n.code, n.text.clone())),
            (_, None, None) => None,
        };
        if let Some((code, text)) = reply {
            self.send_reply(code, &text)?;
        }
        if close_after {
            return Ok(Flow::Close);
        }
        match normal.map(|n| n.then) {
            Some(Then::StartTls) => {
                self.handshake()?;
                Ok(Flow::Continue)
            }
            Some(Then::ReadData) => self.read_data(),
            Some(Then::Close) => Ok(Flow::Close),
            Some(Then::Nothing) | None => Ok(Flow::Continue),
        }
    }

    /// `Trickle` and `Endless`: the reply a byte at a time, or continuation
    /// lines without end; then what the command does next.
    fn send_slowly(&mut self, normal: Normal, d: Duration, endless: bool) -> io::Result<Flow> {
        if endless {
            loop {
                let line = format!("{}-still going\r\n", normal.code);
                let conn = self.conn()?;
                if conn
                    .write_all(line.as_bytes())
                    .and_then(|_| conn.flush())
                    .is_err()
                    || !self.stall(d)
                {
                    return Ok(Flow::Close);
                }
            }
        }
        let lines: Vec<&str> = normal.text.split('\n').collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let sep = if i + 1 == lines.len() { ' ' } else { '-' };
            out.push_str(&format!("{}{sep}{line}\r\n", normal.code));
        }
        for byte in out.bytes() {
            let conn = self.conn()?;
            if conn.write_all(&[byte]).and_then(|_| conn.flush()).is_err() || !self.stall(d) {
                return Ok(Flow::Close);
            }
        }
        match normal.then {
            Then::StartTls => {
                self.handshake()?;
                Ok(Flow::Continue)
            }
            Then::ReadData => self.read_data(),
            Then::Close => Ok(Flow::Close),
            Then::Nothing => Ok(Flow::Continue),
        }
    }

    fn command(&mut self, line: &str) -> io::Result<Flow> {
        let (verb, arg) = match line.split_once(' ') {
            Some((v, a)) => (v.to_ascii_uppercase(), a.trim().to_string()),
            None => (line.trim().to_ascii_uppercase(), String::new()),
        };
        match verb.as_str() {
            "EHLO" | "HELO" => self.step(Step::Ehlo, &[], |s| Ok(s.hello(&verb, &arg))),
            "STARTTLS" => self.step(Step::StartTls, &[], |s| Ok(s.starttls())),
            "AUTH" => self.auth(&arg),
            "MAIL" => self.step(Step::Mail, &[], |s| Ok(s.mail(&arg))),
            "RCPT" => {
                let addr = parse_path(&arg, "TO:").unwrap_or_else(|| arg.clone());
                self.step(Step::Rcpt, &[addr], |s| Ok(s.rcpt(&arg)))
            }
            "DATA" => {
                let rcpts = self.current_rcpts();
                self.step(Step::Data, &rcpts, |s| Ok(s.data_command()))
            }
            "RSET" => {
                let rcpts = self.current_rcpts();
                self.step(Step::Rset, &rcpts, |s| {
                    s.tx = None;
                    Ok(Normal::reply(250, "2.0.0 Ok"))
                })
            }
            "NOOP" => {
                let rcpts = self.current_rcpts();
                self.step(Step::Noop, &rcpts, |_| Ok(Normal::reply(250, "2.0.0 Ok")))
            }
            "QUIT" => {
                let rcpts = self.current_rcpts();
                self.step(Step::Quit, &rcpts, |_| {
                    Ok(Normal::reply(221, "2.0.0 Bye").then(Then::Close))
                })
            }
            "VRFY" => {
                self.send_reply(252, "2.5.2 Cannot VRFY user")?;
                Ok(Flow::Continue)
            }
            _ => {
                self.send_reply(500, "5.5.2 Command not recognized")?;
                Ok(Flow::Continue)
            }
        }
    }

    fn current_rcpts(&self) -> Vec<String> {
        self.tx
            .as_ref()
            .map(|t| t.rcpt_to.clone())
            .unwrap_or_default()
    }

    fn auth_offered(&self) -> bool {
        self.opts.auth.is_some() && (self.tls || self.opts.security == Security::Plain)
    }

    fn starttls_offered(&self) -> bool {
        self.opts.security == Security::StartTls && self.opts.advertise_starttls && !self.tls
    }

    fn hello(&mut self, verb: &str, arg: &str) -> Normal {
        let domain = arg.split_whitespace().next().unwrap_or("");
        if domain.is_empty() {
            return Normal::reply(501, format!("5.5.4 Syntax: {verb} hostname"));
        }
        self.helo = Some(domain.to_string());
        self.tx = None;
        if verb == "HELO" {
            return Normal::reply(250, format!("localhost Hello {domain}"));
        }
        let mut lines = vec![format!("localhost Hello {domain}"), "8BITMIME".to_string()];
        if self.starttls_offered() {
            lines.push("STARTTLS".to_string());
        }
        if self.auth_offered() {
            if self.opts.xoauth2_token.is_some() {
                lines.push("AUTH PLAIN LOGIN XOAUTH2".to_string());
            } else {
                lines.push("AUTH PLAIN LOGIN".to_string());
            }
        }
        if self.opts.advertise_pipelining {
            lines.push("PIPELINING".to_string());
        }
        if self.opts.advertise_smtputf8 {
            lines.push("SMTPUTF8".to_string());
        }
        Normal::reply(250, lines.join("\n"))
    }

    fn starttls(&mut self) -> Normal {
        if self.tls {
            Normal::reply(503, "5.5.1 TLS already active")
        } else if !self.starttls_offered() {
            Normal::reply(502, "5.5.1 STARTTLS not supported")
        } else {
            Normal::reply(220, "2.0.0 Ready to start TLS").then(Then::StartTls)
        }
    }

    fn auth(&mut self, arg: &str) -> io::Result<Flow> {
        // The exchange of credentials comes first; the fault (if any) fires
        // at the final reply.
        let outcome = match self.auth_exchange(arg)? {
            Some(outcome) => outcome,
            None => return Ok(Flow::Close), // client hung up mid-exchange
        };
        self.step(Step::Auth, &[], |s| {
            Ok(match outcome {
                Err(refusal) => refusal,
                Ok((user, pass)) => {
                    let ok = s
                        .opts
                        .auth
                        .as_ref()
                        .is_some_and(|(u, p)| *u == user && *p == pass);
                    if ok {
                        s.authenticated_as = Some(user);
                        Normal::reply(235, "2.7.0 Authentication successful")
                    } else {
                        Normal::reply(535, "5.7.8 Authentication credentials invalid")
                    }
                }
            })
        })
    }

    /// Ok(None): the client hung up. Ok(Some(Err(reply))): refused before
    /// credentials could be checked. Ok(Some(Ok((user, pass)))).
    #[allow(clippy::type_complexity)]
    fn auth_exchange(&mut self, arg: &str) -> io::Result<Option<Result<(String, String), Normal>>> {
        if self.opts.auth.is_none() {
            return Ok(Some(Err(Normal::reply(502, "5.5.1 AUTH not supported"))));
        }
        if !self.auth_offered() {
            return Ok(Some(Err(Normal::reply(
                538,
                "5.7.11 Encryption required for requested authentication mechanism",
            ))));
        }
        if self.authenticated_as.is_some() {
            return Ok(Some(Err(Normal::reply(503, "5.5.1 Already authenticated"))));
        }
        if self.tx.is_some() {
            return Ok(Some(Err(Normal::reply(
                503,
                "5.5.1 AUTH not allowed during a mail transaction",
            ))));
        }
        let mut words = arg.split_whitespace();
        let mechanism = words.next().unwrap_or("").to_ascii_uppercase();
        let initial = words.next().map(str::to_string);
        let cancelled = || Normal::reply(501, "5.0.0 Authentication cancelled");
        let undecodable = || Normal::reply(501, "5.5.2 Cannot decode response");
        match mechanism.as_str() {
            "PLAIN" => {
                let response = match initial {
                    Some(r) => r,
                    None => match self.auth_continuation("")? {
                        Some(r) => r,
                        None => return Ok(None),
                    },
                };
                if response == "*" {
                    return Ok(Some(Err(cancelled())));
                }
                let decoded = if response == "=" {
                    Some(Vec::new())
                } else {
                    decode_base64(&response)
                };
                let Some(decoded) = decoded else {
                    return Ok(Some(Err(undecodable())));
                };
                let parts: Vec<&[u8]> = decoded.split(|&b| b == 0).collect();
                if parts.len() != 3 {
                    return Ok(Some(Err(undecodable())));
                }
                let user = String::from_utf8_lossy(parts[1]).into_owned();
                let pass = String::from_utf8_lossy(parts[2]).into_owned();
                Ok(Some(Ok((user, pass))))
            }
            "LOGIN" => {
                let user_b64 = match initial {
                    Some(r) => r,
                    None => match self.auth_continuation("VXNlcm5hbWU6")? {
                        Some(r) => r,
                        None => return Ok(None),
                    },
                };
                if user_b64 == "*" {
                    return Ok(Some(Err(cancelled())));
                }
                let Some(user) = decode_base64(&user_b64) else {
                    return Ok(Some(Err(undecodable())));
                };
                let pass_b64 = match self.auth_continuation("UGFzc3dvcmQ6")? {
                    Some(r) => r,
                    None => return Ok(None),
                };
                if pass_b64 == "*" {
                    return Ok(Some(Err(cancelled())));
                }
                let Some(pass) = decode_base64(&pass_b64) else {
                    return Ok(Some(Err(undecodable())));
                };
                Ok(Some(Ok((
                    String::from_utf8_lossy(&user).into_owned(),
                    String::from_utf8_lossy(&pass).into_owned(),
                ))))
            }
            "XOAUTH2" if self.opts.xoauth2_token.is_some() => {
                let Some(decoded) = initial.as_deref().and_then(decode_base64) else {
                    return Ok(Some(Err(undecodable())));
                };
                let decoded = String::from_utf8_lossy(&decoded).into_owned();
                let (user, pass) = self.opts.auth.clone().expect("checked above");
                let expected = format!(
                    "user={user}\x01auth=Bearer {}\x01\x01",
                    self.opts.xoauth2_token.as_deref().unwrap_or_default()
                );
                if decoded == expected {
                    return Ok(Some(Ok((user, pass))));
                }
                // {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}
                let error = "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==";
                match self.auth_continuation(error)? {
                    Some(_) => Ok(Some(Err(Normal::reply(
                        535,
                        "5.7.8 Username and Password not accepted",
                    )))),
                    None => Ok(None),
                }
            }
            _ => Ok(Some(Err(Normal::reply(
                504,
                "5.5.4 Unrecognized authentication type",
            )))),
        }
    }

    /// Send `334 <challenge>` and read the client's response line.
    fn auth_continuation(&mut self, challenge: &str) -> io::Result<Option<String>> {
        self.send_reply(334, challenge)?;
        let line = match self.read_line() {
            Ok(Some(line)) => line,
            Ok(None) => return Ok(None),
            Err(e) if is_hangup(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        let line = String::from_utf8_lossy(&line)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        self.log(&line);
        Ok(Some(line.trim().to_string()))
    }

    fn mail(&mut self, arg: &str) -> Normal {
        if self.helo.is_none() {
            return Normal::reply(503, "5.5.1 Send EHLO/HELO first");
        }
        if self.opts.auth.is_some() && self.authenticated_as.is_none() {
            return Normal::reply(530, "5.7.0 Authentication required");
        }
        if self.tx.is_some() {
            return Normal::reply(503, "5.5.1 Nested MAIL command");
        }
        let Some(from) = parse_path(arg, "FROM:") else {
            return Normal::reply(501, "5.5.4 Syntax: MAIL FROM:<address>");
        };
        self.tx = Some(Transaction {
            mail_from: from,
            rcpt_to: Vec::new(),
        });
        Normal::reply(250, "2.1.0 Ok")
    }

    fn rcpt(&mut self, arg: &str) -> Normal {
        let Some(tx) = self.tx.as_mut() else {
            return Normal::reply(503, "5.5.1 Need MAIL first");
        };
        let Some(to) = parse_path(arg, "TO:") else {
            return Normal::reply(501, "5.5.4 Syntax: RCPT TO:<address>");
        };
        tx.rcpt_to.push(to);
        Normal::reply(250, "2.1.5 Ok")
    }

    fn data_command(&mut self) -> Normal {
        match &self.tx {
            _ if self.opts.lenient_data => {
                Normal::reply(354, "End data with <CR><LF>.<CR><LF>").then(Then::ReadData)
            }
            None => Normal::reply(503, "5.5.1 Need MAIL first"),
            Some(tx) if tx.rcpt_to.is_empty() && !self.opts.data_without_rcpt => {
                Normal::reply(503, "5.5.1 Need RCPT first")
            }
            Some(_) => Normal::reply(354, "End data with <CR><LF>.<CR><LF>").then(Then::ReadData),
        }
    }

    fn read_data(&mut self) -> io::Result<Flow> {
        let mut data = Vec::new();
        loop {
            // A client that hangs up here discards the message: how much
            // of it had come shows what it wrote after the 354.
            let read = self.read_line().map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("{e} (during DATA, after {} bytes)", data.len()),
                )
            });
            let Some(line) = read? else {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!(
                        "client closed the connection during DATA (after {} bytes)",
                        data.len()
                    ),
                ));
            };
            if line == b".\r\n" || line == b".\n" {
                let next = match self.buf.iter().position(|&b| b == b'\n') {
                    Some(end) => String::from_utf8_lossy(&self.buf[..end])
                        .trim_end()
                        .to_string(),
                    None => String::new(),
                };
                self.shared.lock().with_dot.push(next);
                break;
            }
            let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
            data.extend_from_slice(unstuffed);
        }
        if let Some(DotWatcher(watch)) = &self.opts.at_final_dot {
            let rcpts = self.tx.as_ref().map(|t| t.rcpt_to.clone());
            watch(&rcpts.unwrap_or_default(), &data);
        }
        // The transaction ends here whatever happens to the message.
        let tx = self.tx.take();
        let rcpts = tx.as_ref().map(|t| t.rcpt_to.clone()).unwrap_or_default();
        let lenient = self.opts.lenient_data;
        self.step(Step::EndOfData, &rcpts, move |s| {
            let tx = match tx {
                None if lenient => Some(Transaction {
                    mail_from: String::new(),
                    rcpt_to: Vec::new(),
                }),
                other => other,
            };
            let Some(tx) = tx else {
                return Ok(Normal::reply(503, "5.5.1 No transaction"));
            };
            if tx.rcpt_to.is_empty() && !lenient {
                return Ok(Normal::reply(554, "5.5.1 No valid recipients"));
            }
            let mut st = s.shared.lock();
            st.queued += 1;
            let id = format!("TEST{:06}", st.queued);
            st.messages.push(Received {
                connection: s.number,
                mail_from: tx.mail_from,
                rcpt_to: tx.rcpt_to,
                data,
                tls: s.tls,
                authenticated_as: s.authenticated_as.clone(),
                helo: s.helo.clone().unwrap_or_default(),
                arrived: Instant::now(),
            });
            s.shared.changed.notify_all();
            Ok(Normal::reply(250, format!("2.0.0 Ok: queued as {id}")))
        })
    }
}

/// `FROM:<a@b> PARAMS` → `a@b` (prefix matched case-insensitively).
fn parse_path(arg: &str, prefix: &str) -> Option<String> {
    let head = arg.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = arg[prefix.len()..].trim_start();
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        Some(inner[..end].to_string())
    } else {
        let addr = rest.split_whitespace().next()?;
        Some(addr.to_string())
    }
}

/// Decode standard base64 (padding optional). None if malformed.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.trim().bytes() {
        if c == b'=' {
            break;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------
// mailin-embedded
// ---------------------------------------------------------------------------

/// Handle of a [`start_mailin`] server.
///
/// mailin-embedded's `Server::serve` runs forever and has no way to be
/// stopped: its accept thread and worker pool live until the test process
/// ends (they are idle and cannot keep the process alive). Dropping this
/// handle does nothing to the server.
pub struct MailinServer {
    port: u16,
    shared: Arc<MailinShared>,
}

struct MailinShared {
    state: Mutex<MailinState>,
    changed: Condvar,
}

struct MailinState {
    connections: usize,
    messages: Vec<Received>,
    errors: Vec<String>,
}

impl MailinShared {
    fn lock(&self) -> MutexGuard<'_, MailinState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Start mailin-embedded on 127.0.0.1 (port chosen by the system) with
/// STARTTLS using `certs` and AUTH PLAIN/LOGIN required as `user`/`pass`.
///
/// mailin-embedded has no implicit TLS. It builds its rustls config with the
/// process-default crypto provider, so this installs ring as the default
/// provider of the test process (if none is installed yet).
pub fn start_mailin(certs: &TestCerts, user: &str, pass: &str) -> MailinServer {
    use mailin_embedded::{AuthMechanism, Server, SslConfig};

    let _ = rustls::crypto::ring::default_provider().install_default();
    // mailin-embedded reads the certificate and key from files, once, in
    // `with_ssl`; the directory can go afterwards.
    let dir = tempfile::tempdir().expect("tempdir for mailin certificates");
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, &certs.cert_pem).expect("write cert.pem");
    std::fs::write(&key_path, &certs.key_pem).expect("write key.pem");

    // Bind ourselves and hand the listener over: no race for the port.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("local_addr").port();

    let shared = Arc::new(MailinShared {
        state: Mutex::new(MailinState {
            connections: 0,
            messages: Vec::new(),
            errors: Vec::new(),
        }),
        changed: Condvar::new(),
    });
    let handler = MailinHandler {
        shared: Arc::clone(&shared),
        user: user.to_string(),
        pass: pass.to_string(),
        connection: 0,
        helo: String::new(),
        authenticated_as: None,
        mail_from: String::new(),
        rcpt_to: Vec::new(),
        data: Vec::new(),
    };
    let mut server = Server::new(handler);
    server
        .with_name("localhost")
        .with_ssl(SslConfig::SelfSigned {
            cert_path: cert_path.to_string_lossy().into_owned(),
            key_path: key_path.to_string_lossy().into_owned(),
        })
        .expect("mailin TLS setup")
        .with_num_threads(4)
        .with_auth(AuthMechanism::Plain)
        .with_auth(AuthMechanism::Login)
        .with_tcp_listener(listener);
    drop(dir);

    let serve_shared = Arc::clone(&shared);
    thread::Builder::new()
        .name(format!("mailin-{port}"))
        .spawn(move || {
            if let Err(e) = server.serve() {
                let mut st = serve_shared.lock();
                st.errors.push(format!("serve ended: {e}"));
                serve_shared.changed.notify_all();
            }
        })
        .expect("spawn mailin thread");
    MailinServer { port, shared }
}

impl MailinServer {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Messages stored so far, in order. `tls` is true exactly when the
    /// session authenticated: mailin does not report TLS to its handler, but
    /// it only allows AUTH after STARTTLS and MAIL only after AUTH, so every
    /// stored message came over TLS.
    pub fn messages(&self) -> Vec<Received> {
        self.shared.lock().messages.clone()
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.lock().connections
    }

    /// Errors reported by the server thread (only if `serve` ever returns).
    pub fn errors(&self) -> Vec<String> {
        self.shared.lock().errors.clone()
    }

    /// Wait until at least `n` messages are stored; false on timeout.
    pub fn wait_for_messages(&self, n: usize, timeout: Duration) -> bool {
        wait_until(&self.shared.state, &self.shared.changed, timeout, |st| {
            st.messages.len() >= n
        })
    }
}

/// One per connection: mailin-embedded clones the handler it was given
/// exactly once for every accepted connection, so `clone` counts them.
struct MailinHandler {
    shared: Arc<MailinShared>,
    user: String,
    pass: String,
    connection: usize,
    helo: String,
    authenticated_as: Option<String>,
    mail_from: String,
    rcpt_to: Vec<String>,
    data: Vec<u8>,
}

impl Clone for MailinHandler {
    fn clone(&self) -> Self {
        let connection = {
            let mut st = self.shared.lock();
            st.connections += 1;
            st.connections
        };
        MailinHandler {
            shared: Arc::clone(&self.shared),
            user: self.user.clone(),
            pass: self.pass.clone(),
            connection,
            helo: String::new(),
            authenticated_as: None,
            mail_from: String::new(),
            rcpt_to: Vec::new(),
            data: Vec::new(),
        }
    }
}

impl mailin_embedded::Handler for MailinHandler {
    fn helo(&mut self, _ip: IpAddr, domain: &str) -> mailin_embedded::Response {
        self.helo = domain.to_string();
        mailin_embedded::response::OK
    }

    fn data_start(
        &mut self,
        _domain: &str,
        from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.mail_from = from.to_string();
        self.rcpt_to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let mut st = self.shared.lock();
        st.messages.push(Received {
            connection: self.connection,
            mail_from: std::mem::take(&mut self.mail_from),
            rcpt_to: std::mem::take(&mut self.rcpt_to),
            data: std::mem::take(&mut self.data),
            tls: self.authenticated_as.is_some(),
            authenticated_as: self.authenticated_as.clone(),
            helo: self.helo.clone(),
            arrived: Instant::now(),
        });
        self.shared.changed.notify_all();
        mailin_embedded::response::OK
    }

    fn auth_plain(
        &mut self,
        _authorization_id: &str,
        authentication_id: &str,
        password: &str,
    ) -> mailin_embedded::Response {
        self.check(authentication_id, password)
    }

    fn auth_login(&mut self, username: &str, password: &str) -> mailin_embedded::Response {
        self.check(username, password)
    }
}

impl MailinHandler {
    fn check(&mut self, user: &str, pass: &str) -> mailin_embedded::Response {
        if user == self.user && pass == self.pass {
            self.authenticated_as = Some(user.to_string());
            mailin_embedded::response::AUTH_OK
        } else {
            mailin_embedded::response::INVALID_CREDENTIALS
        }
    }
}
