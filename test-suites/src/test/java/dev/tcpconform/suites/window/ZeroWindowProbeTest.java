package dev.tcpconform.suites.window;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.anySegment;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.LateHarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.TimingModel;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.MeasuredIntervals;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.8.6.1: a sender facing a zero window probes it on a backing-off timer, keeps the
 * connection, and resumes when a probe's ACK opens the window. The target is the sender: the
 * application writes 64 KB, the peer takes the first flight and closes its window.
 */
public class ZeroWindowProbeTest extends ConformanceTest {

  /** What the application writes: far more than one flight. */
  static final int APP_DATA = 64 * 1024;

  /**
   * How long the peer waits for the next probe: the third comes about 4 RTO after the window
   * closed, and RFC 6298 2.4 lets the RTO be 1 s; with the tolerance, and room for a stack
   * whose probe timer has a floor of its own (slirp: 5 s). How soon the first probe comes is
   * judged by SHLD-29, not by this wait.
   */
  static final Duration PROBE_WAIT = Duration.ofSeconds(8);

  private static final int OPEN = 65535;

  @Requirement(id = "9293/MUST-36", section = "3.8.6.1", level = MUST)
  @Test(
      description =
          "With all data acknowledged and SND.WND = 0, the sender probes the window (one octet"
              + " at SND.UNA, or an empty ACK at SND.UNA-1) instead of sending data, keeps probing"
              + " while the window stays zero, and resumes at SND.UNA when an ACK opens it")
  public void zero_window_is_probed_and_data_resumes_when_it_opens() {
    // GIVEN a connection whose application has 64 KB to send, and the first flight received
    TcpPeer peer = Handshake.to(lane, agent(), 8500).complete()
        .appSends(Octets.of(0, APP_DATA)).peer();
    Flight.receive(peer);

    // WHEN the peer acknowledges all of it with window 0 (SND.UNA = RCV.NXT of the peer)
    SeqNum una = peer.rcvNxt();
    peer.send(ack().ack(una).window(0));

    // THEN the target probes the window, again after each probe is answered with window 0 (the
    // wait for a probe grows with the backoff: twice the interval before, and the margin)
    Duration wait = PROBE_WAIT;
    for (int probe = 1; probe <= 3; probe++) {
      Arrival a = peer.nextSegment(within(wait));
      peer.send(ack().ack(una).window(probe < 3 ? 0 : OPEN)); // answered at once, judged after
      thenIsProbe(a, una, probe);
      wait = a.sinceStimulus().multipliedBy(2).plus(PROBE_WAIT);
    }

    // AND after the third answer opened the window, data resumes at SND.UNA
    Arrival resumed = peer.firstSegmentMatching(anySegment().seq(una), within(PROMPTLY));
    then(resumed).isPresent();
    then(resumed.segment().payloadLength())
        .as("octets of the first segment after the window opened: %s", resumed)
        .isGreaterThan(1);
  }

