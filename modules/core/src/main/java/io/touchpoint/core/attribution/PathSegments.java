package io.touchpoint.core.attribution;

import java.util.List;

/**
 * The early, middle and late touchpoints of a path, as GA4's conversion paths report splits them
 * (issue 21, part 1): the first 25 % of the touches rounded to the nearest whole (halves up) are
 * early, the last 25 % rounded up are late, the rest (about 50 %) are the middle. One touch is
 * late only; under three touches there is no middle.
 *
 * <pre>
 * touches  1  2  3  4  5  6  7  8
 * early    0  1  1  1  1  2  2  2
 * middle   0  0  1  2  2  2  3  4
 * late     1  1  1  1  2  2  2  2
 * </pre>
 *
 * @param early the first touches, in path order
 * @param middle the touches between
 * @param late the last touches
 */
public record PathSegments<T>(List<T> early, List<T> middle, List<T> late) {

    public PathSegments {
        early = List.copyOf(early);
        middle = List.copyOf(middle);
        late = List.copyOf(late);
    }

    /** How many of {@code touches} are late: 25 % rounded up. */
    public static int late(int touches) {
        return (touches + 3) / 4;
    }

    /** How many of {@code touches} are early: 25 % to the nearest whole, halves up (none of one touch). */
    public static int early(int touches) {
        return Math.min(touches - late(touches), (touches + 2) / 4);
    }

    /** {@code path} split into its early, middle and late touches. */
    public static <T> PathSegments<T> of(List<T> path) {
        int n = path.size();
        int early = early(n);
        int late = late(n);
        return new PathSegments<>(path.subList(0, early), path.subList(early, n - late), path.subList(n - late, n));
    }
}
