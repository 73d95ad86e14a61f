//! Messages outside the SMTP dialogue that must say what to do, through
//! the real binary: `status` without a sender asks for the address it
//! needs.

mod support;

use support::cli::{run, TestEnv};

#[test]
fn status_without_name_or_address_asks_for_the_address() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["status"]), 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: no sender address given: `status` finds your letters by your address\n\
         hint: pass `--email you@example.org`, or set `email` under [sender] in the configuration (`appeal setup`)\n"
    );
    // With the address alone it works, and asks for no name.
    run(&mut env.cmd(&["status", "--email", "erika@example.org"]), 0);
}
