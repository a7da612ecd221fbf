#!/usr/bin/env bash
# Make sure Debian's fortune files are on disk: the English `fortunes` and `fortunes-min` and the
# Chinese `fortunes-zh` (Tang poems, Song poems, sayings), the text sources fortunes and tang-poems;
# and a CJK font (`fonts-wqy-microhei`), so that reports and figures of Chinese text show its characters.
# genforge never downloads data at run time.
set -euo pipefail
dir=/usr/share/games/fortunes
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
have_all() { [ -f "$dir/fortunes" ] && [ -f "$dir/literature" ] && [ -f "$dir/art" ] && [ -f "$dir/tang300" ] && [ -f "$font" ]; }
if have_all; then
  echo "fortunes: found in $dir"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "fortunes: installing Debian's packages fortunes, fortunes-min, fortunes-zh and fonts-wqy-microhei"
  apt-get install -y -q fortunes fortunes-min fortunes-zh fonts-wqy-microhei >/dev/null 2>&1 || {
    apt-get update -q >/dev/null && apt-get install -y -q fortunes fortunes-min fortunes-zh fonts-wqy-microhei >/dev/null; }
  have_all && { echo "fortunes: installed in $dir"; exit 0; }
fi
echo "fortunes: missing from $dir; install them with: sudo apt-get install fortunes fortunes-min fortunes-zh fonts-wqy-microhei" >&2
exit 2
