//! Deadlines for whole SMTP steps, however the bytes arrive.
//!
//! lettre reads a reply line by line with a socket timeout per read, so a
//! server that trickles one byte every half second, or sends endless
//! `250-` lines, never trips it and holds a run for as long as it likes.
//! Here a watchdog thread per session shuts the connection's socket down
//! when a step's deadline passes: the blocked read or write then ends at
//! once, and the step is reported as a timeout.
//!
//! lettre does not hand out its socket, so the watchdog finds it among the
//! process's open files (Linux `/proc/self/fd`): the one TCP connection to
//! the server that was not there before this session connected. Sessions
//! take turns ([`Turn`]) so that two never take each other's socket, but
//! only until the TCP handshake is done: the watchdog looks for the new
//! socket while lettre connects and hands the turn on once it has found
//! it, so the greetings, TLS handshakes and EHLOs of several connections
//! overlap. Elsewhere the per-read socket timeout is the only bound.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often a deadline that passed before the socket existed (still
/// connecting) looks for it again.
const LOOK_AGAIN: Duration = Duration::from_millis(50);

/// The first wait before the watchdog looks again for the socket of a
/// connection being made; it doubles up to [`LAST_LOOK`]. The next session
/// waits for its turn until then, so the wait is short: one look lists the
/// process's open files, a few dozen system calls.
const FIRST_LOOK: Duration = Duration::from_millis(1);
/// The longest wait between two looks for the socket.
const LAST_LOOK: Duration = Duration::from_millis(4);

/// Whether a session holds the [`Turn`].
static TURN_TAKEN: Mutex<bool> = Mutex::new(false);
/// Wakes a session waiting for the [`Turn`].
static TURN_FREE: Condvar = Condvar::new();

/// The turn to start a connection: while one session holds it, no other
/// starts one, so the one new TCP connection to the server is its own. It
/// is handed back (dropped) as soon as the watchdog has found that
/// connection's socket, or when connecting ends without one.
pub(crate) struct Turn(());

impl Drop for Turn {
    fn drop(&mut self) {
        *TURN_TAKEN.lock().unwrap_or_else(|e| e.into_inner()) = false;
        TURN_FREE.notify_one();
    }
}

/// Waits for the turn to connect; give it to
/// [`Watchdog::for_new_connection`], or hold it while making a connection
/// no session must take for its own.
pub(crate) fn connecting() -> Turn {
    let mut taken = TURN_TAKEN.lock().unwrap_or_else(|e| e.into_inner());
    while *taken {
        taken = TURN_FREE.wait(taken).unwrap_or_else(|e| e.into_inner());
    }
    *taken = true;
    Turn(())
}

/// What the watchdog shuts down when a deadline passes.
enum Target {
    /// The connection being made: any TCP connection to `peers` whose
    /// local address is not in `known`.
    New {
        peers: Vec<SocketAddr>,
        known: HashSet<SocketAddr>,
    },
    /// The session's own socket (a duplicate of lettre's descriptor).
    Socket(socket2::Socket),
}

struct State {
    deadline: Option<Instant>,
    /// The deadline passed since the last [`Watchdog::arm`].
    fired: bool,
    /// The session ended: the thread stops.
    done: bool,
    /// A passed deadline shut a connection down.
    shut: bool,
    /// Until when the thread sleeps (None: until woken). Arming wakes it
    /// only for an earlier deadline: a wake-up per reply would cost a
    /// context switch per command on the send path.
    sleeping_until: Option<Instant>,
    target: Target,
    /// The turn to connect, held until the new connection's socket is
    /// found (see [`Turn`]).
    turn: Option<Turn>,
}

