#!/usr/bin/env bash
# Prints a DXF plan with LibreCAD 2.2 (dxf2pdf) to OUTDIR/<name>.pdf and OUTDIR/<name>.png for a person
# to look at. The file is printed as written: its active sheet's limits ($PLIMMIN/$PLIMMAX, the sheet in
# drawing units) give LibreCAD an A3 page, and -a fits the sheet's frame to it.
# Usage: render_dxf.sh plan.dxf OUTDIR [DPI]
set -u
IN=$(readlink -f "$1"); OUT=$(mkdir -p "$2" && readlink -f "$2"); B=$(basename "$IN" .dxf); DPI=${3:-110}
RUNTIME=$(mktemp -d); chmod 700 "$RUNTIME"
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$RUNTIME timeout 120 librecad dxf2pdf -a -t "$OUT" "$IN" >/dev/null 2>&1
rm -rf "$RUNTIME"
if [ -s "$OUT/${B}.pdf" ]; then
  pdftoppm -png -r "$DPI" -singlefile "$OUT/${B}.pdf" "$OUT/${B}" && echo "$OUT/${B}.png"
else
  echo "LibreCAD produced no PDF (hang or unreadable file)" >&2; exit 1
fi
