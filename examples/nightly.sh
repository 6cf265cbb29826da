#!/usr/bin/env bash
# The nightly job: rebuild the store from the exports, recompute everything, keep the JSON, and fail
# (exit 1) when a goal of the plan is at high risk. Every output is deterministic: two nights on the same
# exports give byte-identical JSON, whatever the order of the files on disk.
#
#   EXPORTS   folder with the exports (default: exports); file names tell the kind:
#             population*.csv, survey-*.csv, limesurvey-*.csv (wave: the year between hyphens,
#             underscores, dots or spaces in the name, such as limesurvey-2026-survey739154.csv), keyfigures*.csv,
#             monitor*.csv (with monitor-mapping.yaml beside it if present), signals*.csv
#   OUT       folder for the results (default: out)
#   FAIL_ON   risk level that fails the job (default: high)
#   MAX_REJECTS  rejected rows a file may have before nothing of it is stored, N or N% (default: 0)
#   SAFETY_SCAN  how to run the tool (default: npx safety-scan)
set -euo pipefail
EXPORTS=${EXPORTS:-exports}
OUT=${OUT:-out}
FAIL_ON=${FAIL_ON:-high}
MAX_REJECTS=${MAX_REJECTS:-0}
read -r -a SCAN <<< "${SAFETY_SCAN:-npx safety-scan}"
export SAFETY_SCAN_STORE="$OUT/safety-scan.db"

mkdir -p "$OUT"
rm -f "$SAFETY_SCAN_STORE" "$SAFETY_SCAN_STORE-wal" "$SAFETY_SCAN_STORE-shm"

# Import kind by kind, each kind's files in name order (the store does not depend on it, but logs read better).
import_kind() {
  local kind=$1; shift
  local files=()
  for pattern in "$@"; do
    while IFS= read -r -d '' file; do files+=("$file"); done < <(find "$EXPORTS" -maxdepth 1 -name "$pattern" -print0 | LC_ALL=C sort -z)
  done
  [ ${#files[@]} -eq 0 ] && return 0
  local extra=()
  if [ "$kind" = monitor ] && [ -f "$EXPORTS/monitor-mapping.yaml" ]; then extra=(--mapping "$EXPORTS/monitor-mapping.yaml"); fi
  "${SCAN[@]}" import --kind "$kind" --max-rejects "$MAX_REJECTS" "${extra[@]}" "${files[@]}"
}
import_kind population 'population*.csv'
import_kind survey 'survey-*.csv'
# The wave is the year standing on its own in the name (`limesurvey-2026-survey739154.csv` is 2026, not
# 7391): exactly one such year, else the night stops naming the file.
wave_of() {
  local name rest years=()
  name=$(basename "$1" .csv)
  rest="-$name-"
  while [[ $rest =~ [-_.\ ]((19|20)[0-9]{2})[-_.\ ](.*)$ ]]; do
    years+=("${BASH_REMATCH[1]}")
    rest="-${BASH_REMATCH[3]}"
  done
  if [ ${#years[@]} -eq 0 ]; then
    echo "nightly: $1: no year between hyphens, underscores, dots or spaces in the name to take the wave from (name it like limesurvey-2026.csv)" >&2
    return 1
  fi
  if [ "$(printf '%s\n' "${years[@]}" | sort -u | wc -l)" -gt 1 ]; then
    echo "nightly: $1: the name holds more than one year (${years[*]}); keep only the wave's" >&2
    return 1
  fi
  echo "${years[0]}"
}
while IFS= read -r -d '' file; do
  wave=$(wave_of "$file")
  "${SCAN[@]}" import --kind survey --preset limesurvey --wave "$wave" --max-rejects "$MAX_REJECTS" "$file"
done < <(find "$EXPORTS" -maxdepth 1 -name 'limesurvey-*.csv' -print0 | LC_ALL=C sort -z)
import_kind keyfigures 'keyfigures*.csv'
import_kind monitor 'monitor*.csv'
import_kind signals 'signals*.csv'

"${SCAN[@]}" status --json > "$OUT/status.json"
"${SCAN[@]}" indicators --json > "$OUT/indicators.json"
waves=$(node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(Object.keys(s.rows.survey||{}).sort().join(" "))' "$OUT/status.json")
read -r -a wave_list <<< "$waves"
if [ ${#wave_list[@]} -ge 2 ]; then
  "${SCAN[@]}" compare --from "${wave_list[-2]}" --to "${wave_list[-1]}" --json > "$OUT/compare.json"
fi
"${SCAN[@]}" profile --json > "$OUT/profile.json"
# Last, so its exit code is the job's: 1 when a finding reaches $FAIL_ON.
"${SCAN[@]}" check --json --fail-on "$FAIL_ON" > "$OUT/check.json"
