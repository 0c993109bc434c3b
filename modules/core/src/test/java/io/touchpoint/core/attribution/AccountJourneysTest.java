package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.AttributionFixtures.DAY;
import static io.touchpoint.core.attribution.AttributionFixtures.HOUR;
import static io.touchpoint.core.attribution.AttributionFixtures.T;
import static io.touchpoint.core.attribution.AttributionFixtures.conversion;
import static io.touchpoint.core.attribution.AttributionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.AttributionConfig;
import io.touchpoint.core.config.AttributionConfig.JourneyReset;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Journeys of {@code attribution.unit = account} (docs/accounts.md): an account conversion's
 * touchpoints are the union of its people's sessions in the lookback, each touchpoint keeping its
 * person; a person without an account is an account of one, whose journeys are their own.
 */
class AccountJourneysTest {
    private static final AttributionConfig CONFIG = AttributionFixtures.config(Duration.ofDays(7), 100, JourneyReset.NONE)
            .withUnit(AttributionConfig.Unit.ACCOUNT);

    @Test
    void anAccountsJourneyHoldsEveryPersonsSessionsInTheLookbackWithTheirPerson() {
        Session dana = session("s-dana", "vDana", "dana", T - 2 * DAY);
        Session old = session("s-old", "vAli", "ali", T - 8 * DAY); // before the lookback
        Session ali = session("s-ali", "vAli", "ali", T - DAY);
        Session bob = session("s-bob", "vBob", "bob", T - HOUR);
        Session eve = session("s-eve", "vEve", "eve", T - 3 * HOUR); // no account
        Conversion c = conversion("c1", "demo", bob, T);
        Map<String, String> account = Map.of("dana", "acme", "ali", "acme", "bob", "acme");
        List<AttributionPipeline.Attributed> out = AttributionPipeline.run(List.of(dana, old, ali, bob, eve), List.of(c),
                CONFIG, p -> account.getOrDefault(p, p));
        assertThat(out).hasSize(1);
        Journey j = out.get(0).journey();
        assertThat(j.touchpoints()).extracting(Touchpoint::sessionId).containsExactly("s-dana", "s-ali", "s-bob");
        assertThat(j.touchpoints()).extracting(Touchpoint::personId).containsExactly("dana", "ali", "bob");
        assertThat(out.get(0).conversion().personId()).isEqualTo("bob");
        // By person: Bob's own session only.
        List<AttributionPipeline.Attributed> own = AttributionPipeline.run(List.of(dana, old, ali, bob, eve), List.of(c),
                CONFIG.withUnit(AttributionConfig.Unit.PERSON));
        assertThat(own.get(0).journey().touchpoints()).extracting(Touchpoint::sessionId).containsExactly("s-bob");
    }

    @Test
    void onRandomPeopleAnAccountJourneyIsTheUnionOfItsPeoplesPersonJourneysAtItsTime() {
        Random random = new Random(20);
        for (int round = 0; round < 200; round++) {
            List<Session> sessions = new ArrayList<>();
            List<Conversion> conversions = new ArrayList<>();
            Map<String, String> account = new java.util.HashMap<>();
            for (int p = 0; p < 5; p++) {
                String person = "p" + p;
                if (random.nextInt(3) > 0) {
                    account.put(person, "a" + random.nextInt(2));
                }
                for (int s = 0; s < 1 + random.nextInt(4); s++) {
                    Session x = session(person + "-s" + s, "v" + p, person, T - random.nextInt(20) * DAY / 2);
                    sessions.add(x);
                    if (random.nextInt(4) == 0) {
                        conversions.add(conversion(person + "-c" + s, "demo", x, x.startMicros() + HOUR));
                    }
                }
            }
            List<AttributionPipeline.Attributed> byAccount = AttributionPipeline.run(sessions, conversions, CONFIG,
                    p -> account.getOrDefault(p, p));
            assertThat(byAccount).hasSize(conversions.size());
            for (AttributionPipeline.Attributed a : byAccount) {
                Conversion c = a.conversion();
                String unit = account.getOrDefault(c.personId(), c.personId());
                // Each person of the unit: a conversion of theirs at c's time would hold these of their sessions.
                TreeSet<String> union = new TreeSet<>();
                for (Session s : sessions) {
                    if (account.getOrDefault(s.personId(), s.personId()).equals(unit)
                            && (s.sessionId().equals(c.session().sessionId())
                            || s.startMicros() >= c.timeMicros() - 7 * DAY && s.startMicros() <= c.timeMicros())) {
                        union.add(s.sessionId());
                    }
                }
                assertThat(new TreeSet<>(a.journey().touchpoints().stream().map(Touchpoint::sessionId).toList()))
                        .as(c.conversionId()).isEqualTo(union);
                assertThat(a.journey().touchpoints().get(a.journey().size() - 1).sessionId()).isEqualTo(c.session().sessionId());
            }
        }
    }
}
