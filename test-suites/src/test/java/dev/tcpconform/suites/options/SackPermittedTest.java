package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.option.Sack;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/** RFC 2018 4: SACK blocks only to a peer that sent SACK-permitted. */
public class SackPermittedTest extends ConformanceTest {

  @Requirement(id = "2018/no-unpermitted", section = "4", level = MUST)
  @Test(description = "No SACK option is sent unless the peer's SYN carried SACK-permitted:"
      + " data past a hole draws duplicate ACKs without SACK blocks")
  public void without_sack_permitted_duplicate_acks_carry_no_sack_blocks() {
    // GIVEN a connection whose SYN offered no SACK-permitted (MSS and two NOPs)
    Established c = Handshake.to(lane, agent(), 8195).offering(mss(1460), nop(), nop())
        .complete();
    TcpPeer peer = c.peer();

    // WHEN the peer leaves a hole of 100 octets at RCV.NXT and sends two segments past it
    SeqNum hole = peer.sndNxt();
    peer.send(data(new byte[100]).seq(hole.plus(100)));
    // THEN each draws a duplicate ACK of the hole, without SACK blocks
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).ack(hole).noPayload().withoutOption(Sack.class));
    peer.send(data(new byte[100]).seq(hole.plus(200)));
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).ack(hole).noPayload().withoutOption(Sack.class));
  }
}
