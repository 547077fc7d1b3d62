package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sack;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.suites.retransmission.RtoRetransmissionTest.LONGEST_FIRST_RTO;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.option.SackBlock;
import dev.tcpconform.crafter.option.SackPermitted;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * RFC 2018 5 and 5.1, the SACK sender: it skips SACKed data when it retransmits, a single
 * SACK-bearing duplicate ACK does not start recovery, and the timer's retransmission starts at the
 * left edge whatever was SACKed. The application writes 6 segments; the peer "loses" segment 0
 * and SACKs the others. The flight may include the target's tail loss probe (RFC 8985 7); only
 * what follows the peer's ACKs is judged.
 */
public class SackRecoveryTest extends ConformanceTest {

  private static final Duration SETTLED = Duration.ofMillis(20);

  private static final int WRITTEN = 6;

  @Requirement(id = "2018/sender-skip", section = "5", level = SHOULD)
  @Test(
      description =
          "A SACK sender skips SACKed data when it retransmits: with segments 1-5 SACKed in three"
              + " duplicate ACKs, the only segment sent again is segment 0, at SND.UNA")
  public void sacked_segments_are_not_retransmitted() {
    // GIVEN 6 segments of the application's data in flight, SACK agreed, none acknowledged
    Flight flight = sackFlight(8330);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer SACKs segment 1, then 1-3, then 1-5 in three duplicate ACKs of SND.UNA
      List<Arrival> after = new ArrayList<>();
      for (int last : new int[] {1, 3, 5}) {
        List<Arrival> reaction = sackAndReaction(flight, 1, last);
        intervals.note("after SACK of segments 1-" + last + ": " + Flight.describe(reaction));
        after.addAll(reaction);
      }

      // THEN exactly one segment was sent again: segment 0
      List<Arrival> again =
          after.stream().filter(a -> a.segment().seq().isBefore(flight.end())).toList();
      then(again).as("segments sent again after the SACKs: %s", Flight.describe(again))
          .hasSize(1);
      then(again.get(0)).as("the one retransmission").matches(flight.segment(0));
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "2018/cc-preserved", section = "5.1", level = MUST)
  @Test(
      description =
          "SACK does not make the sender more aggressive: after a single duplicate ACK SACKing"
              + " segment 1, segment 0 is retransmitted by the timer only, no sooner than one RTO"
              + " after it was sent (the RTO read from the next, backed-off, expiry: half its gap)")
  public void a_single_sack_does_not_start_recovery() {
    // GIVEN 6 segments of the application's data in flight, SACK agreed, none acknowledged
    Flight flight = sackFlight(8331);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer sends one duplicate ACK of SND.UNA SACKing segment 1, then stays silent
      List<Arrival> reaction = sackAndReaction(flight, 1, 1);
      intervals.note("after the SACK of segment 1: " + Flight.describe(reaction));
      List<Arrival> sent = new ArrayList<>(reaction);
      Arrival r1 = firstOf(flight, 0, reaction);
      if (r1 == null) {
        r1 = nextOf(flight, 0, sent, LONGEST_FIRST_RTO);
      }
      then(r1).as("the first retransmission of segment 0").matches(flight.segment(0));
      Arrival r2 = nextOf(flight, 0, sent, LONGEST_FIRST_RTO.multipliedBy(2));
      then(r2).as("the second retransmission of segment 0").matches(flight.segment(0));

      // THEN the first retransmission was the timer's: it came no sooner than one RTO after the
      // original, where the RTO is half the gap to the second one (that expiry backed off)
      Duration first = r1.since(flight.original(0));
      Duration rto = r2.since(r1).dividedBy(2);
      intervals.note("original to retransmission 1", first);
      intervals.note("retransmission 1 to retransmission 2 (2 x RTO if 1 was the timer's,"
          + " 1 x RTO if it was a recovery's)", r2.since(r1));
      intervals.atLeast("original to retransmission 1, against the RTO", first, rto);
      then(r1).arrivesNoEarlierThan(flight.original(0), rto,
          "the first retransmission of segment 0 (by the timer, one RTO after the original;"
              + " sooner means the single SACK started recovery)");
    } finally {
      intervals.attach();
    }
  }

  /** The first of {@code arrivals} that is segment {@code i} again, or null. */
  private static Arrival firstOf(Flight flight, int i, List<Arrival> arrivals) {
    return arrivals.stream().filter(a -> flight.segment(i).matches(a.segment())).findFirst()
        .orElse(null);
  }

  /**
   * The next arrival that is segment {@code i} again, within {@code limit}; every data segment
   * passed on the way is kept in {@code sent}. The arrival returned may be absent.
   */
  private static Arrival nextOf(Flight flight, int i, List<Arrival> sent, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    Arrival a;
    do {
      a = flight.peer().nextSegment(
          within(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
      if (a.isPresent() && a.segment().payloadLength() > 0) {
        sent.add(a);
      }
    } while (a.isPresent() && !flight.segment(i).matches(a.segment()));
    return a;
  }

  @Requirement(id = "2018/rto-left-edge", section = "5", level = MUST)
  @Test(
      description =
          "After a retransmission timeout the segment at the left edge, SND.UNA, is retransmitted"
              + " whatever the SACK state: with segments 1-5 SACKed and then silence, the timer's"
              + " retransmission is segment 0")
  public void timer_retransmission_starts_at_the_left_edge_despite_sacks() {
    // GIVEN 6 segments of the application's data in flight, SACK agreed, none acknowledged
    Flight flight = sackFlight(8332);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer SACKs segments 1-5 in one duplicate ACK, then stays silent
      List<Arrival> reaction = sackAndReaction(flight, 1, 5);
      intervals.note("after the SACK of segments 1-5 (fast recovery may retransmit segment 0): "
          + Flight.describe(reaction));

      // THEN the timer's retransmission is segment 0, at SND.UNA
      Arrival r = flight.peer().nextSegment(within(LONGEST_FIRST_RTO));
      if (r.isPresent()) {
        intervals.note("SACK to the timer's retransmission", r.sinceStimulus());
      }
      then(r).as("the timer's retransmission after the SACK").matches(flight.segment(0));
    } finally {
      intervals.attach();
    }
  }

  /** 6 segments out on a connection whose SYN offered MSS 1460 and SACK-permitted. */
  private Flight sackFlight(int port) {
    Flight flight = Flight.of(
        Handshake.to(lane, agent(), port).offering(mss(1460), sackPermitted()), WRITTEN);
    if (flight.connection().synAck().segment().option(SackPermitted.class).isEmpty()) {
      throw new SkipException("the target did not agree to SACK (its SYN,ACK has no"
          + " SACK-permitted option): the SACK sender rules do not apply");
    }
    return flight.requireSegments(WRITTEN);
  }

  /**
   * A duplicate ACK of SND.UNA with one SACK block covering segments {@code first} to
   * {@code last}, then the target's data segments until it settles. A fact.
   */
  private static List<Arrival> sackAndReaction(Flight flight, int first, int last) {
    SeqNum left = flight.seqOf(first);
    SeqNum right = flight.seqOf(last + 1);
    String what = "the SACK of segments " + first + "-" + last;
    flight.sendInTime(ack().ack(flight.start())
        .options(List.of(nop(), nop(), sack(new SackBlock(left, right)))), what);
    return flight.reactionTo(what, SETTLED);
  }
}
