package dev.tcpconform.suites.reassembly;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MAY;
import static dev.tcpconform.suites.support.Level.MUST_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.7.4 and RFC 5681 4.2: data that arrives ahead of a gap is kept, answered at once
 * by a duplicate ACK of RCV.NXT, and delivered when the gap is filled; the ACK of a gap fill is
 * not delayed.
 */
public class OutOfOrderTest extends ConformanceTest {

  /**
   * "Immediate": well inside the shortest delayed-ACK timer in use (Linux 40 ms, others 100-500
   * ms), far above a stack's processing time. Measured between the capture timestamps of the
   * peer's segment and the target's answer.
   */
  static final Duration IMMEDIATELY = Duration.ofMillis(30);

  /** Segment size of these tests: small, so that no window or MSS is ever in the way. */
  static final int SIZE = 100;

  @Requirement(id = "5681/ooo-dupack", section = "4.2", level = SHOULD)
  @Requirement(id = "9293/MAY-13", section = "3.10.7.4", level = MAY)
  @Test(description = "Each segment that arrives ahead of a gap draws an immediate duplicate ACK"
      + " of RCV.NXT, the start of the gap")
  public void each_segment_ahead_of_a_gap_draws_an_immediate_duplicate_ack() {
    // GIVEN an established connection
    Established c = Handshake.to(lane, agent(), 8700).complete();
    TcpPeer peer = c.peer();
    SeqNum gap = peer.sndNxt();

    for (int k = 1; k <= 3; k++) {
      // WHEN segment k+1 arrives while segment 1 is missing
      peer.send(data(Octets.of(k * SIZE, SIZE)).seq(gap.plus(k * SIZE)));

      // THEN the target answers at once with an empty ACK of the start of the gap
      Arrival dupAck = peer.nextSegment(within(PROMPTLY));
      then(dupAck).matches(withFlags(ACK).ack(gap).noPayload())
          .arrivesNoLaterThan(IMMEDIATELY, "duplicate ACK " + k + " (no delayed ACK)");
    }
  }

  @Requirement(id = "9293/SHLD-31", section = "3.10.7.4", level = SHOULD)
  @Requirement(id = "5681/gap-fill-ack", section = "4.2", level = SHOULD)
  @Test(description = "Data beyond a gap is kept: the segment that fills the gap is acknowledged"
      + " at once together with it, and the application reads the bytes in order")
  public void segment_filling_the_gap_is_acknowledged_at_once_with_the_data_kept_beyond_it() {
    // GIVEN an established connection
    Established c = Handshake.to(lane, agent(), 8701).complete();
    TcpPeer peer = c.peer();
    SeqNum start = peer.sndNxt();

    // WHEN segment 2 arrives before segment 1 (answered by a duplicate ACK)
    peer.send(data(Octets.of(SIZE, SIZE + 1)).seq(start.plus(SIZE)));
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(ACK).ack(start).noPayload());

    // AND then segment 1 fills the gap
    peer.send(data(Octets.of(0, SIZE)).seq(start));
    peer.sentUpTo(start.plus(2 * SIZE + 1));

    // THEN one ACK covers both at once: segment 2 was kept, not thrown away
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).ack(start.plus(2 * SIZE + 1)).noPayload())
        .arrivesNoLaterThan(IMMEDIATELY, "the ACK of the gap fill (no delayed ACK)");
    // AND the application reads segment 1, then segment 2, once
    then(c.appReads(2 * SIZE + 1, Duration.ofSeconds(2))).isEqualTo(Octets.of(0, 2 * SIZE + 1));
  }

  @Requirement(id = "5681/gap-fill-ack", section = "4.2", level = SHOULD)
  @Test(description = "A segment that fills only part of a gap is acknowledged at once, up to"
      + " the data now contiguous")
  public void segment_filling_part_of_a_gap_is_acknowledged_at_once() {
    // GIVEN an established connection with segments 1 and 2 missing and 3 held
    Established c = Handshake.to(lane, agent(), 8702).complete();
    TcpPeer peer = c.peer();
    SeqNum start = peer.sndNxt();
    peer.send(data(Octets.of(2 * SIZE, SIZE)).seq(start.plus(2 * SIZE)));
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(ACK).ack(start).noPayload());

    // WHEN segment 1 arrives
    peer.send(data(Octets.of(0, SIZE)).seq(start));
    peer.sentUpTo(start.plus(SIZE));

    // THEN it is acknowledged at once (segment 2 is still missing)
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).ack(start.plus(SIZE)).noPayload())
        .arrivesNoLaterThan(IMMEDIATELY, "the ACK of a partial gap fill (no delayed ACK)");

    // WHEN segment 2 arrives
    peer.send(data(Octets.of(SIZE, SIZE)).seq(start.plus(SIZE)));
    peer.sentUpTo(start.plus(3 * SIZE));

    // THEN the ACK covers everything, at once, and the application reads it in order
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).ack(start.plus(3 * SIZE)).noPayload())
        .arrivesNoLaterThan(IMMEDIATELY, "the ACK of the last gap fill (no delayed ACK)");
    then(c.appReads(3 * SIZE, Duration.ofSeconds(2))).isEqualTo(Octets.of(0, 3 * SIZE));
  }
}
