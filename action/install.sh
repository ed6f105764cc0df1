#!/usr/bin/env bash
# Gets the backlint binary for the GitHub Action and prints its path (also written as
# `bin=PATH` to $GITHUB_OUTPUT, and its folder added to $GITHUB_PATH, when those are set).
#
# Environment (all optional):
#   INPUT_VERSION           a release tag (v0.1.0; action.yml passes its own), `latest`
#                           (the default when run on its own) or `source`
#   BACKLINT_BIN            a backlint binary to use as it is (nothing is downloaded)
#   BACKLINT_DOWNLOAD_BASE  where releases live (default https://github.com/backlint/backlint/releases);
#                           assets are read from BASE/download/TAG/ASSET, or for `latest`
#                           from BASE/latest/download/ASSET; file:// folders work (tests)
#   BACKLINT_SOURCE_DIR     the source tree `cargo install` builds from (default: this action)
#   BACKLINT_CHECKSUMS      the pinned SHA-256 list (default: action/checksums.sha256 here)
#   RUNNER_OS, RUNNER_ARCH  pick the asset (Linux/macOS/Windows × X64/ARM64)
#   RUNNER_TEMP             where the binary is installed (default: a new temporary folder)
#
# A downloaded archive is checked before it is extracted or anything in it runs, against
# the SHA-256 pinned for that tag and asset in action/checksums.sha256 — part of the
# action's own commit, so a release asset replaced later does not match. A tag (or
# `latest`) with nothing pinned here is checked against the release's own `.sha256`
# file, with a warning: that catches a corrupted download, not a replaced one. A
# mismatch, or no checksum at all, aborts.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="${BACKLINT_SOURCE_DIR:-$(dirname "$script_dir")}"
version="${INPUT_VERSION:-latest}"
checksums="${BACKLINT_CHECKSUMS:-$script_dir/checksums.sha256}"
base="${BACKLINT_DOWNLOAD_BASE:-https://github.com/backlint/backlint/releases}"
base="${base%/}"

log() { printf 'backlint install: %s\n' "$*" >&2; }
fail() {
    printf '::error title=backlint install::%s\n' "$*"
    log "error: $*"
    exit 1
}

# Hands the binary to the next step and to the caller.
publish() {
    local bin="$1" about
    about="$("$bin" --version 2>&1)" || fail "$bin does not run on this runner: $about"
    log "using ${about%%$'\n'*} at $bin"
    if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
        printf 'bin=%s\n' "$bin" >>"$GITHUB_OUTPUT"
    fi
    if [[ -n "${GITHUB_PATH:-}" ]]; then
        dirname -- "$bin" >>"$GITHUB_PATH"
    fi
    printf '%s\n' "$bin"
}

if [[ -n "${BACKLINT_BIN:-}" ]]; then
    [[ -f "$BACKLINT_BIN" && -x "$BACKLINT_BIN" ]] || fail "BACKLINT_BIN=$BACKLINT_BIN is not an executable file"
    publish "$BACKLINT_BIN"
    exit 0
fi

case "$version" in
    latest | source) ;;
    v[0-9]*)
        [[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] ||
            fail "version \"$version\" is not a release tag like v0.1.0 (or latest, or source)"
        ;;
    *) fail "version \"$version\" is not a release tag like v0.1.0, latest, or source" ;;
esac

runner_os="${RUNNER_OS:-$(uname -s)}"
runner_arch="${RUNNER_ARCH:-$(uname -m)}"
exe=""
target=""
case "$runner_os" in
    Linux)
        case "$runner_arch" in
            X64 | x86_64) target="x86_64-unknown-linux-gnu" ;;
            ARM64 | aarch64 | arm64) target="aarch64-unknown-linux-gnu" ;;
        esac
        ;;
    macOS | Darwin)
        case "$runner_arch" in
            X64 | x86_64) target="x86_64-apple-darwin" ;;
            ARM64 | arm64 | aarch64) target="aarch64-apple-darwin" ;;
        esac
        ;;
    Windows | MINGW* | MSYS* | CYGWIN*)
        exe=".exe"
        case "$runner_arch" in
            X64 | x86_64) target="x86_64-pc-windows-msvc" ;;
        esac
        ;;
esac

root="${RUNNER_TEMP:-}"
if [[ -z "$root" ]]; then
    root="$(mktemp -d)"
fi
install_dir="$root/backlint-$version/bin"

