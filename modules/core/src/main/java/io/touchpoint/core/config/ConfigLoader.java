package io.touchpoint.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.touchpoint.core.accounts.AccountColumn;
import io.touchpoint.core.accounts.AccountKey;
import io.touchpoint.core.accounts.AccountsConfig;
import io.touchpoint.core.attribution.AttributionModel;
import io.touchpoint.core.attribution.AttributionModels;
import io.touchpoint.core.conversion.Goals;
import io.touchpoint.core.error.TouchpointException;
import io.touchpoint.core.funnel.Funnels;
import io.touchpoint.core.ingest.CanonicalColumn;
import io.touchpoint.core.selfreported.SelfReportedConfig;
import io.touchpoint.core.selfreported.SelfReportedRules;
import io.touchpoint.core.spend.SpendColumn;
import io.touchpoint.core.spend.SpendConfig;
import io.touchpoint.core.traffic.ChannelRules;
import java.io.File;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads and validates the configuration: command-line overrides, over the user's HOCON file, over
 * the bundled {@code reference.conf}.
 *
 * <p>Everything is checked here, before any Spark work, so a typo costs seconds, not a cluster
 * run: unknown keys (with the closest known key as a hint), wrong types, bad durations, zones,
 * formats, columns, channel rules, self-reported rules and the spend file's settings all raise a {@link TouchpointException} of kind CONFIG.
 */
public final class ConfigLoader {
    private static final String ROOT = "touchpoint";
    private static final String COLUMNS = "touchpoint.input.columns";
    private static final String CRM = "touchpoint.crm";
    private static final String CRM_COLUMNS = CRM + ".columns";
    private static final String SPEND = "touchpoint.spend";
    private static final String SPEND_COLUMNS = SPEND + ".columns";
    private static final String ACCOUNTS = "touchpoint.accounts";
    private static final String ACCOUNTS_COLUMNS = ACCOUNTS + ".columns";
    private static final String RULES = "touchpoint.channels.rules";
    private static final String GOALS = "touchpoint.conversions.goals";
    private static final String MODELS = "touchpoint.attribution.models";
    private static final String FUNNELS = "touchpoint.funnels";
    private static final String SELF_REPORTED = "touchpoint.self-reported";
    private static final String SELF_REPORTED_RULES = SELF_REPORTED + ".rules";
    /** Lists whose elements are checked by their own parsers, not against reference.conf. */
    private static final Set<String> LISTS = Set.of(RULES, GOALS, MODELS, FUNNELS, SELF_REPORTED_RULES);

    /**
     * A section of renames ({@code canonical column = "the file's name"}), whose keys are the
     * canonical columns of one input rather than keys of reference.conf.
     *
     * @param known whether a key names a canonical column
     * @param names every canonical column, for the message
     * @param what the kind of column, for the message ("canonical", "CRM")
     * @param whose whose column names the values are, for the message
     */
    private record Renames(java.util.function.Predicate<String> known, java.util.function.Supplier<String> names, String what,
                           String whose) {
    }

    private static final Map<String, Renames> RENAMES = Map.of(
            COLUMNS, new Renames(k -> CanonicalColumn.byName(k).isPresent(), CanonicalColumn::names, "canonical",
                    "your input's column names"),
            CRM_COLUMNS, new Renames(k -> io.touchpoint.core.crm.CrmColumn.byName(k).isPresent(),
                    io.touchpoint.core.crm.CrmColumn::names, "CRM", "your CRM export's column names"),
            ACCOUNTS_COLUMNS, new Renames(k -> AccountColumn.byName(k).isPresent(), AccountColumn::names, "accounts",
                    "your accounts file's column names"));

    private ConfigLoader() {
    }

