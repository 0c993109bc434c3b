package io.touchpoint.core.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundled list of free-mail domains ({@code io/touchpoint/accounts/free-mail-domains.txt}): an
 * e-mail there names a person, not the company they work for, so no account is ever formed from it.
 * Entries are domains ({@code gmail.com}) or a provider under any country suffix ({@code hotmail.*}:
 * {@code hotmail.com}, {@code hotmail.fr}, {@code hotmail.co.uk}, not {@code hotmail.example.org}).
 */
public final class FreeMailDomains {
    private static final String RESOURCE = "/io/touchpoint/accounts/free-mail-domains.txt";
    /**
     * What {@code *} stands for: a generic top-level domain of the providers (com, net, org), a
     * country code, or a second level under one (co.uk, com.br, ne.jp). Narrow on purpose: a company
     * may own {@code outlook.example.com}; no free-mail provider's domain is that deep.
     */
    private static final Pattern COUNTRY_SUFFIX = Pattern.compile("(?:com|net|org|[a-z]{2}|[a-z]{2,3}\\.[a-z]{2})");

    private static final FreeMailDomains BUNDLED = load();

    private final Set<String> domains;
    /** The provider names of the {@code name.*} entries. */
    private final Set<String> anySuffix;

    private FreeMailDomains(Set<String> domains, Set<String> anySuffix) {
        this.domains = Set.copyOf(domains);
        this.anySuffix = Set.copyOf(anySuffix);
    }

    /** The bundled list, loaded once per JVM. */
    public static FreeMailDomains bundled() {
        return BUNDLED;
    }

    /**
     * Whether {@code domain} (an e-mail's part after {@code @}, any case) is a free-mail domain.
     * Null and blank are not.
     */
    public boolean isFreeMail(String domain) {
        if (domain == null || domain.isBlank()) {
            return false;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (domains.contains(d)) {
            return true;
        }
        int dot = d.indexOf('.');
        return dot > 0 && anySuffix.contains(d.substring(0, dot)) && COUNTRY_SUFFIX.matcher(d.substring(dot + 1)).matches();
    }

    private static FreeMailDomains load() {
        Set<String> domains = new HashSet<>();
        Set<String> anySuffix = new HashSet<>();
        try (InputStream in = FreeMailDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The free-mail list " + RESOURCE + " is not on the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int hash = line.indexOf('#');
                String entry = (hash >= 0 ? line.substring(0, hash) : line).strip().toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.endsWith(".*")) {
                    anySuffix.add(entry.substring(0, entry.length() - 2));
                } else {
                    domains.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the free-mail list " + RESOURCE, e);
        }
        return new FreeMailDomains(domains, anySuffix);
    }
}
