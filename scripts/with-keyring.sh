#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (Secret Service),
# so keychain tests use a real keychain without touching the developer's own.
#   scripts/with-keyring.sh npx playwright test
set -eu
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME RAKERONE_SECRET_SERVICE=ready
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
dbus-run-session -- sh -c 'echo -n rakerone-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
