package dev.tcpconform.core.assertion.error;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import java.util.List;
import java.util.Locale;

/** A segment arrived but differs from the expected one: every differing field, in one error. */
public final class ShouldMatch {

  private ShouldMatch() {}

  public static String shouldMatch(
      Arrival arrival, SegmentPattern expected, List<SegmentPattern.Difference> differences) {
    Report r = new Report(arrival);
    r.line("Expecting " + arrival.awaited() + " (within " + arrival.within() + "):");
    r.line("  > " + expected.describe(arrival.targetIsn(), null));
    r.line("but got, at " + r.at(arrival.captured()) + ":");
    r.line(r.segmentLine(arrival.captured()));
    r.line("fields that differ:");
    int w = differences.stream().mapToInt(d -> d.field().length()).max().orElse(5);
    int e = differences.stream().mapToInt(d -> d.expected().length()).max().orElse(5);
    for (SegmentPattern.Difference d : differences) {
      r.line(
          String.format(
              Locale.ROOT,
              "  %-" + w + "s  expected: %-" + e + "s   actual: %s",
              d.field(),
              d.expected(),
              d.actual()));
    }
    r.ignored();
    return r.finish(arrival.captured());
  }
}
