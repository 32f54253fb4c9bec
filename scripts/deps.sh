#!/bin/sh
# Install the Debian packages polidex needs to build and test, when they
# are missing: as root with apt-get, otherwise print the command to run.
# (fonts-dejavu-core: the PDF unit test draws its PDFs with cairo;
# chromium, fonts-wqy-zenhei, nodejs, npm: the report's browser test, which
# skips, saying so, without chromium.)
PKGS="gcc make pkg-config libxml2-dev libsqlite3-dev libcjson-dev libpcre2-dev libpoppler-glib-dev fonts-dejavu-core sqlite3 python3 python3-icalendar"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# The browser test's packages, as root, when their commands are missing
# (node and npm may come from elsewhere); a failure here is only a warning.
if [ "$(id -u)" -eq 0 ]; then
	opt=""
	command -v chromium >/dev/null || opt="$opt chromium"
	dpkg-query -W -f='${Status}' fonts-wqy-zenhei 2>/dev/null | grep -q "install ok installed" || opt="$opt fonts-wqy-zenhei"
	command -v node >/dev/null || opt="$opt nodejs"
	command -v npm >/dev/null || opt="$opt npm"
	if [ -n "$opt" ]; then
		echo "installing (browser test):$opt"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $opt >/dev/null 2>&1 ||
			echo "deps: could not install$opt; the browser test will skip" >&2
	fi
fi
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
