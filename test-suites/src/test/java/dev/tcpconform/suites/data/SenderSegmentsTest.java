package dev.tcpconform.suites.data;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Receiver;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The segments a sender makes of the application's writes (RFC 9293 3.9.1.2): full-sized
 * whenever possible, PSH on the segment that empties the send queue, and nothing held back
 * indefinitely on an idle connection. The peer offers its default MSS and no options, so a
 * full-sized segment carries 1460 octets over IPv4 and 1440 over IPv6 ({@link #linkMss()}).
 */
public class SenderSegmentsTest extends ConformanceTest {

  private static final Duration STALL = Duration.ofSeconds(2);

  @Requirement(id = "9293/SHLD-28", section = "3.9.1.2", level = SHOULD)
  @Test(description = "A 100 KB write goes out in full-sized segments (the MSS the peer offered:"
      + " 1460 octets over IPv4, 1440 over IPv6), but for the last")
  public void bulk_write_goes_out_in_full_sized_segments() {
    // GIVEN an established connection, the peer acknowledging every segment
    Established c = Handshake.to(lane, agent(), 8770).complete();

    // WHEN the application writes 100 KB at once
    c.appSends(Octets.of(0, 100 * 1024));
    List<Arrival> segments = Receiver.receive(c.peer(), 100 * 1024, STALL);

    // THEN every segment but the last carries a full MSS (1460 octets, 1440 over IPv6)
    for (Arrival a : segments.subList(0, segments.size() - 1)) {
      then(a.segment().payloadLength()).as("payload of %s", a.segment()).isEqualTo(linkMss());
    }
  }

  @Requirement(id = "9293/MUST-61", section = "3.9.1.2", level = MUST)
  @Test(description = "Of a 5000-octet write, the segment that empties the send queue carries PSH")
  public void segment_that_empties_the_send_queue_carries_psh() {
    // GIVEN an established connection, the peer acknowledging every segment
    Established c = Handshake.to(lane, agent(), 8771).complete();

    // WHEN the application writes 5000 octets
    c.appSends(Octets.of(0, 5000));
    List<Arrival> segments = Receiver.receive(c.peer(), 5000, STALL);

    // THEN the last segment of the write has PSH set
    then(segments.get(segments.size() - 1)).matches(withFlags(PSH, ACK));
  }

  @Requirement(id = "9293/EP-SEND-1", section = "3.8", level = MUST_STAR)
  @Requirement(id = "9293/EP-PIGGY", section = "3.10.7.4", level = SHOULD_STAR)
  @Test(description = "An answer the application writes right after reading carries the ACK flag"
      + " and the current acknowledgment: the peer's data is acknowledged on the answer")
  public void answer_written_after_reading_carries_the_current_acknowledgment() {
    // GIVEN an established connection, the peer having sent 100 octets
    Established c = Handshake.to(lane, agent(), 8773).complete();
    TcpPeer peer = c.peer();
    peer.send(dev.tcpconform.crafter.Segments.data(Octets.of(0, 100)));

    // WHEN the application reads them and answers at once
    then(c.appReads(100, Duration.ofSeconds(1))).hasSize(100);
    c.appSends(Octets.of(0, 20));

    // THEN the answer carries ACK of everything the peer sent (an ACK before it is allowed)
    then(peer.firstSegmentMatching(withFlags(ACK).flagOptional(PSH).payloadLength(20),
        within(Duration.ofSeconds(1)))).matches(withFlags(ACK).flagOptional(PSH)
        .ack(peer.sndNxt()).payloadLength(20));
  }

  @Requirement(id = "9293/SHLD-27", section = "3.9.1.2", level = SHOULD)
  @Requirement(id = "9293/SHLD-7", section = "3.7.4", level = SHOULD)
  @Test(description = "Ten 1-octet writes made while the first is unacknowledged are combined"
      + " into fewer segments (a push is not a record marker); until the ACK, no second"
      + " small segment leaves (Nagle)")
  public void small_writes_made_while_data_is_unacknowledged_are_combined() {
    // GIVEN an established connection
    Established c = Handshake.to(lane, agent(), 8774).complete();
    TcpPeer peer = c.peer();

    // WHEN the application makes ten 1-octet writes, the peer acknowledging nothing yet
    for (int k = 0; k < 10; k++) {
      c.appSends(Octets.of(k, 1));
    }
    // (well inside the target's first retransmission timeout, RFC 6298's 1 s or Linux's 200 ms)
    List<Arrival> beforeAck =
        peer.segmentsUntilQuiet(Duration.ofMillis(50), within(Duration.ofMillis(150)));
    List<Arrival> segments = new ArrayList<>(beforeAck);
    // AND then acknowledges what came
    peer.send(dev.tcpconform.crafter.Segments.ack());
    segments.addAll(peer.segmentsUntilQuiet(Duration.ofMillis(100), within(STALL)));

    // THEN the ten octets came in fewer than ten segments (retransmissions by the target's
    // timer, if the peer's ACK came late, are not counted)
    List<Arrival> data = newData(segments);
    then(data.stream().mapToInt(a -> a.segment().payloadLength()).sum())
        .as("octets of the ten writes that arrived").isEqualTo(10);
    then(data).as("segments carrying the ten 1-octet writes").hasSizeLessThan(10);
    // AND before the peer's ACK only one small segment was outstanding
    then(newData(beforeAck)).as("small segments sent before the first was acknowledged")
        .hasSize(1);
  }

  /** The segments that carried octets not seen before, in order: no retransmission. */
  private static List<Arrival> newData(List<Arrival> segments) {
    List<Arrival> fresh = new ArrayList<>();
    dev.tcpconform.crafter.SeqNum end = null;
    for (Arrival a : segments) {
      Segment s = a.segment();
      if (s.payloadLength() > 0 && (end == null || s.seq().plus(s.payloadLength()).isAfter(end))) {
        fresh.add(a);
        end = s.seq().plus(s.payloadLength());
      }
    }
    return fresh;
  }

  @Requirement(id = "9293/MUST-60", section = "3.9.1.2", level = MUST)
  @Test(description = "One octet written on an idle connection leaves within a second,"
      + " not held back for more data")
  public void one_octet_written_on_an_idle_connection_leaves_at_once() {
    // GIVEN an idle established connection
    Established c = Handshake.to(lane, agent(), 8772).complete();
    TcpPeer peer = c.peer();

    // WHEN the application writes one octet
    c.appSends(Octets.of(0, 1));

    // THEN it arrives within a second of the write
    then(peer.nextSegment(within(Duration.ofSeconds(1))))
        .matches(withFlags(ACK).flagOptional(PSH).seq(peer.irs().plus(1)).payloadLength(1));
  }
}
