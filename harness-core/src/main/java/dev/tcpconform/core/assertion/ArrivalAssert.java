package dev.tcpconform.core.assertion;

import static dev.tcpconform.core.assertion.error.ShouldArriveWithin.shouldArriveAt;
import static dev.tcpconform.core.assertion.error.ShouldArriveWithin.shouldNotArriveBefore;
import static dev.tcpconform.core.assertion.error.ShouldArriveWithin.shouldNotArriveAfter;
import static dev.tcpconform.core.assertion.error.ShouldBeAbsent.shouldBeAbsent;
import static dev.tcpconform.core.assertion.error.ShouldHaveArrived.shouldHaveArrived;
import static dev.tcpconform.core.assertion.error.ShouldMatch.shouldMatch;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.expect.TimingModel;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.TcpOption;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link Arrival}: that a segment came (or did not), what it looked like, and
 * when. Each failure carries the rule, the expected and actual segment in the one notation, every
 * differing field, the whole exchange and the capture's name.
 */
public final class ArrivalAssert extends AbstractAssert<ArrivalAssert, Arrival> {

  ArrivalAssert(Arrival actual) {
    super(actual, ArrivalAssert.class);
  }

  /** Nothing arrived on the flow before the deadline. */
  public ArrivalAssert isAbsent() {
    isNotNull();
    if (actual.isPresent()) {
      throw new AssertionError(shouldBeAbsent(actual));
    }
    return this;
  }

  /** Some segment arrived on the flow before the deadline. */
  public ArrivalAssert isPresent() {
    isNotNull();
    if (!actual.isPresent()) {
      throw new AssertionError(shouldHaveArrived(actual, null));
    }
    return this;
  }

  /** The segment arrived and every field the pattern sets is as expected (all differences listed). */
  public ArrivalAssert matches(SegmentPattern expected) {
    isNotNull();
    if (!actual.isPresent()) {
      throw new AssertionError(shouldHaveArrived(actual, expected));
    }
    List<SegmentPattern.Difference> d =
        expected.differences(actual.segment(), actual.targetIsn(), null);
    if (!d.isEmpty()) {
      throw new AssertionError(shouldMatch(actual, expected, d));
    }
    return this;
  }

  public ArrivalAssert hasFlagsExactly(TcpFlag... flags) {
    return matches(SegmentPattern.withFlags(flags));
  }

  public ArrivalAssert hasSeq(SeqNum seq) {
    return matches(SegmentPattern.anySegment().seq(seq));
  }

  public ArrivalAssert hasSeq(long seq) {
    return hasSeq(SeqNum.of(seq));
  }

  public ArrivalAssert hasAck(SeqNum ack) {
    return matches(SegmentPattern.anySegment().ack(ack));
  }

  public ArrivalAssert hasAck(long ack) {
    return hasAck(SeqNum.of(ack));
  }

  public ArrivalAssert hasWindow(int window) {
    return matches(SegmentPattern.anySegment().window(window));
  }

  public ArrivalAssert hasNoPayload() {
    return matches(SegmentPattern.anySegment().noPayload());
  }

  public ArrivalAssert hasOption(Class<? extends TcpOption> type) {
    return matches(SegmentPattern.anySegment().withOption(type));
  }

  /** ACK = SEG.SEQ + SEG.LEN of {@code segment}. */
  public ArrivalAssert acknowledges(Segment segment) {
    return matches(SegmentPattern.anySegment().ack(segment.seq().plus(segment.segLen())));
  }

  /**
   * The segment came {@code expected} after {@code earlier}, within the timing model's tolerance:
   * a miss reads "right segment, wrong time".
   */
  public ArrivalAssert arrivesAfter(Arrival earlier, Duration expected, String what) {
    isPresent();
    Duration gap = actual.since(earlier);
    if (!TimingModel.onTime(expected, gap)) {
      throw new AssertionError(shouldArriveAt(actual, what, expected, gap, "the previous one"));
    }
    return this;
  }

  /** The segment came no earlier than {@code atLeast} after {@code earlier} (tolerance applied). */
  public ArrivalAssert arrivesNoEarlierThan(Arrival earlier, Duration atLeast, String what) {
    isPresent();
    Duration gap = actual.since(earlier);
    if (!TimingModel.notEarly(atLeast, gap)) {
      throw new AssertionError(
          shouldNotArriveBefore(actual, what, atLeast, gap, "the previous one"));
    }
    return this;
  }

  /**
   * The segment came no later than {@code atMost} after the peer's last segment before it (the
   * stimulus), as the capture timestamps show; a bound, so no tolerance is added. A miss reads
   * "right segment, wrong time".
   */
  public ArrivalAssert arrivesNoLaterThan(Duration atMost, String what) {
    isPresent();
    Duration gap = actual.sinceStimulus();
    if (gap.compareTo(atMost) > 0) {
      throw new AssertionError(
          shouldNotArriveAfter(actual, what, atMost, gap, "the peer's segment before it"));
    }
    return this;
  }

  /** Navigates to the segment itself. */
  public SegmentAssert segment() {
    isPresent();
    return new SegmentAssert(actual.segment());
  }
}
