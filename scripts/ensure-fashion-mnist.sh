#!/usr/bin/env bash
# Make sure Fashion-MNIST is on disk. It comes from Debian's package dataset-fashion-mnist;
# genforge never downloads data at run time.
set -euo pipefail
dir=${GENFORGE_DATA:-/usr/share/datasets/fashion-mnist}
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
have_all() {
  for f in "${files[@]}"; do
    [ -f "$dir/$f.gz" ] || [ -f "$dir/$f" ] || return 1
  done
}
if have_all; then
  echo "Fashion-MNIST: found in $dir"
  exit 0
fi
if [ -n "${GENFORGE_DATA:-}" ]; then
  echo "Fashion-MNIST: GENFORGE_DATA=$dir lacks the four idx files (${files[*]}, gzipped or not)." >&2
  exit 2
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Fashion-MNIST: installing Debian's package dataset-fashion-mnist"
  apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1 || {
    apt-get update -q >/dev/null && apt-get install -y -q dataset-fashion-mnist >/dev/null; }
  have_all && { echo "Fashion-MNIST: installed in $dir"; exit 0; }
fi
cat >&2 <<MSG
Fashion-MNIST is missing from $dir.
Install it with:   sudo apt-get install dataset-fashion-mnist
or put the four idx files (${files[*]}, .gz or not) in a folder
and point genforge at it:  export GENFORGE_DATA=/path/to/folder   (or --data-dir on each command)
MSG
exit 2
