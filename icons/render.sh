#!/usr/bin/env bash
# Renders every icon file from the master drawing icons/flightdeck.svg:
#   icons/png/flightdeck-N.png  N = 16 32 48 64 128 256 512 1024
#   icons/flightdeck.ico        Windows, 16 to 256 in one file (256 stored as PNG)
#   icons/flightdeck.icns       macOS, 16 to 1024 (with the @2x retina entries), PNG entries only
#   src/main/resources/io/flightdeck/ui/shell/icon-N.png   the window icons the app sets on its stage
# Needs rsvg-convert (Debian: librsvg2-bin), icotool (icoutils) and python3.
# Run it after changing the SVG and commit what it writes; the build does not run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in rsvg-convert icotool python3; do
    command -v "$tool" >/dev/null || { echo "render.sh: $tool is missing (apt-get install librsvg2-bin icoutils python3)" >&2; exit 1; }
done

sizes=(16 32 48 64 128 256 512 1024)
mkdir -p png
for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" --format png flightdeck.svg --output "png/flightdeck-$size.png"
done

# Windows: classic sizes as bitmaps, 256 as an embedded PNG as Windows Vista and later expect.
icotool --create --output flightdeck.ico \
    png/flightdeck-16.png png/flightdeck-32.png png/flightdeck-48.png png/flightdeck-64.png \
    png/flightdeck-128.png --raw=png/flightdeck-256.png

# macOS: the icns container is a list of (4-byte type, 4-byte big-endian length, PNG data) after an 'icns' header.
# Every entry holds a PNG, which macOS 10.7 and later read; the @2x types reuse the double-size PNGs.
python3 - <<'PY'
import struct
entries = [("icp4", 16), ("icp5", 32), ("ic11", 32), ("icp6", 64), ("ic12", 64), ("ic07", 128),
           ("ic08", 256), ("ic13", 256), ("ic09", 512), ("ic14", 512), ("ic10", 1024)]
body = b""
for kind, size in entries:
    with open(f"png/flightdeck-{size}.png", "rb") as f:
        data = f.read()
    body += kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data
with open("flightdeck.icns", "wb") as f:
    f.write(b"icns" + struct.pack(">I", len(body) + 8) + body)
PY

resources=../src/main/resources/io/flightdeck/ui/shell
for size in 16 32 64 128 256; do
    cp "png/flightdeck-$size.png" "$resources/icon-$size.png"
done
echo "render.sh: wrote png/, flightdeck.ico, flightdeck.icns and the window icons in $resources"
