package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 5681 3.1, slow start: each ACK of new data grows cwnd by at most SMSS, so an ACK of one
 * full-sized segment releases at most two: the one it took out of the network and one of growth.
 * Byte counting (RFC 3465, RECOMMENDED by 5681) makes ACK division gain nothing: five ACKs that
 * each cover a fifth of a segment release no more than one ACK of the whole segment. The peer
 * acknowledges the target's flight one segment at a time, waiting for each reaction; the
 * application has more data queued than the flight and the peer's window (65535) leaves room.
 */
public class SlowStartTest extends ConformanceTest {

  /** How long the target must stay silent after an ACK for its reaction to be over. */
  private static final Duration SETTLED = Duration.ofMillis(20);

  /** About 100 KB: the initial window plus two segments for each of the ACKs below, and more. */
  private static final int WRITTEN = 70;

  /** ACKs sent, one segment each: the window grows from the initial window by as many segments. */
  private static final int ACKS = 20;

  /** Parts an ACK-divided segment is acknowledged in. */
  private static final int PARTS = 5;

  @Requirement(id = "5681/slow-start", section = "3.1", level = MUST)
  @Requirement(id = "5681/not-more-aggressive", section = "3", level = MUST)
  @Test(
      description =
          "In slow start an ACK of one new full-sized segment releases at most 2*SMSS octets: the"
              + " segment it acknowledged and at most one SMSS of growth")
  public void each_ack_of_one_segment_releases_at_most_two_segments() {
    // GIVEN the target's first flight, more data queued, none acknowledged
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8360), WRITTEN).requireSegments(2);
    TcpPeer peer = flight.peer();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      SeqNum acked = flight.start();
      SeqNum sndNxt = flight.end();
      for (int n = 1; n <= ACKS; n++) {
        // WHEN the peer acknowledges one more segment
        acked = oneMore(acked, flight.smss(), sndNxt);
        peer.send(ack().ack(acked));

        // THEN at most two segments' worth of new data follows
        List<Arrival> released = flight.reactionTo("the ACK of segment " + n, SETTLED);
        if (released.isEmpty()) {
          // in slow start an ACK of new data releases data; a stack slowed by a busy host (a
          // user-space stack waiting for the CPU) may answer after the settle, and its answer
          // must not be counted for the next ACK: wait for it as long as a reaction may take. An
          // ACK that released nothing at all (lost on the way in) still shows in the next count.
          released = flight.reactionTo("the ACK of segment " + n, Flight.REACTION);
        }
        Flight.requireNoTimerRepeat(released, sndNxt, "the ACK of segment " + n);
        sndNxt = advanced(sndNxt, released);
        intervals.note("ACK " + n + " (SND.UNA=ISS+1+" + n + "*SMSS): " + octets(released)
            + " octets released, " + flight.start().plus((long) n * flight.smss())
                .distanceTo(sndNxt) / flight.smss() + " segments outstanding after it");
        then(octets(released)).as("octets released by the ACK of one segment (%d), in slow start"
            + " at most 2*SMSS = %d: %s", n, 2 * flight.smss(), Flight.describe(released))
            .isLessThanOrEqualTo(2L * flight.smss());
      }
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "5681/slow-start", section = "3.1", level = MUST)
  @Test(
      description =
          "ACK division gains nothing: five ACKs each covering a fifth of a segment release at"
              + " most 2*SMSS octets between them, as one ACK of the segment would")
  public void five_acks_of_one_segment_release_no_more_than_one_ack_would() {
    // GIVEN the target's first flight, more data queued, none acknowledged
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8361), WRITTEN).requireSegments(2);
    TcpPeer peer = flight.peer();
    int smss = flight.smss();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      SeqNum acked = flight.start();
      SeqNum sndNxt = flight.end();
      for (int n = 1; n <= ACKS / 2; n++) {
        // WHEN the peer acknowledges the next segment in five parts, each after the reaction
        SeqNum segmentStart = acked;
        acked = oneMore(acked, smss, sndNxt);
        List<Arrival> released = new ArrayList<>();
        for (int part = 1; part <= PARTS; part++) {
          peer.send(ack().ack(segmentStart.plus((long) smss * part / PARTS)));
          List<Arrival> reaction = flight.reactionTo("part " + part + " of the ACK of segment "
              + n, SETTLED);
          Flight.requireNoTimerRepeat(reaction, sndNxt, "part " + part + " of the ACK of segment "
              + n);
          released.addAll(reaction);
        }
        sndNxt = advanced(sndNxt, released);
        intervals.note("segment " + n + " acknowledged in " + PARTS + " parts: " + octets(released)
            + " octets released");

        // THEN no more than two segments' worth of new data follows the five
        then(octets(released)).as("octets released by %d ACKs dividing segment %d, at most 2*SMSS"
            + " = %d as for one ACK: %s", PARTS, n, 2 * smss, Flight.describe(released))
            .isLessThanOrEqualTo(2L * smss);
      }
    } finally {
      intervals.attach();
    }
  }

  /** SND.UNA one segment on; broken if the target has not sent that far. */
  private static SeqNum oneMore(SeqNum acked, int smss, SeqNum sndNxt) {
    SeqNum next = acked.plus(smss);
    if (next.isAfter(sndNxt)) {
      throw new HarnessException("the target stopped sending before the test was over: SND.NXT"
          + " is " + acked.distanceTo(sndNxt) + " octets past the peer's last ACK, less than a"
          + " segment, so the next ACK would acknowledge data never sent");
    }
    return next;
  }

  private static SeqNum advanced(SeqNum sndNxt, List<Arrival> released) {
    SeqNum end = sndNxt;
    for (Arrival a : released) {
      SeqNum e = a.segment().seq().plus(a.segment().segLen());
      if (e.isAfter(end)) {
        end = e;
      }
    }
    return end;
  }

  static long octets(List<Arrival> segments) {
    return segments.stream().mapToLong(a -> a.segment().payloadLength()).sum();
  }
}
