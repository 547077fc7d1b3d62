package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.Requirement;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 5681 3.1, congestion avoidance: once a loss has set ssthresh, cwnd grows by at most one
 * SMSS per round trip. The loss is the first unacknowledged segment, repaired by fast recovery
 * ({@link FastRecovery}); the recovery ACK leaves cwnd at ssthresh. In each round the peer then
 * acknowledges every outstanding segment, one ACK per segment (no stretch ACKs, no ACK division);
 * the window of the next round, the segments outstanding once the target settles, may be one
 * segment more, not two. A stack that leaves recovery below ssthresh (RFC 6582 3.2 step 3) may
 * slow-start up to it first; ssthresh is bounded as in {@link FastRecovery#ssthreshBound}.
 */
public class CongestionAvoidanceTest extends ConformanceTest {

  private static final int ROUNDS = 5;

  /**
   * The most segments a round may leave outstanding after one that left {@code before}: one more
   * in congestion avoidance; below ssthresh (a stack may leave recovery there, RFC 6582 3.2 step
   * 3's burst avoidance) slow start doubles it, up to ssthresh and one segment past it.
   */
  static int allowedAfter(int before, int ssthresh) {
    return before < ssthresh ? Math.max(Math.min(2 * before, ssthresh) + 1, before + 1)
        : before + 1;
  }

  @Requirement(id = "5681/cong-avoid", section = "3.1", level = MUST)
  @Requirement(id = "5681/not-more-aggressive", section = "3", level = MUST)
  @Test(
      description =
          "After a loss has set ssthresh the window grows by at most one segment per round trip:"
              + " each round, with every segment acknowledged, leaves at most one more outstanding")
  public void after_recovery_the_window_grows_by_at_most_one_segment_per_round_trip() {
    // GIVEN a connection whose fast recovery left cwnd at ssthresh
    FastRecovery recovery = FastRecovery.on(Handshake.to(lane, agent(), 8364).complete(),
        FastRecoveryTest.WRITTEN);
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer acknowledges every segment of each round, one ACK per segment
      List<Integer> windows = recovery.congestionAvoidance(ROUNDS);
      intervals.note("window after the recovery ACK: " + windows.get(0) + " segments (ssthresh"
          + " at most " + recovery.ssthreshBound() + ")");
      for (int r = 1; r < windows.size(); r++) {
        intervals.note("window after round " + r + ": " + windows.get(r) + " segments");
      }

      // THEN no round adds more than one segment to the window, once it is at ssthresh
      int ssthresh = recovery.ssthreshBound();
      for (int r = 1; r < windows.size(); r++) {
        int allowed = allowedAfter(windows.get(r - 1), ssthresh);
        then(windows.get(r)).as("segments outstanding after round %d of congestion avoidance"
            + " (the round before left %d, ssthresh at most %d: at most %d; windows by round: %s)",
            r, windows.get(r - 1), ssthresh, allowed, windows).isLessThanOrEqualTo(allowed);
      }
    } finally {
      intervals.attach();
    }
  }
}
