#!/usr/bin/env bash
# Touchpoint on a Spark standalone cluster, client mode: the driver runs here (in spark-submit's
# JVM), executors on the workers. The config is a local file read by the driver; input and
# output must be on storage every worker reaches (HDFS, S3, or the same NFS mount everywhere).
#
#   jobs/scheduling/spark-submit-standalone.sh                # yesterday (in TOUCHPOINT_TZ)
#   TOUCHPOINT_FROM=2026-09-01 TOUCHPOINT_TO=2026-09-30 jobs/scheduling/spark-submit-standalone.sh
#   jobs/scheduling/spark-submit-standalone.sh --verbose
#
# Extra arguments are passed to `touchpoint run`.
# Exit code: Touchpoint's own (0 success, 2 config, 3 input, 1 other): in client mode the driver
# is this process. Progress lines go to stdout, errors to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# --- What to compute --------------------------------------------------------------------------
TOUCHPOINT_TZ="${TOUCHPOINT_TZ:-UTC}"             # same zone as touchpoint.input.time-zone
TOUCHPOINT_TO="${TOUCHPOINT_TO:-$(TZ="$TOUCHPOINT_TZ" date -d "12:00 yesterday" +%F)}"
TOUCHPOINT_FROM="${TOUCHPOINT_FROM:-$TOUCHPOINT_TO}"
# Must hold every event from FROM - lookback - session timeout to TO + 1 day + the longest
# funnel window; the whole path is parsed, so prefer a glob over recent days.
TOUCHPOINT_INPUT="${TOUCHPOINT_INPUT:-hdfs://namenode:8020/logs/web}"
TOUCHPOINT_OUTPUT="${TOUCHPOINT_OUTPUT:-hdfs://namenode:8020/warehouse/touchpoint}"
# Client mode: a path on this machine (or --config classpath:touchpoint.conf when packaged).
TOUCHPOINT_CONFIG="${TOUCHPOINT_CONFIG:-/etc/touchpoint/touchpoint.conf}"
TOUCHPOINT_JAR="${TOUCHPOINT_JAR:-$here/../target/touchpoint-jobs.jar}"

# --- Where it runs ----------------------------------------------------------------------------
SPARK_HOME="${SPARK_HOME:-/opt/spark}"            # Spark 4.2.0 (Scala 2.13) on Java 17
SPARK_MASTER_URL="${SPARK_MASTER_URL:-spark://spark-master:7077}"
# The workers must reach the driver: on a multi-homed host set the address they should use.
# export SPARK_LOCAL_IP=10.0.0.5

for d in "$TOUCHPOINT_FROM" "$TOUCHPOINT_TO"; do
  if [[ ! "$d" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
    echo "spark-submit-standalone: date '$d' is not YYYY-MM-DD (TOUCHPOINT_FROM/TOUCHPOINT_TO)" >&2
    exit 2
  fi
done

# Resources for a daily run over ~1 month of events: at most 16 cores in 4 executors of 4.
exec "$SPARK_HOME/bin/spark-submit" \
  --class io.touchpoint.jobs.Main \
  --name "touchpoint-$TOUCHPOINT_FROM-$TOUCHPOINT_TO" \
  --master "$SPARK_MASTER_URL" \
  --deploy-mode client \
  --driver-memory 4g \
  --executor-memory 8g \
  --executor-cores 4 \
  --total-executor-cores 16 \
  --conf spark.sql.shuffle.partitions=200 \
  --conf spark.sql.adaptive.enabled=true \
  "$TOUCHPOINT_JAR" \
  run \
  --config "$TOUCHPOINT_CONFIG" \
  --input "$TOUCHPOINT_INPUT" \
  --output "$TOUCHPOINT_OUTPUT" \
  --from "$TOUCHPOINT_FROM" \
  --to "$TOUCHPOINT_TO" \
  "$@"
