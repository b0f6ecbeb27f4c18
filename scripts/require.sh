#!/bin/sh
# Ensure one system dependency of parkstar's tests or demo is present.
#
# usage: require.sh NAME CHECK PACKAGES WHY
#   NAME      what a person calls it ("Java")
#   CHECK     a shell command that succeeds when it is present
#   PACKAGES  the Debian packages that provide it
#   WHY       what needs it
#
# Present: prints nothing. Missing, running as root with apt-get: installs PACKAGES from Debian's packages and
# checks again. Otherwise: one line on stderr saying what to install and why, exit 1.
name=$1 check=$2 packages=$3 why=$4

sh -c "$check" >/dev/null 2>&1 && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "parkstar: $name missing — installing $packages (for $why)" >&2
  if apt-get update -qq >/dev/null 2>&1 \
     && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1 \
     && sh -c "$check" >/dev/null 2>&1; then
    exit 0
  fi
  echo "parkstar: $name could not be installed with apt-get (packages: $packages); it is needed for $why." >&2
  exit 1
fi
echo "parkstar: $name is missing; it is needed for $why — install it (Debian: apt-get install $packages) and run again." >&2
exit 1
