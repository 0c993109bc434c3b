-- DuckDB baseline, stage 5 (tables), for the duckdb_tables engine only: after stages 1-4 (stage 1 run
-- with its ${tables_only} lines, which keep the text columns the tables need), writes the tables
-- Touchpoint writes (docs/tables.md), with the same names, columns, column order and types, as
-- Parquet (snappy) under ${output}, an existing folder (the variable is the path with any ' doubled).
--
-- As Touchpoint writes them: timestamps as UTC instants (TIMESTAMP WITH TIME ZONE, which Parquet
-- stores as TIMESTAMP(MICROS, isAdjustedToUTC) and Spark reads as TIMESTAMP), dates as DATE, UTC dates
-- (the bench's time zone), date partitions as Hive folders (events/event_date=2026-09-03/), ids as
-- Touchpoint makes them (name-based UUIDs of the same keys). Not as Touchpoint writes them:
--   * every column is nullable (DuckDB writes no REQUIRED columns);
--   * order_id is always null (the bench's input has no order_id column; stage 1 reads none);
--   * account_id is always null (the bench runs without accounts, as Touchpoint writes it then);
--   * quarantine is empty: stage 1 drops invalid rows in a filter and keeps no trace of them;
--   * funnel_progress and funnel_steps have the one funnel the baseline computes (checkout), without
--     a breakdown; funnel_trends is not written;
--   * the run manifest (_manifests/) is not written.
-- On the bench's 1M input every table held the same rows as touchpoint_write's (the funnel tables:
-- its checkout funnel's rows; doubles up to summation order; quarantine: none in either).
-- Non-partitioned tables are written with FILE_SIZE_BYTES, which makes COPY write a folder of files
-- (one file below that size), as Spark does.

-- Epoch microseconds (stages 1-4 keep times so) as an instant and as its UTC date.
CREATE OR REPLACE TEMP MACRO ts(us) AS CAST(make_timestamp(us) AS TIMESTAMPTZ);
CREATE OR REPLACE TEMP MACRO utc_date(us) AS CAST(make_timestamp(us) AS DATE);
-- Touchpoint's ids are java.util.UUID.nameUUIDFromBytes(key): the key's MD5 (here in hex) with the
-- version nibble set to 3 and the variant bits to 10.
CREATE OR REPLACE TEMP MACRO name_uuid(h) AS
    substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-3' || substr(h, 14, 3) || '-'
    || substr('89ab89ab89ab89ab', strpos('0123456789abcdef', substr(h, 17, 1)), 1) || substr(h, 18, 3) || '-'
    || substr(h, 21, 12);

-- sessions: the stage-2 sessions with what only the events give (end, counts, landing page,
-- conversions); session_no is kept for the joins below and not written.
CREATE OR REPLACE TEMP TABLE session_table AS
SELECT name_uuid(s.session_key) AS session_id, s.visitor_id, s.person_id, CAST(NULL AS VARCHAR) AS account_id,
    ts(s.session_start) AS session_start,
    ts(f.session_end) AS session_end, f.event_count, f.landing_url, f.referrer_url, s.source, s.medium, s.campaign,
    f.term, f.content, s.channel, s.source = '(direct)' AS is_direct, f.conversions, f.revenue,
    utc_date(s.session_start) AS session_date, s.session_no
FROM sessions s
JOIN (
    SELECT visitor_id, session_no, max(t) AS session_end, count(*) AS event_count,
        -- the session's first event (one row per session has new_session = 1)
        any_value(page_url) FILTER (WHERE new_session = 1)     AS landing_url,
        any_value(referrer_url) FILTER (WHERE new_session = 1) AS referrer_url,
        any_value(term) FILTER (WHERE new_session = 1)         AS term,
        any_value(content) FILTER (WHERE new_session = 1)      AS content,
        count(*) FILTER (WHERE event_name = 'purchase')        AS conversions,
        coalesce(sum(coalesce(revenue, 0)) FILTER (WHERE event_name = 'purchase'), 0) AS revenue
    FROM sessionized
    GROUP BY visitor_id, session_no
) f USING (visitor_id, session_no);

COPY (
    SELECT e.event_id, ts(e.t) AS event_time, e.visitor_id, e.user_id, e.person_id, s.account_id, s.session_id, e.event_name,
        e.page_url, e.referrer_url, e.source, e.medium, e.campaign, e.term, e.content, e.revenue,
        CAST(NULL AS VARCHAR) AS order_id, e.user_agent, utc_date(e.t) AS event_date
    FROM sessionized e
    JOIN session_table s USING (visitor_id, session_no)
) TO '${output}/events' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (event_date), OVERWRITE_OR_IGNORE);

COPY (SELECT * EXCLUDE (session_no) FROM session_table)
TO '${output}/sessions' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (session_date), OVERWRITE_OR_IGNORE);

-- conversions: one goal, purchase (bench.conf); Touchpoint's id is the name-based UUID of
-- visitor|time|event id|goal, and the baseline's conversion_id is visitor|time|event id.
CREATE OR REPLACE TEMP TABLE conversion_table AS
SELECT name_uuid(md5(c.conversion_id || '|purchase')) AS conversion_id, c.person_id, 'purchase' AS goal,
    ts(c.conversion_time) AS conversion_time, c.value AS revenue, s.session_id,
    CAST(j.n AS INTEGER) AS touchpoint_count, c.visitor_id, c.event_id, CAST(NULL AS VARCHAR) AS order_id,
    utc_date(c.conversion_time) AS conversion_date, c.conversion_id AS conversion_key
FROM conversions c
JOIN session_table s USING (visitor_id, session_no)
JOIN (SELECT conversion_id, count(*) AS n FROM touchpoints GROUP BY conversion_id) j USING (conversion_id);

COPY (SELECT * EXCLUDE (conversion_key) FROM conversion_table)
TO '${output}/conversions' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (conversion_date), OVERWRITE_OR_IGNORE);

-- attribution_credit: stage 3's credits, one row per touchpoint with the six models as columns,
-- turned into one row per touchpoint and model (Touchpoint's canonical model names).
CREATE OR REPLACE TEMP TABLE credit_table AS
SELECT c.conversion_id, c.person_id, c.goal, c.conversion_time, m.model,
    CAST(k.i AS INTEGER) AS touchpoint_index, c.touchpoint_count, name_uuid(k.session_key) AS session_id,
    ts(k.session_start) AS touch_time, k.channel, k.source, k.medium, k.campaign,
    CASE m.pos WHEN 1 THEN k.c_first WHEN 2 THEN k.c_last WHEN 3 THEN k.c_last_non_direct
               WHEN 4 THEN k.c_linear WHEN 5 THEN k.c_position_based ELSE k.c_time_decay END AS credit,
    CASE m.pos WHEN 1 THEN k.c_first WHEN 2 THEN k.c_last WHEN 3 THEN k.c_last_non_direct
               WHEN 4 THEN k.c_linear WHEN 5 THEN k.c_position_based ELSE k.c_time_decay END * k.value AS revenue_credit,
    c.conversion_date
FROM credits k
JOIN conversion_table c ON c.conversion_key = k.conversion_id
CROSS JOIN (VALUES (1, 'first'), (2, 'last'), (3, 'last_non_direct'), (4, 'linear'),
                   (5, 'position_based(first=0.4,last=0.4)'), (6, 'time_decay(half_life=7d)')) m(pos, model);

COPY credit_table
TO '${output}/attribution_credit' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (conversion_date), OVERWRITE_OR_IGNORE);

COPY (
    -- The bench has no spend file: cost, cpa and roas are null, as Touchpoint writes them without one.
    SELECT goal, model, channel, campaign, sum(credit) AS conversions, sum(revenue_credit) AS revenue,
        count(*) AS touchpoints, CAST(NULL AS DOUBLE) AS cost, CAST(NULL AS DOUBLE) AS cpa, CAST(NULL AS DOUBLE) AS roas,
        conversion_date
    FROM credit_table
    GROUP BY goal, model, channel, campaign, conversion_date
) TO '${output}/attribution_summary' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (conversion_date), OVERWRITE_OR_IGNORE);

