-- DuckDB baseline, stage 1 (load): read the events, keep valid human rows, resolve each event's
-- traffic source, drop retried copies. ${input} is a read_parquet() argument (a file or a glob).
--
-- Times are kept as epoch microseconds (BIGINT): exact, and no time-zone arithmetic on the way.
--
-- Lines starting with ${tables_only} are for the duckdb_tables engine (stage 5 writes the events with
-- their page, referrer, user agent, term and content): there the variable is empty; for the
-- compute-only duckdb engine it is '--', so the line is a comment and nothing carries these columns.
--
-- Where this is simpler than Touchpoint (on the generator's data none of it changes a number; the
-- bench module's tests check the results equal Touchpoint's):
--   * bots: one user-agent regex, where Touchpoint asks Yauaa;
--   * URLs by regex: a host only after a scheme (Touchpoint also reads "example.com/path"), parameter
--     names taken literally (not %-decoded), values trimmed of spaces only;
--   * search engines: the few hosts the generator uses (google.*, bing.com, duckduckgo.com,
--     search.yahoo.com, ecosia.org, baidu.com) with Matomo's names, where Touchpoint has Matomo's list;
--     social hosts need no rule (host / referral either way) but feed the source categories in stage 2;
--   * equal (time, event_id) within a visitor: the order is arbitrary, Touchpoint uses file and line
--     (only identical retried rows or rows without an id at the same microsecond are affected).
CREATE OR REPLACE TEMP TABLE events AS
WITH raw AS (
    SELECT
        nullif(trim(CAST(event_id AS VARCHAR)), '')     AS event_id,
        epoch_us(TRY_CAST(event_time AS TIMESTAMPTZ))   AS t,
        nullif(trim(CAST(visitor_id AS VARCHAR)), '')   AS visitor_id,
        nullif(trim(CAST(user_id AS VARCHAR)), '')      AS user_id,
        nullif(trim(CAST(event_name AS VARCHAR)), '')   AS event_name,
        CAST(page_url AS VARCHAR)                       AS page_url,
        CAST(referrer_url AS VARCHAR)                   AS referrer_url,
        nullif(trim(CAST(utm_source AS VARCHAR)), '')   AS c_source,
        nullif(trim(CAST(utm_medium AS VARCHAR)), '')   AS c_medium,
        nullif(trim(CAST(utm_campaign AS VARCHAR)), '') AS c_campaign,
        nullif(trim(CAST(utm_term AS VARCHAR)), '')     AS c_term,
        nullif(trim(CAST(utm_content AS VARCHAR)), '')  AS c_content,
        TRY_CAST(revenue AS DOUBLE)                     AS revenue,
        CAST(user_agent AS VARCHAR)                     AS user_agent
    FROM read_parquet(${input})
),
accepted AS (
    SELECT *,
        -- '&' + the page URL's query (before any #), so every parameter is preceded by '&'
        '&' || regexp_extract(page_url, '^[^#?]*[?]([^#]*)', 1) AS q,
        lower(regexp_extract(page_url, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]*)', 1)) AS page_host,
        lower(regexp_extract(referrer_url, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]*)', 1)) AS ref_host
${tables_only}  , '&' || regexp_extract(referrer_url, '^[^#?]*[?]([^#]*)', 1) AS ref_q
    FROM raw
    WHERE t IS NOT NULL AND visitor_id IS NOT NULL AND event_name IS NOT NULL
      AND NOT coalesce(regexp_matches(user_agent,
            '(?i)bot|spider|crawl|slurp|python-requests|curl|wget|facebookexternalhit|headless'), false)
),
params AS (
    -- Campaign parameters: the utm columns when any is filled, else the page URL's (first occurrence
    -- of a name; '+' and %XX decoded), utm_* first, then Matomo's aliases.
    SELECT *,
        (c_source IS NOT NULL OR c_medium IS NOT NULL OR c_campaign IS NOT NULL
            OR c_term IS NOT NULL OR c_content IS NOT NULL) AS from_columns,
        coalesce(
            nullif(trim(url_decode(replace(regexp_extract(q, '&utm_source=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_source=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&pk_source=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&matomo_source=([^&]*)', 1), '+', ' '))), '')
        ) AS q_source,
        coalesce(
            nullif(trim(url_decode(replace(regexp_extract(q, '&utm_medium=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_medium=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&pk_medium=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&matomo_medium=([^&]*)', 1), '+', ' '))), '')
        ) AS q_medium,
        coalesce(
            nullif(trim(url_decode(replace(regexp_extract(q, '&utm_campaign=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_campaign=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_cpn=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&pk_campaign=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&pk_cpn=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&piwik_campaign=([^&]*)', 1), '+', ' '))), ''),
            nullif(trim(url_decode(replace(regexp_extract(q, '&matomo_campaign=([^&]*)', 1), '+', ' '))), '')
        ) AS q_campaign,
