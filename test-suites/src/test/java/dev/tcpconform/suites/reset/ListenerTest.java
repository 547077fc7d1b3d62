package dev.tcpconform.suites.reset;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.rst;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/** RFC 9293 3.10.7.2: what a listener does with segments other than a SYN. */
public class ListenerTest extends ConformanceTest {

  private static final int PORT = 8081;

  private void listening() {
    agent().listen(PORT);
  }

  @Requirement(id = "9293/EP-LISTEN-2", section = "3.10.7.2", level = MUST_STAR)
  @Test(description = "An ACK reaching a listener draws <SEQ=SEG.ACK><CTL=RST>")
  public void ack_to_listener_draws_rst_with_seq_of_the_ack() {
    // GIVEN a listening port
    listening();
    TcpPeer peer = lane.peerTo(PORT);

    // WHEN the peer sends an ACK that acknowledges nothing the listener sent
    Segment sent = peer.send(ack().ack(777_777L));

    // THEN the listener answers with a bare RST whose SEQ is the ACK number
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(sent.ack()).noPayload());
  }

  @Requirement(id = "9293/EP-LISTEN-1", section = "3.10.7.2", level = MUST_STAR)
  @Requirement(id = "9293/EP-CLOSED-3", section = "3.10.7.1", level = MUST_STAR)
  @Test(description = "A RST reaching a listener is ignored: no reply, and the listener still answers a SYN")
  public void rst_to_listener_draws_nothing_and_listener_survives() {
    // GIVEN a listening port
    listening();
    TcpPeer peer = lane.peerTo(PORT);

    // WHEN the peer sends a RST to it
    peer.send(rst());

    // THEN nothing comes back for a whole minimum RTO
    then(peer.nextSegment(within(SILENCE))).isAbsent();

    // AND a SYN from the same port afterwards still draws a SYN-ACK
    Segment syn = peer.send(syn());
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(SYN, ACK).ack(syn.seq().plus(syn.segLen())));
  }
}
