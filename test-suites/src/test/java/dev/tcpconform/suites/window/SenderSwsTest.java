package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.peer.TcpPeer;
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
 * RFC 9293 3.8.6.2.1: sender-side silly window syndrome avoidance. With much data queued, a
 * sender facing a window that opens in small steps sends a segment only when it can send
 * min(MSS, half the largest window) or when its override timer (0.1 to 1 s) expires, not a tiny
 * segment into each tiny opening.
 */
public class SenderSwsTest extends ConformanceTest {

  /** The largest window the peer ever advertises (its SYN's). */
  static final int MAX_WINDOW = 30000;

  /** The peer's MSS option; the target's Eff.snd.MSS can be no larger. */
  static final int MSS = 1460;

  /** The usable window opens by this much at each step. */
  static final int STEP = 100;

  /** Time between two steps: far below the override timer's 0.1 s lower bound. */
  static final Duration STEP_GAP = Duration.ofMillis(20);

  /** RFC 9293 3.8.6.2.1: the override timeout is 0.1 to 1 s. */
  static final Duration OVERRIDE_MIN = Duration.ofMillis(100);

  @Requirement(id = "9293/MUST-38", section = "3.8.6.2.1", level = MUST)
  @Test(
      description =
          "Sender SWS avoidance: with 64 KB queued and the usable window opening 100 octets"
              + " every 20 ms, no segment smaller than min(MSS, half the largest window) leaves"
              + " sooner than the override timer's 0.1 s after the window last grew")
  public void no_tiny_segments_into_tiny_window_openings() {
    // GIVEN a connection whose peer advertised 30000 at most, whose application has 64 KB to
    // send, and whose first flight the peer acknowledged in full with window 0
    TcpPeer peer = Handshake.to(lane, agent(), 8560).window(MAX_WINDOW).complete()
        .appSends(Octets.of(0, ZeroWindowProbeTest.APP_DATA)).peer();
    Flight.receive(peer);
    SeqNum una = peer.rcvNxt();
    peer.send(ack().ack(una).window(0));
    long threshold = Math.min(MSS, MAX_WINDOW / 2);

    // WHEN the peer opens the usable window 100 octets at a time, every 20 ms, up to 1000
    List<String> log = new ArrayList<>();
    // (an arrival's stimulus is the peer's last window update: when the window last grew)
    List<Arrival> seen = new ArrayList<>();
    for (int w = STEP; w <= 10 * STEP; w += STEP) {
      peer.send(ack().ack(una).window(w));
      log.add("< window " + w);
      seen.addAll(watch(peer, STEP_GAP, log));
    }
    seen.addAll(watch(peer, Duration.ofSeconds(1), log));
    Allure.addAttachment("measured intervals", "text/plain", String.join("\n", log)
        + "\nexpected: a segment under " + threshold + " octets no sooner than "
        + Durations.seconds(OVERRIDE_MIN) + " after the window last grew\n", ".txt");

    // THEN every segment under the threshold came at least 0.1 s after the window last grew
    for (Arrival a : seen) {
      int octets = a.segment().payloadLength();
      if (octets == 0 || octets >= threshold) {
        continue;
      }
      then(a.sinceStimulus().compareTo(OVERRIDE_MIN) >= 0)
          .as("a %d-octet segment (under min(MSS %d, %d / 2) = %d) came %s after the window"
              + " last grew, sooner than the override timer's %s: %s", octets, MSS, MAX_WINDOW,
              threshold, Durations.seconds(a.sinceStimulus()), Durations.seconds(OVERRIDE_MIN), a)
          .isTrue();
    }
  }

  /** What the target sends in {@code d}, each logged with the time since the last update. */
  private static List<Arrival> watch(TcpPeer peer, Duration d, List<String> log) {
    List<Arrival> got = peer.segmentsUntilQuiet(d, within(d));
    got.forEach(a -> log.add(a + " (" + Durations.seconds(a.sinceStimulus())
        + " after the window last grew)"));
    return got;
  }
}
