#!/bin/sh
# Install the Debian packages polidex needs to build and test, when they
# are missing: as root with apt-get, otherwise print the command to run.
# (fonts-dejavu-core: the PDF unit test draws its PDFs with cairo.)
PKGS="gcc make pkg-config libxml2-dev libsqlite3-dev libcjson-dev libpcre2-dev libpoppler-glib-dev fonts-dejavu-core sqlite3 python3 python3-icalendar"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "deps: apt-get install failed" >&2
		exit 1
	}
else
	echo "missing Debian packages:$missing" >&2
	echo "run: sudo apt-get install$missing" >&2
	exit 1
fi
