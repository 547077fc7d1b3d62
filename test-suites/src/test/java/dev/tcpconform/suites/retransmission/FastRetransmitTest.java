package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;
import static dev.tcpconform.suites.support.Level.SHOULD_STAR;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 5681 3.2 on a connection without SACK: the first two duplicate ACKs release new data at
 * most (limited transmit, RFC 3042), the third retransmits the segment at SND.UNA at once, well
 * before the RTO. The peer "loses" the first unacknowledged segment of the target's window
 * ({@link Flight#grown}: never the connection's first data) and answers with duplicate ACKs of
 * SND.UNA: no data, no SYN or FIN, the same ACK and window (RFC 5681 2).
 */
public class FastRetransmitTest extends ConformanceTest {

  /** How long the target must stay silent after a duplicate ACK for its reaction to be over. */
  private static final Duration SETTLED = Duration.ofMillis(20);

  /** More than any initial window, so that data is queued when the duplicate ACKs come. */
  private static final int WRITTEN = 20;

  @Requirement(id = "5681/fr-use", section = "3.2", level = SHOULD)
  @Requirement(id = "5681/fr-retransmit", section = "3.2", level = MUST)
  @Test(
      description =
          "The third duplicate ACK triggers fast retransmit: the next segment is the one at"
              + " SND.UNA, sent at once (within 100 ms of the ACK), well before the RTO")
  public void third_duplicate_ack_retransmits_the_segment_at_snd_una_at_once() {
    // GIVEN the target's window of the application's data (grown by slow start, SND.UNA past
    // the first segment)
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8320), WRITTEN).grown(4);
    TcpPeer peer = flight.peer();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer sends two duplicate ACKs of SND.UNA, each after the target's reaction
      for (int n = 1; n <= 2; n++) {
        intervals.note("after duplicate ACK " + n + ": "
            + Flight.describe(duplicateAckAndReaction(flight, n)));
      }
      // AND a third one
      flight.sendInTime(ack().ack(flight.start()), "duplicate ACK 3");

      // THEN the next segment is the one at SND.UNA (right segment), sent at once
      // (right time)
      Arrival r = peer.nextSegment(within(Flight.REACTION));
      if (r.isPresent()) {
        intervals.atMost("third duplicate ACK to the retransmission", r.sinceStimulus(),
            Flight.REACTION);
        intervals.note("original of segment 0 to the retransmission", r.since(flight.original(0)));
      }
      then(r).as("the fast retransmission after the third duplicate ACK")
          .matches(flight.segment(0));
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "5681/not-before-3", section = "3.2", level = SHOULD_STAR)
  @Test(
      description =
          "One or two duplicate ACKs alone do not trigger a retransmission: after each, no"
              + " segment at or after SND.UNA and before SND.NXT is sent again (new data may be)")
  public void one_or_two_duplicate_acks_do_not_retransmit() {
    // GIVEN the target's window of the application's data (grown by slow start, SND.UNA past
    // the first segment)
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8321), WRITTEN).grown(4);
    SeqNum sndNxt = flight.end();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      for (int n = 1; n <= 2; n++) {
        // WHEN the peer sends duplicate ACK n of SND.UNA
        List<Arrival> reaction = duplicateAckAndReaction(flight, n);
        intervals.note("after duplicate ACK " + n + ": " + Flight.describe(reaction));

        // THEN nothing already sent is sent again
        then(reaction.stream().filter(a -> a.segment().seq().isBefore(sndNxt)).toList())
            .as("segments sent again within %s of duplicate ACK %d (all it drew: %s)",
                Flight.REACTION, n, Flight.describe(reaction))
            .isEmpty();
      }
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "5681/limited-transmit", section = "3.2", level = SHOULD)
  @Test(
      description =
          "Limited transmit: with data queued, the first and the second duplicate ACK each release"
              + " exactly one new segment, at SND.NXT")
  public void each_of_the_first_two_duplicate_acks_releases_one_new_segment() {
    // GIVEN the target's window of the application's data (grown by slow start, SND.UNA past
    // the first segment), more of it queued
    Flight flight = Flight.of(Handshake.to(lane, agent(), 8322), WRITTEN).grown(4);
    SeqNum sndNxt = flight.end();
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      for (int n = 1; n <= 2; n++) {
        // WHEN the peer sends duplicate ACK n of SND.UNA
        List<Arrival> reaction = duplicateAckAndReaction(flight, n);
        intervals.note("after duplicate ACK " + n + ": " + Flight.describe(reaction));

        // THEN exactly one segment follows: new data, at SND.NXT, of at most SMSS octets
        then(reaction).as("segments drawn by duplicate ACK %d within %s: %s", n, Flight.REACTION,
            Flight.describe(reaction)).hasSize(1);
        then(reaction.get(0)).as("the segment released by duplicate ACK %d", n)
            .matches(withFlags(ACK).flagOptional(PSH).seq(sndNxt).payloadLength(flight.smss()));
        sndNxt = sndNxt.plus(reaction.get(0).segment().segLen());
      }
    } finally {
      intervals.attach();
    }
  }

  /** A duplicate ACK of SND.UNA, then the target's data segments until it settles. A fact. */
  private static List<Arrival> duplicateAckAndReaction(Flight flight, int n) {
    flight.sendInTime(ack().ack(flight.start()), "duplicate ACK " + n);
    return flight.reactionTo("duplicate ACK " + n, SETTLED);
  }
}
