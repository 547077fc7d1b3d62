package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.synAck;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.option.WindowScale;
import dev.tcpconform.suites.support.ActiveOpen;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * RFC 7323 2.2 and 2.3: window scaling, seen in how much the target sends. The peer advertises a
 * small window and acknowledges each flight; the target may never have more octets outstanding
 * than the window, read with the shift the two SYNs agreed (none unless both offered one).
 */
public class WindowScaleTest extends ConformanceTest {

  /** The peer's window in bytes, well below the target's first flight (10 segments). */
  static final int WINDOW = 1000;

  @Requirement(id = "7323/ws-both-sides", section = "2.2", level = MUST)
  @Test(description = "Without window scaling in the peer's SYN neither side scales: with the"
      + " peer's window 1000 the target never has more than 1000 octets outstanding, and its"
      + " windows are unscaled (no smaller than its SYN,ACK's)")
  public void without_window_scale_in_the_syn_neither_side_scales() {
    // GIVEN a connection whose SYN offered no window scaling, the peer's window 1000
    Established c = Handshake.to(lane, agent(), 8150).offering(mss(1460)).window(WINDOW)
        .complete();

    // WHEN the application writes 10 KB
    c.appSends(new byte[MssTest.BYTES]);
    Flight f = Flight.receive(c.peer(), MssTest.BYTES, Duration.ofSeconds(8));

    // THEN no flight exceeds the peer's unscaled window
    thenFlightAtMost(f, WINDOW, "the peer's window 1000, unscaled");
    // AND the target's windows are bytes, not scaled units
    thenWindowsUnscaled(f, c.synAck().segment());
  }

  @Requirement(id = "7323/ws-both-sides", section = "2.2", level = MUST)
  @Test(description = "Without window scaling in the peer's SYN,ACK to an active open neither"
      + " side scales: with the peer's window 1000 the target never has more than 1000 octets"
      + " outstanding, and its windows are unscaled (no smaller than its SYN's)")
  public void without_window_scale_in_the_syn_ack_neither_side_scales() {
    // GIVEN the application's connect, answered by a SYN,ACK without window scaling
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent());
    TcpPeer peer = open.peer().window(WINDOW);
    peer.send(synAck().option(mss(1460)));
    String conn = connected(open);
    peer.send(ack());

    // WHEN the application writes 10 KB
    appSends(conn, MssTest.BYTES);
    Flight f = Flight.receive(peer, MssTest.BYTES, Duration.ofSeconds(8));

