#!/usr/bin/env bash
# Nightly Touchpoint run for cron: computes the last DAYS conversion dates ending yesterday
# (default 1 = yesterday only) through one of the spark-submit scripts, never two at once.
#
#   touchpoint-daily.sh          # yesterday
#   touchpoint-daily.sh 3        # the last 3 days (late data): today-3 .. yesterday
#   TOUCHPOINT_FROM=2026-09-01 TOUCHPOINT_TO=2026-09-30 touchpoint-daily.sh   # explicit range
#
# Dates are local dates in TOUCHPOINT_TZ: set it to touchpoint.input.time-zone.
# Every other TOUCHPOINT_* / SPARK_* variable is passed on to the submit script (input, output,
# config, jar, cluster). Output of the run is appended to LOG_DIR/touchpoint-YYYY-MM-DD.log.
#
# Exit code: the submit script's (0 success, 2 config, 3 input, 1 other; see docs/operations.md),
# or 75 when another run still holds the lock after LOCK_WAIT seconds (nothing was started).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

DAYS="${1:-1}"
TOUCHPOINT_SUBMIT="${TOUCHPOINT_SUBMIT:-$here/../spark-submit-yarn.sh}"
export TOUCHPOINT_TZ="${TOUCHPOINT_TZ:-UTC}"
LOG_DIR="${LOG_DIR:-/var/log/touchpoint}"
LOG_KEEP_DAYS="${LOG_KEEP_DAYS:-30}"
LOCK_FILE="${LOCK_FILE:-/var/lock/touchpoint.lock}"
# How long to wait for a running job (e.g. the nightly run when the late-data rerun starts).
LOCK_WAIT="${LOCK_WAIT:-3600}"

if [[ ! "$DAYS" =~ ^[1-9][0-9]*$ ]]; then
  echo "touchpoint-daily: DAYS must be a positive number, got '$DAYS'" >&2
  exit 2
fi
export TOUCHPOINT_TO="${TOUCHPOINT_TO:-$(TZ="$TOUCHPOINT_TZ" date -d "12:00 yesterday" +%F)}"
export TOUCHPOINT_FROM="${TOUCHPOINT_FROM:-$(TZ="$TOUCHPOINT_TZ" date -d "$TOUCHPOINT_TO 12:00 $((DAYS - 1)) days ago" +%F)}"

mkdir -p "$LOG_DIR"
log="$LOG_DIR/touchpoint-$(date +%F).log"
stamp() { date '+%Y-%m-%d %H:%M:%S %Z'; }

# One run at a time on this host: fd 9 holds the lock until this script exits.
exec 9>"$LOCK_FILE"
if ! flock -w "$LOCK_WAIT" 9; then
  echo "$(stamp) touchpoint-daily: another run holds $LOCK_FILE; $TOUCHPOINT_FROM..$TOUCHPOINT_TO not started" \
    | tee -a "$log" >&2
  exit 75
fi

echo "$(stamp) touchpoint-daily: start $TOUCHPOINT_FROM..$TOUCHPOINT_TO via $(basename "$TOUCHPOINT_SUBMIT")" >>"$log"
rc=0
"$TOUCHPOINT_SUBMIT" >>"$log" 2>&1 || rc=$?
echo "$(stamp) touchpoint-daily: end $TOUCHPOINT_FROM..$TOUCHPOINT_TO exit $rc" >>"$log"

# cron mails whatever a job prints: print only on failure, with where to look.
if [[ "$rc" -ne 0 ]]; then
  echo "touchpoint-daily: $TOUCHPOINT_FROM..$TOUCHPOINT_TO failed with exit $rc; log: $log" >&2
  tail -n 20 "$log" >&2
fi

find "$LOG_DIR" -name 'touchpoint-*.log' -mtime +"$LOG_KEEP_DAYS" -delete 2>/dev/null || true
exit "$rc"
