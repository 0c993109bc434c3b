-- DuckDB baseline, stage 4 (funnel): product_view -> add_to_cart -> begin_checkout -> purchase per
-- person, every step within 1 day (86,400,000,000 us) of step 1, inclusive; equal times chain.
--
-- Exact level without comparing pairs of events: for a given start, taking the earliest possible
-- event for every next step is never worse, so a person's level is the best over its step-1 events
-- of that greedy chain. Scanning each person's events backwards (ORDER BY t DESC, the frame up to
-- the current row includes later events and equal times), a running MIN gives "the earliest
-- step-k event at or after this one"; three nested scans chain it from step 4 back to step 1.
--
-- funnel_days keeps, per person and entry day (UTC date of the step-1 event), the best attempt
-- started that day, as Touchpoint's funnel_progress does: the highest level, then the earliest
-- last step, then the latest start (the greedy chain already has the earliest steps in between).
-- step_us: the times of the steps reached. Stage 5 writes it; the counts below take each person's
-- highest level.
CREATE OR REPLACE TEMP TABLE funnel_days AS
SELECT person_id, CAST(make_timestamp(t) AS DATE) AS entered_date, max(lvl) AS level,
    arg_max(step_us, (lvl, -step_us[lvl], t)) AS step_us
FROM (
    SELECT person_id, t, lvl, list_slice([t, b2, b3, b4], 1, lvl) AS step_us
    FROM (
        SELECT person_id, t, b2, b3, b4,
            CASE WHEN b4 <= t + 86400000000 THEN 4 WHEN b3 <= t + 86400000000 THEN 3
                 WHEN b2 <= t + 86400000000 THEN 2 ELSE 1 END AS lvl
        FROM (
            -- for a step-1 event: times of steps 2, 3, 4 of its greedy chain
            SELECT person_id, t, step,
                min(CASE WHEN step = 2 THEN t END) OVER w  AS b2,
                min(CASE WHEN step = 2 THEN a3 END) OVER w AS b3,
                min(CASE WHEN step = 2 THEN a4 END) OVER w AS b4
            FROM (
                -- for a step-2 event: times of steps 3, 4 of its greedy chain
                SELECT person_id, t, step,
                    min(CASE WHEN step = 3 THEN t END) OVER w  AS a3,
                    min(CASE WHEN step = 3 THEN n4 END) OVER w AS a4
                FROM (
                    -- for a step-3 event: time of the next step-4 event
                    SELECT person_id, t, step, min(CASE WHEN step = 4 THEN t END) OVER w AS n4
                    FROM (
                        SELECT person_id, t,
                            CASE event_name WHEN 'product_view' THEN 1 WHEN 'add_to_cart' THEN 2
                                            WHEN 'begin_checkout' THEN 3 ELSE 4 END AS step
                        FROM sessionized
                        WHERE event_name IN ('product_view', 'add_to_cart', 'begin_checkout', 'purchase')
                    ) f
                    WINDOW w AS (PARTITION BY person_id ORDER BY t DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                ) s3
                WINDOW w AS (PARTITION BY person_id ORDER BY t DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            ) s2
            WINDOW w AS (PARTITION BY person_id ORDER BY t DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        ) s1
        WHERE step = 1
    ) chains
) attempts
GROUP BY person_id, entered_date;

SELECT
    count(*)                                  AS step1,
    sum(CASE WHEN lvl >= 2 THEN 1 ELSE 0 END) AS step2,
    sum(CASE WHEN lvl >= 3 THEN 1 ELSE 0 END) AS step3,
    sum(CASE WHEN lvl >= 4 THEN 1 ELSE 0 END) AS step4
FROM (SELECT person_id, max(level) AS lvl FROM funnel_days GROUP BY person_id) units;
