package io.touchpoint.core.attribution;

import static io.touchpoint.core.attribution.TestJourneys.CONVERSION;
import static io.touchpoint.core.attribution.TestJourneys.MICROS_PER_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.touchpoint.core.attribution.example.FirstTwoModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract of {@link AttributionModel}, checked for every registered model and the test custom model. */
class ModelContractTest {

    private static final String[] CHANNELS = {"Direct", "Organic Search", "Paid Search", "Email", "Referral",
        "Organic Social", "Unassigned"};
    private static final List<Journey> JOURNEYS = randomJourneys(new Random(20240601L), 600);

    /** Every built-in by its bare name, some parameter variants, and the custom model of docs/models.md. */
    static Stream<String> specs() {
        List<String> specs = new ArrayList<>();
        AttributionModels.builtIns().forEach(info -> specs.add(info.name()));
        specs.addAll(List.of(
                "position_based(first=0.2,last=0.6)", "position_based(first=0.6,last=0.2)",
                "position_based(first=0,last=0)", "position_based(first=1,last=0)", "position_based(first=0.7,last=0.3)",
                "time_decay(half_life=1ms)", "time_decay(half_life=1h)", "time_decay(half_life=36500d)",
                "u_shaped(first=0.2,lead=0.3)", "u_shaped(first=1,lead=0)", "w_shaped(first=0,lead=0,opportunity=0)",
                "w_shaped(first=0.3,lead=0.3,opportunity=0.4)", "full_path(first=0.25,lead=0.25,opportunity=0.25,won=0.25)",
                "full_path(first=0,lead=0,opportunity=0.7,won=0.3)",
                "hybrid(base=time_decay,self_reported=0.3)", "hybrid(base=u_shaped,self_reported=1)",
                "hybrid(base=first,self_reported=0)", "hybrid(base=position_based,self_reported=0.7)",
                FirstTwoModel.class.getName(), FirstTwoModel.class.getName() + "(first=0.3)"));
        return specs.stream();
    }

