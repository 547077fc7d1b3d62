package dev.tcpconform.core.assertion.error;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;

/** Nothing arrived on the flow by the deadline. */
public final class ShouldHaveArrived {

  private ShouldHaveArrived() {}

  public static String shouldHaveArrived(Arrival arrival, SegmentPattern expected) {
    Report r = new Report(arrival);
    r.line("Expecting " + arrival.awaited() + " within " + arrival.within() + ":");
    r.line("  > " + (expected == null ? "any segment" : expected.describe(arrival.targetIsn(), null)));
    r.line("but nothing arrived for this flow");
    r.ignored();
    return r.finish(null);
  }
}