  @Requirement(id = "9293/SHLD-29", section = "3.8.6.1", level = SHOULD)
  @Requirement(id = "9293/SHLD-30", section = "3.8.6.1", level = SHOULD)
  @Test(
      description =
          "The first zero-window probe comes one RTO after the window closed (the RTO measured"
              + " on a twin connection whose window stays open, from the retransmission of"
              + " unacknowledged data), and each later interval is about double the one before")
  public void probes_start_one_rto_after_the_window_closes_and_back_off_exponentially() {
    // GIVEN the target's RTO here: a twin connection, the same exchange but its window left open,
    // then nothing acknowledged (measured apart: after the probes, a stack may keep the probes'
    // backoff in its RTO, as RFC 6298 5.5 lets it)
    TcpPeer twin = Handshake.to(lane, agent(), 8503).complete()
        .appSends(Octets.of(0, APP_DATA)).peer();
    Flight.receive(twin);
    SeqNum twinUna = twin.rcvNxt();
    twin.send(ack().ack(twinUna).window(OPEN));
    Duration rto = rtoOfRetransmission(twin, twinUna);
    twin.abort();

    // AND a connection whose application has 64 KB to send, and the first flight received
    TcpPeer peer = Handshake.to(lane, agent(), 8501).complete()
        .appSends(Octets.of(0, APP_DATA)).peer();
    Flight.receive(peer);

    // WHEN the peer acknowledges all of it with window 0, and answers each probe with window 0
    SeqNum una = peer.rcvNxt();
    peer.send(ack().ack(una).window(0));
    // (each probe is answered at once and judged after: the answer restarts the target's timer)
    Arrival p1 = peer.nextSegment(within(PROBE_WAIT));
    peer.send(ack().ack(una).window(0));
    thenIsProbe(p1, una, 1);
    Duration first = p1.sinceStimulus();
    Arrival p2 = peer.nextSegment(within(first.multipliedBy(2).plus(PROBE_WAIT)));
    peer.send(ack().ack(una).window(0));
    thenIsProbe(p2, una, 2);
    Arrival p3 = peer.nextSegment(within(p2.since(p1).multipliedBy(2).plus(PROBE_WAIT)));
    thenIsProbe(p3, una, 3);


    // (an interval counts from the probe before, or from the peer's answer to it: a stack may
    // restart its timer on that ACK, and a late answer would otherwise stretch the interval)
    Duration i2 = interval(p2, p1, first.multipliedBy(2));
    Duration i3 = interval(p3, p2, i2.multipliedBy(2));
    new MeasuredIntervals()
        .about("window closed -> probe 1 (expected: the RTO, measured)", first, rto)
        .note("probe 1 -> probe 2, from the answer to probe 1", p2.sinceStimulus())
        .about("probe 1 -> probe 2", p2.since(p1), first.multipliedBy(2))
        .note("probe 2 -> probe 3, from the answer to probe 2", p3.sinceStimulus())
        .about("probe 2 -> probe 3", p3.since(p2), i2.multipliedBy(2)).attach();

    // THEN the first probe came one RTO after the window closed
    thenOnTime("the first zero-window probe (one RTO after the window closed)", first, rto);
    // AND each interval doubled the one before (exponential backoff)
    thenOnTime("the second probe (2 x the first interval)", i2, first.multipliedBy(2));
    thenOnTime("the third probe (2 x the second interval)", i3, i2.multipliedBy(2));
  }

  @Requirement(id = "9293/MUST-35", section = "3.8.6", level = MUST)
  @Test(
      description =
          "When an ACK shrinks the window to zero while data is in flight, the sender probes"
              + " the zero window (probes or retransmissions from SND.UNA, no new data) and"
              + " resumes with new data when the window opens")
  public void window_shrunk_to_zero_with_data_in_flight_is_probed() {
    // GIVEN a connection whose application has 64 KB to send, and the first flight received
    TcpPeer peer = Handshake.to(lane, agent(), 8502).complete()
        .appSends(Octets.of(0, APP_DATA)).peer();
    Flight flight = Flight.receive(peer);
    SeqNum sent = flight.end();

    // WHEN the peer acknowledges only the first segment, with window 0: the rest of the flight
    // now lies beyond the right edge
    SeqNum una = flight.segments().get(0).segment().seq()
        .plus(flight.segments().get(0).segment().payloadLength());
    if (!una.isBefore(sent)) {
      throw new HarnessException("the first flight was one segment (" + flight.segments()
          + "): no data would be left in flight");
    }
    peer.send(ack().ack(una).window(0));

    // THEN the target probes the zero window twice, each answered with window 0
    for (int probe = 1; probe <= 2; probe++) {
      Arrival a = peer.nextSegment(within(PROBE_WAIT));
      peer.send(ack().ack(una).window(0)); // answered at once, judged after
      then(a).isPresent();
      then(Probes.isProbeOrRetransmission(a.segment(), una, sent))
          .as("probe %d: expected %s, or data sent before (up to SND.NXT = %s) sent again from"
              + " SND.UNA; got %s", probe, Probes.describe(una), sent, a)
          .isTrue();
    }

    // WHEN the peer acknowledges everything sent and opens the window
    peer.send(ack().ack(sent).window(OPEN));

    // THEN new data follows, from the old SND.NXT
    Arrival resumed = peer.firstSegmentMatching(anySegment().seq(sent), within(PROMPTLY));
    then(resumed).isPresent();
    then(resumed.segment().payloadLength())
        .as("octets of the first new segment after the window opened: %s", resumed)
        .isGreaterThan(0);
  }

