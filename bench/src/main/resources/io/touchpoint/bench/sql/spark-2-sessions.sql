-- Spark SQL baseline, stage 2 (sessions): people, sessions (30-minute inactivity timeout, no split on
-- a source change), each session's source and GA4 default channel. The sessionised events and the
-- sessions are cached (the attribution and the funnel read them).
-- Simpler than Touchpoint: the person comes from the de-duplicated events (Touchpoint also reads the
-- dropped retries; they differ only if a retry carries another user_id), and the GA4 source
-- categories are short lists of this site's sources, where Touchpoint has Google's and Matomo's lists.

-- person = the visitor's latest user_id (by event time, then event id), else the visitor itself
CREATE OR REPLACE TEMP VIEW people AS
SELECT visitor_id, coalesce(max_by(user_id, struct(t, event_id)) FILTER (WHERE user_id IS NOT NULL), visitor_id) AS person_id
FROM events
GROUP BY visitor_id;

-- Every event with its visitor's session number: a new session when the gap to the previous event
-- of the visitor is >= 30 min (1,800,000,000 us), numbered by a running sum.
CREATE OR REPLACE TEMP VIEW sessionized AS
SELECT e.*, p.person_id,
    sum(e.new_session) OVER (PARTITION BY e.visitor_id ORDER BY e.t, e.event_id NULLS FIRST
                             ROWS UNBOUNDED PRECEDING) AS session_no
FROM (
    SELECT *,
        CASE WHEN t - lag(t) OVER (PARTITION BY visitor_id ORDER BY t, event_id NULLS FIRST) < 1800000000
             THEN 0 ELSE 1 END AS new_session
    FROM events
) e
JOIN people p ON p.visitor_id = e.visitor_id;

CACHE TABLE sessionized;

-- One row per session, from its first event: start, source, GA4 default channel group.
CREATE OR REPLACE TEMP VIEW sessions AS
SELECT visitor_id, session_no, person_id, t AS session_start, source, medium, campaign,
    -- ties between sessions of one person that start at the same microsecond: ordered by this key
    md5(visitor_id || '|' || CAST(t AS STRING)) AS session_key,
    CASE
        WHEN s = '(direct)' AND m IN ('(not set)', '(none)') THEN 'Direct'
        WHEN c LIKE '%cross-network%' THEN 'Cross-network'
        WHEN (s_cat = 'SHOPPING' OR shop_campaign) AND paid THEN 'Paid Shopping'
        WHEN s_cat = 'SEARCH' AND paid THEN 'Paid Search'
        WHEN s_cat = 'SOCIAL' AND paid THEN 'Paid Social'
        WHEN s_cat = 'VIDEO' AND paid THEN 'Paid Video'
        WHEN m IN ('display', 'banner', 'expandable', 'interstitial', 'cpm') THEN 'Display'
        WHEN paid THEN 'Paid Other'
        WHEN s_cat = 'SHOPPING' OR shop_campaign THEN 'Organic Shopping'
        WHEN s_cat = 'SOCIAL'
            OR m IN ('social', 'social-network', 'social-media', 'sm', 'social network', 'social media') THEN 'Organic Social'
        WHEN s_cat = 'VIDEO' OR m LIKE '%video%' THEN 'Organic Video'
        WHEN s_cat = 'SEARCH' OR m = 'organic' THEN 'Organic Search'
        WHEN m IN ('referral', 'app', 'link') THEN 'Referral'
        WHEN s IN ('email', 'e-mail', 'e_mail', 'e mail') OR m IN ('email', 'e-mail', 'e_mail', 'e mail') THEN 'Email'
        WHEN m = 'affiliate' THEN 'Affiliates'
        WHEN m = 'audio' THEN 'Audio'
        WHEN s = 'sms' OR m = 'sms' THEN 'SMS'
        WHEN m LIKE '%push' OR m LIKE '%mobile%' OR m LIKE '%notification%' OR s = 'firebase'
            THEN 'Mobile Push Notifications'
        ELSE 'Unassigned'
    END AS channel
FROM (
    SELECT *, lower(source) AS s, lower(medium) AS m, lower(campaign) AS c,
        lower(medium) RLIKE '^(.*cp.*|ppc|retargeting|paid.*)$' AS paid,
        lower(campaign) RLIKE '^(.*(([^a-df-z]|^)shop|shopping).*)$' AS shop_campaign,
        -- GA4 source categories of the sources this site sees (Google's list, Matomo's engines and socials)
        CASE
            WHEN lower(source) IN ('google', 'bing', 'yahoo', 'yahoo!', 'duckduckgo', 'ecosia', 'baidu', 'yandex')
                THEN 'SEARCH'
            WHEN lower(source) IN ('facebook', 'facebook.com', 'm.facebook.com', 'l.facebook.com', 'instagram',
                                   'instagram.com', 'l.instagram.com', 'linkedin', 'linkedin.com', 'reddit',
                                   'reddit.com', 't.co', 'twitter', 'twitter.com', 'x.com', 'pinterest',
                                   'pinterest.com', 'news.ycombinator.com', 'medium.com', 'buzzfeed.com', 'tiktok')
                THEN 'SOCIAL'
            WHEN lower(source) IN ('youtube', 'youtube.com', 'm.youtube.com', 'vimeo', 'vimeo.com') THEN 'VIDEO'
            WHEN lower(source) IN ('google shopping', 'amazon', 'amazon.com') THEN 'SHOPPING'
        END AS s_cat
    FROM sessionized
    WHERE new_session = 1
) s;

CACHE TABLE sessions;

-- events is not read again: free its cache
UNCACHE TABLE events;
