package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.suites.retransmission.RtoRetransmissionTest.LONGEST_FIRST_RTO;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.LateHarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * RFC 5681 3.1: how much the target sends before any ACK of its data: the initial window, one
 * segment after a lost SYN,ACK, one segment after a retransmission timeout and two after the ACK
 * of that one. The application always has more data queued than the window allows.
 */
public class CongestionWindowTest extends ConformanceTest {

  private static final Duration SETTLED = Duration.ofMillis(20);

  /** About 100 KB: more than any initial window and more than the peer's 65535-octet window. */
  private static final int WRITTEN = 70;

  /** RFC 5681 3.1 equation 3: IW = min(4*SMSS, max(2*SMSS, 4380 bytes)). */
  static int initialWindow(int smss) {
    return Math.min(4 * smss, Math.max(2 * smss, 4380));
  }

  @Requirement(id = "5681/iw", section = "3.1", level = MUST)
  @Requirement(id = "5681/handshake-no-cwnd", section = "3.1", level = MUST)
  @Test(
      description =
          "Before any ACK of its data the sender sends at most the initial window,"
              + " IW = min(4*SMSS, max(2*SMSS, 4380 bytes)), 4380 octets for SMSS 1460; the"
              + " SYN,ACK and its ACK do not enlarge it")
  public void first_flight_is_at_most_the_initial_window() {
    // GIVEN an established connection (SMSS 1460) on which the application wrote about 100 KB
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8340), WRITTEN);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer acknowledges nothing
      // THEN the octets sent before the target stalls are at most IW
      long sent = flight.start().distanceTo(flight.end());
      int iw = initialWindow(flight.smss());
      intervals.note("first flight: " + sent + " octets in " + flight.originals().size()
          + " segments of SMSS " + flight.smss() + " (IW " + iw + " octets)");
      then(sent).as("octets sent before any ACK of data (IW = %d for SMSS %d): %s", iw,
          flight.smss(), Flight.describe(flight.segments())).isLessThanOrEqualTo(iw);
    } finally {
      intervals.attach();
    }
  }

  @DataProvider
  public Object[][] lostSynAcks() {
    return new Object[][] {
      {"1 SYN,ACK lost", 8341, 1},
      {"2 SYN,ACKs lost", 8342, 2},
    };
  }

  @Requirement(id = "5681/iw-after-syn-loss", section = "3.1", level = MUST)
  @Test(
      dataProvider = "lostSynAcks",
      description =
          "If the SYN,ACK was lost, the initial window after the handshake is one segment: before"
              + " any ACK of its data the sender sends at most SMSS octets")
  public void after_a_lost_syn_ack_the_initial_window_is_one_segment(
      String name, int port, int lost) {
    // GIVEN a connection whose first SYN,ACK(s) the peer ignored, on which the application wrote
    // about 100 KB
    Established connection = LostSynAcks.handshake(lane, agent(), port, lost);
    Flight flight = Flight.of(connection, WRITTEN);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer acknowledges nothing
      // THEN the target sends at most one segment
      long sent = flight.start().distanceTo(flight.end());
      intervals.note("first flight: " + sent + " octets in " + flight.originals().size()
          + " segments of SMSS " + flight.smss());
      then(sent).as("octets sent before any ACK of data after %s (at most SMSS = %d): %s", name,
          flight.smss(), Flight.describe(flight.segments())).isLessThanOrEqualTo(flight.smss());
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "5681/rto-response", section = "3.1", level = MUST)
  @Test(
      description =
          "After a retransmission timeout cwnd is at most 1 SMSS: the timer's retransmission goes"
              + " out alone, and the ACK of it releases at most 2 segments (slow start)")
  public void after_a_timeout_one_segment_then_two() {
    // GIVEN a full flight of the application's data, more of it queued, none acknowledged
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8343), WRITTEN).requireSegments(2);
    TcpPeer peer = flight.peer();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the retransmission timer expires
      Arrival r = peer.nextSegment(within(LONGEST_FIRST_RTO));
      then(r).as("the timer's retransmission").matches(flight.segment(0));
      intervals.note("RTO (original to retransmission)", r.since(flight.original(0)));

      // THEN it goes out alone (cwnd = 1 SMSS)
      List<Arrival> more = Flight.dataOnly(peer.segmentsUntilQuiet(SETTLED,
          within(Flight.REACTION)));
      for (Arrival a : more) {
        if (a.since(r).compareTo(Flight.REACTION) > 0) {
          throw new LateHarnessException("the harness was late: " + a + " was read as sent with the"
              + " timer's retransmission but came " + Durations.seconds(a.since(r)) + " after it"
              + " (a busy host; run it again)");
        }
      }
      intervals.note("after the retransmission, before any ACK: " + Flight.describe(more));
      then(more).as("segments sent with the timer's retransmission, before any ACK (cwnd after"
          + " a timeout is 1 SMSS): %s", Flight.describe(more)).isEmpty();

      // WHEN the peer acknowledges the retransmitted segment
      peer.send(ack().ack(flight.seqOf(1)));

      // THEN at most 2 segments follow (cwnd 2 SMSS)
      List<Arrival> released = flight.reactionTo("the ACK of the retransmission", SETTLED);
      intervals.note("after the ACK of the retransmission: " + Flight.describe(released));
      then(released).as("segments released by the ACK of the retransmission (cwnd 2 SMSS): %s",
          Flight.describe(released)).hasSizeLessThanOrEqualTo(2);
    } finally {
      intervals.attach();
    }
  }
}
