package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.Established;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One fast recovery on a connection without SACK, as a receiver that lost the first outstanding
 * segment of the target's window (its first flight, grown to {@link #OUTSTANDING} segments if
 * smaller) would drive it, and what the target sent at each step: the facts the
 * RFC 5681 3.2 tests judge. The peer sends one duplicate ACK of SND.UNA for every segment that
 * reached it before the retransmission (the rest of the flight and the segments limited transmit
 * released), then, as the retransmission fills the hole, the recovery ACK: a cumulative ACK of
 * everything sent before it. Segments sent after the retransmission are recovery's new data;
 * the peer acknowledges them only with the recovery ACK's successors.
 *
 * <p>Then, for the congestion-avoidance test, rounds: in each, the peer acknowledges every
 * outstanding segment, one ACK per segment, each after the target's reaction, and the segments
 * outstanding once the target settles are the next round's window.
 *
 * @param flight the first flight, none of it acknowledged
 * @param dupAcks what the target sent in reaction to each duplicate ACK up to the
 *     retransmission, then to the rest of them (sent back to back) together
 * @param retransmittedAt the duplicate ACK (1-based) that drew the retransmission of the lost segment
 * @param duplicateAcks the duplicate ACKs sent in all
 * @param flightSize FlightSize when the third duplicate ACK went out, in segments
 * @param recoveryAck the ACK number of the recovery ACK (SND.NXT before the retransmission)
 * @param newInRecovery the new data sent after the retransmission and before the recovery ACK
 * @param afterRecoveryAck what the recovery ACK released
 * @param outstandingAfterRecovery segments outstanding once the target settled after it
 */