    // THEN no flight exceeds the peer's unscaled window, and the target's windows are unscaled
    thenFlightAtMost(f, WINDOW, "the peer's window 1000, unscaled");
    thenWindowsUnscaled(f, open.syn());
  }

  @Requirement(id = "7323/ws-nonsyn-ignored", section = "2.2", level = MUST)
  @Test(description = "A window scale option on a segment without SYN is ignored: after shift 0"
      + " was agreed, an ACK carrying <wscale 14> and window 1000 still allows 1000 octets")
  public void window_scale_on_a_non_syn_segment_is_ignored() {
    // GIVEN a connection with shift 0 agreed for the peer's windows, the peer's window 1000
    Established c = Handshake.to(lane, agent(), 8151).offering(mss(1460), nop(), wscale(0))
        .window(WINDOW).complete();
    requireWindowScaleAnswered(c);

    // WHEN the peer sends an ACK carrying window scale 14, then the application writes 10 KB
    c.peer().send(ack().option(nop()).option(wscale(14)));
    c.appSends(new byte[MssTest.BYTES]);
    Flight f = Flight.receive(c.peer(), MssTest.BYTES, Duration.ofSeconds(8));

    // THEN no flight exceeds 1000 octets (the window with shift 0)
    thenFlightAtMost(f, WINDOW, "the peer's window 1000 with the agreed shift 0");
  }

  @DataProvider
  public Object[][] shiftsAbove14() {
    return new Object[][] {{"shift 15", 15}, {"shift 255", 255}};
  }

  @Requirement(id = "7323/ws-max-14", section = "2.3", level = MUST)
  @Test(dataProvider = "shiftsAbove14", description = "A window shift above 14 is taken as 14:"
      + " with window field 1 the target never has more than 1 << 14 = 16384 octets outstanding"
      + " (32768 would mean the shift was not clamped)")
  public void window_shift_above_14_is_taken_as_14(String name, int shift) {
    // GIVEN a connection whose SYN offered a shift above 14, every window field of the peer 1
    Established c = Handshake.to(lane, agent(), 8152 + (shift == 15 ? 0 : 1))
        .offering(mss(1460), nop(), wscale(shift)).window(1).complete();
    requireWindowScaleAnswered(c);

    // WHEN the application writes 64 KB (flights grow past 16384 octets after the first ACKs)
    int bytes = 64 * 1024;
    c.appSends(new byte[bytes]);
    Flight f = Flight.receive(c.peer(), bytes, Duration.ofSeconds(8));

    // THEN no flight exceeds 1 << 14 octets
    thenFlightAtMost(f, 1 << 14, "window field 1 with the shift clamped to 14");
  }

  @Requirement(id = "7323/ws-syn-unscaled", section = "2.2", level = MUST)
  @Test(description = "The window of a SYN,ACK is never scaled: to an active open offering"
      + " window scaling, a SYN,ACK with <wscale 7> and window 1000 allows 1000 octets, not"
      + " 1000 << 7, until the peer's first segment without SYN")
  public void syn_ack_window_is_not_scaled() {
    // GIVEN the application's connect, whose SYN offers window scaling
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent());
    if (open.syn().option(WindowScale.class).isEmpty()) {
      throw new org.testng.SkipException("the target's SYN " + open.syn() + " offers no window"
          + " scaling: no window of it is ever scaled");
    }
    // AND a SYN,ACK with window scale 7 and window field 1000
    TcpPeer peer = open.peer().window(WINDOW);
    peer.send(synAck().option(mss(1460)).option(nop()).option(wscale(7)));
    String conn = connected(open);

    // WHEN the application writes 10 KB before the peer sends anything else
    appSends(conn, MssTest.BYTES);
    List<Arrival> got = peer.segmentsUntilQuiet(Flight.QUIET, within(Duration.ofSeconds(1)));

    // THEN the target sends at most the 1000 octets of the unscaled window
    long sent = got.stream().mapToLong(a -> a.segment().payloadLength()).sum();
    Allure.addAttachment("flight", "text/plain", "octets sent before the peer's first non-SYN"
        + " segment: " + sent + " (expected at most " + WINDOW + ")\n", ".txt");
    then(sent).as("octets sent on the SYN,ACK's window 1000 (unscaled)")
        .isLessThanOrEqualTo(WINDOW);
  }

  private String connected(ActiveOpen open) {
    AgentReply r = agent().awaitConnect(open.connection(), Duration.ofSeconds(2));
    if (!r.isOk()) {
      throw new HarnessException("the application's connect did not complete: " + r);
    }
    return open.connection();
  }

  private void appSends(String conn, int bytes) {
    Agent agent = agent();
    agent.setopt(conn, "sndbuf", String.valueOf(Established.SEND_BUFFER));
    agent.send(conn, new byte[bytes]);
  }

  /**
   * Window scaling is optional (RFC 7323 1.3): a target that answers the offer without it never
   * scales a window, so the rules about shifts do not apply to it.
   */
  private static void requireWindowScaleAnswered(Established c) {
    if (c.synAck().segment().option(WindowScale.class).isEmpty()) {
      throw new org.testng.SkipException("the target does not implement RFC 7323 window scaling"
          + " (optional): its SYN,ACK " + c.synAck().segment() + " answers the offer without it");
    }
  }

  private static void thenFlightAtMost(Flight f, long window, String what) {
    Allure.addAttachment("flights", "text/plain", "largest flight (octets beyond the peer's"
        + " last ACK): " + f.largestFlight() + "\nallowed: " + window + " (" + what + ")\n\n"
        + f.ladder(), ".txt");
    then(f.largestFlight()).as("largest flight of the target (%s)", what)
        .isLessThanOrEqualTo(window);
  }

  /** The target's window fields after its SYN are at least its SYN's: the peer sent no data. */
  private static void thenWindowsUnscaled(Flight f, Segment targetSyn) {
    List<String> scaled = f.seen().stream()
        .filter(s -> !s.has(SYN) && !s.has(TcpFlag.RST) && s.window() < targetSyn.window())
        .map(Segment::toString).toList();
    then(scaled).as("segments whose window is below the %d of %s (a scaled window read as"
        + " bytes)", targetSyn.window(), targetSyn).isEmpty();
  }
}
