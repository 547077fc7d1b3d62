package dev.tcpconform.core.expect;

import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.TcpFlags;
import dev.tcpconform.crafter.option.TcpOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a segment is expected to look like; a field left unset is "don't care". Compared field by
 * field, so a mismatch names <em>every</em> differing field at once.
 *
 * <pre>{@code withFlags(RST, ACK).seq(0).ack(syn.seq().plus(syn.segLen())).noPayload()}</pre>
 */
public final class SegmentPattern {

  private TcpFlags flags;
  private TcpFlags optionalFlags = TcpFlags.none();
  private SeqNum seq;
  private SeqNum ack;
  private Integer window;
  private Integer payloadLength;
  private final List<Class<? extends TcpOption>> requiredOptions = new ArrayList<>();
  private final List<Class<? extends TcpOption>> forbiddenOptions = new ArrayList<>();

  private SegmentPattern() {}

  /** A segment with exactly these flags. */
  public static SegmentPattern withFlags(TcpFlag... flags) {
    SegmentPattern p = new SegmentPattern();
    p.flags = TcpFlags.of(flags);
    return p;
  }

  /** Any segment of the flow. */
  public static SegmentPattern anySegment() {
    return new SegmentPattern();
  }

  /**
   * The flag may be set or clear: for rules that do not constrain it, e.g. the ACK on the RST of an
   * ABORT (RFC 9293 3.10.5 asks only for {@code <SEQ=SND.NXT><CTL=RST>}).
   */
  public SegmentPattern flagOptional(TcpFlag flag) {
    this.optionalFlags = optionalFlags.with(flag);
    return this;
  }

  public SegmentPattern seq(SeqNum value) {
    this.seq = value;
    return this;
  }

  public SegmentPattern seq(long value) {
    return seq(SeqNum.of(value));
  }

  public SegmentPattern ack(SeqNum value) {
    this.ack = value;
    return this;
  }

  public SegmentPattern ack(long value) {
    return ack(SeqNum.of(value));
  }

  public SegmentPattern window(int value) {
    this.window = value;
    return this;
  }

  public SegmentPattern noPayload() {
    this.payloadLength = 0;
    return this;
  }

  public SegmentPattern payloadLength(int length) {
    this.payloadLength = length;
    return this;
  }

  public SegmentPattern withOption(Class<? extends TcpOption> type) {
    requiredOptions.add(type);
    return this;
  }

  public SegmentPattern withoutOption(Class<? extends TcpOption> type) {
    forbiddenOptions.add(type);
    return this;
  }

  public boolean matches(Segment s) {
    return differences(s, null, null).isEmpty();
  }

  /** Every field that differs, numbers shown relative to the given origins (null = absolute). */
  public List<Difference> differences(Segment s, SeqNum seqOrigin, SeqNum ackOrigin) {
    List<Difference> out = new ArrayList<>();
    int compared = ~optionalFlags.bits();
    if (flags != null && (flags.bits() & compared) != (s.flags().bits() & compared)) {
      out.add(
          new Difference(
              "flags",
              flagsNotation() + " (" + flags.names() + optionalNames() + ")",
              s.flags().notation() + " (" + s.flags().names() + ")"));
    }
    if (seq != null && !seq.equals(s.seq())) {
      out.add(new Difference("seq", number(seq, seqOrigin), number(s.seq(), seqOrigin)));
    }
    if (ack != null) {
      if (!s.has(TcpFlag.ACK)) {
        out.add(new Difference("ack", number(ack, ackOrigin), "none (ACK flag clear)"));
      } else if (!ack.equals(s.ack())) {
        out.add(new Difference("ack", number(ack, ackOrigin), number(s.ack(), ackOrigin)));
      }
    }
    if (window != null && window != s.window()) {
      out.add(new Difference("window", String.valueOf(window), String.valueOf(s.window())));
    }
    if (payloadLength != null && payloadLength != s.payloadLength()) {
      out.add(
          new Difference(
              "payload length", String.valueOf(payloadLength), String.valueOf(s.payloadLength())));
    }
    for (Class<? extends TcpOption> type : requiredOptions) {
      if (s.option(type).isEmpty()) {
        out.add(new Difference("options", "an option " + type.getSimpleName(), "none"));
      }
    }
    for (Class<? extends TcpOption> type : forbiddenOptions) {
      s.option(type)
          .ifPresent(
              o -> out.add(new Difference("options", "no " + type.getSimpleName(), o.notation())));
    }
    return out;
  }

  private static String number(SeqNum value, SeqNum origin) {
    if (origin == null) {
      return value.toString();
    }
    return String.format(
        Locale.ROOT, "%d (absolute %s)", origin.distanceTo(value) & 0xFFFFFFFFL, value);
  }

  /** The expected segment in the one notation, {@code *} for don't-care fields. */
  public String describe(SeqNum seqOrigin, SeqNum ackOrigin) {
    StringBuilder b = new StringBuilder();
    b.append(flags == null ? "*" : flagsNotation()).append(' ');
    String start = seq == null ? "*" : rel(seq, seqOrigin);
    String len = payloadLength == null ? "*" : String.valueOf(payloadLength);
    String end =
        seq == null || payloadLength == null ? "*" : rel(seq.plus(payloadLength), seqOrigin);
    b.append(start).append(':').append(end).append('(').append(len).append(')');
    if (ack != null) {
      b.append(" ack ").append(rel(ack, ackOrigin));
    }
    if (window != null) {
      b.append(" win ").append(window);
    }
    if (!requiredOptions.isEmpty() || !forbiddenOptions.isEmpty()) {
      List<String> o = new ArrayList<>();
      requiredOptions.forEach(t -> o.add(t.getSimpleName()));
      forbiddenOptions.forEach(t -> o.add("no " + t.getSimpleName()));
      b.append(" <").append(String.join(",", o)).append('>');
    }
    return b.toString();
  }

  /** {@code R} or, with an optional ACK, {@code R|R.}. */
  private String flagsNotation() {
    TcpFlags without = new TcpFlags(flags.bits() & ~optionalFlags.bits());
    TcpFlags with = new TcpFlags(flags.bits() | optionalFlags.bits());
    return without.equals(with) ? with.notation() : without.notation() + "|" + with.notation();
  }

  private String optionalNames() {
    return optionalFlags.bits() == 0 ? "" : "; " + optionalFlags.names() + " optional";
  }

  private static String rel(SeqNum v, SeqNum origin) {
    return origin == null ? v.toString() : Long.toString(origin.distanceTo(v) & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return describe(null, null);
  }

  /** One differing field: its name, the expected and the actual value. */
  public record Difference(String field, String expected, String actual) {}
}
