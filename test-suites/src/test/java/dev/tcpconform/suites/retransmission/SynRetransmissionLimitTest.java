package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.3 for SYNs: an active open to a silent peer keeps retransmitting its SYN for at
 * least 3 minutes (R2), then gives up and tells the application. Minutes long, so in the TestNG
 * group {@code long}, which the default suites exclude; run it with a suite that includes it.
 */
public class SynRetransmissionLimitTest extends ConformanceTest {

  /** RFC 9293 MUST-23: R2 for a SYN is at least 3 minutes. */
  static final Duration SYN_R2 = Duration.ofMinutes(3);

  /** How long the application's connect is awaited: R2 and a minute more. */
  private static final Duration AWAITED = SYN_R2.plusMinutes(1);

  @Requirement(id = "9293/MUST-22", section = "3.8.3", level = MUST)
  @Requirement(id = "9293/MUST-23", section = "3.8.3", level = MUST)
  @Test(
      groups = "long",
      description =
          "A connect to a silent peer keeps retransmitting its SYN for at least 3 minutes (R2 for"
              + " a SYN), and when it finally gives up the application is told (the connect fails"
              + " with a timeout)")
  public void syn_is_retransmitted_for_three_minutes_before_the_connect_fails() {
    // GIVEN the application connects to a peer that never answers
    PeerListener listener = lane.listenOnFreshPort();
    AgentReply started =
        agent().tryConnect(lane.peerAddress().toString(), listener.local().port());
    if (!started.isOk()) {
      throw new HarnessException("agent could not start a connect: " + started);
    }
    Arrival first = listener.nextSegment(within(PROMPTLY));
    then(first).as("the application's SYN").matches(withFlags(SYN).noPayload());
    MeasuredIntervals intervals = new MeasuredIntervals();
    try {
      // WHEN the peer stays silent until the connect ends (or R2 and a minute more pass)
      AgentReply outcome = agent().awaitConnect(started.field(0), AWAITED);
      Duration tried = Duration.ofNanos(
          Captured.nowNanos() - first.epochNanos());
      List<Arrival> syns = new ArrayList<>();
      for (Arrival a = listener.nextSegment(within(Duration.ZERO)); a.isPresent();
          a = listener.nextSegment(within(Duration.ZERO))) {
        syns.add(a);
      }
      intervals.note("connect outcome: " + outcome);
      intervals.note("first SYN to the connect's outcome", tried);
      for (Arrival s : syns) {
        intervals.note("SYN retransmission", s.since(first));
      }

      // THEN the connect failed, the application told of it (timed out), or it is still trying
      // when the wait ends (the await's own "timeout")
      then(outcome.isError("timedout") || outcome.isError("timeout"))
          .as("the connect's outcome after %s of silence: %s", Durations.seconds(tried), outcome)
          .isTrue();
      // AND not before 3 minutes of retransmission
      then(tried).as("from the first SYN to the connect's failure (%s; SYNs at: %s)", outcome,
          Flight.describe(syns)).isGreaterThanOrEqualTo(SYN_R2);
    } finally {
      intervals.attach();
    }
  }
}
