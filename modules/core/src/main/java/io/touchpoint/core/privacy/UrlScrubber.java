package io.touchpoint.core.privacy;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes personal values from URLs before anything is written (GA4's "data redaction" does the
 * same for e-mail addresses and chosen query parameters): query and fragment parameters on a
 * deny-list are dropped whole, and e-mail addresses and phone numbers anywhere in the URL are
 * replaced by {@value #REDACTED}. Campaign parameters are read before (the traffic source of an
 * event is resolved from the URL as it came).
 *
 * <p>A phone number is a {@code +} followed by 8 to 15 digits, or 9 to 15 digits in groups split by
 * spaces, dashes or brackets ({@code 030 1234 5678}, {@code (030) 123-45678}); an unbroken run of
 * digits without a {@code +} (an order id, a timestamp) is not one, nor are groups split by dots
 * (version numbers such as {@code 128.0.6613.98} in a user agent, IP addresses). An e-mail address is
 * {@code local@domain.tld}, also with {@code @} written as {@code %40}; {@code medium.com/@name}
 * is not one.
 */
public final class UrlScrubber implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What a removed e-mail address or phone number becomes. */
    public static final String REDACTED = "(redacted)";
    /** The default deny-list of {@code touchpoint.privacy.scrub-params} (matched case-insensitively). */
    public static final List<String> DEFAULT_PARAMS = List.of("email", "e-mail", "e_mail", "mail", "name", "firstname",
            "first_name", "lastname", "last_name", "fullname", "full_name", "surname", "phone", "tel", "telephone", "mobile",
            "address", "street", "zip", "zipcode", "postcode", "postal_code", "password", "passwd", "pass", "pwd", "token",
            "access_token", "id_token", "auth", "authorization", "session", "sessionid", "session_id", "sid", "key", "apikey",
            "api_key", "secret", "ssn", "iban", "card", "cc", "creditcard", "credit_card", "cvv", "birthdate", "dob");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w%:])(?:\\+|%2B|\\(|%28)?\\d(?:(?:[ ()-]|%20|%28|%29){0,2}\\d){8,14}(?![\\w:])");

    private final Set<String> params;

    /** @param params the parameter names to drop (any case) */
    public UrlScrubber(List<String> params) {
        this.params = params.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The URL without personal values; the same instance when there is nothing to remove. */
    public String scrub(String url) {
        if (url == null || !mayHoldSomething(url)) {
            return url;
        }
        String out = dropParams(url);
        out = redact(out);
        return out.equals(url) ? url : out;
    }

    /** Any text (a quarantined record as read): deny-listed parameters in it dropped, e-mails and phones replaced. */
    public String scrubText(String text) {
        if (text == null || !mayHoldSomething(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        Matcher m = PARAM_IN_TEXT.matcher(text);
        int last = 0;
        while (m.find()) {
            if (params.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                sb.append(text, last, m.start()).append(m.group(1)).append(m.group(2)).append('=').append(REDACTED);
                last = m.end();
            }
        }
        sb.append(text, last, text.length());
        return redact(sb.toString());
    }

    private static final Pattern PARAM_IN_TEXT = Pattern.compile("([?&#;])([^=&#?\\s\",;]{1,64})=[^&#\\s\",;]*");

    /** A cheap test first: most URLs have no query, no @ and few digits. */
    private static boolean mayHoldSomething(String s) {
        return s.indexOf('?') >= 0 || s.indexOf('#') >= 0 || mayHoldEmail(s) || mayHoldPhone(s);
    }

    private static boolean mayHoldEmail(String s) {
        return s.indexOf('@') >= 0 || s.contains("%40");
    }

    /** At least 9 digits: fewer cannot make a phone number. */
    private static boolean mayHoldPhone(String s) {
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' && ++digits >= 9) {
                return true;
            }
        }
        return false;
    }

    private String dropParams(String url) {
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        if (q < 0 && h < 0) {
            return url;
        }
        int end = h >= 0 && (q < 0 || h > q) ? h : url.length();
        StringBuilder sb = new StringBuilder(url.length());
        if (q >= 0 && q < end) {
            sb.append(url, 0, q);
            String kept = keep(url.substring(q + 1, end));
            if (!kept.isEmpty()) {
                sb.append('?').append(kept);
            }
        } else {
            sb.append(url, 0, end);
        }
        if (h >= 0) {
            String fragment = url.substring(h + 1);
            String kept = fragment.indexOf('=') >= 0 ? keep(fragment) : fragment; // #section stays as it is
            if (!kept.isEmpty()) {
                sb.append('#').append(kept);
            }
        }
        return sb.toString();
    }

    private String keep(String query) {
        StringBuilder sb = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (params.contains(name) || pair.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(pair);
        }
        return sb.toString();
    }

    /**
     * The patterns run only where they can match: on a long run of letters and digits (a click
     * id) the e-mail pattern tries every start, which cost 4 microseconds a URL at 10M events.
     */
    private static String redact(String s) {
        String out = mayHoldEmail(s) ? EMAIL.matcher(s).replaceAll(REDACTED) : s;
        if (!mayHoldPhone(out)) {
            return out;
        }
        Matcher m = PHONE.matcher(out);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            String found = m.group();
            boolean shaped = !found.chars().allMatch(Character::isDigit); // a +, a bracket or a separator: not an id
            if (shaped) {
                if (sb == null) {
                    sb = new StringBuilder(out.length());
                }
                sb.append(out, last, m.start()).append(REDACTED);
                last = m.end();
            }
        }
        if (sb == null) {
            return out;
        }
        return sb.append(out, last, out.length()).toString();
    }
}
