package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.anySegment;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.6.1 (MUST-37): a zero window whose probes are answered may last indefinitely;
 * the sender never gives up on it. This takes ten minutes (well beyond twice the 100 s give-up
 * time R2 of RFC 9293 3.8.3), so it is in the opt-in group {@code long}, left out of the default
 * suites.
 */
public class ZeroWindowPersistenceTest extends ConformanceTest {

  /** How long the window stays zero: more than twice R2 (100 s at least) with a margin. */
  static final Duration CLOSED_FOR = Duration.ofMinutes(10);

  @Requirement(id = "9293/MUST-37", section = "3.8.6.1", level = MUST)
  @Test(
      groups = "long",
      description =
          "With the window held at zero for ten minutes and every probe answered, the sender"
              + " keeps the connection: no RST, the application's send does not fail, and data"
              + " resumes at SND.UNA when the window opens")
  public void zero_window_with_answered_probes_keeps_the_connection_indefinitely() {
    // GIVEN a connection whose application has 64 KB to send, and the first flight received
    Established c = Handshake.to(lane, agent(), 8570).complete()
        .appSends(Octets.of(0, ZeroWindowProbeTest.APP_DATA));
    TcpPeer peer = c.peer();
    Flight.receive(peer);

    // WHEN the peer acknowledges all of it with window 0 and answers every probe with window 0
    // for ten minutes
    SeqNum una = peer.rcvNxt();
    peer.send(ack().ack(una).window(0));
    long end = System.nanoTime() + CLOSED_FOR.toNanos();
    int probes = 0;
    while (System.nanoTime() < end) {
      Arrival a = peer.nextSegment(within(Duration.ofNanos(Math.max(0, end - System.nanoTime()))));
      if (!a.isPresent()) {
        break;
      }
      peer.send(ack().ack(una).window(0));
      probes++;
      // THEN meanwhile the target never resets the connection nor sends data into the window
      then(a.segment().has(TcpFlag.RST)).as("a RST while the window was zero: %s", a).isFalse();
      then(Probes.isProbe(a.segment(), una))
          .as("segment %d while the window was zero: expected %s; got %s", probes,
              Probes.describe(una), a)
          .isTrue();
    }
    Allure.addAttachment("probes", "text/plain", probes + " probes answered in "
        + CLOSED_FOR.toMinutes() + " minutes\n", ".txt");

    // AND the application can still send
    AgentReply sent = c.agent().trySend(c.connection(), Octets.of(0, 10));
    then(sent.isOk()).as("the application's send after %d minutes of zero window: %s",
        CLOSED_FOR.toMinutes(), sent).isTrue();

    // AND when the peer opens the window, data resumes at SND.UNA
    peer.send(ack().ack(una).window(65535));
    Arrival resumed = peer.firstSegmentMatching(anySegment().seq(una), within(PROMPTLY));
    then(resumed).isPresent();
    then(resumed.segment().payloadLength())
        .as("octets of the first segment after the window opened: %s", resumed)
        .isGreaterThan(1);
  }
}