impl State {
    /// Looks for the socket of the connection being made; once found, the
    /// watchdog guards it, and the turn goes to the next session.
    fn adopt(&mut self) {
        if let Target::New { peers, known } = &self.target {
            if let Some(socket) = new_connection(peers, known) {
                self.target = Target::Socket(socket);
                self.turn = None;
            }
        }
    }
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One session's watchdog: [`arm`](Watchdog::arm) before a step,
/// [`disarm`](Watchdog::disarm) after it to learn whether time ran out.
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// A watchdog for a connection about to be made to one of `peers`,
    /// by the session holding `turn`.
    pub(crate) fn for_new_connection(peers: &[SocketAddr], turn: Turn) -> Watchdog {
        let known = connections_to(peers)
            .into_iter()
            .filter_map(|s| s.local_addr().ok()?.as_socket())
            .collect();
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                deadline: None,
                fired: false,
                done: false,
                shut: false,
                sleeping_until: None,
                target: Target::New {
                    peers: peers.to_vec(),
                    known,
                },
                turn: Some(turn),
            }),
            wake: Condvar::new(),
        });
        let watched = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("appeal-deadline".into())
            .spawn(move || watch(&watched))
            .ok();
        Watchdog { shared, thread }
    }

    /// Starts the clock for one step of at most `limit`.
    pub(crate) fn arm(&self, limit: Duration) {
        let mut state = self.shared.lock();
        state.deadline = Instant::now().checked_add(limit);
        state.fired = false;
        let wakes_in_time = match (state.sleeping_until, state.deadline) {
            (Some(until), Some(deadline)) => until <= deadline,
            (_, None) => true,
            (None, Some(_)) => false,
        };
        if !wakes_in_time {
            self.shared.wake.notify_one();
        }
    }

    /// Stops the clock; true when the deadline passed (the connection is
    /// then shut down and can carry nothing more).
    pub(crate) fn disarm(&self) -> bool {
        let mut state = self.shared.lock();
        state.deadline = None;
        state.fired
    }

    /// After connecting: from now on the watchdog guards the new
    /// connection's socket itself (it may have found it already), and the
    /// turn to connect is handed on. False when it cannot be found (not
    /// Linux, or no connection was made): then only socket timeouts bound
    /// steps.
    pub(crate) fn adopt_new_socket(&self) -> bool {
        let mut state = self.shared.lock();
        state.adopt();
        state.turn = None;
        matches!(state.target, Target::Socket(_))
    }

    /// Whether the last deadline that passed found a connection to shut
    /// (false: it passed while the TCP connection was still being made).
    pub(crate) fn had_connection(&self) -> bool {
        self.shared.lock().shut
    }

    /// Sets TCP_NODELAY on the adopted socket: lettre writes the message
    /// and the final dot in two writes, and with Nagle on the second
    /// waits for the server's delayed ACK (40 ms on Linux) per letter.
    pub(crate) fn disable_nagle(&self) {
        if let Target::Socket(socket) = &self.shared.lock().target {
            let _ = socket.set_tcp_nodelay(true);
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.lock().done = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The watchdog thread: while its session connects, looks for the new
/// socket every few milliseconds; sleeps until the armed deadline, then
/// shuts the target down.
fn watch(shared: &Shared) {
    let mut state = shared.lock();
    let mut look_in = FIRST_LOOK;
    loop {
        if state.done {
            return;
        }
        if state.turn.is_some() {
            state.adopt();
        }
        let now = Instant::now();
        if state.deadline.is_some_and(|deadline| now >= deadline) {
            state.fired = true;
            let shut = shut_down(&state);
            state.shut |= shut;
            // Still connecting (no socket yet): look again shortly, so a
            // connection made late is not left to trickle.
            state.deadline = if shut {
                None
            } else {
                now.checked_add(LOOK_AGAIN)
            };
            continue;
        }
        let look = state.turn.as_ref().and_then(|_| now.checked_add(look_in));
        let wake = match (state.deadline, look) {
            (Some(deadline), Some(look)) => Some(deadline.min(look)),
            (deadline, look) => deadline.or(look),
        };
        state.sleeping_until = wake;
        state = match wake {
            None => shared.wake.wait(state).unwrap_or_else(|e| e.into_inner()),
            Some(wake) => {
                shared
                    .wake
                    .wait_timeout(state, wake.saturating_duration_since(now))
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
        };
        if look.is_some() {
            look_in = (look_in * 2).min(LAST_LOOK);
        }
    }
}

/// Shuts the target's connection down both ways; false when there was no
/// connection to shut yet. A connection being made is shut only while the
/// session holds the turn: then the new socket is certainly its own.
fn shut_down(state: &State) -> bool {
    match &state.target {
        Target::Socket(socket) => {
            let _ = socket.shutdown(std::net::Shutdown::Both);
            true
        }
        Target::New { peers, known } if state.turn.is_some() => {
            match new_connection(peers, known) {
                Some(socket) => {
                    let _ = socket.shutdown(std::net::Shutdown::Both);
                    true
                }
                None => false,
            }
        }
        Target::New { .. } => false,
    }
}

/// The connection to one of `peers` made since `known` was taken: a TCP
/// socket whose local address is not among them.
fn new_connection(peers: &[SocketAddr], known: &HashSet<SocketAddr>) -> Option<socket2::Socket> {
    connections_to(peers).into_iter().find(|s| {
        s.local_addr()
            .ok()
            .and_then(|a| a.as_socket())
            .is_some_and(|a| !known.contains(&a))
    })
}

/// Duplicates of this process's TCP sockets connected to one of `peers`.
#[cfg(target_os = "linux")]
fn connections_to(peers: &[SocketAddr]) -> Vec<socket2::Socket> {
    use std::os::fd::BorrowedFd;
    let Ok(entries) = std::fs::read_dir("/proc/self/fd") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Some(fd) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: `fd` is listed as open in this process; it is only
        // borrowed to read two socket properties and to duplicate it, and
        // never closed here. If another thread closed it meanwhile, the
        // calls fail harmlessly with EBADF.
        let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
        let socket = socket2::SockRef::from(&borrowed);
        let connected_to_peer = socket.r#type().ok() == Some(socket2::Type::STREAM)
            && socket
                .peer_addr()
                .ok()
                .and_then(|a| a.as_socket())
                .is_some_and(|a| {
                    peers
                        .iter()
                        .any(|p| p.ip() == a.ip() && p.port() == a.port())
                });
        if connected_to_peer {
            if let Ok(copy) = socket.try_clone() {
                found.push(copy);
            }
        }
    }
    found
}

#[cfg(not(target_os = "linux"))]
fn connections_to(_peers: &[SocketAddr]) -> Vec<socket2::Socket> {
    Vec::new()
}
