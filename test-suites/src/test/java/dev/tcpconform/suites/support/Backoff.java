package dev.tcpconform.suites.support;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.expect.TimingModel;
import dev.tcpconform.core.expect.Within;
import java.time.Duration;
import java.util.function.Function;

/**
 * RFC 6298 on the wire: a segment left unanswered comes again no earlier than the initial RTO
 * (2.1: 1 s; up to 3 s is allowed), then after about double the previous interval (5.5). The
 * measured intervals are attached to the result.
 */
public final class Backoff {

  /** RFC 6298 2.1. */
  public static final Duration INITIAL_RTO = Duration.ofSeconds(1);

  /**
   * How long to watch for the absence of a first retransmission: the initial RTO and the timing
   * model's tolerance.
   */
  public static final Duration BEYOND_INITIAL_RTO =
      INITIAL_RTO.plus(TimingModel.tolerance(INITIAL_RTO));

  /** RFC 6298 2.1 allows a stack to keep the older 3 s. */
  public static final Duration LARGEST_INITIAL_RTO = Duration.ofSeconds(3);

  private Backoff() {}

  /**
   * Waits for two retransmissions of {@code first} (each must match {@code same}) and checks the
   * first comes no earlier than the initial RTO and the second about twice as long after it.
   *
   * @param next the next segment of the flow within a deadline (a fact)
   * @param what {@code SYN-ACK}, {@code SYN}...
   */
  public static void thenRetransmittedTwiceWithBackoff(
      Arrival first, SegmentPattern same, Function<Within, Arrival> next, String what) {
    Arrival second = next.apply(
        within(LARGEST_INITIAL_RTO.plus(TimingModel.tolerance(LARGEST_INITIAL_RTO))));
    then(second).matches(same)
        .arrivesNoEarlierThan(first, INITIAL_RTO, "the first " + what + " retransmission");
    Duration rto1 = second.since(first);

    Duration doubled = rto1.multipliedBy(2);
    Arrival third = next.apply(within(doubled.plus(TimingModel.tolerance(doubled))));
    then(third).matches(same);
    new MeasuredIntervals().note("RTO 1 (measured)", rto1)
        .about("RTO 2 (measured)", third.since(second), doubled).attach();
    then(third).arrivesAfter(second, doubled,
        "the second " + what + " retransmission (2 x RTO 1)");
  }
}
