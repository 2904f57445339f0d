#!/usr/bin/env bash
# Verifies the Linux .deb on this machine: installs it with dpkg, starts the installed program on the sandbox under
# Xvfb, waits until its window is mapped, takes a screenshot, closes the program and removes the package.
# Prints the .deb size, the installed size and the start-up time (launch to mapped window); exits non-zero if any
# step fails. Needs root (dpkg) and Xvfb, xdotool, xprop and ImageMagick's import; as root it installs those that are
# missing with apt-get.
#
#   packaging/linux/verify-deb.sh [--build] [--deb FILE] [--display :N] [--settle SECONDS] [--screenshot FILE]
#
#   --build        build the .deb first (mvn -B -Ppackage package -DskipTests); otherwise the newest
#                  target/installers/flightdeck_*.deb is used, and built only when there is none
#   --deb FILE     verify this .deb
#   --display :N   the Xvfb display to use (default :99)
#   --settle S     seconds to wait after the window is mapped before the screenshot, so that it shows the
#                  sandbox's live view (default 45; 0 takes it at once)
#   --screenshot F where the screenshot goes (default target/verify-deb/screenshot.png)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PACKAGE=flightdeck
LAUNCHER=/opt/flightdeck/bin/Flightdeck
WINDOW_TIMEOUT=120
EXIT_TIMEOUT=30

log() { printf 'verify-deb: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

build=0 deb="" display=":99" settle=45 screenshot="target/verify-deb/screenshot.png"
while (( $# > 0 )); do
    case "$1" in
        --build) build=1 ;;
        --deb) deb=${2:?--deb needs a file}; shift ;;
        --display) display=${2:?--display needs a value such as :99}; shift ;;
        --settle) settle=${2:?--settle needs seconds}; shift ;;
        --screenshot) screenshot=${2:?--screenshot needs a file}; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
    shift
done
[[ "$display" =~ ^:[0-9]+$ ]] || die "--display must look like :99, not '$display'"
[[ "$settle" =~ ^[0-9]+$ ]] || die "--settle must be whole seconds, not '$settle'"
(( $(id -u) == 0 )) || die "run as root: the script installs and removes a package with dpkg"

