package io.touchpoint.core.generate;

import io.touchpoint.core.generate.B2bSite.Action;
import io.touchpoint.core.generate.B2bSite.Landing;
import io.touchpoint.core.generate.B2bSite.Origin;
import io.touchpoint.core.generate.B2bSite.Paid;
import io.touchpoint.core.generate.B2bSite.Phase;
import io.touchpoint.core.generate.B2bSite.Step;
import io.touchpoint.core.generate.B2bWorld.Account;
import io.touchpoint.core.generate.B2bWorld.Person;
import io.touchpoint.core.generate.B2bWorld.Stage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A seeded B2B sample: companies whose buying committees research a SaaS vendor's site over weeks
 * to months on several devices and identify with their work e-mail, people on free mail, anonymous
 * readers and crawlers (events.csv); the vendor's CRM export of leads, opportunities and closed deals
 * with the keys real exports carry (crm.csv); the company list keyed by e-mail domain (accounts.csv);
 * and daily ad spend per paid campaign (spend.csv). The formats and the ground truth are documented
 * in docs/b2b-inputs.md. The same {@link B2bSpec} always gives byte-identical files.
 */
public final class B2bGenerator {

    /** events.csv's header: the same columns as the shop sample's. */
    public static final List<String> EVENT_COLUMNS = SyntheticLogGenerator.COLUMNS;
    /** crm.csv's header, in column order. */
    public static final List<String> CRM_COLUMNS = List.of(
            "event_time", "stage", "value", "user_id", "email", "account_id", "visitor_id", "click_id", "self_reported");
    /** accounts.csv's header: the key (an e-mail domain) first. */
    public static final List<String> ACCOUNT_COLUMNS = List.of("domain", "account_id", "account_name", "industry", "employees");
    /** spend.csv's header. */
    public static final List<String> SPEND_COLUMNS = List.of("date", "channel", "source", "campaign", "cost", "currency");
    /** The files {@link #writeFiles} writes. */
    public static final String EVENTS_FILE = "events.csv";
    public static final String CRM_FILE = "crm.csv";
    public static final String ACCOUNTS_FILE = "accounts.csv";
    public static final String SPEND_FILE = "spend.csv";
    /** The one currency of spend.csv and of crm.csv's values. */
    public static final String CURRENCY = "USD";
    /** The self_reported answers that name a dark-social source, exactly as written to crm.csv. */
    public static final List<String> DARK_SOCIAL_ANSWERS = List.of(
            "podcast", "Heard you on the Attribution Nerds podcast", "Podcast",
            "a colleague told me", "Coworker recommended you", "word of mouth", "my old boss uses it, loves it",
            "Slack community", "dbt community slack", "r/analytics", "someone in a Discord",
            "met you at SaaStr", "conference booth", "MarTech meetup");

    private static final DateTimeFormatter CRM_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final double[] DEVICES = {45, 40, 15};
    /** Relative activity per UTC hour of a working day across European and American offices. */
    private static final double[] WORK_HOURS = {
        0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3.5, 5.0, 5.5, 5.0,
        4.5, 5.0, 6.0, 6.5, 6.0, 5.0, 4.0, 3.0, 2.0, 1.5, 1.0, 0.5};
    private static final List<String> NO_ANSWER = List.of("n/a", "N/A", "-", "other", "don't remember");
    private static final List<String> SEARCH_ANSWERS = List.of("Google", "google search", "Googled it", "search engine", "Bing");
    private static final List<String> LINKEDIN_ANSWERS = List.of("LinkedIn", "linkedin ad", "Saw a post on LinkedIn");
    private static final List<String> REVIEW_ANSWERS = List.of("G2", "g2 reviews", "Capterra");
    private static final List<String> SOCIAL_ANSWERS = List.of("Facebook", "Twitter", "Reddit");
    private static final List<String> OTHER_ANSWERS = List.of("your blog", "newsletter", "a blog post");

    private final B2bSpec spec;

    /** A generator for {@code spec}; nothing is generated until a write method is called. */
    public B2bGenerator(B2bSpec spec) {
        this.spec = spec;
    }

