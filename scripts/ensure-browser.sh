#!/usr/bin/env bash
# The browser tests open the HTML reports in Debian's chromium through Debian's chromium-driver
# (the two come from the same source package, so their versions always match).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "browser: chromium and chromium-driver found"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "browser: installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || {
    apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; }
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && { echo "browser: installed"; exit 0; }
fi
echo "browser: chromium and chromium-driver are missing; install them with: sudo apt-get install chromium chromium-driver" >&2
exit 2
