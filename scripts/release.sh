#!/usr/bin/env bash
# Release builds: static musl binaries for x86_64 and aarch64, byte-for-byte reproducible from
# the commit (paths remapped, no timestamps), and the tarballs an operator downloads.
#
#   scripts/release.sh                 # both binaries, then dist/*.tar.gz and dist/SHA256SUMS
#   scripts/release.sh build TARGET    # one binary; prints its path
#   scripts/release.sh package         # tarballs and SHA256SUMS from binaries already built
#
# Needs: rustup's x86_64-unknown-linux-musl and aarch64-unknown-linux-musl targets, musl-gcc
# (Debian's musl-tools) for x86_64, and cargo-zigbuild (PyPI's ziglang and cargo-zigbuild) for
# aarch64. `.ci/ship` installs all of them; docs/building.md says how by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="$root/target"
cargo_home=${CARGO_HOME:-$HOME/.cargo}
targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)

# The commit the binary names in `--version --verbose`: from git, or BREAKGLASS_COMMIT for a
# source tree without .git (build.rs reads the same variable).
if [ -z "${BREAKGLASS_COMMIT:-}" ]; then
  BREAKGLASS_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
fi
export BREAKGLASS_COMMIT
# C code may stamp __DATE__ and __TIME__ (mimalloc does); gcc and clang take them from here. A
# constant rather than the commit's time: cargo does not rebuild a C library when it changes.
export SOURCE_DATE_EPOCH=0

# Paths are the only thing that would differ between two checkouts of one commit: the source
# and target directories become /build/breakglass, the cargo registry /cargo, in Rust code and
# in the bundled SQLite's C alike. Debug info is stripped by the release profile.
build() {
  local target=$1 env_target rustflags cflags
  env_target=${target//-/_}
  rustflags="[\"--remap-path-prefix=$root=/build/breakglass\", \"--remap-path-prefix=$cargo_home=/cargo\"]"
  cflags="-ffile-prefix-map=$root=/build/breakglass -ffile-prefix-map=$cargo_home=/cargo"
  local args=(--release --locked --target "$target" --config "target.$target.rustflags=$rustflags")
  case "$target" in
    x86_64-unknown-linux-musl)
      if command -v musl-gcc >/dev/null; then
        env "CC_$env_target=musl-gcc" "CFLAGS_$env_target=$cflags" cargo build "${args[@]}" >&2
      else
        env "CFLAGS_$env_target=$cflags" cargo zigbuild "${args[@]}" >&2
      fi
      ;;
    aarch64-unknown-linux-musl)
      env "CFLAGS_$env_target=$cflags" cargo zigbuild "${args[@]}" >&2
      ;;
    *)
      echo "release.sh: no recipe for target $target" >&2
      return 2
      ;;
  esac
  echo "$CARGO_TARGET_DIR/$target/release/breakglass"
}

# One tarball per target: the binary, LICENSE, README, docs, completions and man pages, under a
# directory named like the tarball. Sorted, owned by 0:0, dated at the commit: reproducible too.
package() {
  local stamp
  stamp=$(git log -1 --format=%ct 2>/dev/null || echo 0)
  mkdir -p dist
  rm -f dist/breakglass-*.tar.gz dist/SHA256SUMS
  local stage
  stage=$(mktemp -d)
  for target in "${targets[@]}"; do
    local binary="$CARGO_TARGET_DIR/$target/release/breakglass"
    [ -x "$binary" ] || { echo "release.sh: $binary is not built (scripts/release.sh build $target)" >&2; return 1; }
    local name="breakglass-$version-$target"
    mkdir -p "$stage/$name"
    cp "$binary" "$stage/$name/breakglass"
    cp LICENSE README.md "$stage/$name/"
    cp -r docs completions man "$stage/$name/"
    tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
      --mode='u+rwX,go+rX,go-w' -cf - "$name" | gzip -9 -n >"dist/$name.tar.gz"
  done
  rm -rf "$stage"
  # The SHA256SUMS lists everything in dist/ an operator downloads (the image archive too,
  # when .ci/ship has made it).
  (cd dist && find . -maxdepth 1 -type f \( -name '*.tar.gz' -o -name '*.oci.tar' \) -printf '%f\n' \
    | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
  cat dist/SHA256SUMS
}

case "${1:-all}" in
  build) build "${2:?usage: scripts/release.sh build TARGET}" ;;
  package) package ;;
  all)
    for target in "${targets[@]}"; do build "$target" >/dev/null; done
    package
    ;;
  *)
    echo "usage: scripts/release.sh [build TARGET | package]" >&2
    exit 2
    ;;
esac
