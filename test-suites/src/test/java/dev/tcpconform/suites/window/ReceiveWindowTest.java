package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.suites.support.Level.MAY;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.MUST_STAR;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.6 and 3.8.6.2.2: how a receiver whose application reads slowly, or not at all,
 * moves its window: never its right edge to the left, and, as it reopens, only in steps worth a
 * segment (receiver-side silly window syndrome avoidance).
 */
public class ReceiveWindowTest extends ConformanceTest {

  @Requirement(id = "9293/SHLD-14", section = "3.8.6", level = SHOULD)
  @Test(
      description =
          "The receiver does not move its right window edge (SEG.ACK+SEG.WND) to the left:"
              + " across the SYN,ACK and every ACK while the window fills, reopens as the"
              + " application reads, and fills again, the edge never decreases")
  public void right_window_edge_never_moves_left() {
    // GIVEN a connection whose application has a small receive buffer and reads nothing
    ReceiveWindow rw = ReceiveWindow.open(Handshake.to(lane, agent(), 8550));
    Edges edges = new Edges(rw.connection().synAck().segment());

    // WHEN the peer fills the window, the application reads half of it, the peer fills it again
    rw.fill(edges::check);
    rw.connection().appReads(rw.delivered().length / 2, Duration.ofSeconds(2));
    rw.peer().segmentsUntilQuiet(Flight.QUIET, within(PROMPTLY)).forEach(edges::check);
    rw.fill(edges::check);

    // THEN no ACK moved the right edge left (checked as each came)
    Allure.addAttachment("right window edges", "text/plain", edges.log(), ".txt");
  }

  @Requirement(id = "9293/MAY-8", section = "3.8.6.1", level = MAY)
  @Requirement(id = "9293/EP-ZW-ACK", section = "3.8.6.1", level = MUST_STAR)
  @Test(
      description =
          "A receiver may keep its window closed while the application reads nothing"
              + " (reported); whatever it does, each probe of its zero window draws an ACK of"
              + " RCV.NXT: the connection is kept")
  public void zero_window_probes_are_answered_while_the_application_reads_nothing() {
    // GIVEN a connection whose application reads nothing and whose receive window is full
    ReceiveWindow rw = ReceiveWindow.open(Handshake.to(lane, agent(), 8551)).fill();
    TcpPeer peer = rw.peer();

    // WHEN the peer probes the window three times, half a second apart
    StringBuilder windows = new StringBuilder();
    for (int probe = 1; probe <= 3; probe++) {
      Segment p = peer.send(data("x").seq(peer.sndNxt()));

      // THEN each probe draws an ACK of RCV.NXT (the window may stay 0: reported)
      Arrival answer = peer.nextSegment(within(PROMPTLY));
      then(answer).matches(withFlags(ACK).ack(p.seq()).noPayload());
      windows.append("probe ").append(probe).append(": window ")
          .append(answer.segment().window()).append('\n');
      peer.segmentsUntilQuiet(PAUSE, within(PAUSE));
    }
    Allure.addAttachment("MAY-8 observation: windows in the answers to probes", "text/plain",
        windows.toString(), ".txt");
  }

  /** Between two probes of MAY-8: well apart, below any retransmission timer of the target's. */
  private static final Duration PAUSE = Duration.ofMillis(500);

  @Requirement(id = "9293/MUST-39", section = "3.8.6.2.2", level = MUST)
  @Test(
      description =
          "Receiver SWS avoidance: as the application reads a full window 10 octets at a time,"
              + " the right window edge advances only in steps of at least min(MSS, half the"
              + " largest window advertised)")
  public void window_reopens_only_in_steps_of_at_least_min_mss_and_half_the_buffer() {
    // GIVEN a connection whose application has a small receive buffer, and its window full
    ReceiveWindow rw = ReceiveWindow.open(Handshake.to(lane, agent(), 8552));
    Edges edges = new Edges(rw.connection().synAck().segment());
    rw.fill(edges::check);
    TcpPeer peer = rw.peer();
    Established c = rw.connection();
    long threshold = Math.min(rw.mss(), edges.largestWindow() / 2);
    SeqNum filledEdge = edges.highest();

    // WHEN the application reads 10 octets at a time, until it has read a full window
    List<Arrival> updates = new ArrayList<>();
    for (int read = 0; read < rw.delivered().length; read += 10) {
      c.agent().recv(c.connection(), 10, Duration.ofSeconds(1));
      updates.addAll(peer.segmentsUntilQuiet(Duration.ZERO, within(Duration.ZERO)));
    }
    updates.addAll(peer.segmentsUntilQuiet(Flight.QUIET, within(PROMPTLY)));
    // (a target that sent no update is asked for its window: an ACK below RCV.NXT draws one)
    if (updates.isEmpty()) {
      peer.send(ack().seq(peer.sndNxt().minus(1)));
      updates.add(peer.nextSegment(within(PROMPTLY)));
    }

    // THEN every advance of the right edge was at least min(MSS, largest window / 2)
    for (Arrival a : updates) {
      then(a).isPresent();
      long step = edges.advance(a.segment());
      then(step == 0 || step >= threshold)
          .as("right edge advanced by %d octets (threshold min(MSS %d, %d / 2) = %d) in %s",
              step, rw.mss(), edges.largestWindow(), threshold, a)
          .isTrue();
      edges.check(a);
    }
    Allure.addAttachment("right window edges", "text/plain",
        "edge when full: " + filledEdge + "\n" + edges.log(), ".txt");
  }

  /** The target's right window edges SEG.ACK+SEG.WND, from its SYN,ACK on (unscaled windows). */
  static final class Edges {

    private SeqNum highest;
    private long largestWindow;
    private final StringBuilder log = new StringBuilder();

    Edges(Segment synAck) {
      highest = synAck.ack().plus(synAck.window());
      largestWindow = synAck.window();
      log.append(synAck).append("  edge ").append(highest).append('\n');
    }

    /** Asserts {@code a}'s edge is not left of any edge before; takes it in. */
    void check(Arrival a) {
      Segment s = a.segment();
      if (!s.has(ACK)) {
        return;
      }
      SeqNum edge = s.ack().plus(s.window());
      log.append(s).append("  edge ").append(edge).append('\n');
      then(edge.isAtOrAfter(highest))
          .as("right window edge SEG.ACK+SEG.WND = %s is left of the earlier edge %s: %s",
              edge, highest, a)
          .isTrue();
      highest = edge;
      largestWindow = Math.max(largestWindow, s.window());
    }

    /** How far {@code s} moves the edge right (0 if not at all). */
    long advance(Segment s) {
      SeqNum edge = s.ack().plus(s.window());
      return edge.isAfter(highest) ? highest.distanceTo(edge) : 0;
    }

    SeqNum highest() {
      return highest;
    }

    long largestWindow() {
      return largestWindow;
    }

    String log() {
      return log.toString();
    }
  }
}
