package dev.tcpconform.core.expect;

import java.time.Duration;

/**
 * When is "on time" on time: an event expected after an interval {@code I} is on time when it
 * comes within {@code max(4 ms, 12.5 % of I)} of {@code I} (packetdrill's model). Timer rules in
 * the RFCs are bounds, so tests check bounds with this tolerance rather than exact values.
 */
public final class TimingModel {

  public static final Duration FLOOR = Duration.ofMillis(4);
  public static final double FRACTION = 0.125;

  private TimingModel() {}

  public static Duration tolerance(Duration expected) {
    Duration part = Duration.ofNanos((long) (expected.toNanos() * FRACTION));
    return part.compareTo(FLOOR) > 0 ? part : FLOOR;
  }

  /** {@code tolerance 0.125 s = max(4 ms, 12.5 % of 1.000 s)} */
  public static String explain(Duration expected) {
    return "tolerance "
        + Durations.seconds(tolerance(expected))
        + " = max(4 ms, 12.5 % of "
        + Durations.seconds(expected)
        + ")";
  }

  public static boolean onTime(Duration expected, Duration actual) {
    return actual.minus(expected).abs().compareTo(tolerance(expected)) <= 0;
  }

  public static boolean notEarly(Duration atLeast, Duration actual) {
    return actual.compareTo(atLeast.minus(tolerance(atLeast))) >= 0;
  }
}
