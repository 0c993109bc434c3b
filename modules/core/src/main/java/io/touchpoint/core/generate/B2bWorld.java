package io.touchpoint.core.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The market of the B2B sample: companies with a corporate domain, their people, and people on free mail. */
final class B2bWorld {

    /** How far an account gets; decided up front, so the journeys can lead up to it. */
    enum Stage { NONE, LEAD, OPPORTUNITY, WON, LOST }

    /** Free-mail domains: their people never form an account. */
    static final List<String> FREE_MAIL = List.of(
            "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me");
    private static final double[] FREE_MAIL_WEIGHTS = {55, 15, 8, 8, 8, 6};

    private static final List<String> FIRST = List.of(
            "dana", "alex", "sam", "jordan", "maria", "li", "priya", "tom", "anna", "lucas", "sofia", "noah",
            "emma", "omar", "yuki", "elena", "david", "fatima", "chris", "nina", "ben", "aisha", "leo", "hannah",
            "mateo", "grace", "ivan", "chloe", "raj", "mia", "felix", "zoe", "kenji", "lena", "diego", "sara");
    private static final List<String> LAST = List.of(
            "lee", "garcia", "smith", "nguyen", "patel", "mueller", "kim", "rossi", "cohen", "silva", "novak",
            "tanaka", "okafor", "jensen", "dubois", "kowalski", "haddad", "brown", "schmidt", "costa", "ali",
            "fischer", "moreau", "ivanova", "walsh", "larsen", "mendes", "park", "weber", "hughes");
    private static final List<String> PREFIXES = List.of(
            "Acme", "Northwind", "Bluefin", "Cobalt", "Granite", "Helix", "Ironwood", "Juniper", "Keystone",
            "Lumen", "Meridian", "Nimbus", "Orchid", "Pinecrest", "Quartz", "Redwood", "Summit", "Tidal",
            "Umber", "Vertex", "Willow", "Zephyr", "Aurora", "Beacon", "Cedar", "Delta", "Ember", "Falcon",
            "Harbor", "Indigo", "Kestrel", "Larch", "Maple", "Nova", "Onyx", "Polar", "Sable", "Tundra");
    /** Sector word of the name, and its industry. */
    private static final List<String[]> SECTORS = List.of(
            new String[] {"Robotics", "Manufacturing"}, new String[] {"Logistics", "Logistics"},
            new String[] {"Health", "Healthcare"}, new String[] {"Capital", "Financial Services"},
            new String[] {"Labs", "Software"}, new String[] {"Software", "Software"},
            new String[] {"Media", "Media"}, new String[] {"Retail", "Retail"},
            new String[] {"Learning", "Education"}, new String[] {"Energy", "Energy"},
            new String[] {"Foods", "Consumer Goods"}, new String[] {"Analytics", "Software"});
    private static final double[] STAGE_WEIGHTS = {25, 35, 8, 17, 15};
    private static final double[] TEAM_SIZES = {0, 0, 20, 22, 18, 13, 10, 7, 5, 3, 2};

    /** A company: one corporate domain, its people, and the fate of its buying cycle. */
    static final class Account {
        final String id;
        final String name;
        final String domain;
        final String industry;
        final int employees;
        final Stage stage;
        final List<Person> people = new ArrayList<>();

        Account(String id, String name, String domain, String industry, int employees, Stage stage) {
            this.id = id;
            this.name = name;
            this.domain = domain;
            this.industry = industry;
            this.employees = employees;
            this.stage = stage;
        }
    }

    /** A human with an e-mail address; account is null for free-mail people. */
    static final class Person {
        final String email;
        final Account account;
        /** First touch was a podcast, a colleague, a community or an event: arrives direct, says so on the form. */
        final boolean darkSocial;

        Person(String email, Account account, boolean darkSocial) {
            this.email = email;
            this.account = account;
            this.darkSocial = darkSocial;
        }
    }

    private final Rand rand;
    private final Set<String> names = new HashSet<>();
    private final Set<String> emails = new HashSet<>();

    B2bWorld(Rand rand) {
        this.rand = rand;
    }

    /** {@code count} companies with distinct names and domains and 2-10 people each. */
    List<Account> accounts(int count) {
        List<Account> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] sector = rand.pick(SECTORS);
            String name = rand.pick(PREFIXES) + " " + sector[0];
            for (int tries = 0; names.contains(name) && tries < 20; tries++) {
                sector = rand.pick(SECTORS);
                name = rand.pick(PREFIXES) + " " + sector[0];
            }
            if (!names.add(name)) {
                name = name + " " + (i + 1);
                names.add(name);
            }
            String domain = name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
            int employees = employees();
            Stage stage = Stage.values()[rand.weighted(STAGE_WEIGHTS)];
            Account a = new Account(accountId(i), name, domain, sector[1], employees, stage);
            int team = rand.weighted(TEAM_SIZES);
            for (int p = 0; p < team; p++) {
                a.people.add(new Person(email(domain, p == 0 && employees < 60), a, rand.chance(0.3)));
            }
            accounts.add(a);
        }
        return accounts;
    }

    /** A person on a free-mail domain, never part of an account. */
    Person freeMailPerson() {
        String domain = rand.pick(FREE_MAIL, FREE_MAIL_WEIGHTS);
        String local = rand.pick(FIRST) + (rand.chance(0.5) ? "." : "") + rand.pick(LAST) + rand.between(1, 99);
        String email = local + "@" + domain;
        while (!emails.add(email)) {
            email = local + rand.between(100, 999) + "@" + domain;
        }
        return new Person(email, null, rand.chance(0.3));
    }

    /** A company that is in neither accounts.csv nor the events, for a CRM row that matches nothing. */
    String unknownDomain(int n) {
        return "unlisted-" + rand.pick(PREFIXES).toLowerCase(Locale.ROOT) + "-" + (n + 1) + ".example";
    }

    String personName() {
        return rand.pick(FIRST) + "." + rand.pick(LAST);
    }

    static String accountId(int i) {
        String digits = Integer.toString(i + 1);
        return "acct_" + (digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits);
    }

    /** first.last@, f.last@ or (founders of small companies) first@; a digit on a clash. */
    private String email(String domain, boolean firstNameOnly) {
        String first = rand.pick(FIRST);
        String last = rand.pick(LAST);
        String local = firstNameOnly ? first : rand.chance(0.8) ? first + "." + last : first.charAt(0) + "." + last;
        String email = local + "@" + domain;
        for (int n = 2; !emails.add(email); n++) {
            email = local + n + "@" + domain;
        }
        return email;
    }

    /** Heavy-tailed company sizes, 10 to 20,000, rounded like a data vendor rounds them. */
    private int employees() {
        double size = Math.exp(Math.log(10) + rand.uniform() * Math.log(2000));
        int rounded = size < 100 ? (int) Math.round(size) : size < 1000 ? (int) Math.round(size / 10) * 10
                : (int) Math.round(size / 100) * 100;
        return Math.max(10, rounded);
    }
}
