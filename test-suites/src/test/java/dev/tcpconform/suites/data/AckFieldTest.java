package dev.tcpconform.suites.data;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Receiver;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.7.4 (fifth, check the ACK field) on data segments: an ACK of something not yet
 * sent makes the segment unacceptable, text included; an old (duplicate) ACK is no
 * acknowledgment, but the segment's text is still processed.
 */
public class AckFieldTest extends ConformanceTest {


  @Requirement(id = "9293/EP-ACK-1", section = "3.10.7.4", level = MUST_STAR)
  @Test(description = "Data acknowledging 1000 octets the target never sent (SEG.ACK > SND.NXT)"
      + " draws an empty ACK <SEQ=SND.NXT><ACK=RCV.NXT> and is not delivered")
  public void data_acknowledging_what_was_never_sent_draws_an_ack_and_is_dropped() {
    // GIVEN an established connection
    Established c = Handshake.to(lane, agent(), 8780).complete();
    TcpPeer peer = c.peer();
    SeqNum rcvNxt = peer.sndNxt();
    SeqNum sndNxt = peer.rcvNxt();

    // WHEN data arrives whose ACK field is 1000 beyond SND.NXT
    peer.send(data(Octets.of(0, 10)).seq(rcvNxt).ack(sndNxt.plus(1000)));

    // THEN the target answers with an ACK of its current numbers
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).seq(sndNxt).ack(rcvNxt).noPayload());
    // AND the application gets nothing
    then(c.appReads(10, Duration.ofMillis(500))).as("octets the application read").isEmpty();
  }

  @Requirement(id = "9293/EP-ACK-2", section = "3.10.7.4", level = MUST_STAR)
  @Test(description = "Data whose ACK field is 10 behind SND.UNA (an old ACK, inside RFC 5961's"
      + " range) is delivered and acknowledged; the ACK field is ignored")
  public void data_with_an_old_ack_is_still_delivered() {
    // GIVEN an established connection over which the target sent 100 octets, acknowledged
    Established c = Handshake.to(lane, agent(), 8781).complete();
    TcpPeer peer = c.peer();
    c.appSends(Octets.of(0, 100));
    Receiver.receive(peer, 100, PROMPTLY);
    SeqNum sndUna = peer.rcvNxt();

    // WHEN 77 octets arrive whose ACK field is SND.UNA-10
    Segment text = peer.send(data(Octets.of(0, 77)).ack(sndUna.minus(10)));

    // THEN they are acknowledged
    then(peer.firstSegmentMatching(withFlags(ACK).ack(text.seq().plus(77)), within(ACK_DELAY)))
        .isPresent();
    // AND the application reads them
    then(c.appReads(77, Duration.ofSeconds(1))).isEqualTo(Octets.of(0, 77));
    peer.send(ack());
  }
}
