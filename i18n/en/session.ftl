## Texts of the sending session: the sending run (src/send/run.rs), the
## send journal (src/journal.rs) and the SMTP connection (src/transport).

## send/run.rs

# A temporary failure, retried; $who: sender → recipient.
run-retrying = retrying  { $who }: { $reason } (attempt { $attempt } of { $attempts })
run-connection-gave-up = note: one connection gave up ({ $reason }); the others go on
run-cannot-connect = cannot connect: { $reason }
# The journal could not take a letter's `data` record (or make it durable).
run-cannot-record = cannot record the letter before sending it: { $error }
# After "error:".
run-journal-unwritable-path = cannot write the journal `{ $path }`: { $error }
run-journal-unwritable = cannot write the journal: { $error }
# Beside the progress bar.
run-progress = { $refused } refused, { $uncertain } uncertain, { $temporary } to retry
# One line per letter; the words are padded to one width.
run-line-delivered = delivered  { $who }
run-line-refused = refused    { $who }: { $reply }
run-line-uncertain = uncertain  { $who }: { $reply }
run-line-temporary = temporary  { $who }: { $reply }
run-summary = summary: { $delivered } delivered, { $refused } refused, { $uncertain } uncertain, { $left } left to send (journal: { $path })
# After "hint:"; $status and $resend are commands.
run-uncertain-hint = uncertain letters may have arrived; check with `{ $status }`, and resend them only with `{ $resend }`
run-auth-failed = authentication failed: { $reason }
run-auth-failed-hint = check `username` and the password (providers such as Gmail need an app password); nothing more was tried
run-tls-failed = TLS failed: { $reason }
run-tls-failed-hint = check `host` (it must match the certificate) and `security`; for a self-hosted server set `ca_file`
run-journal-hint = make room on the disk of `{ $path }` (or fix its permissions), then run the same command again; what the journal records as sent is not sent again
run-connect-hint = the letters not sent are recorded; run the same command again later
run-interrupted = interrupted: the letters sent are recorded; run the same command again to send the rest
# After "hint:".
run-temporary-left = temporary failures are left; run the same command again later
# After "hint:"; $max is the number given, $left e.g. "3 letters".
run-max-reached = --max { $max } was reached with { $left } left; run the same command again to send the next ones
run-stopping = stopping after the letter in flight (Ctrl-C again to stop at once)

## journal.rs

journal-unreadable = cannot read the journal `{ $path }`: { $error }
# After "warning:" is part of the text; $line is a line number.
journal-incomplete-line = warning: the journal `{ $path }` has an incomplete line { $line } (probably a crash while writing); it is ignored
journal-damaged = the journal `{ $path }` is damaged at line { $line }: { $error }
journal-damaged-hint = the journal is never rewritten by appeal; fix or move that line by hand, or use `--journal` to start a new one
journal-no-home = cannot tell where to keep the send journal: neither XDG_STATE_HOME nor HOME is set
journal-no-home-hint = pass `--journal FILE`
journal-folder-uncreatable = cannot create the journal folder `{ $path }`: { $error }
journal-unopenable = cannot open the journal `{ $path }`: { $error }
journal-busy = another `appeal send` is using the journal `{ $path }`; nothing was sent
journal-busy-hint = wait for it to finish, then run this command again
journal-unlockable = cannot lock the journal `{ $path }`: { $error }
# $mode and $private are file modes in octal (644, 600).
journal-made-private = notice: the journal `{ $path }` could be read by other users (mode { $mode }); it holds members' names and addresses, so it is now private (mode { $private })
journal-not-private = warning: the journal `{ $path }` can be read by other users (mode { $mode }) and could not be made private: { $error }; run `chmod 600` on it

## transport/connect.rs

# A step's deadline passed; $seconds may have decimals (1.5).
smtp-no-answer = no answer from the server within { $seconds } s while { $phase ->
    [connecting] connecting
    [greeting] waiting for the greeting
    [starttls] starting TLS
    [extensions] asking for the list of extensions
    [login] logging in
   *[sending] sending
}
smtp-unknown-host = cannot find the server `{ $host }`: { $reason }
smtp-port-refused = `{ $server }` refused the connection: nothing answers on that port
smtp-not-smtp = `{ $server }` is not a mail server (wrong port?): it does not answer in SMTP
smtp-tls-on-plain-port = `{ $server }` does not start with TLS: this port wants `security = "starttls"`, not `"tls"`
# $configured: starttls or none.
smtp-plain-on-tls-port = `{ $server }` said nothing until TLS was started: this port wants `security = "tls"`, not `"{ $configured }"`
smtp-unknown-host-hint = check `host` under [smtp]: your provider's help pages name its SMTP server (e.g. `smtp.example.org`)
smtp-wrong-port-hint = check `host` and `port` under [smtp]: port 587 goes with `security = "starttls"`, port 465 with `security = "tls"`
smtp-tls-on-plain-port-hint = set `security = "starttls"` for this port (usually 587), or use the port for `security = "tls"` (usually 465)
smtp-plain-on-tls-port-hint = set `security = "tls"` for this port (usually 465), or use the port for `security = "starttls"` (usually 587)
smtp-port-465-starttls = port 465 is usually for TLS from the start (`security = "tls"`), not STARTTLS; if `appeal check` finds no answer, choose TLS from the start
smtp-port-587-tls = port 587 is usually for STARTTLS (`security = "starttls"`), not TLS from the start; if `appeal check` fails, choose STARTTLS