record FastRecovery(
    Flight flight,
    List<List<Arrival>> dupAcks,
    int retransmittedAt,
    int duplicateAcks,
    int flightSize,
    SeqNum recoveryAck,
    List<Arrival> newInRecovery,
    List<Arrival> afterRecoveryAck,
    int outstandingAfterRecovery) {

  /** How long the target must stay silent after an ACK for its reaction to be over. */
  static final Duration SETTLED = Duration.ofMillis(20);

  /**
   * The largest multiplicative decrease a sender may apply: RFC 5681 3.2 equation 4 sets
   * ssthresh to FlightSize/2; RFC 9438 (CUBIC, updating 5681) allows 0.7 of it. The bounds below
   * take the more generous one.
   */
  static final double BETA = 0.7;

  /**
   * Segments that must be outstanding before the loss: three duplicate ACKs and a few more. A
   * first flight smaller than this (lwIP's initial window is 3 segments) is grown by slow start
   * first ({@link Flight#grown}).
   */
  static final int OUTSTANDING = 8;

  /**
   * Drives the recovery on {@code connection}, on which the application writes {@code n}
   * segments. The first three duplicate ACKs go out one by one, each after the target's reaction
   * and well before its RTO ({@link Flight#sendInTime}); once
   * the lost segment is retransmitted, the rest go out back to back, then the recovery ACK, so
   * that the retransmission's own timer (200 ms on Linux) does not run out during the test.
   */
  static FastRecovery on(Established connection, int n) {
    Flight flight = Flight.of(connection, n).grown(OUTSTANDING);
    TcpPeer peer = flight.peer();
    int smss = flight.smss();
    SeqNum sndUna = flight.start();
    SeqNum sndNxt = flight.end();
    int toAcknowledge = flight.originals().size() - 1; // grown: at least OUTSTANDING - 1
    List<List<Arrival>> dupAcks = new ArrayList<>();
    int retransmittedAt = 0;
    int flightSize = 0;
    for (int d = 1; d <= toAcknowledge && retransmittedAt == 0; d++) {
      if (d == 3) {
        flightSize = (int) (sndUna.distanceTo(sndNxt) / smss);
      }
      flight.sendInTime(ack().ack(sndUna), "duplicate ACK " + d);
      List<Arrival> reaction = flight.reactionTo("duplicate ACK " + d, SETTLED);
      dupAcks.add(reaction);
      for (Arrival a : reaction) {
        if (a.segment().seq().equals(sndUna)) {
          retransmittedAt = d;
        } else if (!a.segment().seq().isBefore(sndNxt)) {
          toAcknowledge++; // it reaches the peer before the retransmission: one more dup ACK
          sndNxt = later(sndNxt, a);
        }
      }
    }
    if (retransmittedAt == 0) {
      throw new HarnessException("the target did not retransmit the lost segment after "
          + toAcknowledge + " duplicate ACKs: there was no fast recovery to examine (see"
          + " FastRetransmitTest)");
    }
    SeqNum recoveryAck = sndNxt;
    for (int d = retransmittedAt + 1; d <= toAcknowledge; d++) {
      peer.send(ack().ack(sndUna));
    }
    List<Arrival> rest = Flight.dataOnly(peer.segmentsUntilQuiet(SETTLED,
        within(Flight.REACTION)));
    dupAcks.add(rest);
    List<Arrival> newInRecovery = new ArrayList<>();
    for (Arrival a : rest) {
      if (!a.segment().seq().isBefore(recoveryAck)) {
        newInRecovery.add(a);
        sndNxt = later(sndNxt, a);
      }
    }
    peer.send(ack().ack(recoveryAck));
    List<Arrival> afterRecoveryAck = flight.reactionTo("the recovery ACK", SETTLED);
    Flight.requireNoTimerRepeat(afterRecoveryAck, sndNxt, "the recovery ACK");
    for (Arrival a : afterRecoveryAck) {
      sndNxt = later(sndNxt, a);
    }
    int outstanding = (int) (recoveryAck.distanceTo(sndNxt) / smss);
    return new FastRecovery(flight, dupAcks, retransmittedAt, toAcknowledge, flightSize,
        recoveryAck, newInRecovery, afterRecoveryAck, outstanding);
  }

  /** The largest ssthresh the sender may set on entering recovery, in segments. */
  int ssthreshBound() {
    return Math.max((int) Math.floor(BETA * flightSize), 2);
  }

  /**
   * The window after {@code rounds} rounds of congestion avoidance: element 0 is the window the
   * recovery left, element r the segments outstanding after round r.
   */
  List<Integer> congestionAvoidance(int rounds) {
    TcpPeer peer = flight.peer();
    int smss = flight.smss();
    SeqNum sndUna = recoveryAck;
    SeqNum sndNxt = recoveryAck.plus((long) outstandingAfterRecovery * smss);
    List<Integer> windows = new ArrayList<>(List.of(outstandingAfterRecovery));
    for (int r = 1; r <= rounds; r++) {
      SeqNum roundEnd = sndNxt;
      int a = 0;
      while (sndUna.isBefore(roundEnd)) {
        sndUna = sndUna.plus(smss);
        a++;
        peer.send(ack().ack(sndUna));
        List<Arrival> reaction = flight.reactionTo("ACK " + a + " of round " + r, SETTLED);
        Flight.requireNoTimerRepeat(reaction, sndNxt, "ACK " + a + " of round " + r);
        for (Arrival s : reaction) {
          sndNxt = later(sndNxt, s);
        }
      }
      windows.add((int) (sndUna.distanceTo(sndNxt) / smss));
    }
    return windows;
  }

  private static SeqNum later(SeqNum sndNxt, Arrival a) {
    SeqNum end = a.segment().seq().plus(a.segment().segLen());
    return end.isAfter(sndNxt) ? end : sndNxt;
  }

  /** One line per duplicate ACK up to the retransmission, one for the rest: what each drew. */
  List<String> describeDupAcks() {
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < retransmittedAt; d++) {
      lines.add("duplicate ACK " + (d + 1) + ": " + Flight.describe(dupAcks.get(d)));
    }
    lines.add("duplicate ACKs " + (retransmittedAt + 1) + " to " + duplicateAcks
        + ", back to back: " + Flight.describe(dupAcks.get(retransmittedAt)));
    return lines;
  }
}