-- model_comparison: per goal and channel, the cost (null: no spend file), each model's conversions,
-- revenue, CPA and ROAS (null without cost), then each model's difference against last touch; rows by
-- goal, then last-touch conversions, largest first.
COPY (
    SELECT goal, channel, CAST(NULL AS DOUBLE) AS cost,
        first_conversions, first_revenue, CAST(NULL AS DOUBLE) AS first_cpa, CAST(NULL AS DOUBLE) AS first_roas,
        last_conversions, last_revenue, CAST(NULL AS DOUBLE) AS last_cpa, CAST(NULL AS DOUBLE) AS last_roas,
        last_non_direct_conversions, last_non_direct_revenue,
        CAST(NULL AS DOUBLE) AS last_non_direct_cpa, CAST(NULL AS DOUBLE) AS last_non_direct_roas,
        linear_conversions, linear_revenue, CAST(NULL AS DOUBLE) AS linear_cpa, CAST(NULL AS DOUBLE) AS linear_roas,
        position_based_conversions, position_based_revenue,
        CAST(NULL AS DOUBLE) AS position_based_cpa, CAST(NULL AS DOUBLE) AS position_based_roas,
        time_decay_conversions, time_decay_revenue, CAST(NULL AS DOUBLE) AS time_decay_cpa, CAST(NULL AS DOUBLE) AS time_decay_roas,
        first_conversions - last_conversions                     AS first_conversions_vs_last,
        first_revenue - last_revenue                             AS first_revenue_vs_last,
        last_non_direct_conversions - last_conversions           AS last_non_direct_conversions_vs_last,
        last_non_direct_revenue - last_revenue                   AS last_non_direct_revenue_vs_last,
        linear_conversions - last_conversions                    AS linear_conversions_vs_last,
        linear_revenue - last_revenue                            AS linear_revenue_vs_last,
        position_based_conversions - last_conversions            AS position_based_conversions_vs_last,
        position_based_revenue - last_revenue                    AS position_based_revenue_vs_last,
        time_decay_conversions - last_conversions                AS time_decay_conversions_vs_last,
        time_decay_revenue - last_revenue                        AS time_decay_revenue_vs_last
    FROM (
        SELECT goal, channel,
            coalesce(sum(credit) FILTER (WHERE model = 'first'), 0)                               AS first_conversions,
            coalesce(sum(revenue_credit) FILTER (WHERE model = 'first'), 0)                       AS first_revenue,
            coalesce(sum(credit) FILTER (WHERE model = 'last'), 0)                                AS last_conversions,
            coalesce(sum(revenue_credit) FILTER (WHERE model = 'last'), 0)                        AS last_revenue,
            coalesce(sum(credit) FILTER (WHERE model = 'last_non_direct'), 0)                     AS last_non_direct_conversions,
            coalesce(sum(revenue_credit) FILTER (WHERE model = 'last_non_direct'), 0)             AS last_non_direct_revenue,
            coalesce(sum(credit) FILTER (WHERE model = 'linear'), 0)                              AS linear_conversions,
            coalesce(sum(revenue_credit) FILTER (WHERE model = 'linear'), 0)                      AS linear_revenue,
            coalesce(sum(credit) FILTER (WHERE model LIKE 'position_based%'), 0)                  AS position_based_conversions,
            coalesce(sum(revenue_credit) FILTER (WHERE model LIKE 'position_based%'), 0)          AS position_based_revenue,
            coalesce(sum(credit) FILTER (WHERE model LIKE 'time_decay%'), 0)                      AS time_decay_conversions,
            coalesce(sum(revenue_credit) FILTER (WHERE model LIKE 'time_decay%'), 0)              AS time_decay_revenue
        FROM credit_table
        GROUP BY goal, channel
    ) m
    ORDER BY goal, last_conversions DESC, channel
) TO '${output}/model_comparison' (FORMAT parquet, COMPRESSION snappy, FILE_SIZE_BYTES '1GB', OVERWRITE_OR_IGNORE);