${tables_only}  coalesce(
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&utm_term=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_kwd=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_keyword=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&pk_kwd=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&pk_keyword=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&piwik_kwd=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&matomo_kwd=([^&]*)', 1), '+', ' '))), '')
${tables_only}  ) AS q_term,
${tables_only}  coalesce(
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&utm_content=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&mtm_content=([^&]*)', 1), '+', ' '))), ''),
${tables_only}      nullif(trim(url_decode(replace(regexp_extract(q, '&pk_content=([^&]*)', 1), '+', ' '))), '')
${tables_only}  ) AS q_content,
        CASE WHEN starts_with(ref_host, 'www.') THEN substr(ref_host, 5) ELSE ref_host END AS ref_site,
        CASE WHEN starts_with(page_host, 'www.') THEN substr(page_host, 5) ELSE page_host END AS page_site
    FROM accepted
),
campaign AS (
    SELECT *,
        CASE WHEN from_columns THEN c_source ELSE q_source END     AS p_source,
        CASE WHEN from_columns THEN c_medium ELSE q_medium END     AS p_medium,
        CASE WHEN from_columns THEN c_campaign ELSE q_campaign END AS p_campaign
    FROM params
),
sourced AS (
    SELECT event_id, t, visitor_id, user_id, event_name, revenue,
        CASE
            WHEN p_source IS NOT NULL OR p_medium IS NOT NULL OR p_campaign IS NOT NULL
                THEN coalesce(p_source, '(not set)')
            WHEN regexp_matches(q, '&(gclid|gbraid|wbraid|dclid)=[^&]') THEN 'google'
            WHEN regexp_matches(q, '&msclkid=[^&]') THEN 'bing'
            WHEN ref_site <> '' AND ref_site IS DISTINCT FROM page_site THEN
                CASE  -- search engines (Matomo's names, lower case); any other host is a referral
                    WHEN regexp_matches(ref_site, '^google[.]([a-z]{2,3}|co[.][a-z]{2}|com[.][a-z]{2})$') THEN 'google'
                    WHEN ref_site = 'bing.com' OR ends_with(ref_site, '.bing.com') THEN 'bing'
                    WHEN ref_site IN ('duckduckgo.com', 'r.duckduckgo.com') THEN 'duckduckgo'
                    WHEN ref_site = 'search.yahoo.com' OR ends_with(ref_site, '.search.yahoo.com') THEN 'yahoo!'
                    WHEN ref_site = 'ecosia.org' THEN 'ecosia'
                    WHEN ref_site IN ('baidu.com', 'm.baidu.com') THEN 'baidu'
                    ELSE ref_site
                END
            ELSE '(direct)'
        END AS source,
        CASE
            WHEN p_source IS NOT NULL OR p_medium IS NOT NULL OR p_campaign IS NOT NULL
                THEN coalesce(p_medium, '(not set)')
            WHEN regexp_matches(q, '&(gclid|gbraid|wbraid|dclid|msclkid)=[^&]') THEN 'cpc'
            WHEN ref_site <> '' AND ref_site IS DISTINCT FROM page_site THEN
                CASE
                    WHEN regexp_matches(ref_site, '^google[.]([a-z]{2,3}|co[.][a-z]{2}|com[.][a-z]{2})$')
                        OR ref_site = 'bing.com' OR ends_with(ref_site, '.bing.com')
                        OR ref_site IN ('duckduckgo.com', 'r.duckduckgo.com')
                        OR ref_site = 'search.yahoo.com' OR ends_with(ref_site, '.search.yahoo.com')
                        OR ref_site = 'ecosia.org' OR ref_site IN ('baidu.com', 'm.baidu.com') THEN 'organic'
                    ELSE 'referral'
                END
            ELSE '(none)'
        END AS medium,
        CASE
            WHEN p_source IS NOT NULL OR p_medium IS NOT NULL OR p_campaign IS NOT NULL
                THEN coalesce(p_campaign, '(not set)')
            ELSE '(not set)'
        END AS campaign
${tables_only}  -- term and content: the campaign's (columns or URL, as source, medium and campaign); for an
${tables_only}  -- organic search referrer its keyword parameter (Matomo's names: p for Yahoo, wd, word or kw
${tables_only}  -- for Baidu, q for the others); else null
${tables_only}  , CASE
${tables_only}      WHEN p_source IS NOT NULL OR p_medium IS NOT NULL OR p_campaign IS NOT NULL
${tables_only}          THEN CASE WHEN from_columns THEN c_term ELSE q_term END
${tables_only}      WHEN regexp_matches(q, '&(gclid|gbraid|wbraid|dclid|msclkid)=[^&]') THEN NULL
${tables_only}      WHEN ref_site <> '' AND ref_site IS DISTINCT FROM page_site THEN
${tables_only}          CASE
${tables_only}              WHEN ref_site = 'search.yahoo.com' OR ends_with(ref_site, '.search.yahoo.com') THEN
${tables_only}                  nullif(trim(url_decode(replace(regexp_extract(ref_q, '&p=([^&]*)', 1), '+', ' '))), '')
${tables_only}              WHEN ref_site IN ('baidu.com', 'm.baidu.com') THEN coalesce(
${tables_only}                  nullif(trim(url_decode(replace(regexp_extract(ref_q, '&wd=([^&]*)', 1), '+', ' '))), ''),
${tables_only}                  nullif(trim(url_decode(replace(regexp_extract(ref_q, '&word=([^&]*)', 1), '+', ' '))), ''),
${tables_only}                  nullif(trim(url_decode(replace(regexp_extract(ref_q, '&kw=([^&]*)', 1), '+', ' '))), ''))
${tables_only}              WHEN regexp_matches(ref_site, '^google[.]([a-z]{2,3}|co[.][a-z]{2}|com[.][a-z]{2})$')
${tables_only}                  OR ref_site = 'bing.com' OR ends_with(ref_site, '.bing.com')
${tables_only}                  OR ref_site IN ('duckduckgo.com', 'r.duckduckgo.com') OR ref_site = 'ecosia.org' THEN
${tables_only}                  nullif(trim(url_decode(replace(regexp_extract(ref_q, '&q=([^&]*)', 1), '+', ' '))), '')
${tables_only}          END
${tables_only}  END AS term
${tables_only}  , CASE WHEN p_source IS NOT NULL OR p_medium IS NOT NULL OR p_campaign IS NOT NULL
${tables_only}      THEN CASE WHEN from_columns THEN c_content ELSE q_content END END AS content
${tables_only}  , page_url, referrer_url, user_agent
    FROM campaign
)
-- A retried row repeats (visitor_id, event_id): keep the earliest copy. Rows without an id are all kept.
SELECT * FROM sourced
QUALIFY event_id IS NULL
    OR row_number() OVER (PARTITION BY visitor_id, event_id ORDER BY t) = 1;
