package dev.tcpconform.suites.reassembly;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.7.4: only the new part of a segment that overlaps data already received is
 * processed, and out-of-order, overlapping or duplicate data never yields duplicated or corrupted
 * bytes. Which copy of an overlap with other content wins is not ruled on; it is recorded.
 */
public class OverlapTest extends ConformanceTest {


  @Requirement(id = "9293/EP-SEQ-4", section = "3.10.7.4", level = MUST_STAR)
  @Test(description = "After octets 0-99, a segment with octets 50-149 delivers only 100-149:"
      + " the application reads 0-149 exactly once and the ACK is 150")
  public void segment_overlapping_data_received_delivers_only_its_new_part() {
    // GIVEN an established connection that received octets 0-99
    Established c = Handshake.to(lane, agent(), 8710).complete();
    TcpPeer peer = c.peer();
    SeqNum start = peer.sndNxt();
    peer.send(data(Octets.of(0, 100)));
    then(peer.firstSegmentMatching(withFlags(ACK).ack(start.plus(100)), within(ACK_DELAY)))
        .isPresent();

    // WHEN a segment carries octets 50-149
    peer.send(data(Octets.of(50, 100)).seq(start.plus(50)));
    peer.sentUpTo(start.plus(150));

    // THEN the target acknowledges up to 150
    then(peer.firstSegmentMatching(withFlags(ACK).ack(start.plus(150)), within(ACK_DELAY)))
        .isPresent();
    // AND the application reads octets 0-149, each once
    then(c.appReads(200, Duration.ofSeconds(1))).isEqualTo(Octets.of(0, 150));
  }

  @Requirement(id = "9293/EP-OOO-1", section = "3.10.7.4", level = MUST_STAR)
  @Test(description = "Out-of-order segments that overlap each other, some with other content"
      + " for the same octets, are delivered in sequence order, each octet exactly once")
  public void overlapping_out_of_order_segments_deliver_each_octet_exactly_once() {
    // GIVEN an established connection
    Established c = Handshake.to(lane, agent(), 8711).complete();
    TcpPeer peer = c.peer();
    SeqNum s = peer.sndNxt();

    // WHEN segments arrive out of order, overlapping, some with capitals for octets already held
    peer.send(data(Octets.of(200, 100)).seq(s.plus(200)));         // 200-299
    peer.send(data(Octets.otherCopyOf(250, 100)).seq(s.plus(250))); // 250-349, 250-299 again
    peer.send(data(Octets.of(150, 110)).seq(s.plus(150)));         // 150-259, 200-259 again
    peer.send(data(Octets.of(200, 100)).seq(s.plus(200)));         // 200-299, a duplicate
    peer.send(data(Octets.of(0, 100)).seq(s));                     // 0-99, fills the start
    peer.send(data(Octets.otherCopyOf(50, 150)).seq(s.plus(50)));   // 50-199, 50-99 again
    peer.sentUpTo(s.plus(350));

    // THEN the target acknowledges all 350 octets
    then(peer.firstSegmentMatching(withFlags(ACK).ack(s.plus(350)), within(ACK_DELAY)))
        .isPresent();
    // AND the application reads 350 octets, each the octet its position holds, in either copy
    byte[] read = c.appReads(400, Duration.ofSeconds(1));
    Allure.addAttachment("which copy was delivered", "text/plain", copies(read), ".txt");
    then(read).as("octets the application read (%d)", read.length).hasSize(350);
    byte[] lower = Octets.of(0, 350);
    byte[] upper = Octets.otherCopyOf(0, 350);
    for (int i = 0; i < read.length; i++) {
      then(read[i]).as("octet %d of the stream read by the application", i)
          .isIn(lower[i], upper[i]);
    }
  }

  /** Runs of the stream by the copy they came from: {@code 0-49 first copy, 50-99 capitals}. */
  private static String copies(byte[] read) {
    StringBuilder b = new StringBuilder();
    int from = 0;
    for (int i = 1; i <= read.length; i++) {
      if (i == read.length || Character.isUpperCase(read[i]) != Character.isUpperCase(read[from])) {
        b.append(from).append('-').append(i - 1).append(": ")
            .append(Character.isUpperCase(read[from]) ? "capitals" : "small letters").append('\n');
        from = i;
      }
    }
    return b.append("(small letters: 0-99, 150-259, 200-299 (twice); capitals: 250-349, 50-199;"
        + " sent in the order 200-299, 250-349, 150-259, 200-299, 0-99, 50-199)\n").toString();
  }
}