-- funnel_progress: stage 4's best attempt per person and entry day.
COPY (
    SELECT 'checkout' AS funnel, person_id AS unit_id, level, ts(step_us[1]) AS entered_at,
        CASE WHEN level = 4 THEN ts(step_us[4]) END AS completed_at, CAST(NULL AS VARCHAR) AS breakdown,
        list_transform(step_us, x -> ts(x)) AS step_times, 'person' AS unit, entered_date
    FROM funnel_days
) TO '${output}/funnel_progress' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (entered_date), OVERWRITE_OR_IGNORE);

-- funnel_steps: each person once, by its best attempt (highest level, then the earliest last step,
-- then the latest start, as Touchpoint picks it); the times between steps on that attempt.
COPY (
    WITH best AS (
        SELECT arg_max(step_us, (level, -step_us[level], step_us[1])) AS step_us, max(level) AS level
        FROM funnel_days
        GROUP BY person_id
    ),
    per_step AS (
        SELECT s.step_index, s.step_name, count(b.level) AS units,
            median((b.step_us[s.step_index] - b.step_us[s.step_index - 1]) / 1e6) FILTER (WHERE s.step_index > 1) AS median_seconds,
            avg((b.step_us[s.step_index] - b.step_us[s.step_index - 1]) / 1e6) FILTER (WHERE s.step_index > 1) AS mean_seconds
        FROM (VALUES (1, 'product_view'), (2, 'add_to_cart'), (3, 'begin_checkout'), (4, 'purchase')) s(step_index, step_name)
        LEFT JOIN best b ON b.level >= s.step_index
        GROUP BY s.step_index, s.step_name
    )
    SELECT 'checkout' AS funnel, 'all' AS breakdown, CAST(step_index AS INTEGER) AS step_index, step_name, units,
        CASE WHEN step_index = 1 THEN CASE WHEN units > 0 THEN 1.0 END
             ELSE units / nullif(lag(units) OVER (ORDER BY step_index), 0) END::DOUBLE AS conversion_from_previous,
        (units / nullif(first_value(units) OVER (ORDER BY step_index), 0))::DOUBLE AS conversion_from_start,
        coalesce(lag(units) OVER (ORDER BY step_index) - units, 0) AS dropped,
        median_seconds AS median_seconds_from_previous, mean_seconds AS mean_seconds_from_previous
    FROM per_step
    ORDER BY step_index
) TO '${output}/funnel_steps' (FORMAT parquet, COMPRESSION snappy, FILE_SIZE_BYTES '1GB', OVERWRITE_OR_IGNORE);

-- quarantine: empty, with the documented columns (see above).
COPY (
    SELECT CAST(NULL AS VARCHAR) AS run_id, CAST(NULL AS VARCHAR) AS input_file, CAST(NULL AS BIGINT) AS input_line,
        CAST(NULL AS VARCHAR) AS reason, CAST(NULL AS VARCHAR) AS detail, CAST(NULL AS VARCHAR) AS raw
    WHERE false
) TO '${output}/quarantine' (FORMAT parquet, COMPRESSION snappy, FILE_SIZE_BYTES '1GB', OVERWRITE_OR_IGNORE);
