package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.anySegment;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.suites.support.Level.MAY;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.6: the peer shrinks its window (moves the right edge left) while the target has
 * data in flight beyond the new edge. The target copes: no new data past the new edge, in-window
 * data still retransmitted, and data flows again when the window reopens.
 */
public class ShrinkingWindowTest extends ConformanceTest {

  /** The window of the peer's SYN and first ACK: room for a few segments. */
  static final int FIRST_WINDOW = 10000;

  /** The window of the ACK that shrinks it: SND.UNA + 2000 lies left of the old right edge. */
  static final int SHRUNK_WINDOW = 2000;

  /**
   * How long the target is watched after the shrink: its retransmission timer fires more than
   * once in that time (RFC 6298 2.4 allows a 1 s RTO; with the tolerance).
   */
  static final Duration WATCH = Duration.ofMillis(1500);

  @Requirement(id = "9293/MUST-34", section = "3.8.6", level = MUST)
  @Requirement(id = "9293/SHLD-15", section = "3.8.6", level = SHOULD)
  @Test(
      description =
          "After an ACK moves the right window edge left (SND.UNA+SND.WND below the old edge),"
              + " the sender sends no new data past the new edge, and new data flows again when"
              + " the window reopens")
  public void shrunk_window_gets_no_new_data_past_its_edge_and_data_resumes_when_it_reopens() {
    // GIVEN a connection with a 10000-octet window, whose application has 64 KB to send, and
    // the first flight received
    TcpPeer peer = Handshake.to(lane, agent(), 8510).window(FIRST_WINDOW).complete()
        .appSends(Octets.of(0, ZeroWindowProbeTest.APP_DATA)).peer();
    Shrink shrink = Shrink.after(Flight.receive(peer), peer);

    // WHEN the peer acknowledges the first segment only, with a window of 2000
    peer.send(ack().ack(shrink.una()).window(SHRUNK_WINDOW));

    // THEN for the next 1.5 s every segment is data sent before (SEG.SEQ+SEG.LEN <= the old
    // SND.NXT) or inside the new window: nothing new past SND.UNA+2000
    List<Arrival> seen = peer.segmentsUntilQuiet(WATCH, within(WATCH));
    for (Arrival a : seen) {
      Segment s = a.segment();
      SeqNum end = s.seq().plus(s.payloadLength());
      then(end.isAtOrBefore(shrink.sent()) || end.isAtOrBefore(shrink.newEdge()))
          .as("new data past the shrunk window's edge SND.UNA+SND.WND = %s (SND.NXT when it"
              + " shrank: %s): %s", shrink.newEdge(), shrink.sent(), a)
          .isTrue();
    }

    // WHEN the peer acknowledges everything and reopens the window
    peer.send(ack().ack(shrink.sent()).window(65535));

    // THEN new data follows, from the old SND.NXT
    Arrival resumed = peer.firstSegmentMatching(anySegment().seq(shrink.sent()), within(PROMPTLY));
    then(resumed).isPresent();
    then(resumed.segment().payloadLength())
        .as("octets of the first new segment after the window reopened: %s", resumed)
        .isGreaterThan(0);
  }

  @Requirement(id = "9293/SHLD-16", section = "3.8.6", level = SHOULD)
  @Requirement(id = "9293/MAY-7", section = "3.8.6", level = MAY)
  @Test(
      description =
          "After the window shrinks, unacknowledged data still inside it (from SND.UNA) keeps"
              + " being retransmitted on the retransmission timer; whether data beyond the new"
              + " edge is retransmitted too (allowed) is reported")
  public void data_inside_a_shrunk_window_is_still_retransmitted() {
    // GIVEN a connection with a 10000-octet window, whose application has 64 KB to send, and
    // the first flight received
    TcpPeer peer = Handshake.to(lane, agent(), 8511).window(FIRST_WINDOW).complete()
        .appSends(Octets.of(0, ZeroWindowProbeTest.APP_DATA)).peer();
    Shrink shrink = Shrink.after(Flight.receive(peer), peer);

    // WHEN the peer acknowledges the first segment only, with a window of 2000, then nothing
    peer.send(ack().ack(shrink.una()).window(SHRUNK_WINDOW));

    // THEN the data from SND.UNA, inside the window, is sent again
    Arrival retransmission = peer.firstSegmentMatching(anySegment().seq(shrink.una()),
        within(ZeroWindowProbeTest.PROBE_WAIT));
    then(retransmission).isPresent();
    then(retransmission.segment().payloadLength())
        .as("octets of the retransmission from SND.UNA = %s: %s", shrink.una(), retransmission)
        .isGreaterThan(0);

    // AND (MAY-7, reported) whether data beyond the new edge was retransmitted as well
    List<Arrival> later = peer.segmentsUntilQuiet(WATCH, within(WATCH));
    List<String> beyond = new ArrayList<>();
    for (Arrival a : later) {
      Segment s = a.segment();
      if (s.payloadLength() > 0 && s.seq().plus(s.payloadLength()).isAfter(shrink.newEdge())) {
        beyond.add(a.toString());
      }
    }
    Allure.addAttachment("MAY-7 observation", "text/plain",
        "new right edge SND.UNA+SND.WND = " + shrink.newEdge() + ", SND.NXT when it shrank = "
            + shrink.sent() + "\nsegments reaching beyond the new edge in the "
            + WATCH.toMillis() + " ms after the retransmission: "
            + (beyond.isEmpty() ? "none" : String.join("; ", beyond)) + "\n", ".txt");
  }

  /**
   * The numbers of a shrink: SND.UNA after the peer acknowledges the flight's first segment, the
   * new right edge SND.UNA+2000, and the target's SND.NXT (the end of the flight). A stack whose
   * initial window is small (2 segments: allowed, RFC 5681 3.1 sets only the upper bound) has not
   * sent past SND.UNA+2000 yet: the peer then acknowledges one segment at a time, the window left
   * at 10000, until slow start has sent beyond it.
   */
  record Shrink(SeqNum una, SeqNum newEdge, SeqNum sent) {

    static Shrink after(Flight flight, TcpPeer peer) {
      List<Arrival> all = new ArrayList<>(flight.segments());
      SeqNum start = all.stream().filter(a -> a.segment().payloadLength() > 0).findFirst()
          .orElseThrow().segment().seq();
      SeqNum sent = flight.end();
      for (int acks = 0; ; acks++) {
        SeqNum from = start;
        Segment first = all.stream().map(Arrival::segment)
            .filter(x -> x.seq().equals(from) && x.payloadLength() > 0).findFirst()
            .orElseThrow(() -> new HarnessException("no segment of the flight starts at " + from
                + ": " + all));
        SeqNum una = first.seq().plus(first.payloadLength());
        SeqNum newEdge = una.plus(SHRUNK_WINDOW);
        if (sent.isAfter(newEdge)) {
          return new Shrink(una, newEdge, sent);
        }
        if (acks == 8) {
          throw new HarnessException("the flight (" + all + ") leaves no data beyond SND.UNA+"
              + SHRUNK_WINDOW + " after " + acks + " ACKs of one segment each: the window"
              + " cannot be shrunk under it");
        }
        peer.send(ack().ack(una).window(FIRST_WINDOW));
        Flight more = Flight.receive(peer);
        all.addAll(more.segments());
        sent = more.end().isAfter(sent) ? more.end() : sent;
        start = una;
      }
    }
  }
}
