package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.LateHarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Durations;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's data in flight and unacknowledged: a connection the peer opened, on which the
 * application wrote {@code n} full-sized segments' worth at once, and the data segments that left
 * the target before it went quiet (the peer acknowledged none of them). Segment {@code i} is the
 * one at SEQ = start+i&middot;SMSS, start being ISS+1 for the first flight. A target whose data
 * does not leave makes the test broken: the rule under test is about what happens after.
 *
 * @param connection the connection, established and accepted
 * @param smss the target's segment size, read from its first segment
 * @param start SND.UNA: ISS+1, or where slow start left it ({@link #grown})
 * @param written the end of what the application wrote (sent or still queued)
 * @param segments the target's data segments until it went quiet, first transmissions and any
 *     early repeat, in the order captured
 */
record Flight(
    Established connection, int smss, SeqNum start, SeqNum written, List<Arrival> segments) {

  /**
   * How long the target must stay silent for its flight to be over: far above the time it takes
   * to send a window of segments back to back, far below any retransmission timer (Linux's
   * minimum RTO is 200 ms; RFC 6298 2.4 asks for 1 s).
   */
  static final Duration QUIET = Duration.ofMillis(30);

  /**
   * How long after a stimulus (a duplicate ACK, an ACK) the target's reaction to it is looked for:
   * a stack answers an ACK at once, in the same pass through its input, so a segment that the
   * stimulus released comes within microseconds; 100 ms is also below any RTO in use, so a
   * timer's retransmission is not mistaken for a reaction.
   */
  static final Duration REACTION = Duration.ofMillis(100);

  /**
   * How soon after the flight left the peer's stimuli (duplicate ACKs, SACKs) must all have gone
   * out: well before any retransmission timer (Linux's minimum RTO is 200 ms), so that what
   * follows them is their doing. A harness slower than that (a busy host) makes the test broken.
   */
  static final Duration SCHEDULE = Duration.ofMillis(150);

  /** How long the tail of a flight cut into smaller segments is waited for, at most. */
  static final Duration TAIL_WAIT = Duration.ofMillis(700);

  /** The end of the highest segment among {@code arrivals}, {@code start} if none. */
  private static SeqNum endOf(List<Arrival> arrivals, SeqNum start) {
    SeqNum end = start;
    for (Arrival a : arrivals) {
      SeqNum e = a.segment().seq().plus(a.segment().segLen());
      end = e.isAfter(end) ? e : end;
    }
    return end;
  }

  /**
   * The data written: {@code n} segments of the link's MSS (1460 octets, 1440 over IPv6: the
   * peer's default MSS, {@code TcpPeer#defaultMss()}; no options on data).
   */
  static Flight of(Handshake handshake, int n) {
    return of(handshake.complete(), n);
  }

  /** The same on a connection opened another way. */
  static Flight of(Established c, int n) {
    byte[] data = new byte[n * c.peer().defaultMss()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    c.appSends(data);
    List<Arrival> got = new ArrayList<>(
        dataOnly(c.peer().segmentsUntilQuiet(QUIET, within(Duration.ofSeconds(1)))));
    if (got.isEmpty()) {
      throw new HarnessException("the application wrote " + data.length + " octets but no data"
          + " segment left the target within 1 s");
    }
    int smss = got.get(0).segment().payloadLength();
    int tail = data.length % smss;
    SeqNum start = c.peer().irs().plus(1);
    SeqNum written = start.plus(data.length + (tail == 0 ? 0 : smss - tail));
    if (tail != 0) {
      // a sender whose SMSS is below the link's (allowed: the peer's MSS is an upper bound) cut
      // the data into segments of its own size: the application fills the last one, so that the
      // flight is whole segments of SMSS and segment i starts at SND.UNA + i * SMSS
      c.appSends(new byte[smss - tail]);
      // until all of it left, or the window holds it back: a stack that reads its application's
      // data on its own poll loop (slirp) may send the tail well after the rest
      long deadline = System.nanoTime() + TAIL_WAIT.toNanos();
      do {
        got.addAll(dataOnly(c.peer().segmentsUntilQuiet(QUIET, within(Duration.ofSeconds(1)))));
      } while (endOf(got, start).isBefore(written) && System.nanoTime() < deadline);
    }
    return new Flight(c, smss, start, written, got);
  }

  /**
   * The window slow start makes of this flight: the peer acknowledges one segment at a time, each
   * after the target's reaction, at least once and until {@code n} are outstanding (at most 20
   * ACKs). A stack whose initial window is small (3 segments is what RFC 5681 allows for SMSS
   * 1460) still gives the tests the flight they need, and the loss a test stages is never the
   * connection's first data (whose duplicate ACKs, ACK = ISS+1, sit on RFC 6582's initial
   * recovery point). The result's segment 0 is the first unacknowledged one; broken if the
   * window did not grow.
   */
  Flight grown(int n) {
    return grow(n, false);
  }

  /**
   * The slow-start ACKs of {@link #grown}; with {@code refill} the application first writes what
   * the next ACK leaves short of {@code n} segments beyond it, so that at the end all it wrote is
   * outstanding.
   */
  private Flight grow(int n, boolean refill) {
    SeqNum sndUna = start;
    SeqNum sndNxt = end();
    SeqNum wrote = written;
    List<Arrival> all = new ArrayList<>(segments);
    for (int a = 1; (a == 1 || sndUna.distanceTo(sndNxt) < (long) n * smss) && a <= 20; a++) {
      SeqNum wanted = sndUna.plus((long) (n + 1) * smss);
      if (refill && wrote.isBefore(wanted)) {
        connection.appSends(new byte[(int) wrote.distanceTo(wanted)]);
        wrote = wanted;
      }
      sndUna = sndUna.plus(smss);
      peer().send(ack().ack(sndUna));
      List<Arrival> reaction = reactionTo("slow-start ACK " + a, QUIET);
      requireNoTimerRepeat(reaction, sndNxt, "slow-start ACK " + a);
      for (Arrival s : reaction) {
        all.add(s);
        SeqNum e = s.segment().seq().plus(s.segment().segLen());
        sndNxt = e.isAfter(sndNxt) ? e : sndNxt;
      }
    }
    SeqNum una = sndUna;
    Flight g = new Flight(connection, smss, una, wrote,
        all.stream().filter(s -> !s.segment().seq().isBefore(una)).toList());
    if (g.originals().size() < n) {
      throw new HarnessException("the target's window did not grow to " + n + " segments under"
          + " slow start (one ACK per segment): " + describe(g.segments()));
    }
    return g;
  }

  /** The data segments among {@code arrivals} (the target's ACKs and control segments left out). */
  static List<Arrival> dataOnly(List<Arrival> arrivals) {
    List<Arrival> data = new ArrayList<>();
    for (Arrival a : arrivals) {
      if (a.segment().payloadLength() > 0) {
        data.add(a);
      }
    }
    return data;
  }

  /**
   * Sends {@code stimulus}; broken if it went out later than {@link #SCHEDULE} after the flight's
   * last segment (the target's timer could have acted first).
   */
  void sendInTime(Segment.Builder stimulus, String what) {
    peer().send(stimulus);
    long last = segments.stream().mapToLong(Arrival::epochNanos).max().orElseThrow();
    Duration late = Duration.ofNanos(Captured.nowNanos() - last);
    if (late.compareTo(SCHEDULE) > 0) {
      throw new LateHarnessException("the harness sent " + what + " " + Durations.seconds(late)
          + " after the flight, later than " + Durations.seconds(SCHEDULE) + ": too late for the"
          + " target's timers to stay out of the test (a busy host; run it again)");
    }
  }

  /**
   * The target's data segments until it settles for {@code settled}: its reaction to the
   * stimulus the peer sent last ({@code what}). Broken if the harness read them late: a segment
   * captured before the stimulus went out, or more than {@link #REACTION} after it, is not its
   * reaction.
   */
  List<Arrival> reactionTo(String what, Duration settled) {
    List<Arrival> reaction = dataOnly(peer().segmentsUntilQuiet(settled, within(REACTION)));
    for (Arrival a : reaction) {
      if (a.epochNanos() < a.stimulusNanos() || a.sinceStimulus().compareTo(REACTION) > 0) {
        throw new LateHarnessException("the harness was late: " + a + " was captured "
            + Durations.seconds(a.sinceStimulus()) + " after " + what + " went out, outside the"
            + " reaction window of " + Durations.seconds(REACTION) + " (a busy host; run it again)");
      }
    }
    return reaction;
  }

  /**
   * Broken (and retried) if {@code reaction} repeats data below {@code sndNxt}: between the
   * peer's ACKs of new data only the target's retransmission timer sends old data again, and it
   * fires only when the harness was slower than the RTO (a busy host). Such a repeat would also
   * move the segment grid the test counts on.
   */
  static void requireNoTimerRepeat(List<Arrival> reaction, SeqNum sndNxt, String what) {
    for (Arrival a : reaction) {
      if (a.segment().seq().isBefore(sndNxt)) {
        throw new LateHarnessException("the target's retransmission timer fired during the test"
            + " (" + a + " after " + what + "): the harness was slower than the RTO between two"
            + " ACKs (a busy host; run it again)");
      }
    }
  }

  TcpPeer peer() {
    return connection.peer();
  }

  /** SEQ of segment {@code i}. */
  SeqNum seqOf(int i) {
    return start().plus((long) i * smss);
  }

  /** Segment {@code i} as it left the first time (PSH may be set on the last of a write). */
  SegmentPattern segment(int i) {
    return withFlags(ACK).flagOptional(PSH).seq(seqOf(i)).payloadLength(smss);
  }

  /** The first transmissions of the flight, in order (repeats left out). */
  List<Arrival> originals() {
    List<Arrival> firsts = new ArrayList<>();
    for (Arrival a : segments) {
      if (firsts.stream().noneMatch(f -> f.segment().seq().equals(a.segment().seq()))) {
        firsts.add(a);
      }
    }
    return firsts;
  }

  /** The first transmission of segment {@code i}; broken if the flight did not include it. */
  Arrival original(int i) {
    SeqNum seq = seqOf(i);
    return originals().stream().filter(a -> a.segment().seq().equals(seq)).findFirst()
        .orElseThrow(() -> new HarnessException("segment " + i + " (SEQ=SND.UNA+" + i + "*" + smss
            + " from SND.UNA) did not leave the target with the flight; it sent "
            + describe(segments)));
  }

  /**
   * This flight if at least {@code n} distinct segments left at once; otherwise (a stack whose
   * initial window is smaller: RFC 5681 3.1 sets only its upper bound) the window is
   * {@link #grown} to {@code n}, the application writing one segment more before each slow-start
   * ACK, so that again all it wrote is in flight. Broken if the window does not grow.
   */
  Flight atLeast(int n) {
    return originals().size() >= n ? this : grow(n, true);
  }

  /**
   * How long after the retransmission timer last started {@code retransmission} arrived: the
   * timer starts when segment 0 is sent, and starts again when an ACK of new data arrives (RFC
   * 6298 5.3), as the slow-start ACKs of a {@link #grown} flight do; the peer's last injection
   * before the retransmission is such an ACK when it came after segment 0.
   */
  Duration sinceTimerStart(Arrival retransmission) {
    long start = Math.max(original(0).epochNanos(), retransmission.stimulusNanos());
    return Duration.ofNanos(retransmission.epochNanos() - start);
  }

  /** Broken unless at least {@code n} distinct segments left: the setup the test needs. */
  Flight requireSegments(int n) {
    if (originals().size() < n) {
      throw new HarnessException("expected the target to send at least " + n + " segments of the"
          + " application's data before waiting for ACKs, it sent " + describe(segments));
    }
    return this;
  }

  /** SND.NXT of the target after the flight. */
  SeqNum end() {
    return endOf(segments, start);
  }

  /** One line per segment, relative to ISS. */
  static String describe(List<Arrival> arrivals) {
    if (arrivals.isEmpty()) {
      return "nothing";
    }
    List<String> lines = new ArrayList<>();
    arrivals.forEach(a -> lines.add(a.toString()));
    return arrivals.size() + " segment(s): " + String.join("; ", lines);
  }

  /**
   * A transmission of data the target had sent before, and the transmission before it (same
   * SEG.SEQ): a retransmission, by whatever mechanism.
   */
  record Repeat(Arrival arrival, Arrival previous) {
    Duration gap() {
      return arrival.since(previous);
    }
  }

  /** Every repeat among {@code arrivals}, in order, each paired with the transmission before it. */
  static List<Repeat> repeats(List<Arrival> arrivals) {
    List<Repeat> out = new ArrayList<>();
    for (int i = 0; i < arrivals.size(); i++) {
      SeqNum seq = arrivals.get(i).segment().seq();
      for (int j = i - 1; j >= 0; j--) {
        if (arrivals.get(j).segment().seq().equals(seq)) {
          out.add(new Repeat(arrivals.get(i), arrivals.get(j)));
          break;
        }
      }
    }
    return out;
  }
}
