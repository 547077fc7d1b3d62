package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/**
 * RFC 5681 3.2 steps 4 to 6, on a connection without SACK whose first unacknowledged segment the peer lost (see
 * {@link FastRecovery}): during recovery cwnd is ssthresh + 3*SMSS, inflated by SMSS for each
 * further duplicate ACK, and the recovery ACK deflates it to ssthresh. ssthresh is not on the
 * wire; the bounds take the largest a sender may choose, {@link FastRecovery#BETA} times the
 * FlightSize at the third duplicate ACK. Proportional rate reduction (RFC 6937, Linux) sends less
 * during recovery than the inflated window allows and passes the same bounds.
 */
public class FastRecoveryTest extends ConformanceTest {

  /** The first flight, recovery, and rounds after it, with data still queued. */
  static final int WRITTEN = 100;

  @Requirement(id = "5681/fast-recovery", section = "3.2", level = MUST)
  @Requirement(id = "5681/not-more-aggressive", section = "3", level = MUST)
  @Test(
      description =
          "During fast recovery new data stays within the inflated window: after D duplicate ACKs"
              + " the segments sent beyond SND.NXT of the retransmission are at most"
              + " ssthresh + D - FlightSize")
  public void new_data_in_recovery_stays_within_the_inflated_window() {
    // GIVEN a fast recovery of the first unacknowledged segment, every later one duplicate-ACKed
    FastRecovery recovery = FastRecovery.on(Handshake.to(lane, agent(), 8362).complete(), WRITTEN);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      recovery.describeDupAcks().forEach(intervals::note);
      int allowed = Math.max(0, recovery.ssthreshBound() + recovery.duplicateAcks()
          - recovery.flightSize());
      intervals.note("FlightSize at the third duplicate ACK: " + recovery.flightSize()
          + " segments; ssthresh at most " + recovery.ssthreshBound() + "; "
          + recovery.duplicateAcks() + " duplicate ACKs; new data allowed: " + allowed
          + " segments; sent: " + recovery.newInRecovery().size());

      // THEN the new segments sent during the recovery are within the inflated window
      then(recovery.newInRecovery()).as("new segments sent during fast recovery (FlightSize %d,"
          + " ssthresh <= %d, %d duplicate ACKs: at most %d): %s", recovery.flightSize(),
          recovery.ssthreshBound(), recovery.duplicateAcks(), allowed,
          Flight.describe(recovery.newInRecovery())).hasSizeLessThanOrEqualTo(allowed);
    } finally {
      intervals.attach();
    }
  }

  @Requirement(id = "5681/fast-recovery", section = "3.2", level = MUST)
  @Requirement(id = "5681/not-more-aggressive", section = "3", level = MUST)
  @Test(
      description =
          "The ACK that ends fast recovery deflates cwnd to ssthresh: once the target settles,"
              + " at most ssthresh segments are outstanding")
  public void the_recovery_ack_deflates_the_window_to_ssthresh() {
    // GIVEN a fast recovery of the first unacknowledged segment
    FastRecovery recovery = FastRecovery.on(Handshake.to(lane, agent(), 8363).complete(), WRITTEN);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      recovery.describeDupAcks().forEach(intervals::note);
      intervals.note("the recovery ACK (ACK of everything sent before the retransmission) drew "
          + Flight.describe(recovery.afterRecoveryAck()));
      intervals.note("outstanding after it: " + recovery.outstandingAfterRecovery()
          + " segments; ssthresh at most " + recovery.ssthreshBound() + " (FlightSize "
          + recovery.flightSize() + ")");

      // THEN once the target settles after the recovery ACK, at most ssthresh segments are out
      then(recovery.outstandingAfterRecovery()).as("segments outstanding after the recovery ACK"
          + " (cwnd = ssthresh <= %.1f * FlightSize %d = %d)", FastRecovery.BETA,
          recovery.flightSize(), recovery.ssthreshBound())
          .isLessThanOrEqualTo(recovery.ssthreshBound());
    } finally {
      intervals.attach();
    }
  }
}
