#!/bin/sh
# Mutation testing of the modules that carry the README's promises (issue 17):
# cargo-mutants plants one small bug at a time (a function that returns a
# default, a flipped comparison, a deleted `!` …) and runs the tests; a
# mutant the tests do not catch ("missed") is a promise no test holds.
# Each missed mutant gets a test that kills it, or a note in mutants.md
# saying why it is equivalent or harmless.
#
# Not part of CI: it builds and tests once per mutant (hours on 2 cores).
# Run it before a release, and after changing one of these modules:
#
#   scripts/mutants.sh                      # all the modules below
#   scripts/mutants.sh src/journal.rs       # only these files
#   JOBS=2 TIMEOUT=300 scripts/mutants.sh   # more parallel builds, longer limit
#   TEST_THREADS=2 scripts/mutants.sh       # tests one per core (default 8)
#   MUTANTS_ARGS="--in-place --baseline skip" scripts/mutants.sh …
#                                           # further cargo-mutants options
#   MUTANTS_ARGS="--cargo-arg=--lib --cargo-arg=--test=letter" \
#       scripts/mutants.sh src/letter.rs    # build and run only these tests
#                                           # (much faster; a mutant missed
#                                           # this way may be caught by a test
#                                           # left out: re-run it with more)
#
# cargo-mutants works in its own copy of the tree (your edits do not disturb
# it) and writes mutants.out/ here: missed.txt, caught.txt, timeout.txt,
# unviable.txt and outcomes.json.
set -eu
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
    cargo install --locked cargo-mutants
fi

# The default: the modules whose promises the README makes (not the
# test-only sync probe, src/journal/probe.rs).
if [ "$#" -eq 0 ]; then
    set -- src/journal.rs src/send/run.rs src/send/mod.rs src/send/pace.rs \
        src/send/output.rs 'src/transport/*.rs' src/password.rs src/prompt.rs \
        src/letter.rs 'src/letter/*.rs' src/sender.rs
fi
# Globs are cargo-mutants' to expand, not the shell's.
set -f
files=""
for f in "$@"; do
    files="$files --file $f"
done

# Per mutant: a test run normally takes about a minute here; a mutant that
# makes something wait forever is cut off after TIMEOUT seconds (the tests'
# own limits are 20-60 s). One job at a time on a 2-core machine.
jobs="--jobs ${JOBS:-1}"
case " ${MUTANTS_ARGS:-} " in
*" --in-place "*) jobs="" ;; # in place: one at a time anyway
esac
# The tests mostly wait on sockets and timers, not the CPU: nextest runs
# TEST_THREADS of them at a time, so their waits overlap (the default
# would be one per core; the fourth run used 6 and 8 on 2 cores).
# shellcheck disable=SC2086
exec cargo mutants \
    --test-tool nextest \
    $jobs \
    --cargo-test-arg="--test-threads=${TEST_THREADS:-8}" \
    --timeout "${TIMEOUT:-240}" \
    --build-timeout "${BUILD_TIMEOUT:-600}" \
    $files \
    ${MUTANTS_ARGS:-}
