#!/usr/bin/env bash
# Copies the Swagger UI files that the API reference serves out of the
# swagger-ui-dist package on npm into assets/, replacing what was there.
# Run through `go generate ./internal/docs` (needs npm and node). The copies
# are committed, so building Binora needs only Go.
#
# Only the packed tarball is downloaded (`npm pack`): nothing is installed
# and no package script runs. The tarball must match the pinned integrity.
# The files are copied byte for byte; source maps and the other bundles
# (ES modules, standalone preset) are left out.
set -euo pipefail
cd "$(dirname "$0")"

pkg=swagger-ui-dist
version=5.35.0
integrity=sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ==
files=(
	swagger-ui-bundle.js
	swagger-ui.css
	favicon-32x32.png
	LICENSE
	NOTICE
	swagger-ui-bundle.js.LICENSE.txt
)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm pack --silent --pack-destination "$tmp" "$pkg@$version" >/dev/null
tgz="$tmp/$pkg-$version.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$integrity" ]; then
	echo "fetch-assets: $pkg@$version has integrity $got, want $integrity" >&2
	exit 1
fi
tar -xzf "$tgz" -C "$tmp"

rm -rf assets
mkdir assets
for f in "${files[@]}"; do
	cp "$tmp/package/$f" "assets/$f"
done
