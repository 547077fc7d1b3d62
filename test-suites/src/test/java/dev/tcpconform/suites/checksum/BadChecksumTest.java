package dev.tcpconform.suites.checksum;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/** RFC 9293 3.1: the checksum of every segment received is checked. */
public class BadChecksumTest extends ConformanceTest {

  private static final int PORT = 8082;

  @Requirement(id = "9293/MUST-3", section = "3.1", level = MUST)
  @Test(
      description =
          "A SYN with a wrong TCP checksum is dropped with no effect: no reply at all,"
              + " and the same SYN with a correct checksum is then answered")
  public void syn_with_bad_checksum_draws_no_reply() {
    // GIVEN a listening port
    agent().listen(PORT);
    TcpPeer peer = lane.peerTo(PORT);

    // WHEN the peer sends a SYN whose TCP checksum is off by one bit
    peer.send(syn().option(TcpOptions.mss(1460)).badChecksum());

    // THEN nothing comes back for a whole minimum RTO
    then(peer.nextSegment(within(SILENCE))).isAbsent();

    // AND the same SYN with a correct checksum draws a SYN-ACK (the listener was not harmed)
    Segment good = peer.send(syn().option(TcpOptions.mss(1460)));
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(SYN, ACK).ack(good.seq().plus(good.segLen())));
  }
}