  private static void thenIsProbe(Arrival a, SeqNum una, int n) {
    then(a).isPresent();
    then(Probes.isProbe(a.segment(), una))
        .as("segment %d after the window closed: expected %s; got %s", n, Probes.describe(una), a)
        .isTrue();
  }

  /**
   * The interval before {@code probe}: from the probe before it, or from the peer's answer to
   * that probe (the last segment the peer sent), whichever is nearer {@code expected}.
   */
  private static Duration interval(Arrival probe, Arrival before, Duration expected) {
    Duration fromProbe = probe.since(before);
    Duration fromAnswer = probe.sinceStimulus();
    return fromProbe.minus(expected).abs().compareTo(fromAnswer.minus(expected).abs()) <= 0
        ? fromProbe : fromAnswer;
  }

  private static void thenOnTime(String what, Duration actual, Duration expected) {
    then(TimingModel.onTime(expected, actual))
        .as("%s: expected after %s (%s), but it came after %s: right segment, %s", what,
            Durations.seconds(expected), TimingModel.explain(expected), Durations.seconds(actual),
            actual.compareTo(expected) > 0
                ? Durations.seconds(actual.minus(expected)) + " late"
                : Durations.seconds(expected.minus(actual)) + " early")
        .isTrue();
  }

  /**
   * The RTO the target shows while the peer acknowledges nothing: the time from the moment its
   * retransmission timer started to the retransmission of SND.UNA. The timer starts with the
   * first transmission of SND.UNA (RFC 6298 5.1) and a stack restarts it when it retransmits
   * another segment first (a tail-loss probe). A target that never retransmits leaves nothing to
   * measure: the test is broken (another rule covers that); so is one that retransmits data the
   * peer acknowledged (its timer fired before the ACK: the harness was late, the test is retried).
   */
  private static Duration rtoOfRetransmission(TcpPeer peer, SeqNum una) {
    Arrival timerStart = null;
    SeqNum highest = una;
    for (int i = 0; i < 200; i++) {
      Arrival a = peer.nextSegment(within(PROBE_WAIT));
      if (!a.isPresent()) {
        break;
      }
      SeqNum start = a.segment().seq();
      SeqNum end = start.plus(a.segment().payloadLength());
      if (a.segment().payloadLength() > 0 && end.isAtOrBefore(una)) {
        // data the peer had acknowledged: the target's timer fired before that ACK arrived, so
        // its RTO is backed off now and would be measured so
        throw new LateHarnessException("the target retransmitted " + a + " before the harness"
            + " acknowledged the twin connection's first flight (a busy host; run it again)");
      }
      boolean fromUna = start.equals(una) && a.segment().payloadLength() > 0;
      if (fromUna && timerStart != null) {
        return a.since(timerStart);
      }
      if (fromUna || (timerStart != null && end.isAtOrBefore(highest)
          && a.segment().payloadLength() > 0)) {
        timerStart = a;
      }
      if (end.isAfter(highest)) {
        highest = end;
      }
    }
    throw new HarnessException("could not measure the target's RTO: no retransmission of "
        + una + " after the window opened (timer started by: " + timerStart + ")");
  }
}
