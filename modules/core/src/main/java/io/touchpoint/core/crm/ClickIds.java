package io.touchpoint.core.crm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ad click ids a page URL carries, as ad networks append them to landing pages: a CRM row's
 * {@code click_id} is matched to the session whose page carried it (docs/crm.md).
 */
public final class ClickIds {
    /**
     * The query parameters read: Google ({@code gclid}, {@code gbraid}, {@code wbraid},
     * {@code dclid}), Microsoft ({@code msclkid}), Meta ({@code fbclid}), TikTok ({@code ttclid}),
     * X ({@code twclid}), LinkedIn ({@code li_fat_id}), Yandex ({@code yclid}).
     */
    public static final Set<String> PARAMETERS = Set.of("gclid", "gbraid", "wbraid", "dclid", "msclkid", "fbclid", "ttclid",
            "twclid", "li_fat_id", "yclid");

    private ClickIds() {
    }

    /** A query parameter that may be a click id, in any case: the cheap test of {@link #mayHave}. */
    private static final java.util.regex.Pattern MAY_HAVE =
            java.util.regex.Pattern.compile("(clid|clkid|braid|li_fat_id)=", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Whether {@code url} may carry one: a cheap test before {@link #of}. */
    public static boolean mayHave(String url) {
        return url != null && url.indexOf('?') >= 0 && MAY_HAVE.matcher(url).find();
    }

    /** The click id values of {@code url}'s query, in order (empty when none; never null). */
    public static List<String> of(String url) {
        List<String> out = new ArrayList<>(1);
        if (url == null) {
            return out;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        int end = url.indexOf('#', q);
        String query = url.substring(q + 1, end < 0 ? url.length() : end);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                continue;
            }
            if (PARAMETERS.contains(pair.substring(0, eq).toLowerCase(Locale.ROOT))) {
                String value = pair.substring(eq + 1);
                try {
                    value = URLDecoder.decode(value, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // a malformed escape: the value as it stands
                }
                if (!value.isBlank()) {
                    out.add(value.strip());
                }
            }
        }
        return out;
    }
}
