#!/usr/bin/env bash
# Touchpoint on Kubernetes, cluster mode: spark-submit creates a driver pod from an image that is
# the official Spark 4.2.0 image plus the job jar (see Dockerfile next to this script), and waits
# for it to finish.
#
#   jobs/scheduling/spark-submit-kubernetes.sh                # yesterday (in TOUCHPOINT_TZ)
#   TOUCHPOINT_FROM=2026-09-01 TOUCHPOINT_TO=2026-09-30 jobs/scheduling/spark-submit-kubernetes.sh
#   jobs/scheduling/spark-submit-kubernetes.sh --verbose
#
# Extra arguments are passed to `touchpoint run`.
# Exit code: the driver container's, i.e. Touchpoint's own (0, 1, 2, 3), read with kubectl after
# spark-submit returns, because spark-submit in Kubernetes cluster mode does not pass the
# driver's exit code on (SPARK-26365). Needs kubectl with `get pods` in the namespace.
# Progress lines and errors: kubectl -n <namespace> logs <driver pod>  (the pod is kept).
set -euo pipefail

# --- What to compute --------------------------------------------------------------------------
TOUCHPOINT_TZ="${TOUCHPOINT_TZ:-UTC}"             # same zone as touchpoint.input.time-zone
TOUCHPOINT_TO="${TOUCHPOINT_TO:-$(TZ="$TOUCHPOINT_TZ" date -d "12:00 yesterday" +%F)}"
TOUCHPOINT_FROM="${TOUCHPOINT_FROM:-$TOUCHPOINT_TO}"
# Must hold every event from FROM - lookback - session timeout to TO + 1 day + the longest
# funnel window; the whole path is parsed, so prefer a glob over recent days.
# s3a:// needs hadoop-aws in the image (see Dockerfile) and credentials (e.g. IRSA / workload
# identity on the service account, or spark.hadoop.fs.s3a.* settings).
TOUCHPOINT_INPUT="${TOUCHPOINT_INPUT:-s3a://example-logs/web/}"
TOUCHPOINT_OUTPUT="${TOUCHPOINT_OUTPUT:-s3a://example-warehouse/touchpoint}"
# The config, either
#  a) a local file, uploaded by spark-submit to SPARK_UPLOAD_PATH and placed in the driver's
#     working directory (--files), or
#  b) baked into the image: TOUCHPOINT_CONFIG=local:///opt/touchpoint/touchpoint.conf
#     (or package it in the jar and pass --config classpath:touchpoint.conf).
TOUCHPOINT_CONFIG="${TOUCHPOINT_CONFIG:-/etc/touchpoint/touchpoint.conf}"
SPARK_UPLOAD_PATH="${SPARK_UPLOAD_PATH:-s3a://example-warehouse/spark-uploads}"
# The jar inside the image (local:// = a path in the container).
TOUCHPOINT_JAR="${TOUCHPOINT_JAR:-local:///opt/touchpoint/touchpoint-jobs.jar}"

# --- Where it runs ----------------------------------------------------------------------------
SPARK_HOME="${SPARK_HOME:-/opt/spark}"            # a Spark 4.2.0 distribution, for spark-submit
K8S_API="${K8S_API:-https://kubernetes.default.svc:443}"   # kubectl cluster-info shows it
K8S_NAMESPACE="${K8S_NAMESPACE:-analytics}"
K8S_SERVICE_ACCOUNT="${K8S_SERVICE_ACCOUNT:-spark}"  # may create/delete pods, services, configmaps
TOUCHPOINT_IMAGE="${TOUCHPOINT_IMAGE:-registry.example.com/touchpoint:0.1.0}"
KUBECTL="${KUBECTL:-kubectl}"

