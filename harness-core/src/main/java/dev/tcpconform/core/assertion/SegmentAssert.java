package dev.tcpconform.core.assertion;

import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.TcpFlags;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.text.SegmentFormat;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one segment, in AssertJ's vocabulary and the RFC's names. */
public final class SegmentAssert extends AbstractAssert<SegmentAssert, Segment> {

  SegmentAssert(Segment actual) {
    super(actual, SegmentAssert.class);
  }

  private AssertionError fail(String expecting, String field, String expected, String actualValue) {
    String d = info.descriptionText();
    return new AssertionError(
        (d.isEmpty() ? "" : "[" + d + "] ")
            + "Expecting segment:\n  " + actual.describe(SegmentFormat.FULL) + "\n"
            + expecting + "\n"
            + "  " + field + "  expected: " + expected + "   actual: " + actualValue);
  }

  public SegmentAssert hasFlagsExactly(TcpFlag... flags) {
    isNotNull();
    TcpFlags want = TcpFlags.of(flags);
    if (want.bits() != actual.flags().bits()) {
      throw fail("to have exactly the flags " + want.names(), "flags",
          want.notation() + " (" + want.names() + ")",
          actual.flags().notation() + " (" + actual.flags().names() + ")");
    }
    return this;
  }

  public SegmentAssert hasFlag(TcpFlag flag) {
    isNotNull();
    if (!actual.has(flag)) {
      throw fail("to have the flag " + flag, "flags", "with " + flag, actual.flags().names());
    }
    return this;
  }

  public SegmentAssert hasNoFlag(TcpFlag flag) {
    isNotNull();
    if (actual.has(flag)) {
      throw fail("not to have the flag " + flag, "flags", "without " + flag, actual.flags().names());
    }
    return this;
  }

  public SegmentAssert hasSeq(SeqNum seq) {
    isNotNull();
    if (!seq.equals(actual.seq())) {
      throw fail("to have SEG.SEQ " + seq, "seq", seq.toString(), actual.seq().toString());
    }
    return this;
  }

  public SegmentAssert hasAck(SeqNum ack) {
    isNotNull();
    if (!actual.has(TcpFlag.ACK)) {
      throw fail("to acknowledge " + ack, "ack", ack.toString(), "none (ACK flag clear)");
    }
    if (!ack.equals(actual.ack())) {
      throw fail("to have SEG.ACK " + ack, "ack", ack.toString(), actual.ack().toString());
    }
    return this;
  }

  public SegmentAssert hasNoPayload() {
    isNotNull();
    if (actual.payloadLength() != 0) {
      throw fail("to carry no data", "payload length", "0", String.valueOf(actual.payloadLength()));
    }
    return this;
  }

  public SegmentAssert hasValidChecksum() {
    isNotNull();
    if (!actual.tcpChecksumOk()) {
      throw fail("to carry a correct TCP checksum (RFC 9293 MUST-2)", "checksum", "valid", "invalid");
    }
    return this;
  }

  public <T extends TcpOption> SegmentAssert hasOption(Class<T> type) {
    isNotNull();
    Optional<T> o = actual.option(type);
    if (o.isEmpty()) {
      throw fail("to carry an option " + type.getSimpleName(), "options",
          type.getSimpleName(), actual.options().toString());
    }
    return this;
  }

  public <T extends TcpOption> SegmentAssert hasNoOption(Class<T> type) {
    isNotNull();
    Optional<T> o = actual.option(type);
    if (o.isPresent()) {
      throw fail("not to carry an option " + type.getSimpleName(), "options",
          "no " + type.getSimpleName(), o.get().notation());
    }
    return this;
  }
}
