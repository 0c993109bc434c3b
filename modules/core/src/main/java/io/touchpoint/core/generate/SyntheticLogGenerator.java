package io.touchpoint.core.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * A seeded, realistic web-shop visit log for demos and tests: multi-session and cross-device
 * journeys, utm/Matomo/click-id tagged traffic, search and social referrers, a purchase funnel,
 * crawlers, tracker quirks (epoch and offset times, retry duplicates) and a few broken lines.
 *
 * <p>Generation goes person by person, each person's events in time order, so memory stays
 * bounded however many events are asked for; the file as a whole is not sorted by time. The same
 * {@link GeneratorSpec} always gives byte-identical output.
 */
public final class SyntheticLogGenerator {

    /** The CSV header, in column order. */
    public static final List<String> COLUMNS = List.of(
            "event_id", "event_time", "visitor_id", "user_id", "event_name", "page_url", "referrer_url",
            "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "revenue", "user_agent");

    private static final double ACCOUNT_SHARE = 0.25;
    private static final double[] DEVICES = {85, 12, 3};

    private final GeneratorSpec spec;

    /** A generator for {@code spec}; nothing is generated until {@link #writeCsv} or {@link #forEachEvent}. */
    public SyntheticLogGenerator(GeneratorSpec spec) {
        this.spec = spec;
    }

    /**
     * Writes the header and all rows, malformed ones included, to {@code out}; flushes but does not close it.
     *
     * @return what was written
     * @throws IOException when writing to {@code out} fails
     */
    public GeneratorStats writeCsv(Writer out) throws IOException {
        BufferedWriter buffered = new BufferedWriter(out, 1 << 16);
        CsvWriter csv = new CsvWriter(buffered);
        csv.header(COLUMNS);
        GeneratorStats stats;
        try {
            stats = generate(row -> Unchecked.run(() -> csv.row(row)), line -> Unchecked.run(() -> csv.line(line)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        buffered.flush();
        return stats;
    }

    /**
     * Hands every event row to {@code sink}, one {@code String[]} in {@link #COLUMNS} order: the same
     * rows, ids and retry duplicates as {@link #writeCsv}, without the malformed lines.
     */
    public void forEachEvent(Consumer<String[]> sink) {
        generate(sink, line -> { });
    }

    private GeneratorStats generate(Consumer<String[]> events, Consumer<String> malformedLines) {
        Rand rand = new Rand(spec.seed());
        Timeline timeline = new Timeline(rand, spec);
        Pages pages = new Pages(rand);
        UserAgents agents = new UserAgents(rand);
        Journeys journeys = new Journeys(rand, timeline, new TrafficMix(rand), new SessionPaths(rand, pages), agents);
        BotCrawls crawls = new BotCrawls(rand, timeline, pages, agents);
        EventRows rows = new EventRows(rand, events);
        MalformedRows malformed = new MalformedRows(spec.malformedRows(), spec.visitors());

        int bots = (int) Math.round(spec.visitors() * spec.botShare());
        int botsLeft = bots;
        int slotsLeft = spec.visitors();
        long visitorSeq = 0;
        long persons = 0;
        while (slotsLeft > 0) {
            // Picking a bot with probability botsLeft/slotsLeft gives the exact count, spread evenly.
            if (rand.uniform() * slotsLeft < botsLeft) {
                crawls.bot(visitorId(visitorSeq++), rows::emit);
                botsLeft--;
                slotsLeft--;
            } else {
                int devices = Math.min(1 + rand.weighted(DEVICES), slotsLeft - botsLeft);
                String[] ids = new String[devices];
                for (int i = 0; i < devices; i++) {
                    ids[i] = visitorId(visitorSeq++);
                }
                // Cross-device people can only be linked through an account, so they all have one.
                boolean account = devices > 1 || rand.chance(ACCOUNT_SHARE);
                journeys.person(ids, account ? userId(persons) : "", rows::emit);
                persons++;
                slotsLeft -= devices;
            }
            while (malformed.due(spec.visitors() - slotsLeft)) {
                malformedLines.accept(malformed.next(rows.nextEventId(), rows.lastRow()));
            }
        }
        return new GeneratorStats(rows.events() + rows.duplicates() + malformed.count(), rows.events(), bots,
                malformed.count(), visitorSeq, persons, rows.purchases());
    }

    /**
     * 16 hex digits like a tracker cookie. A bijective mix of the sequence number (splitmix64
     * finaliser) looks random yet can never collide.
     */
    private String visitorId(long seq) {
        return visitorId(seq, spec.seed());
    }

    /** The {@code seq}-th visitor id of a log seeded with {@code seed}; distinct sequence numbers never collide. */
    static String visitorId(long seq, long seed) {
        long z = seq * 0x9E3779B97F4A7C15L + seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        String hex = Long.toHexString(z ^ (z >>> 31));
        return "0000000000000000".substring(hex.length()) + hex;
    }

    private static String userId(long person) {
        String digits = Long.toString(person);
        return digits.length() >= 5 ? "u" + digits : "u" + "00000".substring(digits.length()) + digits;
    }
}
