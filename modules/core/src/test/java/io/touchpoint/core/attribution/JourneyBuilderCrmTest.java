package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.AttributionFixtures.DAY;
import static io.touchpoint.core.attribution.AttributionFixtures.HOUR;
import static io.touchpoint.core.attribution.AttributionFixtures.T;
import static io.touchpoint.core.attribution.AttributionFixtures.config;
import static io.touchpoint.core.attribution.AttributionFixtures.sessionIds;
import static io.touchpoint.core.attribution.AttributionFixtures.touchpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.core.config.AttributionConfig.JourneyReset;
import io.touchpoint.core.conversion.Conversion;
import io.touchpoint.core.conversion.Goal;
import io.touchpoint.core.crm.CrmReasons;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRM rows in the journey builder (docs/crm.md, "Matching"): milestones, answers, conversions without a visit, outcomes. */
class JourneyBuilderCrmTest {
    private static final Goal WON = new Goal("won", null, null, null, null, "closed_won");
    private static final Goal DEAL = new Goal("deal", null, null, null, 1.0, "closed_won");
    private static final LocalDate DATE = LocalDate.of(2024, 6, 30);

    private final List<Conversion> conversions = new ArrayList<>();
    private final List<Journey> journeys = new ArrayList<>();
    private final Map<Long, String> outcomes = new LinkedHashMap<>();

    private JourneyBuilder builder(JourneyReset reset, Goal... goals) {
        return new JourneyBuilder(config(Duration.ofDays(30), 10, reset, "w_shaped"), List.of(goals), new JourneyBuilder.Sink() {
            @Override
            public void journey(Conversion c, Journey j, List<double[]> credits) {
                conversions.add(c);
                journeys.add(j);
            }

            @Override
            public void crm(long row, String outcome) {
                outcomes.put(row, outcome);
            }
        });
    }

    private static JourneyBuilder.CrmRow row(long n, String stage, long time, Double value, String answer) {
        return new JourneyBuilder.CrmRow("crm-" + n, n, stage, time, value, null, answer, DATE);
    }

    @Test
    void aCrmConversionsJourneyIsTheSessionsBeforeItWithoutAConvertingSession() {
        JourneyBuilder b = builder(JourneyReset.NONE, WON);
        b.session("p", touchpoint("s1", T - 40 * DAY)); // older than the lookback
        b.session("p", touchpoint("s2", T - 20 * DAY));
        b.crm("p", row(1, "lead_created", T - 19 * DAY, null, "a podcast"));
        b.session("p", touchpoint("s3", T - 10 * DAY));
        b.crm("p", row(2, "opportunity_created", T - 5 * DAY, 900.0, null));
        b.session("p", touchpoint("s4", T - HOUR));
        b.crm("p", row(3, "closed_won", T, 1000.0, null));
        b.session("p", touchpoint("s5", T + HOUR)); // after the deal: never its touchpoint
        b.finish();

        assertThat(conversions).hasSize(1);
        Conversion c = conversions.get(0);
        assertThat(c.session()).isNull();
        assertThat(c.conversionId()).isEqualTo("crm-3");
        assertThat(c.value()).isEqualTo(1000.0);
        Journey j = journeys.get(0);
        assertThat(sessionIds(j)).containsExactly("s2", "s3", "s4");
        assertThat(j.milestones()).isEqualTo(Map.of(Journey.LEAD, T - 19 * DAY, Journey.OPPORTUNITY, T - 5 * DAY, Journey.WON, T));
        assertThat(j.selfReportedChannel()).isEqualTo("a podcast"); // the person's latest answer: rows carry channels already
        assertThat(outcomes).containsExactly(Map.entry(1L, JourneyBuilder.MATCHED), Map.entry(2L, JourneyBuilder.MATCHED),
                Map.entry(3L, JourneyBuilder.MATCHED));
    }

    @Test
    void aWebConversionCarriesTheMilestonesAndAnswerOfItsPersonUpToItsTime() {
        JourneyBuilder b = builder(JourneyReset.NONE);
        b.session("p", touchpoint("s1", T - 3 * DAY));
        b.crm("p", row(1, "lead_created", T - 2 * DAY, null, "LinkedIn"));
        b.crm("p", row(2, "lead_created", T - DAY, null, "Podcast")); // a later lead: the first time stays
        b.session("p", touchpoint("s2", T - HOUR));
        b.conversion(AttributionFixtures.conversion("c1", "demo", "v", "p", touchpoint("s2", T - HOUR), T));
        b.crm("p", row(3, "opportunity_created", T + DAY, null, null)); // after the conversion: not its milestone
        b.finish();
        assertThat(journeys.get(0).milestones()).isEqualTo(Map.of(Journey.LEAD, T - 2 * DAY));
        assertThat(journeys.get(0).selfReportedChannel()).isEqualTo("Podcast");
        assertThat(outcomes.values()).containsOnly(JourneyBuilder.MATCHED);
    }

    @Test
    void withoutASessionBeforeItAConversionIsNoTouchpointAndWithoutAnySessionNoPerson() {
        JourneyBuilder b = builder(JourneyReset.NONE, WON);
        b.crm("dave", row(1, "closed_won", T - DAY, 10.0, null));
        b.session("dave", touchpoint("d1", T));
        b.crm("nobody", row(2, "closed_won", T, 10.0, null));
        b.crm("nobody", row(3, "lead_created", T, null, null));
        b.finish();
        assertThat(conversions).isEmpty();
        assertThat(outcomes).containsExactly(Map.entry(1L, CrmReasons.NO_TOUCHPOINT), Map.entry(2L, JourneyBuilder.NO_PERSON),
                Map.entry(3L, JourneyBuilder.NO_PERSON));
    }

    @Test
    void twoGoalsOfOneStageAreTwoConversionsWithTheirOwnIdsAndValues() {
        JourneyBuilder b = builder(JourneyReset.NONE, WON, DEAL);
        b.session("p", touchpoint("s1", T - DAY));
        b.crm("p", row(7, "closed_won", T, 5000.0, null));
        b.finish();
        assertThat(conversions).extracting(Conversion::conversionId).containsExactly("crm-7-won", "crm-7-deal");
        assertThat(conversions).extracting(Conversion::value).containsExactly(5000.0, 1.0); // deal's fixed value
        assertThat(outcomes).containsExactly(Map.entry(7L, JourneyBuilder.MATCHED));
    }

    @Test
    void journeyResetAppliesToCrmConversionsToo() {
        JourneyBuilder b = builder(JourneyReset.AFTER_CONVERSION, WON);
        b.session("p", touchpoint("s1", T - 3 * DAY));
        b.crm("p", row(1, "closed_won", T - 2 * DAY, 1.0, null));
        b.crm("p", row(2, "closed_won", T - DAY, 1.0, null)); // no session after the first deal
        b.session("p", touchpoint("s2", T - HOUR));
        b.crm("p", row(3, "closed_won", T, 1.0, null));
        b.finish();
        assertThat(journeys).extracting(AttributionFixtures::sessionIds).containsExactly(List.of("s1"), List.of("s2"));
        assertThat(outcomes).containsExactly(Map.entry(1L, JourneyBuilder.MATCHED), Map.entry(2L, CrmReasons.NO_TOUCHPOINT),
                Map.entry(3L, JourneyBuilder.MATCHED));
    }
}
