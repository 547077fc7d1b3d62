package dev.tcpconform.core.assertion.error;

import dev.tcpconform.core.expect.Arrival;

/** Something arrived where the rule demands silence. */
public final class ShouldBeAbsent {

  private ShouldBeAbsent() {}

  public static String shouldBeAbsent(Arrival arrival) {
    Report r = new Report(arrival);
    r.line("Expecting nothing on this flow for " + arrival.within() + " (" + arrival.awaited() + ")");
    r.line("but got, at " + r.at(arrival.captured()) + ":");
    r.line(r.segmentLine(arrival.captured()));
    return r.finish(arrival.captured());
  }
}
