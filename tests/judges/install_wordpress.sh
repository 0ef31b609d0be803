#!/usr/bin/env bash
# Unpacks WordPress itself for wordpress_judge.php, once: Debian bookworm's `wordpress` (6.1) into
# /var/cache/breakglass/wordpress-6.1 and Debian trixie's (6.8) into
# /var/cache/breakglass/wordpress-6.8, and installs php8.2-cli and php8.2-mysql (mysqli) when
# they are missing. Nothing of WordPress is installed into the system: the packages are fetched
# with `apt-get download` and unpacked with `dpkg -x`; trixie's come through an apt
# configuration of our own under /var/cache/breakglass/trixie-apt (own lists, cache and
# sources.list), so the system's apt state never sees trixie.
#
# Debian replaces the libraries WordPress bundles with symlinks into other packages (getID3,
# underscore, cropper, lodash, the CA bundle); those packages are unpacked beside it and the
# symlinks replaced by copies, so each tree is complete and self-contained.
#
# Needs root; no stdin; quiet; does nothing when both trees are there. Exits 0 when the judge
# can run.
set -euo pipefail

root=/var/cache/breakglass
aptdir=$root/trixie-apt
mkdir -p "$root"
exec 9>"$root/.install_wordpress.lock"
flock 9

fail() { echo "install_wordpress.sh: $*" >&2; exit 1; }

# apt-get with the system's configuration (bookworm), quiet, waiting for another apt's locks.
apt_system() { apt-get -q -o DPkg::Lock::Timeout=600 -o APT::Sandbox::User=root "$@"; }
# apt-get with our own trixie configuration; the system's lists, cache and sources stay untouched.
apt_trixie() {
  apt-get -q -o APT::Sandbox::User=root \
    -o Dir::State="$aptdir/state" -o Dir::State::status="$aptdir/state/status" \
    -o Dir::Cache="$aptdir/cache" \
    -o Dir::Etc::SourceList="$aptdir/sources.list" -o Dir::Etc::SourceParts="$aptdir/empty" \
    -o Dir::Etc::Preferences="$aptdir/empty/preferences" \
    -o Dir::Etc::PreferencesParts="$aptdir/empty" "$@"
}
updated_system=
update_system() {
  [ -n "$updated_system" ] && return 0
  apt_system update -qq >/dev/null || fail "apt-get update failed"
  updated_system=1
}
update_trixie() {
  mkdir -p "$aptdir/state/lists/partial" "$aptdir/cache/archives/partial" "$aptdir/empty"
  touch "$aptdir/state/status"
  echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' \
    >"$aptdir/sources.list"
  apt_trixie update -qq >/dev/null || fail "apt-get update (trixie, $aptdir) failed"
}

# PHP with mysqli.
if ! php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' >/dev/null 2>&1; then
  update_system
  DEBIAN_FRONTEND=noninteractive apt_system install -y -qq --no-install-recommends \
    php8.2-cli php8.2-mysql </dev/null >/dev/null || fail "apt-get install php8.2-cli php8.2-mysql failed"
  php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || fail "PHP still has no mysqli"
fi

# download SUITE DIR PACKAGE...: the .deb files into DIR, refreshing the lists once when a
# package is unknown or its file is gone from the mirror.
download() {
  local suite=$1 dir=$2
  shift 2
  local apt=apt_system update=update_system
  if [ "$suite" = trixie ]; then apt=apt_trixie update=update_trixie; fi
  if [ "$suite" = trixie ] && [ ! -f "$aptdir/sources.list" ]; then update_trixie; fi
  if ! (cd "$dir" && $apt download -qq "$@" >/dev/null 2>&1); then
    $update
    (cd "$dir" && $apt download -qq "$@" >/dev/null) || fail "apt-get download $* ($suite) failed"
  fi
}

# unpack VERSION SUITE PACKAGE...: WordPress VERSION from SUITE into $root/wordpress-VERSION.
unpack() {
  local version=$1 suite=$2
  shift 2
  local dest=$root/wordpress-$version
  [ -f "$dest/.breakglass-complete" ] && return 0

  local stage
  stage=$(mktemp -d "$root/.wordpress-$version.XXXXXX")
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/debs" "$stage/root"
  download "$suite" "$stage/debs" wordpress "$@"
  local deb
  for deb in "$stage/debs"/*.deb; do dpkg -x "$deb" "$stage/root"; done
  local src=$stage/root/usr/share/wordpress tree=$stage/tree
  [ -f "$src/wp-settings.php" ] || fail "no usr/share/wordpress in $suite's wordpress package"
  cp -a "$src" "$tree"

  # Replace each symlink by a copy of what it points at: relative and absolute targets are looked
  # up among the unpacked packages first, absolute ones then on this machine.
  local link rel target resolved
  while IFS= read -r -d '' link; do
    rel=${link#"$tree"/}
    target=$(readlink "$link")
    case $target in
      /*) resolved=$stage/root$target
          [ -e "$resolved" ] || resolved=$target ;;
      *) resolved=$(realpath -m "$src/$(dirname "$rel")/$target") ;;
    esac
    if [ -e "$resolved" ]; then
      rm "$link"
      cp -rL "$resolved" "$link"
    fi
  done < <(find "$tree" -type l -print0)
  local dangling
  dangling=$(cd "$tree" && find . -xtype l | grep -v '^./wp-includes/certificates/ca-bundle.crt$' || true)
  [ -z "$dangling" ] || fail "WordPress $version: unresolved symlinks: $dangling"

  local wp_version
  wp_version=$(sed -n "s/^\$wp_version = '\([^']*\)';/\1/p" "$tree/wp-includes/version.php")
  case $wp_version in
    "$version" | "$version".*) ;;
    *) fail "$suite's wordpress is $wp_version, not $version" ;;
  esac
  for f in wp-load.php wp-settings.php wp-includes/pluggable.php wp-includes/class-wp-session-tokens.php \
    wp-includes/ID3/getid3.php wp-admin/includes/upgrade.php; do
    [ -s "$tree/$f" ] || fail "WordPress $version: $f missing"
  done

  dpkg-deb -f "$stage/debs"/wordpress_*.deb Version >"$tree/.breakglass-complete"
  rm -rf "$dest"
  mv "$tree" "$dest"
  rm -rf "$stage"
  trap - EXIT
  echo "WordPress $wp_version in $dest"
}

unpack 6.1 bookworm php-getid3 libjs-underscore libjs-cropper
unpack 6.8 trixie php-getid3 libjs-underscore libjs-cropper libjs-lodash
