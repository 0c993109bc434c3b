"""Touchpoint daily run: one Airflow DAG run per conversion date.

Needs Airflow 2.4+ and apache-airflow-providers-apache-spark (spark-submit on the worker's PATH,
or spark_binary in the connection). Each run computes one date::

    touchpoint run --config touchpoint.conf --input ... --output ... --from {{ ds }} --to {{ ds }}

which rewrites exactly that date's partitions of every date-partitioned table and writes the
completion marker ``<output>/_markers/date={{ ds }}/_SUCCESS`` (docs/operations.md).

Schedule: ``@daily``; the run for date D starts when D is over (D+1 00:00 UTC), then waits
WAIT_FOR_LATE_EVENTS so the last events of D (and of the sessions and funnels that continue
past midnight) have landed. ``ds`` is a UTC date: it must be a local date in
touchpoint.input.time-zone, so keep that zone UTC, or use
``{{ data_interval_start.in_timezone('Europe/Berlin') | ds }}`` with a start_date in that zone.

Catch-up: ``catchup=True`` runs every date from START_DATE on, oldest first, one at a time.

Backfill a month (September 2026, both ends inclusive)::

    airflow dags backfill -s 2026-09-01 -e 2026-09-30 touchpoint_daily
    # dates that already ran successfully are skipped; to recompute them too:
    airflow dags backfill -s 2026-09-01 -e 2026-09-30 --reset-dagruns -y touchpoint_daily

Rerun a few dates after late data (same result as a backfill with --reset-dagruns)::

    airflow tasks clear -s 2026-09-28 -e 2026-09-30 -y touchpoint_daily

A long backfill is cheaper as one range run, which writes the same partitions and all 30 markers
(each daily run reads its whole lookback again):
``TOUCHPOINT_FROM=2026-09-01 TOUCHPOINT_TO=2026-09-30 jobs/scheduling/spark-submit-yarn.sh``.

Why max_active_runs=1 and the one-slot pool: runs of different dates write disjoint date
partitions, but every run also rewrites the tables that are not date-partitioned
(model_comparison and funnel_steps, recomputed over all dates in the output; quarantine) and
``_manifests/latest.json``. Two runs writing those at once race, and a catch-up of many dates
would otherwise fill the cluster. The pool also serialises a CLI backfill with the scheduler's
runs and with other DAGs writing the same output. Create it once:
``airflow pools set touchpoint 1 "Touchpoint jobs writing one output"``.

Connection ``spark_touchpoint`` (YARN, cluster mode; the config is shipped with ``files``)::

    export AIRFLOW_CONN_SPARK_TOUCHPOINT='{"conn_type": "spark", "host": "yarn",
        "extra": {"deploy-mode": "cluster", "queue": "analytics"}}'

In YARN cluster mode a failed run is exit code 1 for Airflow whatever Touchpoint's code (2 config,
3 input); the code and message are in the driver log (``yarn logs -applicationId ...``).
Retries cannot fix a bad config or missing input: fix it, then clear the task.

Downstream DAGs wait for the marker of the date they need: see ``touchpoint_downstream_example``
at the end of this file.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sensors.filesystem import FileSensor
from airflow.sensors.time_delta import TimeDeltaSensor

# Adjust to your cluster. The jar and the config may also be hdfs:// or s3a:// URLs.
TOUCHPOINT_JAR = "/opt/touchpoint/touchpoint-jobs.jar"
TOUCHPOINT_CONFIG = "/etc/touchpoint/touchpoint.conf"  # shipped to the driver with `files`
# Must hold the events from ds - lookback - session timeout to ds + 1 day + the longest funnel
# window. The whole path is parsed, so a glob over recent days is cheaper than all history.
TOUCHPOINT_INPUT = "hdfs:///logs/web"
TOUCHPOINT_OUTPUT = "hdfs:///warehouse/touchpoint"
START_DATE = pendulum.datetime(2026, 9, 1, tz="UTC")  # the first date catch-up computes
WAIT_FOR_LATE_EVENTS = timedelta(hours=3, minutes=30)

with DAG(
    dag_id="touchpoint_daily",
    description="Touchpoint attribution and funnels, one conversion date per run",
    schedule="@daily",
    start_date=START_DATE,
    catchup=True,
    max_active_runs=1,
    default_args={
        "owner": "data-engineering",
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(hours=1),
    },
    tags=["touchpoint", "spark"],
    doc_md=__doc__,
) as dag:
    # Passes at once for past dates (catch-up, backfill); waits after midnight for today's run.
    wait_for_late_events = TimeDeltaSensor(
        task_id="wait_for_late_events",
        delta=WAIT_FOR_LATE_EVENTS,
        mode="reschedule",
    )

    touchpoint_run = SparkSubmitOperator(
        task_id="touchpoint_run",
        conn_id="spark_touchpoint",
        application=TOUCHPOINT_JAR,
        java_class="io.touchpoint.jobs.Main",
        name="touchpoint-{{ ds }}",
        files=TOUCHPOINT_CONFIG,
        application_args=[
            "run",
            "--config", TOUCHPOINT_CONFIG.rsplit("/", 1)[-1],  # --files puts it in the driver's cwd
            "--input", TOUCHPOINT_INPUT,
            "--output", TOUCHPOINT_OUTPUT,
            "--from", "{{ ds }}",
            "--to", "{{ ds }}",
        ],
        driver_memory="4g",
        executor_memory="8g",
        executor_cores=4,
        conf={
            "spark.executor.memoryOverhead": "2g",
            "spark.dynamicAllocation.enabled": "true",
            "spark.dynamicAllocation.shuffleTracking.enabled": "true",
            "spark.dynamicAllocation.minExecutors": "2",
            "spark.dynamicAllocation.maxExecutors": "20",
            "spark.sql.shuffle.partitions": "400",
            # Airflow retries; a second YARN attempt would only rerun the same job.
            "spark.yarn.maxAppAttempts": "1",
        },
        pool="touchpoint",
        execution_timeout=timedelta(hours=4),
    )

    wait_for_late_events >> touchpoint_run


# A downstream DAG: waits for Touchpoint's completion marker of its own date, then reads the
# tables. FileSensor checks a path on the worker's file system (the output mounted there, or a
# local output); for HDFS use WebHdfsSensor(filepath=MARKER) from
# apache-airflow-providers-apache-hdfs, for S3 S3KeySensor(bucket_key="s3://bucket/.../_SUCCESS").
# The marker is written after every table and the manifest of that date; its content is the run
# id (_manifests/<run_id>.json). A rerun of the date rewrites it.
MARKER = "/mnt/warehouse/touchpoint/_markers/date={{ ds }}/_SUCCESS"

with DAG(
    dag_id="touchpoint_downstream_example",
    schedule="@daily",
    start_date=START_DATE,
    catchup=True,
    max_active_runs=1,
    tags=["touchpoint", "example"],
) as downstream:
    wait_for_touchpoint = FileSensor(
        task_id="wait_for_touchpoint",
        fs_conn_id="fs_default",
        filepath=MARKER,
        poke_interval=10 * 60,
        timeout=24 * 60 * 60,
        mode="reschedule",
    )
    # wait_for_touchpoint >> build_dashboard_extract
