package dev.tcpconform.suites.data;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.testng.annotations.Test;

/**
 * How many ACKs a receiver sends: at least one for every second full-sized segment (RFC 9293
 * 3.8.6.3, SHLD-19), at most one per arriving segment and none for a pure ACK (RFC 5681 4.2),
 * and, for a burst, ACKs that never go back (RFC 9293 3.10.7.4, MUST-59).
 */
public class AckFrequencyTest extends ConformanceTest {

  /** Well inside any delayed-ACK timer (40-500 ms), far above processing time. */
  private static final Duration IMMEDIATELY = Duration.ofMillis(30);

  @Requirement(id = "9293/SHLD-19", section = "3.8.6.3", level = SHOULD)
  @Test(description = "Two back-to-back full-sized segments are acknowledged at once, without"
      + " waiting for the delayed-ACK timer")
  public void second_full_sized_segment_is_acknowledged_at_once() {
    // the target's MSS and the peer's: 1500-octet link, no options in the data segments
    int full = linkMss();
    // GIVEN an established connection (past the start, where a stack may ACK every segment)
    Established c = Handshake.to(lane, agent(), 8760).complete();
    TcpPeer peer = c.peer();
    warmUp(peer);

    // WHEN two full-sized segments arrive back to back
    SeqNum start = peer.sndNxt();
    peer.send(data(Octets.of(0, full)));
    peer.send(data(Octets.of(full, full)));

    // THEN an ACK of both comes at once
    Arrival ack = peer.firstSegmentMatching(withFlags(ACK).ack(start.plus(2 * full)),
        within(ACK_DELAY));
    then(ack).arrivesNoLaterThan(IMMEDIATELY, "the ACK of the second full-sized segment");
  }

  @Requirement(id = "9293/SHLD-19", section = "3.8.6.3", level = SHOULD)
  @Requirement(id = "5681/no-extra-acks", section = "4.2", level = MUST)
  @Test(description = "A stream of 20 full-sized segments, read by the application as it comes,"
      + " draws at least 10 ACKs and at most 20, and the peer's pure ACKs draw none")
  public void twenty_full_sized_segments_draw_between_ten_and_twenty_acks() {
    int full = linkMss();
    // GIVEN an established connection (past the start) whose application reads all that comes,
    // with a receive buffer far larger than the 64 KB window (a receiver short of buffer may
    // hold its ACKs rather than advertise a shrinking window: SWS avoidance, another rule)
    Established c = Handshake.to(lane, agent(), 8761).complete();
    c.agent().setopt(c.connection(), "rcvbuf", String.valueOf(1 << 20));
    TcpPeer peer = c.peer();
    warmUp(peer);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(
        () -> c.appReads(16 + 20 * full, Duration.ofSeconds(5)));

    // WHEN 20 full-sized segments arrive back to back, then 3 pure ACKs
    SeqNum start = peer.sndNxt();
    for (int k = 0; k < 20; k++) {
      peer.send(data(Octets.of(k * full, full)));
    }
    List<Arrival> acks = peer.segmentsUntilQuiet(ACK_DELAY, within(Duration.ofSeconds(3)));
    for (int k = 0; k < 3; k++) {
      peer.send(ack());
    }
    List<Arrival> afterPureAcks = peer.segmentsUntilQuiet(ACK_DELAY, within(ACK_DELAY));

    // THEN between 10 and 20 ACKs came, the last covering all 20 segments
    then(acks).as("the target's answers to 20 full-sized segments").isNotEmpty()
        .allSatisfy(a -> then(a).matches(withFlags(ACK).noPayload()));
    then(acks.get(acks.size() - 1).segment().ack()).as("ACK after 20 segments")
        .isEqualTo(start.plus(20 * full));
    then(acks.size()).as("ACKs of 20 full-sized segments: at least one per two (SHLD-19), at"
        + " most one per segment (5681/no-extra-acks)").isBetween(10, 20);
    // AND the pure ACKs drew nothing
    then(afterPureAcks).as("the target's answers to 3 pure ACKs").isEmpty();
    then(read.join()).as("octets the application read").hasSize(16 + 20 * full);
  }

  @Requirement(id = "9293/MUST-58", section = "3.10.7.4", level = MUST)
  @Test(description = "A burst of 10 small in-order segments, past the start of the connection,"
      + " draws fewer ACKs than segments: ACKs are combined")
  public void acks_of_a_burst_of_small_segments_are_combined() {
    // GIVEN an established connection (past the start, where a stack may ACK every segment)
    Established c = Handshake.to(lane, agent(), 8763).complete();
    TcpPeer peer = c.peer();
    warmUp(peer);

    // WHEN 10 small segments arrive back to back
    SeqNum start = peer.sndNxt();
    for (int k = 0; k < 10; k++) {
      peer.send(data(Octets.of(k * 10, 10)));
    }
    List<Arrival> acks = peer.segmentsUntilQuiet(ACK_DELAY, within(Duration.ofSeconds(3)));

    // THEN fewer than 10 ACKs came, the last covering the whole burst
    then(acks).as("the target's ACKs of the burst").isNotEmpty();
    then(acks.get(acks.size() - 1).segment().ack()).as("ACK after the burst")
        .isEqualTo(start.plus(100));
    then(acks.size()).as("ACKs of 10 small segments sent back to back").isLessThan(10);
  }

  @Requirement(id = "9293/MUST-59", section = "3.10.7.4", level = MUST)
  @Test(description = "The ACKs of a burst of 10 small in-order segments never go back: no ACK"
      + " covering only a prefix comes after one covering more")
  public void acks_of_a_burst_never_go_back() {
    // GIVEN an established connection
    Established c = Handshake.to(lane, agent(), 8762).complete();
    TcpPeer peer = c.peer();

    // WHEN 10 small segments arrive back to back
    for (int k = 0; k < 10; k++) {
      peer.send(data(Octets.of(k * 10, 10)));
    }
    List<Arrival> acks = peer.segmentsUntilQuiet(ACK_DELAY, within(Duration.ofSeconds(3)));

    // THEN each ACK covers at least what the one before it covered
    then(acks).as("the target's ACKs of the burst").isNotEmpty();
    for (int i = 1; i < acks.size(); i++) {
      then(acks.get(i).segment().ack().isBefore(acks.get(i - 1).segment().ack()))
          .as("ACK %d (%s) goes back behind ACK %d (%s)", i + 1, acks.get(i).segment().ack(),
              i, acks.get(i - 1).segment().ack())
          .isFalse();
    }
  }

  /**
   * Sixteen small segments, each acknowledged: Linux, for one, acknowledges every segment at the
   * start of a connection (quick-ACK mode), which is allowed and says nothing about the rule.
   */
  private static void warmUp(TcpPeer peer) {
    for (int k = 0; k < 16; k++) {
      peer.send(data(Octets.of(k, 1)));
      then(peer.firstSegmentMatching(withFlags(ACK).ack(peer.sndNxt()), within(ACK_DELAY)))
          .isPresent();
    }
  }
}
