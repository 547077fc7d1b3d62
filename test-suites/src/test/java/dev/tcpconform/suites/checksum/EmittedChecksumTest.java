package dev.tcpconform.suites.checksum;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.FIN;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
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
 * RFC 9293 3.1 (MUST-2): every segment sent carries a correct checksum over the pseudo-header,
 * the header and the data. Checked on the wire (the target's interface computes no checksums in
 * hardware), on every kind of segment one connection makes: SYN,ACK, ACKs, data of odd and even
 * lengths, FIN, and a RST.
 */
public class EmittedChecksumTest extends ConformanceTest {

  private static final Duration STALL = Duration.ofSeconds(2);

  @Requirement(id = "9293/MUST-2", section = "3.1", level = MUST)
  @Test(description = "Every segment the target sends, SYN,ACK, ACKs, data of odd and even"
      + " lengths, FIN and RST, carries a correct IP header checksum and TCP checksum")
  public void every_segment_the_target_sends_has_a_correct_checksum() {
    // GIVEN an established connection (the SYN,ACK)
    Established c = Handshake.to(lane, agent(), 8800).complete();
    TcpPeer peer = c.peer();

    // WHEN the peer sends 7 octets (an ACK of them)
    Segment seven = peer.send(data(Octets.of(0, 7)));
    then(peer.firstSegmentMatching(withFlags(ACK).ack(seven.seq().plus(7)), within(ACK_DELAY)))
        .isPresent();
    // AND the application writes 1, 3, 1461 and 5000 octets (data of odd and even lengths)
    for (int n : new int[] {1, 3, 1461, 5000}) {
      c.appSends(Octets.of(0, n));
      Receiver.receive(peer, n, STALL);
    }
    // AND closes its side (a FIN), and a SYN to a closed port draws a RST
    c.agent().shutdown(c.connection(), "wr");
    then(peer.firstSegmentMatching(withFlags(FIN, ACK), within(PROMPTLY))).isPresent();
    TcpPeer stranger = lane.peerTo(target.closedPort());
    stranger.send(syn());
    then(stranger.firstSegmentMatching(withFlags(RST, ACK), within(PROMPTLY))).isPresent();

    // THEN every TCP segment the target sent has correct checksums
    List<Segment> sent = lane.wire().fromTarget().stream()
        .map(Captured::frame).filter(f -> f instanceof Frame.Tcp)
        .map(f -> ((Frame.Tcp) f).segment()).toList();
    if (sent.size() < 8) {
      throw new HarnessException("only " + sent.size() + " segments of the target were captured;"
          + " the exchange did not happen as planned: " + sent);
    }
    then(sent).as("the target's segments (%d)", sent.size())
        .anyMatch(s -> s.has(TcpFlag.SYN)).anyMatch(s -> s.has(TcpFlag.FIN))
        .anyMatch(s -> s.has(TcpFlag.RST)).anyMatch(s -> s.payloadLength() % 2 == 1)
        .allSatisfy(s -> then(s).hasValidChecksum())
        .allSatisfy(s -> then(s.ipChecksumOk()).as("IP header checksum of %s", s).isTrue());
  }
}
