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
//! the server that was not there before this session connected.
//! Connecting is serialised ([`connecting`]) so that two sessions never
//! take each other's socket. Elsewhere the per-read socket timeout is the
//! only bound.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often a deadline that passed before the socket existed (still
/// connecting) looks for it again.
const LOOK_AGAIN: Duration = Duration::from_millis(50);

/// Taken while a session connects, until its socket is known.
static CONNECTING: Mutex<()> = Mutex::new(());

/// Serialises connecting: hold the guard from before the connection is
/// made until [`Watchdog::adopt_new_socket`] has found it.
pub(crate) fn connecting() -> MutexGuard<'static, ()> {
    CONNECTING.lock().unwrap_or_else(|e| e.into_inner())
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
    /// A watchdog for a connection about to be made to one of `peers`
    /// (call under [`connecting`]).
    pub(crate) fn for_new_connection(peers: &[SocketAddr]) -> Watchdog {
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

    /// After connecting (still under [`connecting`]): from now on the
    /// watchdog guards the new connection's socket itself. False when it
    /// cannot be found (not Linux): then only socket timeouts bound steps.
    pub(crate) fn adopt_new_socket(&self) -> bool {
        let mut state = self.shared.lock();
        if let Target::New { peers, known } = &state.target {
            let socket = connections_to(peers).into_iter().find(|s| {
                s.local_addr()
                    .ok()
                    .and_then(|a| a.as_socket())
                    .is_some_and(|a| !known.contains(&a))
            });
            if let Some(socket) = socket {
                state.target = Target::Socket(socket);
            }
        }
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

/// The watchdog thread: sleeps until the armed deadline, then shuts the
/// target down.
fn watch(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        if state.done {
            return;
        }
        let now = Instant::now();
        state.sleeping_until = state.deadline.filter(|d| now < *d);
        match state.deadline {
            None => state = shared.wake.wait(state).unwrap_or_else(|e| e.into_inner()),
            Some(deadline) if now < deadline => {
                state = shared
                    .wake
                    .wait_timeout(state, deadline - now)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            Some(_) => {
                state.fired = true;
                let shut = shut_down(&state.target);
                state.shut |= shut;
                // Still connecting (no socket yet): look again shortly, so
                // a connection made late is not left to trickle.
                state.deadline = if shut {
                    None
                } else {
                    now.checked_add(LOOK_AGAIN)
                };
            }
        }
    }
}

/// Shuts the target's connection down both ways; false when there was no
/// connection to shut yet.
fn shut_down(target: &Target) -> bool {
    match target {
        Target::Socket(socket) => {
            let _ = socket.shutdown(std::net::Shutdown::Both);
            true
        }
        Target::New { peers, known } => {
            let mut shut = false;
            for socket in connections_to(peers) {
                let is_new = socket
                    .local_addr()
                    .ok()
                    .and_then(|a| a.as_socket())
                    .is_some_and(|a| !known.contains(&a));
                if is_new {
                    let _ = socket.shutdown(std::net::Shutdown::Both);
                    shut = true;
                }
            }
            shut
        }
    }
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
