package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.7.4 (ESTABLISHED, fifth: check the ACK field): the send window is taken from a
 * segment only if it is not older than the one last used, "If SND.WL1 < SEG.SEQ or (SND.WL1 =
 * SEG.SEQ and SND.WL2 =< SEG.ACK), set SND.WND <- SEG.WND".
 */
public class WindowUpdateTest extends ConformanceTest {

  @Requirement(id = "9293/EP-ACK-4", section = "3.10.7.4", level = MUST_STAR)
  @Test(
      description =
          "A reordered older segment (SEG.SEQ < SND.WL1) does not update the send window: after"
              + " <SEQ=S+10> with window 0, <SEQ=S> with window 65535 lets no data out; a later"
              + " ACK <SEQ=S+20> with window 65535 does")
  public void older_segment_does_not_update_the_send_window() {
    // GIVEN a connection whose peer advertised window 0 from its SYN on, and whose application
    // has 20 KB to send (the target can only probe)
    TcpPeer peer = Handshake.to(lane, agent(), 8520).window(0).complete()
        .appSends(Octets.of(0, 20_000)).peer();
    SeqNum s = peer.sndNxt();

    // WHEN the peer's data arrives reordered: octets S+10.. first, with window 0 (SND.WL1 =
    // S+10), then octets S.. with window 65535 (older: SEG.SEQ = S < SND.WL1)
    peer.send(data(Octets.of(0, 10)).seq(s.plus(10)).window(0));
    Segment older = peer.send(data(Octets.of(0, 10)).seq(s).window(65535));
    peer.sentUpTo(s.plus(20));

    // THEN for one second the target sends no data beyond a one-octet probe: the window it may
    // use is still zero
    List<Arrival> seen = peer.segmentsUntilQuiet(SILENCE, within(SILENCE));
    for (Arrival a : seen) {
      then(a.segment().payloadLength())
          .as("octets of a segment after the older %s, whose window must not be used: %s",
              older, a)
          .isLessThanOrEqualTo(1);
    }

    // WHEN a newer segment (SEG.SEQ = S+20 > SND.WL1) advertises window 65535
    peer.send(ack().window(65535));

    // THEN data flows: that window is used
    Arrival data = peer.nextSegment(within(PROMPTLY));
    while (data.isPresent() && data.segment().payloadLength() == 0) {
      data = peer.nextSegment(within(PROMPTLY)); // the ACK of the peer's data, a probe
    }
    then(data).isPresent();
    then(data.segment().payloadLength())
        .as("octets of the target's segment after a newer ACK opened the window: %s", data)
        .isGreaterThan(1);
  }
}