    /**
     * @param file the user's config file, if any
     * @param overrides full key paths (e.g. {@code touchpoint.input.path}) to values, from flags
     */
    public static TouchpointConfig load(Optional<File> file, Map<String, ?> overrides) {
        Config user = ConfigFactory.parseMap(overrides, "command-line flags");
        if (file.isPresent()) {
            File f = file.get();
            if (!f.isFile()) {
                throw TouchpointException.config("--config", f.getPath(), "Config file not found",
                        "Pass the path of an existing HOCON file, or leave --config out to use the defaults.");
            }
            try {
                user = user.withFallback(ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)));
            } catch (ConfigException e) {
                throw TouchpointException.config("--config", f.getPath(), "Config file is not valid HOCON (" + e.getMessage() + ")",
                        "Fix the syntax at the line named above.");
            }
        }
        return withReference(user);
    }

    /** Checks the user's keys against reference.conf, merges and validates. */
    private static TouchpointConfig withReference(Config user) {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        checkKnownKeys(user, reference);
        Config merged;
        try {
            merged = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw TouchpointException.config("config", e.origin() == null ? "?" : e.origin().description(),
                    "Config cannot be resolved (" + e.getMessage() + ")", "Fix or remove the substitution.");
        }
        return fromConfig(merged);
    }

    /** As {@link #load}, with the user's config read from the class path (e.g. packaged with the job). */
    public static TouchpointConfig loadResource(String name, Map<String, ?> overrides) {
        Config user = ConfigFactory.parseMap(overrides, "command-line flags");
        Config file;
        try {
            file = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), name,
                    ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException.IO e) {
            throw TouchpointException.config("--config", "classpath:" + name, "Config resource not found on the class path",
                    "Package the file with the job (e.g. spark-submit --files or a jar) or pass a file path.");
        } catch (ConfigException e) {
            throw TouchpointException.config("--config", "classpath:" + name, "Config resource is not valid HOCON ("
                    + e.getMessage() + ")", "Fix the syntax at the line named above.");
        }
        return withReference(user.withFallback(file));
    }

    /** Builds the typed config from a fully merged one (reference.conf included). */
    static TouchpointConfig fromConfig(Config c) {
        InputConfig input = new InputConfig(
                nonBlank(c, "touchpoint.input.path"),
                InputFormat.parse("touchpoint.input.format", string(c, "touchpoint.input.format")),
                columnsWithConsent(c),
                zone(c, "touchpoint.input.time-zone"),
                delimiter(c, "touchpoint.input.csv.delimiter"),
                new InputConfig.AccessLogOptions(
                        host(c, "touchpoint.input.access-log.host"),
                        bool(c, "touchpoint.input.access-log.keep-static-assets"),
                        bool(c, "touchpoint.input.access-log.keep-errors"),
                        bool(c, "touchpoint.input.access-log.keep-redirects")),
                encoding(c, "touchpoint.input.encoding"),
                onUnreadableFile(c, "touchpoint.input.on-unreadable-file"),
                validTimes(c),
                maxRevenue(c, "touchpoint.input.max-revenue"));
        SessionConfig sessions = new SessionConfig(
                positiveDuration(c, "touchpoint.sessions.timeout"),
                bool(c, "touchpoint.sessions.split-on-source-change"),
                bool(c, "touchpoint.sessions.split-at-midnight"),
                get(c, "touchpoint.sessions.internal-hosts", () -> c.getStringList("touchpoint.sessions.internal-hosts"),
                        "a list of host names, e.g. [\"www.example.com\", \"*.example.org\"]"),
                bool(c, "touchpoint.sessions.exclude-bots"));
        ChannelRules rules = ChannelRules.fromConfig(c.getValue(RULES), RULES);
        Goals goals = Goals.fromConfig(c.getValue(GOALS), GOALS);
        AttributionConfig attribution = attribution(c);
        Funnels funnels = Funnels.fromConfig(c.getValue(FUNNELS), FUNNELS);
        String effective = c.getConfig(ROOT).atKey(ROOT).root()
                .render(ConfigRenderOptions.concise().setFormatted(true));
        DateRange range = range(c);
        String currency = nonBlank(c, "touchpoint.report.currency").trim().toUpperCase(java.util.Locale.ROOT);
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw TouchpointException.config("touchpoint.report.currency", currency, "Unknown currency code",
                    "Use an ISO 4217 code such as USD, EUR or GBP.");
        }
        String sparkApi = nonBlank(c, "touchpoint.spark-api");
        if (!sparkApi.equals("internal") && !sparkApi.equals("public")) {
            throw TouchpointException.config("touchpoint.spark-api", sparkApi, "Unknown Spark API",
                    "Use internal (the default, fast) or public (Spark's public API only, e.g. for Spark Connect).");
        }
        return new TouchpointConfig(input, nonBlank(c, "touchpoint.output.path"), string(c, "touchpoint.output.aggregates-path").strip(),
                sessions, rules, goals, attribution,
                funnels, new TouchpointConfig.Report(bool(c, "touchpoint.report.enabled"), nonBlank(c, "touchpoint.report.title"),
                        currency, nonNegativeInt(c, "touchpoint.report.min-people", 1_000_000)), range, sparkApi,
                privacy(c), selfReported(c), crm(c, goals), spend(c), accounts(c),
                effective);
    }

    /** {@code touchpoint.crm}; a goal naming a CRM stage needs it. */
    private static io.touchpoint.core.crm.CrmConfig crm(Config c, Goals goals) {
        String path = string(c, CRM + ".path").strip();
        String format = sideInputFormat(c, CRM + ".format", io.touchpoint.core.crm.CrmConfig.FORMATS, "CRM");
        Map<io.touchpoint.core.crm.CrmColumn, String> columns = renames(c, CRM_COLUMNS, io.touchpoint.core.crm.CrmColumn.class,
                io.touchpoint.core.crm.CrmColumn::byName);
        if (path.isEmpty()) {
            for (int i = 0; i < goals.all().size(); i++) {
                if (goals.all().get(i).isCrm()) {
                    throw TouchpointException.config(GOALS + "[" + i + "].crm-stage", goals.all().get(i).crmStage(),
                            "A goal counts a CRM stage, but there is no CRM input",
                            "Set touchpoint.crm.path to the CRM export (docs/crm.md), or remove the goal.");
                }
            }
        }
        return new io.touchpoint.core.crm.CrmConfig(path, format, columns);
    }

    /** {@code touchpoint.accounts}: the key must be one Touchpoint can derive from an event's ids. */
    private static AccountsConfig accounts(Config c) {
        String keyName = ACCOUNTS + ".key";
        String key = string(c, keyName).strip().toLowerCase(java.util.Locale.ROOT);
        AccountKey accountKey = AccountKey.parse(key).orElseThrow(() -> TouchpointException.config(keyName,
                c.getValue(keyName).unwrapped(), "Unknown accounts key",
                "Use one of: " + AccountKey.names() + " (the file's key column is then domain, user_id or visitor_id; docs/accounts.md)."));
        return new AccountsConfig(string(c, ACCOUNTS + ".path"), sideInputFormat(c, ACCOUNTS + ".format", AccountsConfig.FORMATS,
                "accounts"), accountKey, renames(c, ACCOUNTS_COLUMNS, AccountColumn.class, AccountColumn::byName));
    }

    /** The format of a side input read with Spark's reader (CRM, accounts); {@code json} and {@code ndjson} mean jsonl. */
    private static String sideInputFormat(Config c, String key, List<String> formats, String what) {
        String format = string(c, key).strip().toLowerCase(java.util.Locale.ROOT);
        format = format.equals("json") || format.equals("ndjson") ? "jsonl" : format;
        if (!formats.contains(format)) {
            throw TouchpointException.config(key, c.getValue(key).unwrapped(), "Unknown " + what + " format",
                    "Use one of: " + String.join(", ", formats) + ".");
        }
        return format;
    }

    /** The renames of a {@code columns} section of {@link #RENAMES}: canonical column to the file's name. */
    private static <E extends Enum<E>> Map<E, String> renames(Config c, String section, Class<E> type,
                                                             java.util.function.Function<String, Optional<E>> byName) {
        Map<E, String> columns = new EnumMap<>(type);
        for (Map.Entry<String, ConfigValue> e : c.getConfig(section).entrySet()) {
            String key = section + "." + e.getKey();
            columns.put(byName.apply(e.getKey()).orElseThrow(() -> unknownColumn(section, key, e.getValue())), nonBlank(c, key));
        }
        return columns;
    }

    private static TouchpointException unknownColumn(String section, String key, ConfigValue value) {
        Renames renames = RENAMES.get(section);
        String column = key.substring(section.length() + 1);
        return TouchpointException.config(key, value.unwrapped(), "Unknown " + renames.what() + " column '" + column + "'",
                "Map one of these to " + renames.whose() + ": " + renames.names().get() + ".");
    }

    private static SelfReportedConfig selfReported(Config c) {
        String column = string(c, SELF_REPORTED + ".column").strip();
        boolean useDefaults = bool(c, SELF_REPORTED + ".use-default-rules");
        SelfReportedRules rules = SelfReportedRules.fromConfig(c.getValue(SELF_REPORTED_RULES), SELF_REPORTED_RULES, useDefaults);
        if (!column.isEmpty() && rules.isEmpty()) {
            throw TouchpointException.config(SELF_REPORTED + ".use-default-rules", false,
                    "No self-reported rules: every answer in column " + column + " would be Other",
                    "Set use-default-rules = true, or list your rules in " + SELF_REPORTED_RULES + " (docs/channels.md).");
        }
        return new SelfReportedConfig(column, useDefaults, rules);
    }

    /** {@code touchpoint.spend}: the ad spend file (empty path: none), csv, jsonl or parquet, and its column renames. */
    private static SpendConfig spend(Config c) {
        String path = string(c, SPEND + ".path").strip();
        InputFormat format = InputFormat.parse(SPEND + ".format", string(c, SPEND + ".format"));
        if (format == InputFormat.ACCESS_LOG) {
            throw TouchpointException.config(SPEND + ".format", string(c, SPEND + ".format"), "A spend file is not an access log",
                    "Use csv (with a header row), json (JSON Lines) or parquet.");
        }
        Map<SpendColumn, String> columns = new EnumMap<>(SpendColumn.class);
        for (Map.Entry<String, ?> e : c.getConfig(SPEND_COLUMNS).entrySet()) {
            String key = SPEND_COLUMNS + "." + e.getKey();
            SpendColumn col = SpendColumn.byName(e.getKey()).orElseThrow(() -> TouchpointException.config(key, e.getValue(),
                    "Unknown spend column", "Use one of: " + SpendColumn.names() + "."));
            columns.put(col, nonBlank(c, key).strip());
        }
        return new SpendConfig(path, format, columns);
    }

    private static io.touchpoint.core.privacy.PrivacyConfig privacy(Config c) {
        int ipMask = nonNegativeInt(c, "touchpoint.privacy.ip-mask", 4);
        Duration retention = get(c, "touchpoint.privacy.retention", () -> c.getDuration("touchpoint.privacy.retention"),
                "a duration in days such as 760d (0 keeps everything)");
        if (retention.isNegative()) {
            throw TouchpointException.config("touchpoint.privacy.retention", c.getValue("touchpoint.privacy.retention").unwrapped(),
                    "Retention must not be negative", "Use a number of days such as 760d, or 0 to keep every date.");
        }
        if (!retention.isZero() && retention.compareTo(Duration.ofDays(1)) < 0) {
            throw TouchpointException.config("touchpoint.privacy.retention", c.getValue("touchpoint.privacy.retention").unwrapped(),
                    "Retention is shorter than a day (HOCON reads 25m as 25 minutes)", "Say days, e.g. 760d, or 0 to keep every date.");
        }
        List<String> granted = get(c, "touchpoint.privacy.consent.granted", () -> c.getStringList("touchpoint.privacy.consent.granted"),
                "a list of values, e.g. [granted, yes, 1]");
        String consentColumn = string(c, "touchpoint.privacy.consent.column").strip();
        if (!consentColumn.isEmpty() && granted.stream().allMatch(String::isBlank)) {
            throw TouchpointException.config("touchpoint.privacy.consent.granted", granted, "No value means consent was granted",
                    "List the consent column's values that grant analytics consent, e.g. [granted, yes, 1].");
        }
        return new io.touchpoint.core.privacy.PrivacyConfig(bool(c, "touchpoint.privacy.pseudonymise"),
                string(c, "touchpoint.privacy.key-file"), string(c, "touchpoint.privacy.key-env"),
                bool(c, "touchpoint.privacy.scrub-urls"), get(c, "touchpoint.privacy.scrub-params",
                        () -> c.getStringList("touchpoint.privacy.scrub-params"), "a list of parameter names, e.g. [email, phone]"),
                ipMask, bool(c, "touchpoint.privacy.store-user-agent"),
                new io.touchpoint.core.privacy.PrivacyConfig.Consent(consentColumn, granted), retention);
    }

    private static int nonNegativeInt(Config c, String key, int max) {
        int v = get(c, key, () -> c.getInt(key), "a whole number");
        if (v < 0 || v > max) {
            throw TouchpointException.config(key, v, "Value out of range", "Use a whole number from 0 to " + max + ".");
        }
        return v;
    }

    private static void checkKnownKeys(Config user, Config reference) {
        Set<String> known = reference.entrySet().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
        checkObject(user.root(), "", known, reference);
    }

    /** Walks the user's tree, objects included, so an empty or null unknown section is caught too. */
    private static void checkObject(ConfigObject object, String prefix, Set<String> known, Config reference) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String key = prefix + ConfigUtil.joinPath(e.getKey());
            ConfigValue value = e.getValue();
            String section = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
            if (RENAMES.containsKey(section)) {
                if (!RENAMES.get(section).known().test(e.getKey())) {
                    throw unknownColumn(section, key, value);
                }
            } else if (prefix.equals(SPEND_COLUMNS + ".")) {
                if (SpendColumn.byName(e.getKey()).isEmpty()) {
                    throw TouchpointException.config(key, value.unwrapped(), "Unknown spend column '" + e.getKey() + "'",
                            "Map one of these to your spend file's column names: " + SpendColumn.names() + ".");
                }
            } else if (LISTS.contains(key)) {
                continue; // checked by ChannelRules, Goals, AttributionModels, Funnels and SelfReportedRules
            } else if (value instanceof ConfigObject child && reference.hasPathOrNull(key)
                    && reference.getValue(key) instanceof ConfigObject) {
                checkObject(child, key + ".", known, reference);
            } else if (!(value instanceof ConfigObject) && known.contains(key)) {
                continue;
            } else {
                // Name a leaf of an unknown section (touchpont.sessions.timeout, not touchpont): closer hints.
                String leaf = value instanceof ConfigObject child && !child.isEmpty()
                        ? key + "." + child.toConfig().entrySet().iterator().next().getKey() : key;
                Object shown = value instanceof ConfigObject child && !child.isEmpty()
                        ? child.toConfig().entrySet().iterator().next().getValue().unwrapped() : value.unwrapped();
                throw TouchpointException.config(leaf, shown, "Unknown config key",
                        "Did you mean '" + KeySuggester.closest(leaf, known) + "'? Every key is listed in reference.conf.");
            }
        }
    }

    private static DateRange range(Config c) {
        String from = string(c, "touchpoint.range.from").trim();
        String to = string(c, "touchpoint.range.to").trim();
        if (from.isEmpty() && to.isEmpty()) {
            return DateRange.ALL;
        }
        if (from.isEmpty() || to.isEmpty()) {
            throw TouchpointException.config(from.isEmpty() ? "touchpoint.range.from" : "touchpoint.range.to", "\"\"",
                    "A range needs both ends", "Give --from and --to (YYYY-MM-DD), or neither for the whole input.");
        }
        java.time.LocalDate f = date("touchpoint.range.from", from);
        java.time.LocalDate t = date("touchpoint.range.to", to);
        if (t.isBefore(f)) {
            throw TouchpointException.config("touchpoint.range.to", to, "The range ends before it starts (from " + from + ")",
                    "Give --to on or after --from.");
        }
        return new DateRange(f, t);
    }

    private static java.time.LocalDate date(String key, String value) {
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw TouchpointException.config(key, value, "Not a date", "Write the date as YYYY-MM-DD, e.g. 2026-09-01.");
        }
    }

    private static AttributionConfig attribution(Config c) {
        String resetKey = "touchpoint.attribution.journey-reset";
        String reset = string(c, resetKey).trim();
        AttributionConfig.JourneyReset journeyReset = switch (reset) {
            case "none" -> AttributionConfig.JourneyReset.NONE;
            case "after-conversion" -> AttributionConfig.JourneyReset.AFTER_CONVERSION;
            default -> throw TouchpointException.config(resetKey, reset, "Unknown journey reset",
                    "Use none or after-conversion.");
        };
        String maxKey = "touchpoint.attribution.max-touchpoints";
        int max = get(c, maxKey, () -> c.getInt(maxKey), "a whole number from 1 up, e.g. 100");
        if (max < 1) {
            throw TouchpointException.config(maxKey, max, "A journey keeps at least one touchpoint", "Use 1 or more, e.g. 100.");
        }
        List<String> specs = get(c, MODELS, () -> c.getStringList(MODELS),
                "a list of model names, e.g. [first, last, \"time_decay(half_life=7d)\"]");
        if (specs.isEmpty()) {
            throw TouchpointException.config(MODELS, "[]", "No attribution model requested",
                    "Name at least one model, e.g. [last]; bin/touchpoint models lists them.");
        }
        List<AttributionModel> models = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            AttributionModel m = AttributionModels.parse(MODELS + "[" + i + "]", specs.get(i));
            if (!names.add(m.name())) {
                throw TouchpointException.config(MODELS + "[" + i + "]", specs.get(i), "Model listed twice (as " + m.name() + ")",
                        "List each model once.");
            }
            models.add(m);
        }
        if (!names.contains("last")) {
            models.add(AttributionModels.parse(MODELS, "last")); // the comparison's baseline
        }
        String unitKey = "touchpoint.attribution.unit";
        String unitValue = string(c, unitKey).trim();
        AttributionConfig.Unit unit = switch (unitValue) {
            case "person" -> AttributionConfig.Unit.PERSON;
            case "account" -> AttributionConfig.Unit.ACCOUNT;
            default -> throw TouchpointException.config(unitKey, unitValue, "Unknown attribution unit",
                    "Use person (each person's own sessions) or account (the sessions of everyone in the person's account).");
        };
        return new AttributionConfig(positiveDuration(c, "touchpoint.attribution.lookback"), max, journeyReset, models,
                milestones(c), unit);
    }

    /** {@code touchpoint.attribution.milestones}: three distinct, non-empty CRM stage names. */
    private static AttributionConfig.MilestoneStages milestones(Config c) {
        String prefix = "touchpoint.attribution.milestones.";
        String[] roles = {"lead", "opportunity", "won"};
        String[] stages = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            stages[i] = nonBlank(c, prefix + roles[i]).strip();
            for (int j = 0; j < i; j++) {
                if (stages[i].equals(stages[j])) {
                    // one stage cannot mark two milestones: the second would silently be the first's touch
                    throw TouchpointException.config(prefix + roles[i], stages[i],
                            "The same CRM stage as " + prefix + roles[j],
                            "Name a different stage for each milestone, e.g. lead_created, opportunity_created, closed_won.");
                }
            }
        }
        return new AttributionConfig.MilestoneStages(stages[0], stages[1], stages[2]);
    }

    /**
     * The input's columns, with the consent column of {@code touchpoint.privacy.consent.column} and
     * the answer column of {@code touchpoint.self-reported.column} when they are named.
     */
    private static Map<CanonicalColumn, String> columnsWithConsent(Config c) {
        Map<CanonicalColumn, String> columns = columns(c);
        String consent = string(c, "touchpoint.privacy.consent.column").strip();
        if (!consent.isEmpty()) {
            columns.putIfAbsent(CanonicalColumn.CONSENT, consent);
        }
        String answer = string(c, SELF_REPORTED + ".column").strip();
        if (!answer.isEmpty()) {
            columns.putIfAbsent(CanonicalColumn.SELF_REPORTED, answer);
        }
        return columns;
    }

    private static Map<CanonicalColumn, String> columns(Config c) {
        return renames(c, COLUMNS, CanonicalColumn.class, CanonicalColumn::byName);
    }

    private static String string(Config c, String key) {
        return get(c, key, () -> c.getString(key), "a string");
    }

    private static String nonBlank(Config c, String key) {
        String v = string(c, key);
        if (v.isBlank()) {
            throw TouchpointException.config(key, "\"\"", "Value must not be empty", "Set a non-empty value.");
        }
        return v;
    }

    /** A bare host name (with an optional port), or empty. */
    private static String host(Config c, String key) {
        String v = string(c, key).trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.isEmpty() && !v.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?")) {
            throw TouchpointException.config(key, v, "Not a host name",
                    "Write the bare host, e.g. \"shop.example.com\", without scheme or path.");
        }
        return v;
    }

    /** A charset Java knows, by its canonical name (so the manifest shows one spelling). */
    private static String encoding(Config c, String key) {
        String v = string(c, key).trim();
        try {
            return java.nio.charset.Charset.forName(v).name();
        } catch (IllegalArgumentException e) {
            throw TouchpointException.config(key, v, "Unknown character encoding",
                    "Use the input's charset, e.g. UTF-8 (the default), ISO-8859-1, windows-1252 or UTF-16.");
        }
    }

    private static InputConfig.OnUnreadableFile onUnreadableFile(Config c, String key) {
        String v = string(c, key).trim();
        return switch (v) {
            case "quarantine" -> InputConfig.OnUnreadableFile.QUARANTINE;
            case "fail" -> InputConfig.OnUnreadableFile.FAIL;
            default -> throw TouchpointException.config(key, v, "Unknown choice", "Use quarantine (the default) or fail.");
        };
    }

    private static InputConfig.ValidTimes validTimes(Config c) {
        String fromKey = "touchpoint.input.valid-times.from";
        String toKey = "touchpoint.input.valid-times.to";
        java.time.LocalDate from = date(fromKey, string(c, fromKey).trim());
        String to = string(c, toKey).trim();
        java.time.LocalDate end = to.isEmpty() ? null : date(toKey, to);
        if (end != null && end.isBefore(from)) {
            throw TouchpointException.config(toKey, to, "The end of the valid times is before their start (" + from + ")",
                    "Give a date on or after " + from + ", or leave it empty for one day after the run.");
        }
        return new InputConfig.ValidTimes(from, end);
    }

    private static double maxRevenue(Config c, String key) {
        double v = get(c, key, () -> c.getDouble(key), "a number such as 1e12");
        if (!(v > 0) || v > InputConfig.MAX_REVENUE_LIMIT) {
            throw TouchpointException.config(key, c.getValue(key).unwrapped(), "The largest revenue must be above 0 and at most 1e15",
                    "Use a number such as 1e12 (the default): totals of larger values would no longer add up exactly.");
        }
        return v;
    }

    private static boolean bool(Config c, String key) {
        return get(c, key, () -> c.getBoolean(key), "true or false");
    }

    private static Duration positiveDuration(Config c, String key) {
        Duration d = get(c, key, () -> c.getDuration(key), "a duration such as 30m, 90s or 1h");
        if (d.isNegative() || d.isZero()) {
            throw TouchpointException.config(key, c.getValue(key).unwrapped(), "Duration must be positive",
                    "Use a duration above zero, such as 30m.");
        }
        return d;
    }

    private static ZoneId zone(Config c, String key) {
        String v = string(c, key);
        try {
            return ZoneId.of(v.trim());
        } catch (DateTimeException e) {
            throw TouchpointException.config(key, v, "Unknown time zone",
                    "Use a zone id such as UTC, Europe/Berlin or America/New_York.");
        }
    }

    private static char delimiter(Config c, String key) {
        String v = string(c, key);
        if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
            throw TouchpointException.config(key, v, "CSV delimiter must be one character other than a quote or line break",
                    "Use e.g. \",\" or \";\" or \"\\t\".");
        }
        return v.charAt(0);
    }

    private static <T> T get(Config c, String key, java.util.function.Supplier<T> getter, String expected) {
        try {
            return getter.get();
        } catch (ConfigException.Missing e) {
            throw TouchpointException.config(key, "(missing)", "Required config key is missing", "Set it to " + expected + ".");
        } catch (ConfigException e) {
            Object value = c.hasPathOrNull(key) && c.getValue(key).valueType() != ConfigValueType.NULL
                    ? c.getValue(key).unwrapped() : "null";
            throw TouchpointException.config(key, value, "Bad value", "Use " + expected + ".");
        }
    }
}
