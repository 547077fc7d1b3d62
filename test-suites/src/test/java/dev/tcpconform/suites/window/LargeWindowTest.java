package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.REC;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.option.WindowScale;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.1: the window field is unsigned, and windows are 32-bit quantities (with RFC 7323
 * scaling up to 2^30). The target sends bulk data; the peer acknowledges each flight at once
 * with the largest window field, so the congestion window, not the peer, soon limits the
 * flight, and the octets in flight show how the target read the window.
 */
public class LargeWindowTest extends ConformanceTest {

  /**
   * Flights the peer waits for at most: slow start from 10 segments passes 64 KB by the 4th;
   * a stack that leaves slow start early (CUBIC's HyStart on a fast link) still gets there by
   * growing its window in congestion avoidance.
   */
  static final int ROUNDS = 14;

  /** What the application writes before each flight: more than the largest flight. */
  static final int WRITE = 72 * 1024;

  @Requirement(id = "9293/MUST-1", section = "3.1", level = MUST)
  @Test(
      description =
          "The 16-bit window field is unsigned: with window 0xFFFF and no scaling the sender"
              + " keeps more than 32767 octets unacknowledged (never reading the window as"
              + " negative or zero), and never more than 65535")
  public void window_field_0xffff_is_read_as_65535_not_as_negative() {
    // GIVEN a connection without window scaling whose peer advertises 0xFFFF
    Established c = Handshake.to(lane, agent(), 8530).window(0xFFFF).complete();

    // WHEN the peer acknowledges each flight at once, always with window 0xFFFF
    long most = largestFlight(c, 0xFFFF, 32767);

    // THEN the target had more than 32767 octets in flight at some point, and at most 65535
    then(most).as("octets in flight at most (window 0xFFFF = 65535)").isGreaterThan(32767)
        .isLessThanOrEqualTo(65535);
  }

  @Requirement(id = "9293/REC-1", section = "3.1", level = REC)
  @Test(
      description =
          "Windows are 32-bit quantities: with window scale 14 agreed and a window field of"
              + " 0xFFFF (65535 << 14 octets) the sender keeps more than 65535 octets in flight")
  public void scaled_window_lets_more_than_65535_octets_into_flight() {
    // GIVEN a connection on which the peer offered window scale 14 and the target agreed
    Established c = Handshake.to(lane, agent(), 8531)
        .offering(mss(1460), nop(), wscale(14)).window(0xFFFF).complete();
    if (c.synAck().segment().option(WindowScale.class).isEmpty()) {
      throw new SkipException("the target did not agree to window scaling (its SYN,ACK: "
          + c.synAck().segment() + "): no window beyond 65535 octets exists");
    }

    // WHEN the peer acknowledges each flight at once, always with the window field 0xFFFF
    long most = largestFlight(c, 0xFFFF, 65535);

    // THEN the target had more than 65535 octets in flight at some point
    then(most).as("octets in flight at most (window 65535 << 14)").isGreaterThan(65535);
  }

  /**
   * Flights until one carries more than {@code enough} octets or {@link #ROUNDS} are over, each
   * acknowledged in full, one ACK per segment, with {@code window}, the application writing {@link #WRITE} octets at a
   * time before each so that it has more queued than a flight (and never more than its send
   * buffer holds); returns the most octets in flight at
   * once (from the peer's last ACK to the end of the flight). The flights are attached.
   */
  private static long largestFlight(Established c, int window, long enough) {
    TcpPeer peer = c.peer();
    long most = 0;
    StringBuilder log = new StringBuilder();
    SeqNum start = peer.rcvNxt();
    SeqNum acked = start;
    long written = 0;
    for (int round = 1; round <= ROUNDS && most <= enough; round++) {
      while (written - start.distanceTo(acked) < 2L * WRITE) { // never more than the buffer
        c.appSends(Octets.of(0, WRITE));
        written += WRITE;
      }
      Flight f = Flight.receive(peer);
      long inFlight = acked.distanceTo(f.end());
      most = Math.max(most, inFlight);
      log.append("flight ").append(round).append(": ").append(f.segments().size())
          .append(" segments, ").append(inFlight).append(" octets beyond the last ACK\n");
      // one ACK per segment: slow start grows the window by at most SMSS per ACK (RFC 5681
      // 3.1), so one ACK per flight would grow it by a segment a round
      for (Arrival a : f.segments()) {
        if (a.segment().payloadLength() > 0) {
          peer.send(ack().ack(a.segment().seq().plus(a.segment().payloadLength()))
              .window(window));
        }
      }
      acked = peer.rcvNxt();
    }
    Allure.addAttachment("flights", "text/plain", log.toString(), ".txt");
    return most;
  }
}
