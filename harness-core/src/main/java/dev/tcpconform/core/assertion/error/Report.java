package dev.tcpconform.core.assertion.error;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.Ladder;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.crafter.Frame;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts every failure message shares, in AssertJ's shape and packetdrill's content: the rule
 * on top, then what was expected and what arrived, then the whole exchange and the capture name.
 */
final class Report {

  private final StringBuilder b = new StringBuilder();
  private final Arrival arrival;

  Report(Arrival arrival) {
    this.arrival = arrival;
    String rule = arrival.evidence().rule();
    if (rule != null && !rule.isEmpty()) {
      b.append(rule).append('\n');
    }
  }

  Report line(String text) {
    b.append(text).append('\n');
    return this;
  }

  String segmentLine(Captured c) {
    return "  " + c.direction().arrow() + " " + Ladder.describe(c, arrival.evidence()::targetIsn, false);
  }

  String at(Captured c) {
    return Durations.offset(c.epochNanos() - arrival.stimulusNanos()) + " s";
  }

  Report ignored() {
    List<Captured> strays = arrival.evidence().ignoredSince(arrival.waitStartNanos());
    strays = strays.stream().filter(c -> c.direction() == Captured.Direction.FROM_TARGET).toList();
    if (!arrival.skipped().isEmpty()) {
      b.append("passed over on this flow while waiting:\n");
      for (Captured c : arrival.skipped()) {
        b.append(segmentLine(c)).append("   at ").append(at(c)).append('\n');
      }
    }
    if (!strays.isEmpty()) {
      Map<String, Integer> counts = new TreeMap<>();
      for (Captured c : strays) {
        String kind =
            c.frame() instanceof Frame.Arp a
                ? a.arp().toString()
                : c.frame() instanceof Frame.Tcp t
                    ? "segment of another flow (" + t.segment().describe(
                        dev.tcpconform.crafter.text.SegmentFormat.FULL) + ")"
                    : c.frame() instanceof Frame.Icmpv6 i
                        ? i.notation()
                        : "non-TCP frame";
        counts.merge(kind, 1, Integer::sum);
      }
      StringBuilder s = new StringBuilder("(ignored meanwhile: ");
      counts.forEach((k, n) -> s.append(n).append(" x ").append(k).append("; "));
      s.setLength(s.length() - 2);
      b.append(s).append(")\n");
    }
    return this;
  }

  String finish(Captured highlight) {
    b.append("exchange (times from the first frame):\n");
    b.append(arrival.evidence().ladder(highlight));
    b.append("capture: ").append(arrival.evidence().captureName()).append(" (attached)");
    return b.toString();
  }
}
