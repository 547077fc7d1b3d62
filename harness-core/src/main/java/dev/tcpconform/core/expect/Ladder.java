package dev.tcpconform.core.expect;

import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.link.FlowKey;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.text.SegmentFormat;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The exchange of one test as text, one frame per line, in packetdrill's arrows: {@code <} a
 * segment injected into the target, {@code >} one the target sent. Times are from the first frame;
 * the target's sequence numbers are relative to its ISN once known, the harness's are absolute (the
 * test chose them).
 *
 * <pre>
 *   +0.000000 &lt; S 1000:1000(0) win 65535 &lt;mss 1460&gt;
 *   +0.000412 &gt; R. 0:0(0) ack 1001 win 0            &lt;-- checked here
 * </pre>
 */
public final class Ladder {

  private Ladder() {}

  public static String render(
      List<Captured> frames, Function<FlowKey, SeqNum> targetIsn, Captured highlight) {
    if (frames.isEmpty()) {
      return "  (no frames)\n";
    }
    Set<FlowKey> flows = new HashSet<>();
    for (Captured c : frames) {
      if (c.frame() instanceof Frame.Tcp t) {
        flows.add(flowOf(c, t.segment()));
      }
    }
    boolean showPorts = flows.size() > 1;
    long t0 = frames.get(0).epochNanos();
    StringBuilder b = new StringBuilder();
    for (Captured c : frames) {
      String line = "  " + Durations.offset(c.epochNanos() - t0) + " " + c.direction().arrow() + " ";
      line += describe(c, targetIsn, showPorts);
      if (sameFrame(c, highlight)) {
        line = pad(line, 60) + " <-- checked here";
      }
      b.append(line).append('\n');
    }
    return b.toString();
  }

  /** One frame in the notation, numbers relative as in the ladder. */
  public static String describe(Captured c, Function<FlowKey, SeqNum> targetIsn, boolean ports) {
    if (c.frame() instanceof Frame.Tcp t) {
      Segment s = t.segment();
      SeqNum isn = targetIsn.apply(flowOf(c, s));
      String text =
          c.direction() == Captured.Direction.FROM_TARGET
              ? s.describe(SegmentFormat.SHORT, isn, null)
              : s.describe(SegmentFormat.SHORT, null, isn);
      if (ports) {
        text = s.srcPort() + ">" + s.dstPort() + " " + text;
      }
      return text;
    }
    if (c.frame() instanceof Frame.Arp a) {
      return a.arp().toString();
    }
    if (c.frame() instanceof Frame.Icmpv6 i) {
      return i.notation();
    }
    Frame.Other o = (Frame.Other) c.frame();
    return "frame ethertype 0x" + Integer.toHexString(o.etherType()) + " (" + o.raw().length
        + " bytes)" + (o.malformations().isEmpty() ? "" : " " + o.malformations());
  }

  /**
   * Whether two facts are one frame: the record keeps copies of the bytes and decodes them again
   * when asked, so the segment a test checked and the ladder's line share the bytes' content and
   * the time, not an object (two frames alike in both, to the nanosecond, would both be marked).
   */
  private static boolean sameFrame(Captured c, Captured highlight) {
    return c == highlight || highlight != null && c.epochNanos() == highlight.epochNanos()
        && c.direction() == highlight.direction()
        && Arrays.equals(c.frame().raw(), highlight.frame().raw());
  }

  private static FlowKey flowOf(Captured c, Segment s) {
    return c.direction() == Captured.Direction.FROM_TARGET
        ? FlowKey.ofSegmentFromTarget(s)
        : FlowKey.ofSegmentToTarget(s);
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
