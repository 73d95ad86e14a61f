#!/usr/bin/env bash
# Builds the Debian package target/debian/appeal_<version>-1_<arch>.deb:
# the release binary, then its completion scripts (bash, zsh, fish) and
# manual page, written by the binary itself into target/assets (so they
# always match the binary's commands and flags), then `cargo deb`, which
# packs what [package.metadata.deb] in Cargo.toml lists, and finally the
# package's file list (`dpkg-deb -c`).
#
# Needs cargo-deb (`cargo install cargo-deb --locked`, a few minutes on two
# cores; this script installs it when it is missing) and dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-deb >/dev/null 2>&1; then
  echo "== cargo-deb is missing: cargo install cargo-deb --locked"
  cargo install cargo-deb --locked
fi

echo "== cargo build --release"
cargo build --release --locked
appeal="${CARGO_TARGET_DIR:-target}/release/appeal"

echo "== completions and manual page into target/assets"
assets=target/assets
rm -rf "$assets"
mkdir -p "$assets"
"$appeal" completions bash > "$assets/appeal.bash"
"$appeal" completions zsh > "$assets/_appeal"
"$appeal" completions fish > "$assets/appeal.fish"
# -n: no name or time stamp in the gzip header, so the package is reproducible.
"$appeal" man | gzip -9 -n > "$assets/appeal.1.gz"

echo "== cargo deb"
deb=$(cargo deb --no-build --locked | tail -n 1)
echo "$deb"

echo "== dpkg-deb -c $deb"
dpkg-deb -c "$deb"
