#!/bin/bash
# Byte identity across a change: the sha256 of every bundled output.
# usage: scripts/bytecheck.sh VENV OUTDIR   (from the checkout to test; VENV has briefgen installed)
# Writes OUTDIR/sums.txt; run it before and after a change and diff the two (docs/benchmarks.md).
set -e
V=${1:?usage: scripts/bytecheck.sh VENV OUTDIR}; O=${2:?usage: scripts/bytecheck.sh VENV OUTDIR}
if [ -e "$O" ] && [ ! -f "$O/sums.txt" ]; then
  echo "bytecheck: $O exists and is not an earlier bytecheck folder; choose a new one" >&2; exit 2
fi
rm -rf "$O"; mkdir -p "$O"
export XDG_CACHE_HOME="$O/xdg"
B="$V/bin/briefgen"
for f in facts/*.yaml; do
  for ps in a4 letter; do
    "$B" brief "$f" -f pdf -f docx -f html -o "$O/$ps" --page-size $ps >/dev/null 2>>"$O/err.txt" || echo "FAIL brief $f $ps" >>"$O/err.txt"
    "$B" brief "$f" -t timeline -f pdf -f docx -o "$O/$ps-tl" --page-size $ps >/dev/null 2>>"$O/err.txt" || echo "FAIL tl $f $ps" >>"$O/err.txt"
  done
done
"$B" compare facts/csto.yaml facts/nato.yaml -f pdf -f docx -f html -o "$O/cmp2" >/dev/null 2>>"$O/err.txt" || echo "FAIL cmp2" >>"$O/err.txt"
"$B" compare facts/csto.yaml facts/nato.yaml facts/rio.yaml -f pdf -f docx -o "$O/cmp3" >/dev/null 2>>"$O/err.txt" || echo "FAIL cmp3" >>"$O/err.txt"
"$B" batch examples/course/course.yaml -o "$O/course" --force >/dev/null 2>>"$O/err.txt" || echo "FAIL batch" >>"$O/err.txt"
# second run, warm memo: must give the same bytes
"$B" brief facts/csto.yaml -f pdf -f docx -o "$O/rerun" >/dev/null 2>>"$O/err.txt" || true
(cd "$O" && find . -path ./xdg -prune -o -type f \( -name '*.pdf' -o -name '*.docx' -o -name '*.html' -o -name '*.zip' -o -name '*.imscc' \) -print | sort | xargs sha256sum) > "$O/sums.txt"
wc -l < "$O/sums.txt"; grep -c FAIL "$O/err.txt" || true
