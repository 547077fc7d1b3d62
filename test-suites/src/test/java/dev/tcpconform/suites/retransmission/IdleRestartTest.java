package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Receiver;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 5681 4.1: a sender that has been idle for longer than an RTO sets cwnd to at most its
 * initial window before it sends again. The initial window is the stack's own, read from its
 * first flight on the same connection; the congestion window then grows (the peer acknowledges
 * every segment of 200 KB) and the connection idles for 1.5 s, past any RTO of these RTTs (at
 * least 1 s by RFC 6298, 200 ms on Linux).
 */
public class IdleRestartTest extends ConformanceTest {

  private static final int BULK = 200 * 1024;
  /** Far longer than the target needs between two segments of one flight on a veth pair. */
  private static final Duration FLIGHT_GAP = Duration.ofMillis(50);
  private static final Duration IDLE = Duration.ofMillis(1500);

  @Requirement(id = "5681/restart-idle", section = "4.1", level = SHOULD)
  @Test(description = "After an idle period longer than the RTO, the first burst of new data is"
      + " at most the initial window (the stack's own, from its first flight)")
  public void after_an_idle_period_the_first_burst_is_at_most_the_initial_window() {
    // GIVEN the stack's initial window: its first flight of 200 KB written at once, before any ACK
    Established c = Handshake.to(lane, agent(), 8351).complete();
    TcpPeer peer = c.peer();
    c.appSends(Octets.of(0, BULK));
    List<Arrival> first = dataOf(peer.segmentsUntilQuiet(FLIGHT_GAP, within(PROMPTLY)));
    if (first.isEmpty()) {
      throw new HarnessException("the target sent none of the application's 200 KB");
    }
    int initialWindow = first.size();

    // AND a congestion window grown past it: the peer acknowledges every segment of the rest
    peer.send(dev.tcpconform.crafter.Segments.ack());
    Receiver.receive(peer, BULK - (int) peer.irs().plus(1).distanceTo(peer.rcvNxt()),
        Duration.ofSeconds(2));

    // WHEN the connection idles for longer than any RTO, then the application writes again
    peer.expectNothing(IDLE);
    c.appSends(Octets.of(0, BULK));

    // THEN the first burst, before any ACK, is at most the initial window (a stack that takes
    // its application's data in on a poll loop of its own may start it late: it is awaited)
    List<Arrival> burst = dataOf(peer.segmentsUntilQuiet(FLIGHT_GAP, within(PROMPTLY)));
    if (burst.isEmpty()) {
      burst = dataOf(peer.segmentsUntilQuiet(FLIGHT_GAP, within(Duration.ofSeconds(3))));
    }
    if (burst.isEmpty()) {
      throw new HarnessException("the target sent none of the application's second 200 KB"
          + " within 3.9 s of the write: there is no burst to count");
    }
    then(burst.size()).as("segments of the first burst after %s idle (the initial window was"
        + " %d segments)", IDLE, initialWindow).isBetween(1, initialWindow);
  }

  private static List<Arrival> dataOf(List<Arrival> segments) {
    return segments.stream().filter(a -> a.segment().payloadLength() > 0).toList();
  }
}
