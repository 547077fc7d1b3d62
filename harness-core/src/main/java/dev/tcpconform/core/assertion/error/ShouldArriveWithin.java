package dev.tcpconform.core.assertion.error;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.TimingModel;
import java.time.Duration;

/** The right segment at the wrong time. */
public final class ShouldArriveWithin {

  private ShouldArriveWithin() {}

  public static String shouldArriveAt(
      Arrival arrival, String what, Duration expected, Duration actual, String reference) {
    Report r = new Report(arrival);
    r.line("Expecting " + what + ":");
    r.line(r.segmentLine(arrival.captured()));
    r.line(
        "at +" + Durations.seconds(expected) + " after " + reference + " ("
            + TimingModel.explain(expected) + ")");
    Duration off = actual.minus(expected);
    r.line(
        "but it arrived at +" + Durations.seconds(actual) + ": right segment, "
            + Durations.seconds(off.abs()) + (off.isNegative() ? " early" : " late"));
    return r.finish(arrival.captured());
  }

  public static String shouldNotArriveBefore(
      Arrival arrival, String what, Duration atLeast, Duration actual, String reference) {
    Report r = new Report(arrival);
    r.line("Expecting " + what + ":");
    r.line(r.segmentLine(arrival.captured()));
    r.line(
        "no earlier than +" + Durations.seconds(atLeast) + " after " + reference + " ("
            + TimingModel.explain(atLeast) + ")");
    r.line(
        "but it arrived at +" + Durations.seconds(actual) + ": right segment, "
            + Durations.seconds(atLeast.minus(actual)) + " early");
    return r.finish(arrival.captured());
  }

  public static String shouldNotArriveAfter(
      Arrival arrival, String what, Duration atMost, Duration actual, String reference) {
    Report r = new Report(arrival);
    r.line("Expecting " + what + ":");
    r.line(r.segmentLine(arrival.captured()));
    r.line("no later than +" + Durations.seconds(atMost) + " after " + reference);
    r.line(
        "but it arrived at +" + Durations.seconds(actual) + ": right segment, "
            + Durations.seconds(actual.minus(atMost)) + " late");
    return r.finish(arrival.captured());
  }
}