for d in "$TOUCHPOINT_FROM" "$TOUCHPOINT_TO"; do
  if [[ ! "$d" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
    echo "spark-submit-kubernetes: date '$d' is not YYYY-MM-DD (TOUCHPOINT_FROM/TOUCHPOINT_TO)" >&2
    exit 2
  fi
done

if [[ "$TOUCHPOINT_CONFIG" == local://* ]]; then
  config_args=(--config "${TOUCHPOINT_CONFIG#local://}")
  files_args=()
else
  config_args=(--config "$(basename "$TOUCHPOINT_CONFIG")")
  files_args=(--files "$TOUCHPOINT_CONFIG" --conf "spark.kubernetes.file.upload.path=$SPARK_UPLOAD_PATH")
fi

# A name of our own for the driver pod, unique per run (DNS-1123, at most 63 characters), so the
# exit code can be read afterwards.
driver_pod="touchpoint-${TOUCHPOINT_FROM//-/}-${TOUCHPOINT_TO//-/}-$(date -u +%Y%m%d%H%M%S)"

# Resources for a daily run over ~1 month of events. Requests = what the scheduler reserves;
# memory limits are derived by Spark from memory + memoryOverhead.
submit_rc=0
"$SPARK_HOME/bin/spark-submit" \
  --class io.touchpoint.jobs.Main \
  --name "touchpoint-$TOUCHPOINT_FROM-$TOUCHPOINT_TO" \
  --master "k8s://$K8S_API" \
  --deploy-mode cluster \
  ${files_args[@]+"${files_args[@]}"} \
  --driver-memory 4g \
  --driver-cores 2 \
  --executor-memory 8g \
  --executor-cores 4 \
  --conf spark.executor.memoryOverhead=2g \
  --conf spark.kubernetes.namespace="$K8S_NAMESPACE" \
  --conf spark.kubernetes.container.image="$TOUCHPOINT_IMAGE" \
  --conf spark.kubernetes.container.image.pullPolicy=IfNotPresent \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="$K8S_SERVICE_ACCOUNT" \
  --conf spark.kubernetes.driver.pod.name="$driver_pod" \
  --conf spark.kubernetes.driver.label.app=touchpoint \
  --conf spark.kubernetes.executor.label.app=touchpoint \
  --conf spark.kubernetes.driver.request.cores=2 \
  --conf spark.kubernetes.executor.request.cores=4 \
  --conf spark.kubernetes.submission.waitAppCompletion=true \
  --conf spark.dynamicAllocation.enabled=true \
  --conf spark.dynamicAllocation.shuffleTracking.enabled=true \
  --conf spark.dynamicAllocation.minExecutors=2 \
  --conf spark.dynamicAllocation.maxExecutors=20 \
  --conf spark.sql.shuffle.partitions=400 \
  "$TOUCHPOINT_JAR" \
  run \
  "${config_args[@]}" \
  --input "$TOUCHPOINT_INPUT" \
  --output "$TOUCHPOINT_OUTPUT" \
  --from "$TOUCHPOINT_FROM" \
  --to "$TOUCHPOINT_TO" \
  "$@" || submit_rc=$?

# The driver container's exit code is Touchpoint's. Empty when the pod never ran (image pull
# error, quota, RBAC): then spark-submit's own code, or 1.
driver_rc=$("$KUBECTL" -n "$K8S_NAMESPACE" get pod "$driver_pod" \
  -o jsonpath='{.status.containerStatuses[?(@.name=="spark-kubernetes-driver")].state.terminated.exitCode}' \
  2>/dev/null || true)
if [[ -n "$driver_rc" ]]; then
  echo "spark-submit-kubernetes: driver pod $driver_pod exited with $driver_rc" >&2
  exit "$driver_rc"
fi
echo "spark-submit-kubernetes: no exit code for driver pod $driver_pod (spark-submit exited $submit_rc);" \
  "see: $KUBECTL -n $K8S_NAMESPACE describe pod $driver_pod" >&2
if [[ "$submit_rc" -ne 0 ]]; then exit "$submit_rc"; fi
exit 1

# Finished driver pods stay (Completed/Error) so their logs can be read; clean up old ones with
#   kubectl -n analytics delete pod -l app=touchpoint,spark-role=driver --field-selector=status.phase==Succeeded