# The tools the script itself uses, installed when missing.
missing=()
for pair in Xvfb:xvfb xdotool:xdotool xprop:x11-utils import:imagemagick dpkg-deb:dpkg fakeroot:fakeroot; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
if (( ${#missing[@]} > 0 )); then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "could not install ${missing[*]}"
fi

if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
    die "$PACKAGE is already installed; remove it first (dpkg -r $PACKAGE) so that the test starts clean"
fi

if [[ -z "$deb" ]]; then
    if (( build == 0 )); then
        deb=$(ls -t target/installers/${PACKAGE}_*.deb 2>/dev/null | head -n 1 || true)
    fi
    if [[ -z "$deb" ]]; then
        log "building the .deb: mvn -B -Ppackage package -DskipTests"
        build_start=$(date +%s)
        mvn -B -ntp -q -Ppackage package -DskipTests >&2 || die "the package build failed"
        log "built in $(( $(date +%s) - build_start )) s"
        deb=$(ls -t target/installers/${PACKAGE}_*.deb 2>/dev/null | head -n 1 || true)
        [[ -n "$deb" ]] || die "the build made no target/installers/${PACKAGE}_*.deb"
    fi
fi
[[ -f "$deb" ]] || die "no such .deb: $deb"
[[ "$(dpkg-deb -f "$deb" Package)" == "$PACKAGE" ]] || die "$deb is not the $PACKAGE package"

work=$(mktemp -d /tmp/verify-deb.XXXXXX)
xvfb_pid="" app_pid="" installed=0
cleanup() {
    local code=$?
    [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
    if (( installed )); then
        log "removing $PACKAGE after a failure"
        dpkg --purge "$PACKAGE" >/dev/null 2>&1 || log "could not remove $PACKAGE: run dpkg -r $PACKAGE"
    fi
    rm -rf "$work"
    exit "$code"
}
trap cleanup EXIT

log "installing $deb"
if ! dpkg -i "$deb" > "$work/dpkg-install.log" 2>&1; then
    cat "$work/dpkg-install.log" >&2
    installed=1
    die "dpkg -i failed"
fi
installed=1
if grep -q 'without a menu entry' "$work/dpkg-install.log"; then
    log "this machine has no desktop menu (xdg-desktop-menu failed), so the package registered no menu entry"
fi
[[ -x "$LAUNCHER" ]] || die "the package installed no $LAUNCHER"
desktop=$(dpkg -L "$PACKAGE" | grep '\.desktop$' | head -n 1 || true)
[[ -n "$desktop" ]] || die "the package has no desktop entry"
grep -q '^Exec=/opt/flightdeck/bin/Flightdeck' "$desktop" || die "the desktop entry $desktop does not start $LAUNCHER"
installed_kib=$(dpkg-query -W -f='${Installed-Size}' "$PACKAGE")
installed_du=$(du -sk /opt/flightdeck | cut -f1)

if [[ -e "/tmp/.X11-unix/X${display#:}" ]]; then
    die "display $display is taken; choose another with --display"
fi
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; die "Xvfb did not start on $display"; }
    sleep 0.1
done

# A fresh HOME: no kubeconfig and no cached JavaFX libraries, as on a first start after installing.
mkdir -p "$work/home"
log "starting $LAUNCHER --sandbox on $display"
start_ns=$(date +%s%N)
HOME="$work/home" DISPLAY="$display" "$LAUNCHER" --sandbox > "$work/app.log" 2>&1 &
app_pid=$!
window=$(DISPLAY=$display timeout "$WINDOW_TIMEOUT" xdotool search --sync --onlyvisible --name '^Flightdeck' \
    2>/dev/null | head -n 1) || true
mapped_ns=$(date +%s%N)
if [[ -z "$window" ]]; then
    tail -n 40 "$work/app.log" >&2
    die "no Flightdeck window was mapped within $WINDOW_TIMEOUT s"
fi
startup_ms=$(( (mapped_ns - start_ns) / 1000000 ))
title=$(DISPLAY=$display xdotool getwindowname "$window")
log "window $window mapped after $startup_ms ms: '$title'"
# The window carries the Flightdeck icon (the window property _NET_WM_ICON, which xprop prints as "Icon (W x H):").
icon_sizes=$(DISPLAY=$display xprop -id "$window" _NET_WM_ICON 2>/dev/null \
    | grep -o 'Icon ([0-9]* x [0-9]*)' | grep -o '[0-9]* x [0-9]*' | paste -sd, - || true)
[[ -n "$icon_sizes" ]] || die "the window has no icon (_NET_WM_ICON is not set)"
log "window icon sizes: $icon_sizes"

if (( settle > 0 )); then
    log "waiting $settle s for the sandbox's live view"
    sleep "$settle"
fi
if ! kill -0 "$app_pid" 2>/dev/null; then
    tail -n 40 "$work/app.log" >&2
    die "the program exited while its window was open"
fi
mkdir -p "$(dirname "$screenshot")"
DISPLAY=$display import -window root "$screenshot" || die "could not take the screenshot"

# Close: SIGTERM, as a session logout would; the JVM must be gone within EXIT_TIMEOUT seconds.
kill -TERM "$app_pid"
for _ in $(seq 1 $(( EXIT_TIMEOUT * 10 ))); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$app_pid" 2>/dev/null; then
    die "the program was still running $EXIT_TIMEOUT s after SIGTERM"
fi
wait "$app_pid" 2>/dev/null || true
app_pid=""

dpkg -r "$PACKAGE" > "$work/dpkg-remove.log" 2>&1 || { cat "$work/dpkg-remove.log" >&2; die "dpkg -r failed"; }
installed=0
dpkg --purge "$PACKAGE" >> "$work/dpkg-remove.log" 2>&1 \
    || { cat "$work/dpkg-remove.log" >&2; die "dpkg --purge failed"; }
[[ ! -e /opt/flightdeck/bin/Flightdeck ]] || die "dpkg -r left /opt/flightdeck/bin/Flightdeck behind"

mib() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.1f", n / d }'; }
printf 'package:        %s (%s)\n' "$(basename "$deb")" "$(dpkg-deb -f "$deb" Version)"
printf 'deb size:       %s MiB\n' "$(mib "$(stat -c %s "$deb")" 1048576)"
printf 'installed size: %s MiB (dpkg Installed-Size %s KiB; du /opt/flightdeck %s KiB)\n' \
    "$(mib "$installed_kib" 1024)" "$installed_kib" "$installed_du"
printf 'start-up time:  %s s (launch to mapped window, fresh HOME, --sandbox)\n' \
    "$(awk -v ms="$startup_ms" 'BEGIN { printf "%.2f", ms / 1000 }')"
printf 'window title:   %s (icon %s)\n' "$title" "$icon_sizes"
printf 'screenshot:     %s\n' "$screenshot"
printf 'verify-deb: installed, opened its window, closed and removed: OK\n'
