-- DuckDB baseline, stage 3 (attribution): conversions, journeys, six models, credit per channel.

-- A conversion = a purchase event, worth its revenue (else 0), in the session it happened in.
-- (event_id, and the touchpoints' session_key, source, medium, campaign and index below, are read
-- only by stage 5, which writes the tables; they are a few columns on a few rows.)
CREATE OR REPLACE TEMP TABLE conversions AS
SELECT visitor_id || '|' || CAST(t AS VARCHAR) || '|' || coalesce(event_id, '') AS conversion_id,
    person_id, visitor_id, session_no, t AS conversion_time, coalesce(revenue, 0) AS value, event_id
FROM sessionized
WHERE event_name = 'purchase';

-- Journey: the person's sessions (all devices) that started in [conversion - 30 days, conversion],
-- oldest first, the converting session always last and always in; at most the 100 most recent.
-- rk counts from the end of the journey (rk = 1 is the converting session).
--
-- Sessions of one person starting at the same microsecond are ordered by md5(visitor_id|start):
-- Touchpoint orders them by session_id, a UUID made from that same MD5, so the order is the same
-- (unless two hashes share their first 12 hex digits).
CREATE OR REPLACE TEMP TABLE touchpoints AS
SELECT c.conversion_id, c.value, s.channel, s.session_start, s.session_key, s.source, s.medium, s.campaign,
    row_number() OVER (PARTITION BY c.conversion_id
        ORDER BY (s.visitor_id = c.visitor_id AND s.session_no = c.session_no) DESC,
                 s.session_start DESC, s.session_key DESC) AS rk
FROM conversions c
JOIN sessions s
  ON s.person_id = c.person_id
 AND ((s.visitor_id = c.visitor_id AND s.session_no = c.session_no)
      OR s.session_start BETWEEN c.conversion_time - 2592000000000 AND c.conversion_time)
QUALIFY rk <= 100;

-- Share of each touchpoint i of n under each model (i = 1 first, i = n the converting session).
CREATE OR REPLACE TEMP TABLE credits AS
SELECT conversion_id, channel, value, i, session_key, session_start, source, medium, campaign,
    CASE WHEN i = 1 THEN 1 ELSE 0 END                                      AS c_first,
    CASE WHEN i = n THEN 1 ELSE 0 END                                      AS c_last,
    CASE WHEN i = lnd THEN 1 ELSE 0 END                                    AS c_last_non_direct,
    1 / n                                                                  AS c_linear,
    CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 0.5
         WHEN i = 1 OR i = n THEN 0.4 ELSE 0.2 / (n - 2) END               AS c_position_based,
    w / sum(w) OVER (PARTITION BY conversion_id)                           AS c_time_decay
FROM (
    SELECT *, n - rk + 1 AS i,
        -- last touchpoint whose channel is not Direct; all Direct: the last
        coalesce(max(CASE WHEN channel <> 'Direct' THEN n - rk + 1 END) OVER (PARTITION BY conversion_id), n) AS lnd,
        -- 2^(-dt / 7 days), dt in exact microseconds, relative to the latest touchpoint
        power(0.5, CAST(max(session_start) OVER (PARTITION BY conversion_id) - session_start AS DOUBLE)
                   / 604800000000) AS w
    FROM (
        -- n as DOUBLE: the shares below are then DOUBLE arithmetic, not DECIMAL
        SELECT *, CAST(count(*) OVER (PARTITION BY conversion_id) AS DOUBLE) AS n FROM touchpoints
    ) j
) s;

SELECT channel,
    CAST(sum(c_first) AS DOUBLE), CAST(sum(c_last) AS DOUBLE), CAST(sum(c_last_non_direct) AS DOUBLE),
    sum(c_linear), sum(c_position_based), sum(c_time_decay),
    sum(c_first * value), sum(c_last * value), sum(c_last_non_direct * value),
    sum(c_linear * value), sum(c_position_based * value), sum(c_time_decay * value)
FROM credits
GROUP BY channel
ORDER BY channel;
