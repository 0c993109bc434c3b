#!/usr/bin/env bash
# Touchpoint on YARN, cluster mode: the driver runs in the YARN ApplicationMaster, so the config
# file is shipped with --files and read from the container's working directory.
#
#   jobs/scheduling/spark-submit-yarn.sh                      # yesterday (in TOUCHPOINT_TZ)
#   TOUCHPOINT_FROM=2026-09-01 TOUCHPOINT_TO=2026-09-30 jobs/scheduling/spark-submit-yarn.sh
#   jobs/scheduling/spark-submit-yarn.sh --verbose --set touchpoint.sessions.timeout=45m
#
# Extra arguments are passed to `touchpoint run` (after the ones below; a later --set wins).
# Exit code: spark-submit's. In cluster mode that is 0 when the application SUCCEEDED and 1 when
# it FAILED or was KILLED; Touchpoint's own code (2 config, 3 input, 1 other) and its message are
# in the driver log: yarn logs -applicationId <id> -log_files stdout,stderr
# For the exact code in spark-submit's exit status, use --deploy-mode client (driver runs here;
# then --config takes a local path and --files is not needed for it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# --- What to compute --------------------------------------------------------------------------
# Conversion dates, inclusive, YYYY-MM-DD in touchpoint.input.time-zone. Default: yesterday in
# TOUCHPOINT_TZ (set it to the same zone as touchpoint.input.time-zone).
TOUCHPOINT_TZ="${TOUCHPOINT_TZ:-UTC}"
TOUCHPOINT_TO="${TOUCHPOINT_TO:-$(TZ="$TOUCHPOINT_TZ" date -d "12:00 yesterday" +%F)}"
TOUCHPOINT_FROM="${TOUCHPOINT_FROM:-$TOUCHPOINT_TO}"
# The raw log: must hold every event from FROM - lookback - session timeout to TO + 1 day +
# the longest funnel window. The whole path is parsed (rows outside the range are counted as
# skipped, outside_range), so point it at a glob over recent days, not years of history, e.g.
# "hdfs:///logs/web/dt=2026-0{8,9}-*".
TOUCHPOINT_INPUT="${TOUCHPOINT_INPUT:-hdfs:///logs/web}"
TOUCHPOINT_OUTPUT="${TOUCHPOINT_OUTPUT:-hdfs:///warehouse/touchpoint}"
# A local file (or hdfs:// URL) shipped to the driver's working directory with --files.
TOUCHPOINT_CONFIG="${TOUCHPOINT_CONFIG:-/etc/touchpoint/touchpoint.conf}"
# The shaded job jar (./mvnw package -DskipTests); a local path or an hdfs:// URL.
TOUCHPOINT_JAR="${TOUCHPOINT_JAR:-$here/../target/touchpoint-jobs.jar}"

# --- Where it runs ----------------------------------------------------------------------------
SPARK_HOME="${SPARK_HOME:-/opt/spark}"            # a Spark 4.2.0 distribution (Scala 2.13)
YARN_QUEUE="${YARN_QUEUE:-default}"
# Spark 4 needs Java 17 in the YARN containers too. If the NodeManagers' default java is older,
# point this at a Java 17 home present on every node.
YARN_JAVA_HOME="${YARN_JAVA_HOME:-}"

for d in "$TOUCHPOINT_FROM" "$TOUCHPOINT_TO"; do
  if [[ ! "$d" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
    echo "spark-submit-yarn: date '$d' is not YYYY-MM-DD (TOUCHPOINT_FROM/TOUCHPOINT_TO)" >&2
    exit 2
  fi
done

java_home_conf=()
if [[ -n "$YARN_JAVA_HOME" ]]; then
  java_home_conf=(--conf "spark.yarn.appMasterEnv.JAVA_HOME=$YARN_JAVA_HOME"
                  --conf "spark.executorEnv.JAVA_HOME=$YARN_JAVA_HOME")
fi

# Resources for a daily run over ~1 month of events (the attribution lookback dominates what is
# read). maxAppAttempts=1: the scheduler retries, not YARN (a second attempt reruns the whole
# job and hides the first failure). Dynamic allocation with shuffle tracking needs no external shuffle service.
# The Java 17 --add-opens flags Spark needs are added by spark-submit itself.
# Kerberos: add --principal touchpoint@EXAMPLE.COM --keytab /etc/security/keytabs/touchpoint.keytab
exec "$SPARK_HOME/bin/spark-submit" \
  --class io.touchpoint.jobs.Main \
  --name "touchpoint-$TOUCHPOINT_FROM-$TOUCHPOINT_TO" \
  --master yarn \
  --deploy-mode cluster \
  --queue "$YARN_QUEUE" \
  --files "$TOUCHPOINT_CONFIG" \
  --driver-memory 4g \
  --driver-cores 2 \
  --executor-memory 8g \
  --executor-cores 4 \
  --conf spark.executor.memoryOverhead=2g \
  --conf spark.dynamicAllocation.enabled=true \
  --conf spark.dynamicAllocation.shuffleTracking.enabled=true \
  --conf spark.dynamicAllocation.minExecutors=2 \
  --conf spark.dynamicAllocation.maxExecutors=20 \
  --conf spark.sql.shuffle.partitions=400 \
  --conf spark.sql.adaptive.enabled=true \
  --conf spark.yarn.maxAppAttempts=1 \
  --conf spark.yarn.submit.waitAppCompletion=true \
  ${java_home_conf[@]+"${java_home_conf[@]}"} \
  "$TOUCHPOINT_JAR" \
  run \
  --config "$(basename "$TOUCHPOINT_CONFIG")" \
  --input "$TOUCHPOINT_INPUT" \
  --output "$TOUCHPOINT_OUTPUT" \
  --from "$TOUCHPOINT_FROM" \
  --to "$TOUCHPOINT_TO" \
  "$@"
