#!/usr/bin/env bash
# Builds property-inbox_<version>_<arch>.deb from a release build with the Swift runtime linked
# statically (the server needs no Swift toolchain). Usage: packaging/build-deb.sh [output-dir]
# The runtime Depends: line comes from the libraries the binary links (dpkg-shlibdeps).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/deb}
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/property-inbox/Version.swift)
arch=$(dpkg --print-architecture)
binary=${BINARY:-.build/release/property-inbox}
[ -x "$binary" ] || { echo "build it first: swift build -c release --static-swift-stdlib --product property-inbox" >&2; exit 1; }

# packaging/changelog's newest entry is this version (lintian, and `apt changelog`).
changelog_version=$(sed -n '1s/^property-inbox (\([^)]*\)).*/\1/p' packaging/changelog)
[ "$changelog_version" = "$version" ] || { echo "packaging/changelog starts with $changelog_version, the binary is $version: add an entry" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
make --no-print-directory install-files DESTDIR="$root" PREFIX=/usr SYSCONFDIR=/etc BINARY="$binary"

# A native package's changelog (lintian: no-changelog).
gzip -9nc packaging/changelog > "$root/usr/share/doc/property-inbox/changelog.gz"

# Debug symbols stay on the build machine (the package is a tenth of the size).
strip --strip-unneeded "$root/usr/bin/property-inbox"

# Runtime dependencies of the binary, as Debian names them.
mkdir -p "$stage/debian"
printf 'Source: property-inbox\n\nPackage: property-inbox\nArchitecture: any\n' > "$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O "root/usr/bin/property-inbox" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
if ldd "$root/usr/bin/property-inbox" | grep -q '/opt/swift\|libswift'; then
  echo "the binary still links the Swift toolchain's libraries:" >&2
  ldd "$root/usr/bin/property-inbox" | grep -i swift >&2
  exit 1
fi

mkdir -p "$root/DEBIAN"
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: property-inbox
Version: $version
Architecture: $arch
Maintainer: PropertyInbox maintainers <maintainers@property-inbox.invalid>
Installed-Size: $size
Depends: $depends, systemd, tzdata, rsync
Recommends: openssh-server, samba
Suggests: hugo
Section: net
Priority: optional
Homepage: https://property-inbox.invalid
Description: turns property folders uploaded by agents into website listings
 A daemon and CLI for the file server that receives agents' uploads (SFTP,
 Samba): it waits until each folder is complete, orients and resizes the
 photos, extracts the facts (offline rules, or an OpenAI-compatible provider),
 and writes result.json and listing.md beside the inputs, with a status file
 in each folder for the agent.
CONTROL
printf '%s\n' /etc/property-inbox/property-inbox.toml /etc/samba/property-inbox-share.conf > "$root/DEBIAN/conffiles"
install -m 0755 packaging/postinst "$root/DEBIAN/postinst"
install -m 0755 packaging/prerm "$root/DEBIAN/prerm"
install -m 0755 packaging/postrm "$root/DEBIAN/postrm"

mkdir -p "$out"
deb="$out/property-inbox_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"