    /**
     * Writes DIR/events.csv, DIR/crm.csv, DIR/accounts.csv and DIR/spend.csv (UTF-8, LF line ends),
     * creating DIR when needed and replacing the files.
     */
    public B2bStats writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer events = Files.newBufferedWriter(dir.resolve(EVENTS_FILE), StandardCharsets.UTF_8);
             Writer crm = Files.newBufferedWriter(dir.resolve(CRM_FILE), StandardCharsets.UTF_8);
             Writer accounts = Files.newBufferedWriter(dir.resolve(ACCOUNTS_FILE), StandardCharsets.UTF_8);
             Writer spend = Files.newBufferedWriter(dir.resolve(SPEND_FILE), StandardCharsets.UTF_8)) {
            return write(events, crm, accounts, spend);
        }
    }

    /** Writes the four files to the writers; flushes but does not close them. */
    public B2bStats write(Writer events, Writer crm, Writer accounts, Writer spend) throws IOException {
        return new Run(spec).write(events, crm, accounts, spend);
    }

    /** What a person did on the site that the CRM export refers to. */
    private static final class Trace {
        final Person person;
        long formTime = -1;
        String formVisitor = "";
        String formClickId = "";
        Origin firstOrigin;

        Trace(Person person) {
            this.person = person;
        }
    }

    /** One generation: all state of a single pass over the random stream. */
    private static final class Run {
        private final B2bSpec spec;
        private final Rand rand;
        private final B2bSite site;
        private final B2bWorld world;
        private final UserAgents agents;
        private final long start;
        private final long end;
        private final List<List<Hit>> actors = new ArrayList<>();
        private final List<Trace> traces = new ArrayList<>();
        private long visitorSeq;

        Run(B2bSpec spec) {
            this.spec = spec;
            this.rand = new Rand(spec.seed());
            this.site = new B2bSite(rand);
            this.world = new B2bWorld(rand);
            this.agents = new UserAgents(rand);
            this.start = spec.startDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            this.end = start + spec.days() * Timeline.DAY;
        }

        B2bStats write(Writer eventsOut, Writer crmOut, Writer accountsOut, Writer spendOut) throws IOException {
            List<Account> accounts = world.accounts(spec.accounts());
            List<String[]> crm = new ArrayList<>();
            for (Account a : accounts) {
                account(a, crm);
            }
            int freeMail = Math.max(1, spec.accounts() * 2 / 5);
            for (int i = 0; i < freeMail; i++) {
                freeMailPerson(world.freeMailPerson(), crm);
            }
            int anonymous = spec.accounts() * 8;
            for (int i = 0; i < anonymous; i++) {
                anonymous();
            }
            long humanVisitors = visitorSeq;
            long bots = Math.round(humanVisitors * spec.botShare() / (1 - spec.botShare()));
            for (long i = 0; i < bots; i++) {
                bot();
            }
            int unmatched = Math.max(3, spec.accounts() / 15);
            for (int i = 0; i < unmatched; i++) {
                crm.add(unmatchedRow(i));
            }
            crm.sort(Comparator.comparing((String[] r) -> r[0]));
            shuffle(actors);

            // events.csv
            BufferedWriter ev = new BufferedWriter(eventsOut, 1 << 16);
            CsvWriter csv = new CsvWriter(ev);
            csv.header(EVENT_COLUMNS);
            Set<String> visitors = new HashSet<>();
            Set<String> userIds = new HashSet<>();
            EventRows rows = new EventRows(rand, row -> {
                visitors.add(row[2]);
                if (!row[3].isEmpty()) {
                    userIds.add(row[3]);
                }
                Unchecked.run(() -> csv.row(row));
            });
            MalformedRows malformed = new MalformedRows(spec.malformedRows(), actors.size(), B2bSite.DEMO_THANKS, B2bSite.DEMO);
            try {
                for (int i = 0; i < actors.size(); i++) {
                    actors.get(i).forEach(rows::emit);
                    while (rows.events() > 0 && malformed.due(i + 1)) {
                        csv.line(malformed.next(rows.nextEventId(), rows.lastRow()));
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            ev.flush();

            // crm.csv
            BufferedWriter cw = new BufferedWriter(crmOut);
            CsvWriter crmCsv = new CsvWriter(cw);
            crmCsv.header(CRM_COLUMNS);
            long leads = 0;
            long opportunities = 0;
            long won = 0;
            long lost = 0;
            long wonCents = 0;
            long answered = 0;
            long dark = 0;
            for (String[] r : crm) {
                crmCsv.row(r);
                switch (r[1]) {
                    case "lead_created" -> leads++;
                    case "opportunity_created" -> opportunities++;
                    case "closed_won" -> {
                        won++;
                        wonCents += Math.round(Double.parseDouble(r[2]) * 100);
                    }
                    case "closed_lost" -> lost++;
                    default -> throw new IllegalStateException(r[1]);
                }
                if (!r[8].isBlank()) {
                    answered++;
                    if (DARK_SOCIAL_ANSWERS.contains(r[8])) {
                        dark++;
                    }
                }
            }
            cw.flush();

            // accounts.csv
            BufferedWriter aw = new BufferedWriter(accountsOut);
            CsvWriter accCsv = new CsvWriter(aw);
            accCsv.header(ACCOUNT_COLUMNS);
            for (Account a : accounts) {
                accCsv.row(new String[] {a.domain, a.id, a.name, a.industry, Integer.toString(a.employees)});
            }
            aw.flush();

            // spend.csv
            BufferedWriter sw = new BufferedWriter(spendOut);
            CsvWriter spendCsv = new CsvWriter(sw);
            spendCsv.header(SPEND_COLUMNS);
            long spendRows = 0;
            long spendCents = 0;
            for (int d = 0; d < spec.days(); d++) {
                LocalDate date = spec.startDate().plusDays(d);
                boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
                for (Paid p : B2bSite.PAID) {
                    if (d < p.fromDay()) {
                        continue;
                    }
                    long cents = Math.round(p.budget() * (weekend ? 0.35 : 1.0) * (0.75 + 0.5 * rand.uniform()) * 100);
                    spendCsv.row(new String[] {date.toString(), p.channel(), p.source(), p.campaign(), money(cents), CURRENCY});
                    spendRows++;
                    spendCents += cents;
                }
            }
            sw.flush();

            long people = traces.size();
            long freeMailPeople = traces.stream().filter(t -> t.person.account == null).count();
            return new B2bStats(rows.events() + rows.duplicates() + malformed.count(), rows.events(), malformed.count(),
                    visitors.size(), bots, people, userIds.size(), accounts.size(), freeMailPeople, crm.size(), unmatched,
                    leads, opportunities, won, lost, wonCents, answered, dark, spendRows, spendCents);
        }

        /** A company's buying cycle: its people's visits, their leads, then maybe an opportunity and a close. */
        private void account(Account a, List<String[]> crm) {
            int days = spec.days();
            int cycleDays = rand.between(42, 140);
            boolean opportunity = a.stage.compareTo(Stage.OPPORTUNITY) >= 0;
            int latestStart = opportunity ? (int) (days * 0.4) : days - 28;
            long cycleStart = start + rand.between(0, Math.max(0, latestStart)) * Timeline.DAY;
            long cycleEnd = Math.min(end, cycleStart + cycleDays * Timeline.DAY);
            long leadAt = -1;
            long oppAt = -1;
            long closeAt = -1;
            Stage stage = a.stage;
            if (stage != Stage.NONE) {
                long leadDay = Math.min(dayOf(cycleStart) + Math.round(cycleDays * (0.2 + 0.25 * rand.uniform())), days - 21);
                leadAt = workTime(start + leadDay * Timeline.DAY);
                if (opportunity) {
                    oppAt = workTime(Timeline.dayStart(leadAt) + rand.between(14, 42) * Timeline.DAY);
                    if (stage != Stage.OPPORTUNITY) {
                        closeAt = workTime(Timeline.dayStart(oppAt) + rand.between(21, 70) * Timeline.DAY);
                    }
                }
                if (closeAt >= end) {
                    stage = Stage.OPPORTUNITY;
                    closeAt = -1;
                }
                if (oppAt >= end) {
                    stage = Stage.LEAD;
                    oppAt = -1;
                }
                // People keep reading while the deal is open.
                cycleEnd = Math.min(end, Math.max(cycleEnd, Math.max(oppAt, closeAt) + 7 * Timeline.DAY));
            }
            Trace champion = null;
            for (int i = 0; i < a.people.size(); i++) {
                Person p = a.people.get(i);
                Trace t;
                if (i == 0) {
                    int before = rand.between(stage == Stage.NONE ? 1 : 2, 7);
                    int after = stage == Stage.NONE ? 0 : rand.between(1, 5);
                    long[] times;
                    int formIndex = -1;
                    if (leadAt < 0) {
                        times = sessionTimes(cycleStart, cycleEnd, before + after);
                    } else {
                        long[] pre = sessionTimes(cycleStart, Math.max(cycleStart + Timeline.DAY, leadAt - Timeline.DAY), before);
                        long[] post = sessionTimes(Math.min(end - Timeline.HOUR, leadAt + Timeline.DAY), cycleEnd, after);
                        times = new long[before + 1 + after];
                        System.arraycopy(pre, 0, times, 0, before);
                        times[before] = leadAt;
                        System.arraycopy(post, 0, times, before + 1, after);
                        formIndex = before;
                    }
                    t = journey(p, times, formIndex, signupIndex(times.length, formIndex, 0.15));
                    champion = t;
                } else {
                    long from = cycleStart + (long) (rand.uniform() * 0.6 * (cycleEnd - cycleStart));
                    long[] times = sessionTimes(from, cycleEnd, rand.between(1, 6));
                    int formIndex = stage != Stage.NONE && rand.chance(0.2) ? rand.between(0, times.length - 1) : -1;
                    t = journey(p, times, formIndex, signupIndex(times.length, formIndex, 0.15));
                }
                if (t.formTime >= 0) {
                    crm.add(leadRow(t));
                }
            }
            if (oppAt >= 0) {
                long amount = amount();
                crm.add(dealRow(oppAt, "opportunity_created", amount, a, champion));
                if (closeAt >= 0) {
                    boolean isWon = stage == Stage.WON;
                    long value = isWon ? Math.round(amount * (0.8 + 0.3 * rand.uniform()) / 500) * 500 : amount;
                    crm.add(dealRow(closeAt, isWon ? "closed_won" : "closed_lost", value, a, champion));
                }
            }
        }

        private void freeMailPerson(Person p, List<String[]> crm) {
            int weeks = rand.between(2, 12);
            long from = start + rand.between(0, spec.days() - 14) * Timeline.DAY;
            long[] times = sessionTimes(from, Math.min(end, from + weeks * 7 * Timeline.DAY), rand.between(1, 5));
            int formIndex = rand.chance(0.4) ? rand.between(0, times.length - 1) : -1;
            Trace t = journey(p, times, formIndex, signupIndex(times.length, formIndex, 0.15));
            if (t.formTime >= 0) {
                crm.add(leadRow(t));
            }
        }

        private int signupIndex(int sessions, int formIndex, double p) {
            if (!rand.chance(p)) {
                return -1;
            }
            int i = rand.between(0, sessions - 1);
            return i == formIndex ? -1 : i;
        }

        /** Emits a person's sessions; form and signup sessions identify the device with the e-mail. */
        private Trace journey(Person p, long[] times, int formIndex, int signupIndex) {
            Trace t = new Trace(p);
            traces.add(t);
            int devices = Math.min(times.length, 1 + rand.weighted(DEVICES));
            String[] ids = new String[devices];
            for (int i = 0; i < devices; i++) {
                ids[i] = SyntheticLogGenerator.visitorId(visitorSeq++, spec.seed());
            }
            String[] uas = agents.devices(devices);
            boolean[] loggedIn = new boolean[devices];
            String[] clickIds = new String[devices];
            Arrays.fill(clickIds, "");
            boolean identified = false;
            List<Hit> hits = new ArrayList<>();
            long lastHit = Long.MIN_VALUE;
            long mid = times[0] + (times[times.length - 1] - times[0]) / 2;
            for (int s = 0; s < times.length; s++) {
                long time = Math.max(times[s], lastHit == Long.MIN_VALUE ? times[s] : lastHit + Timeline.HOUR);
                if (time >= end) {
                    break;
                }
                int device = s < devices ? s : rand.between(0, devices - 1);
                Landing landing = site.personLanding(s == 0, p.darkSocial);
                if (s == 0) {
                    t.firstOrigin = landing.origin();
                }
                if (!landing.clickId().isEmpty()) {
                    clickIds[device] = landing.clickId();
                }
                Action action = s == formIndex ? Action.FORM : s == signupIndex ? Action.SIGNUP : Action.NONE;
                Phase phase = action != Action.NONE || time > mid ? Phase.EVALUATION : Phase.RESEARCH;
                List<Step> steps = site.session(landing, phase, action);
                int act = action == Action.NONE ? -1 : steps.size() - 2;
                int login;
                if (loggedIn[device] && rand.chance(0.8)) {
                    login = 0;
                } else if (act >= 0) {
                    login = act;
                } else if (identified && rand.chance(0.4)) {
                    login = rand.between(0, steps.size() - 1);
                } else {
                    login = Integer.MAX_VALUE;
                }
                for (int i = 0; i < steps.size(); i++) {
                    if (i > 0) {
                        time += pageGap();
                    }
                    if (time >= end) {
                        break;
                    }
                    Step st = steps.get(i);
                    if (i >= login) {
                        loggedIn[device] = true;
                        identified = true;
                    }
                    hits.add(new Hit(time, ids[device], i >= login ? p.email : "", st.eventName(), st.pageUrl(),
                            st.referrerUrl(), st.utm(), "", uas[device]));
                    if (st.eventName().equals("form_submit") && t.formTime < 0) {
                        t.formTime = time;
                        t.formVisitor = ids[device];
                        t.formClickId = clickIds[device];
                    }
                    lastHit = time;
                }
            }
            actors.add(hits);
            return t;
        }

        private void anonymous() {
            String id = SyntheticLogGenerator.visitorId(visitorSeq++, spec.seed());
            String ua = agents.devices(1)[0];
            long from = start + rand.between(0, spec.days() - 1) * Timeline.DAY;
            long[] times = sessionTimes(from, Math.min(end, from + 21 * Timeline.DAY), rand.chance(0.75) ? 1 : rand.between(2, 3));
            List<Hit> hits = new ArrayList<>();
            long lastHit = Long.MIN_VALUE;
            for (long at : times) {
                long time = Math.max(at, lastHit == Long.MIN_VALUE ? at : lastHit + Timeline.HOUR);
                List<Step> steps = site.session(site.anonymousLanding(), Phase.RESEARCH, Action.NONE);
                for (int i = 0; i < steps.size(); i++) {
                    if (i > 0) {
                        time += pageGap();
                    }
                    if (time >= end) {
                        break;
                    }
                    Step st = steps.get(i);
                    hits.add(new Hit(time, id, "", st.eventName(), st.pageUrl(), st.referrerUrl(), st.utm(), "", ua));
                    lastHit = time;
                }
            }
            actors.add(hits);
        }

        private void bot() {
            String id = SyntheticLogGenerator.visitorId(visitorSeq++, spec.seed());
            String ua = agents.bot();
            long time = rand.between(start, end);
            int pages = rand.between(5, 60);
            List<Hit> hits = new ArrayList<>();
            for (int i = 0; i < pages && time < end; i++) {
                hits.add(new Hit(time, id, "", "page_view", site.crawlTarget(), "", UtmColumns.EMPTY, "", ua));
                time += rand.between(300L, 4 * Timeline.SECOND);
            }
            actors.add(hits);
        }

        /** The lead of a person's first form: keyed as CRM exports key them, sometimes with a self-reported source. */
        private String[] leadRow(Trace t) {
            Person p = t.person;
            String[] r = row(crmTime(t.formTime + rand.between(Timeline.MINUTE, 2 * Timeline.HOUR)), "lead_created", "");
            double x = rand.uniform();
            if (!t.formClickId.isEmpty() && x < 0.15) {
                r[7] = t.formClickId;
            } else if (x < 0.55) {
                r[4] = p.email;
            } else if (x < 0.75) {
                r[3] = p.email;
                r[4] = p.email;
            } else if (x < 0.87) {
                r[4] = p.email;
                r[6] = t.formVisitor;
            } else {
                r[4] = p.email;
                r[5] = p.account == null ? "" : p.account.id;
            }
            if (rand.chance(0.7)) {
                r[8] = answer(t);
            }
            return r;
        }

        /** What the person typed into "How did you hear about us?". */
        private String answer(Trace t) {
            if (t.person.darkSocial) {
                return rand.pick(DARK_SOCIAL_ANSWERS);
            }
            if (rand.chance(0.15)) {
                return rand.pick(NO_ANSWER);
            }
            return switch (t.firstOrigin == null ? Origin.DIRECT : t.firstOrigin) {
                case SEARCH -> rand.pick(SEARCH_ANSWERS);
                case LINKEDIN -> rand.pick(LINKEDIN_ANSWERS);
                case REVIEW -> rand.pick(REVIEW_ANSWERS);
                case SOCIAL -> rand.pick(SOCIAL_ANSWERS);
                case OTHER -> rand.pick(OTHER_ANSWERS);
                case DIRECT -> rand.pick(NO_ANSWER);
            };
        }

        /** An opportunity or a close: on the account mostly, on the champion's e-mail otherwise. */
        private String[] dealRow(long at, String stage, long value, Account a, Trace champion) {
            String[] r = row(crmTime(at), stage, money(value * 100));
            if (rand.chance(0.75) || champion == null) {
                r[5] = a.id;
            } else {
                r[4] = champion.person.email;
            }
            return r;
        }

        /** Rows whose keys match nothing: a list import, a deleted account, a foreign click id, a foreign cookie. */
        private String[] unmatchedRow(int i) {
            long at = workTime(start + rand.between(0, spec.days() - 1) * Timeline.DAY);
            String[] r;
            switch (i % 4) {
                case 0 -> {
                    r = row(crmTime(at), "lead_created", "");
                    r[4] = world.personName() + "@" + world.unknownDomain(i);
                }
                case 1 -> {
                    r = row(crmTime(at), "opportunity_created", money(amount() * 100));
                    r[5] = "acct_legacy_" + (i + 1);
                }
                case 2 -> {
                    r = row(crmTime(at), "lead_created", "");
                    r[7] = "Cj0KCQjwUNMATCHED" + rand.token("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
                }
                default -> {
                    r = row(crmTime(at), "lead_created", "");
                    // Past every sequence number used for the events, so it can be no visitor of theirs.
                    r[6] = SyntheticLogGenerator.visitorId(visitorSeq + 1_000_000L + i, spec.seed());
                }
            }
            return r;
        }

        private static String[] row(String time, String stage, String value) {
            String[] r = new String[CRM_COLUMNS.size()];
            Arrays.fill(r, "");
            r[0] = time;
            r[1] = stage;
            r[2] = value;
            return r;
        }

        /** A deal size: 5,000 to 200,000, log-uniform, rounded to 500. */
        private long amount() {
            double v = Math.exp(Math.log(5000) + rand.uniform() * Math.log(40));
            return Math.max(5000, Math.min(200_000, Math.round(v / 500) * 500));
        }

        /** {@code n} sorted session starts on working days (mostly) in [from, to). */
        private long[] sessionTimes(long from, long to, int n) {
            long[] times = new long[n];
            long firstDay = dayOf(from);
            long lastDay = Math.max(firstDay, dayOf(Math.max(from, to - 1)));
            for (int i = 0; i < n; i++) {
                long day = firstDay;
                for (int tries = 0; tries < 4; tries++) {
                    day = firstDay + rand.between(0L, lastDay - firstDay + 1);
                    DayOfWeek dow = spec.startDate().plusDays(day).getDayOfWeek();
                    if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY || rand.chance(0.15)) {
                        break;
                    }
                }
                times[i] = Math.min(end - Timeline.HOUR, Math.max(from, workTime(start + day * Timeline.DAY)));
            }
            Arrays.sort(times);
            return times;
        }

        private long workTime(long dayStart) {
            return dayStart + rand.weighted(WORK_HOURS) * Timeline.HOUR + rand.between(0L, Timeline.HOUR);
        }

        private long dayOf(long time) {
            return (time - start) / Timeline.DAY;
        }

        /** Seconds between hits: a median of half a minute, sometimes several minutes. */
        private long pageGap() {
            double seconds = Math.exp(Math.log(30) + 0.9 * rand.generator().nextGaussian());
            return (long) (Math.max(3, Math.min(900, seconds)) * Timeline.SECOND);
        }

        private void shuffle(List<List<Hit>> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = rand.between(0, i);
                List<Hit> tmp = list.get(i);
                list.set(i, list.get(j));
                list.set(j, tmp);
            }
        }
    }

    private static String crmTime(long epochMillis) {
        return CRM_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Cents as a decimal with two places, independent of the Locale. */
    static String money(long cents) {
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }
}
