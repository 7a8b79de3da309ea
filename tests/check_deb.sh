#!/usr/bin/env bash
# The .deb as a user gets it: built by CPack from this build tree, then checked
# by lintian, which must report no error and no warning (info tags are allowed),
# then unpacked to check that both programs run.
#   bash tests/check_deb.sh BUILD_DIR
set -euo pipefail
build=$1
cd "$build"
rm -f btsf-workbench_*.deb
cpack -G DEB > cpack.log 2>&1 || { tail -5 cpack.log; exit 1; }
deb=$(ls btsf-workbench_*.deb)
echo "lintian $deb"
lintian --fail-on error,warning "$deb"
# Every file the policy asks for is there.
listing=$(dpkg-deb -c "$deb")
for f in ./usr/share/doc/btsf-workbench/copyright ./usr/share/doc/btsf-workbench/changelog.gz \
         ./usr/share/man/man1/btsf-cli.1.gz; do
  grep -q " $f\$" <<< "$listing" || { echo "missing in $deb: $f"; exit 1; }
done
echo "lintian: no errors or warnings"
# The packaged programs run as installed: unpacked (as dpkg would, without
# touching the system), both answer --version, the workbench without a display.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
"$root/usr/bin/btsf-cli" --version
if [ -x "$root/usr/bin/btsf-workbench" ]; then
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/btsf-workbench" --version
fi
