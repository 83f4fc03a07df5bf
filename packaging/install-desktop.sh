#!/bin/sh
# Install (or remove) the built Leeway bundle for one user, as `make install-desktop`
# and `make uninstall-desktop` do:
#
#   packaging/install-desktop.sh install   PREFIX [BUNDLE]   (BUNDLE: dist/leeway)
#   packaging/install-desktop.sh uninstall PREFIX
#
# PREFIX is usually ~/.local. What goes where:
#   PREFIX/lib/leeway/                                 the one-folder bundle
#   PREFIX/bin/leeway                                  a symlink to its binary
#   PREFIX/share/icons/hicolor/scalable/apps/leeway.svg
#   PREFIX/share/applications/leeway.desktop           Exec/TryExec: the binary's absolute
#                                                      path, so the menu entry works when
#                                                      PREFIX/bin is not on PATH
# DESTDIR (environment), as in packagers' staged installs: files are written under
# DESTDIR/PREFIX but name PREFIX, and the desktop and icon caches are left alone.
# The terminal's data (its database and keyring entries) is never touched.
set -eu

usage() {
  echo "usage: $0 install PREFIX [BUNDLE] | uninstall PREFIX" >&2
  exit 2
}

[ $# -ge 2 ] || usage
action=$1
prefix=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
destdir=${DESTDIR:-}

case $prefix in
  /*) ;;
  *) echo "PREFIX must be an absolute path, not '$prefix'" >&2; exit 2 ;;
esac
# Exec= in a .desktop file (and sed below) give meaning to most punctuation; accept a
# plain path only rather than escape it.
case $prefix in
  *[!A-Za-z0-9._/+-]*)
    echo "PREFIX '$prefix' may hold only letters, digits and . _ / + -; choose another" >&2
    exit 2 ;;
esac
prefix=${prefix%/}

lib=$destdir$prefix/lib/leeway
bin=$destdir$prefix/bin/leeway
icon=$destdir$prefix/share/icons/hicolor/scalable/apps/leeway.svg
apps=$destdir$prefix/share/applications
entry=$apps/leeway.desktop
binary=$prefix/lib/leeway/leeway  # as the desktop sees it (no DESTDIR)

refresh_caches() {
  # Desktops that read caches see the new entry and icon without a new login; both
  # tools are optional (a bare system has neither) and a stale cache is harmless.
  [ -z "$destdir" ] || return 0
  if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$apps" ]; then
    update-desktop-database -q "$apps" || echo "warning: update-desktop-database failed" >&2
  fi
  # Only an existing icon cache needs refreshing (a stale one would hide the new icon);
  # without one, icons are read from the folder, so none is created.
  hicolor=$prefix/share/icons/hicolor
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$hicolor/icon-theme.cache" ]; then
    gtk-update-icon-cache -q -t -f "$hicolor" || echo "warning: gtk-update-icon-cache failed" >&2
  fi
}

remove_bundle() {
  # Only ever delete a folder that holds a Leeway bundle (or nothing at all).
  if [ -e "$lib" ]; then
    if [ ! -x "$lib/leeway" ] && [ -n "$(ls -A "$lib")" ]; then
      echo "$lib is not a Leeway bundle; not removing it" >&2
      exit 1
    fi
    rm -rf "$lib"
  fi
}

remove_link() {
  if [ -L "$bin" ] && [ "$(readlink "$bin")" = "$binary" ]; then
    rm -f "$bin"
  elif [ -e "$bin" ] || [ -L "$bin" ]; then
    echo "$bin is not the symlink this script made; left alone" >&2
  fi
}

case $action in
  install)
    bundle=${3:-$root/dist/leeway}
    if [ ! -x "$bundle/leeway" ]; then
      echo "no bundle at $bundle: run 'make bundle' first" >&2
      exit 1
    fi
    if [ -e "$bin" ] && [ ! -L "$bin" ]; then
      echo "$bin exists and is not a symlink (a pip-installed leeway?); remove it first" >&2
      exit 1
    fi
    mkdir -p "$(dirname "$lib")" "$(dirname "$bin")" "$(dirname "$icon")" "$apps"
    # Copy beside the old install, then swap, so a failed copy leaves the old one working;
    # whatever fails on the way leaves no half-written copy or entry behind.
    trap 'rm -rf "$lib.new" "$entry.tmp"' EXIT
    rm -rf "$lib.new"
    cp -RP "$bundle" "$lib.new"  # -P: the bundle's own symlinks stay symlinks
    sed -e "s|^Exec=.*|Exec=$binary|" -e "s|^TryExec=.*|TryExec=$binary|" \
      "$here/leeway.desktop" > "$entry.tmp"
    chmod 644 "$entry.tmp"
    remove_bundle
    mv "$lib.new" "$lib"
    ln -sfn "$binary" "$bin"
    cp "$root/resources/icons/leeway.svg" "$icon"
    chmod 644 "$icon"
    mv "$entry.tmp" "$entry"
    refresh_caches
    echo "Installed Leeway in $destdir$prefix: run $prefix/bin/leeway or pick Leeway in the menu."
    ;;
  uninstall)
    remove_link
    remove_bundle
    rm -f "$icon" "$entry"
    refresh_caches
    echo "Removed Leeway from $destdir$prefix (the terminal's data folder is kept)."
    ;;
  *) usage ;;
esac