    @Test
    void everyBuiltInIsCovered() {
        assertThat(specs()).containsAll(AttributionModels.builtIns().stream().map(ModelInfo::name).toList());
        assertThat(AttributionModels.builtIns()).hasSize(11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void creditsAndTheOffJourneyCreditAreAProbabilityVector(String spec) {
        AttributionModel m = AttributionModels.parse("test", spec);
        for (Journey j : JOURNEYS) {
            double[] c = m.credits(j);
            assertThat(c).as("%s on %s", spec, j.conversionId()).hasSize(j.touchpoints().size());
            double off = m.offJourneyCredit(j);
            assertThat(Double.isFinite(off)).as("%s on %s: off-journey finite", spec, j.conversionId()).isTrue();
            assertThat(off).as("%s on %s: off-journey in [0, 1]", spec, j.conversionId()).isBetween(0.0, 1.0);
            if (!(m instanceof HybridModel)) {
                assertThat(off).as("%s: only hybrid has off-journey credit", spec).isZero();
            }
            double sum = off;
            for (double x : c) {
                assertThat(Double.isFinite(x)).as("%s on %s: finite", spec, j.conversionId()).isTrue();
                assertThat(x).as("%s on %s: >= 0", spec, j.conversionId()).isGreaterThanOrEqualTo(0.0);
                sum += x;
            }
            assertThat(sum).as("%s on %s: sum", spec, j.conversionId()).isCloseTo(1.0, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void creditsAreDeterministicAndIndependentOfOtherJourneys(String spec) {
        AttributionModel m = AttributionModels.parse("test", spec);
        List<double[]> forward = JOURNEYS.stream().map(m::credits).toList();
        // again, same instance, reverse order
        for (int i = JOURNEYS.size() - 1; i >= 0; i--) {
            assertThat(m.credits(JOURNEYS.get(i))).containsExactly(forward.get(i));
        }
        // a fresh instance, shuffled order, on copies of the journeys
        AttributionModel fresh = AttributionModels.parse("test", spec);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < JOURNEYS.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        for (int i : order) {
            Journey j = JOURNEYS.get(i);
            Journey copy = new Journey(j.conversionId(), j.goal(), j.conversionTimeMicros(), j.value(),
                    new ArrayList<>(j.touchpoints()), new HashMap<>(j.milestones()),
                    j.selfReportedChannel() == null ? null : new String(j.selfReportedChannel()));
            assertThat(fresh.credits(copy)).containsExactly(forward.get(i));
            assertThat(fresh.offJourneyCredit(copy)).isEqualTo(m.offJourneyCredit(j));
        }
        // credits arrays are fresh: changing one does not change the next answer
        double[] first = m.credits(JOURNEYS.get(0));
        Arrays.fill(first, 42);
        assertThat(m.credits(JOURNEYS.get(0))).containsExactly(forward.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void canonicalNameParsesToAnEqualModel(String spec) {
        AttributionModel m = AttributionModels.parse("test", spec);
        AttributionModel again = AttributionModels.parse("test", m.name());
        assertThat(again).isEqualTo(m).hasSameHashCodeAs(m);
        assertThat(again.name()).isEqualTo(m.name());
        assertThat(m.name()).doesNotContain(" ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void javaSerialisationRoundTrips(String spec) throws Exception {
        AttributionModel m = AttributionModels.parse("test", spec);
        AttributionModel copy = roundTrip(m);
        assertThat(copy).isEqualTo(m).isNotSameAs(m);
        assertThat(copy.name()).isEqualTo(m.name());
        for (Journey j : JOURNEYS.subList(0, 100)) {
            assertThat(copy.credits(roundTrip(j))).containsExactly(m.credits(j));
            assertThat(copy.offJourneyCredit(roundTrip(j))).isEqualTo(m.offJourneyCredit(j));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /**
     * Seeded random journeys: 1 to 120 touchpoints, random channels (some all Direct, some with no
     * Direct), times of five kinds: minutes apart, days apart, years apart, all equal, and many ties;
     * and, from a separate generator (so the journeys are those of the models before milestones),
     * random CRM milestones: missing, at a touchpoint's exact time, between touchpoints, before the
     * first touchpoint or after the conversion; and from a third, a self-reported answer: none (half
     * of them), one of the channels (in the journey or not), "Podcast" (never in a journey) or blank.
     */
    static List<Journey> randomJourneys(Random rnd, int count) {
        List<Journey> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int n = k < 120 ? k + 1 : 1 + rnd.nextInt(120);
            int channelMode = rnd.nextInt(4); // 0: all Direct, 1: no Direct, 2-3: mixed
            int timeMode = rnd.nextInt(5);
            long conversion = CONVERSION + (long) (rnd.nextDouble() * 3650 * MICROS_PER_DAY);
            long[] before = new long[n];
            for (int i = 0; i < n; i++) {
                before[i] = switch (timeMode) {
                    case 0 -> (long) (rnd.nextDouble() * 3_600_000_000L * 6); // within hours
                    case 1 -> (long) (rnd.nextDouble() * 90 * MICROS_PER_DAY); // within a lookback
                    case 2 -> (long) (rnd.nextDouble() * 20 * 365 * MICROS_PER_DAY); // years
                    case 3 -> 5 * MICROS_PER_DAY; // all at the same time
                    default -> rnd.nextInt(3) * 365 * MICROS_PER_DAY; // ties, years apart
                };
            }
            // chronological, converting session last
            Arrays.sort(before);
            List<Touchpoint> tps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String channel = switch (channelMode) {
                    case 0 -> "Direct";
                    case 1 -> CHANNELS[1 + rnd.nextInt(CHANNELS.length - 1)];
                    default -> CHANNELS[rnd.nextInt(CHANNELS.length)];
                };
                tps.add(TestJourneys.tp("s" + k + "-" + i, conversion - before[n - 1 - i], channel));
            }
            out.add(new Journey("c" + k, "purchase", conversion, rnd.nextInt(500), tps, milestones(new Random(k), tps),
                    answer(new Random(-1 - k))));
        }
        return out;
    }

    private static String answer(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0, 1, 2, 3 -> null;
            case 4, 5 -> CHANNELS[rnd.nextInt(CHANNELS.length)];
            case 6 -> "Podcast";
            default -> " ";
        };
    }

    private static Map<String, Long> milestones(Random rnd, List<Touchpoint> tps) {
        Map<String, Long> m = new HashMap<>();
        long first = tps.get(0).timeMicros();
        long last = tps.get(tps.size() - 1).timeMicros();
        for (String role : List.of(Journey.LEAD, Journey.OPPORTUNITY, Journey.WON)) {
            long t = switch (rnd.nextInt(6)) {
                case 0 -> -1; // missing
                case 1 -> tps.get(rnd.nextInt(tps.size())).timeMicros(); // exactly at a touchpoint
                case 2 -> first - 1 - rnd.nextInt(1_000_000); // before the first touchpoint
                case 3 -> last + rnd.nextInt(1_000_000); // at or after the converting session
                default -> first + (long) (rnd.nextDouble() * (last - first)); // somewhere in between
            };
            if (t != -1) {
                m.put(role, t);
            }
        }
        if (rnd.nextInt(10) == 0) {
            m.put("other_stage", first); // keys that are no role are ignored
        }
        return m;
    }
}
