#!/usr/bin/env bash
# Renders a metre DXF plan with LibreCAD to OUTDIR/<name>_plan.png for a person to look at.
# Usage: render_dxf.sh plan.dxf OUTDIR [DPI]
# LibreCAD 2.2 prints a metre drawing on a 420 m page, so (as ../shared/verify/dxf.sh does) the copy
# says mm in its header; it also drops lineweights (group code 370), which LibreCAD would otherwise
# scale with the drawing and draw 1000 times too thick. Geometry, layers, colours and texts are untouched.
set -u
IN=$(readlink -f "$1"); OUT=$(mkdir -p "$2" && readlink -f "$2"); B=$(basename "$IN" .dxf); DPI=${3:-110}
awk 'f==2{sub(/6/,"4");f=0} f==1{f=2} $0=="$INSUNITS"||$0=="$INSUNITS\r"{f=1}
     skip==1{skip=0; next} ($0==" 370"||$0=="370"){skip=1; next} {print}' "$IN" > "$OUT/${B}_plan.dxf"
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp timeout 120 librecad dxf2pdf -a -p 420x297 -o "$OUT/${B}_plan.pdf" "$OUT/${B}_plan.dxf" >/dev/null 2>&1
if [ -s "$OUT/${B}_plan.pdf" ]; then
  pdftoppm -png -r "$DPI" -singlefile "$OUT/${B}_plan.pdf" "$OUT/${B}_plan" && echo "$OUT/${B}_plan.png"
else
  echo "LibreCAD produced no PDF (hang or unreadable file)" >&2; exit 1
fi