build_from_source() {
    command -v cargo >/dev/null 2>&1 ||
        fail "building backlint from source needs Rust (cargo): add a Rust toolchain step before this action, or set version to a release tag"
    [[ -f "$source_dir/Cargo.toml" ]] || fail "no Cargo.toml in $source_dir to build backlint from"
    log "building backlint from $source_dir with cargo install --locked"
    cargo install --path "$source_dir" --locked --root "$root/backlint-$version" >&2 ||
        fail "cargo install failed"
    local bin="$install_dir/backlint$exe"
    [[ -x "$bin" ]] || fail "cargo install did not produce $bin"
    publish "$bin"
    exit 0
}

if [[ "$version" == "source" ]]; then
    build_from_source
fi
if [[ -z "$target" ]]; then
    log "no release asset for $runner_os/$runner_arch; building from source instead"
    build_from_source
fi

if [[ "$exe" == ".exe" ]]; then
    asset="backlint-$target.zip"
else
    asset="backlint-$target.tar.gz"
fi
if [[ "$version" == "latest" ]]; then
    url="$base/latest/download/$asset"
else
    url="$base/download/$version/$asset"
fi

# Copies URL to FILE; file:// URLs are copied without curl.
fetch() {
    local from="$1" to="$2"
    case "$from" in
        file://*)
            cp -- "${from#file://}" "$to" 2>/dev/null
            ;;
        *)
            command -v curl >/dev/null 2>&1 || fail "curl is needed to download $from"
            curl --fail --silent --show-error --location --retry 3 \
                --proto '=https' --proto-redir '=https' --tlsv1.2 \
                --output "$to" -- "$from"
            ;;
    esac
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum -- "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 -- "$1" | cut -d ' ' -f 1
    else
        fail "neither sha256sum nor shasum is available to verify the download"
    fi
}

work="$(mktemp -d "$root/backlint-download.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT
archive="$work/$asset"

log "downloading $url"
if ! fetch "$url" "$archive"; then
    if [[ "$version" == "latest" ]]; then
        printf '::warning title=backlint install::no released backlint found at %s; building from source\n' "$url"
        build_from_source
    fi
    fail "could not download $url: is $version a published release? (version: source builds this action's checkout)"
fi
# The pinned checksum: the line `HASH  TAG/ASSET` of the action's checksums file.
pinned=""
if [[ "$version" != "latest" && -f "$checksums" ]]; then
    while read -r hash name; do
        if [[ "$name" == "$version/$asset" ]]; then
            pinned="$hash"
            break
        fi
    done < <(grep -v '^#' -- "$checksums" | tr -d '\r')
fi
if [[ -n "$pinned" ]]; then
    expected="$(printf '%s' "$pinned" | tr 'A-F' 'a-f')"
    [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "$checksums holds no SHA-256 hash for $version/$asset"
    log "checking against the SHA-256 pinned in $checksums"
else
    printf '::warning title=backlint install::no SHA-256 for %s/%s is pinned in this action; checking it against the release'"'"'s own .sha256, which catches a corrupted download but not a replaced one (pin the action and version to the same release tag)\n' \
        "$version" "$asset" >&2
    fetch "$url.sha256" "$work/$asset.sha256" ||
        fail "could not download $url.sha256: refusing to install a download that cannot be verified"
    expected="$(head -n 1 -- "$work/$asset.sha256" | tr -d '\r' | cut -d ' ' -f 1 | tr 'A-F' 'a-f')"
    [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "$url.sha256 does not hold a SHA-256 hash"
fi
actual="$(sha256_of "$archive" | tr 'A-F' 'a-f')"
if [[ "$actual" != "$expected" ]]; then
    fail "checksum mismatch for $asset: expected $expected, got $actual; the download was not extracted or run"
fi
log "SHA-256 verified: $actual"

unpacked="$work/unpacked"
mkdir -p -- "$unpacked"
if [[ "$exe" == ".exe" ]]; then
    if command -v unzip >/dev/null 2>&1; then
        unzip -q -o -- "$archive" -d "$unpacked"
    elif command -v 7z >/dev/null 2>&1; then
        7z x -y -o"$unpacked" -- "$archive" >/dev/null
    else
        fail "neither unzip nor 7z is available to extract $asset"
    fi
else
    tar -xzf "$archive" -C "$unpacked"
fi
found="$unpacked/backlint$exe"
[[ -f "$found" ]] || found="$(find "$unpacked" -type f -name "backlint$exe" | head -n 1)"
[[ -n "$found" && -f "$found" ]] || fail "$asset holds no backlint$exe"

mkdir -p -- "$install_dir"
bin="$install_dir/backlint$exe"
mv -f -- "$found" "$bin"
chmod +x -- "$bin"
publish "$bin"
