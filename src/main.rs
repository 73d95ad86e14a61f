//! The `appeal` binary: parses the command line, runs it (see the library's
//! documentation for how the program is built), and turns the outcome into
//! an exit code. This is the only place that prints an error and exits.

use std::process::ExitCode;

use appeal::error::{report, Exit};

fn main() -> ExitCode {
    let cli = appeal::cli_text::parse();
    let exit = match appeal::run(&cli) {
        Ok(exit) => exit,
        Err(err) if is_broken_pipe(&err) => Exit::Success,
        Err(err) => {
            let (exit, text) = report(&err);
            eprintln!("{text}");
            exit
        }
    };
    ExitCode::from(exit.code())
}

/// `appeal preview | head` is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
