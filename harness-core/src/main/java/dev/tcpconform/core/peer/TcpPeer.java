package dev.tcpconform.core.peer;

import static dev.tcpconform.core.assertion.TcpAssertions.then;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.expect.Within;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.link.Flow;
import dev.tcpconform.core.link.FlowKey;
import dev.tcpconform.core.link.Wire;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.TcpFlags;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.crafter.option.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The emulated remote host of one connection. It keeps the sequence state a real peer would (ISS,
 * SND.UNA, SND.NXT, IRS, RCV.NXT) so that a test writes {@code peer.send(ack().payload("hi"))} and
 * the numbers are right; any field the test sets goes out as is.
 *
 * <p>State rules (packetimpact's {@code outgoing}/{@code incoming}): a SYN sent before the target's
 * SYN was seen, or with its number left to the peer, sets ISS; a segment
 * whose sequence number was left to the peer advances SND.NXT by SEG.LEN, unless its checksum was
 * deliberately broken (the target drops it); a segment whose sequence number the test set leaves
 * the state alone (it is a deliberate out-of-line segment). A SYN from the target sets IRS and
 * RCV.NXT; an in-order segment advances RCV.NXT; an acceptable ACK advances SND.UNA.
 */
public final class TcpPeer implements AutoCloseable {

  /** The harness's initial sequence number unless a test chooses one. */
  public static final SeqNum DEFAULT_ISS = SeqNum.of(1000);

  private final Wire wire;
  private final Endpoint local;
  private final Endpoint remote;
  private final FlowKey key;
  private final Flow flow;

  private SeqNum iss = DEFAULT_ISS;
  private SeqNum sndUna = DEFAULT_ISS;
  private SeqNum sndNxt = DEFAULT_ISS;
  private SeqNum irs;
  private SeqNum rcvNxt;
  private int window = 65535;
  private long lastInjectedNanos = Captured.nowNanos();
  private Segment lastReceived;
  /** The shapes of the target's segments that occupied sequence space, for spotting repeats. */
  private final java.util.Set<String> seenBefore = new java.util.HashSet<>();
  private boolean timestamps;
  private final long tsOriginNanos = System.nanoTime();
  private long lastTsVal;
  private Long tsRecent;
  /** The ACK field of the last segment the peer sent with ACK (RFC 7323's Last.ACK.sent). */
  private SeqNum lastAckSent;

  public TcpPeer(Wire wire, Endpoint local, Endpoint remote) {
    this.wire = wire;
    this.local = local;
    this.remote = remote;
    this.key = new FlowKey(local.address(), local.port(), remote.address(), remote.port());
    this.flow = wire.openFlow(key);
  }

  /**
   * Sends one segment: fields the test left unset are filled from the peer's state (addresses,
   * ports, MACs, SEQ = SND.NXT, ACK = RCV.NXT when the ACK flag is set, window); fields it set are
   * sent verbatim. Returns the segment exactly as it went on the wire.
   */
  public Segment send(Segment.Builder segment) {
    Segment.Builder defaults =
        Segment.builder()
            .srcMac(local.mac())
            .dstMac(remote.mac())
            .src(local.address())
            .dst(remote.address())
            .srcPort(local.port())
            .dstPort(remote.port())
            .window(window);
    boolean seqChosen = segment.seq() != null;
    if (!seqChosen) {
      defaults.seq(sndNxt);
    }
    TcpFlags flags = segment.flags() == null ? TcpFlags.none() : segment.flags();
    if (segment.ack() == null && flags.has(TcpFlag.ACK) && rcvNxt != null) {
      defaults.ack(rcvNxt);
    }
    if (timestamps && segment.options() == null && !flags.has(TcpFlag.RST)) {
      defaults.option(nextTimestamps(flags.has(TcpFlag.ACK)));
    }
    Segment built = segment.fillUnset(defaults).build();
    Captured c = wire.inject(built);
    lastInjectedNanos = c.epochNanos();
    Segment sent = ((Frame.Tcp) c.frame()).segment();
    if (sent.has(TcpFlag.ACK) && !sent.has(TcpFlag.RST)) {
      lastAckSent = sent.ack();
    }
    if (sent.has(TcpFlag.SYN) && (irs == null || !seqChosen)) {
      // a new connection attempt; a SYN chosen by the test on a synchronized connection is a
      // deliberate out-of-line segment and leaves the state alone
      iss = sent.seq();
      sndUna = sent.seq();
      sndNxt = sent.seq().plus(sent.segLen());
    } else if (!seqChosen && sent.tcpChecksumOk()) {
      sndNxt = sndNxt.plus(sent.segLen());
    }
    return sent;
  }

  /** The next segment the target sends on this flow, or nothing by the deadline. A fact. */
  public Arrival nextSegment(Within within) {
    long start = Captured.nowNanos();
    Captured c = flow.poll(within.deadlineNanos());
    if (c != null) {
      received(((Frame.Tcp) c.frame()).segment());
    } else {
      wire.vouchForSilence();
    }
    return new Arrival(c, key, "the next segment from " + remote, within, start,
        lastInjectedNanos, List.of(), wire);
  }

  /**
   * The next segment on this flow that is not a retransmission by the target's own timer: a
   * segment with SEG.LEN &gt; 0 whose whole sequence space the peer has already received
   * (SEG.SEQ+SEG.LEN &lt;= RCV.NXT) and that repeats an earlier segment of the target's (same
   * SEG.SEQ, SEG.LEN, SYN, FIN and ACK flags: a SYN, SYN,ACK, FIN or data sent again) is passed
   * over and listed in the arrival, so that a failure message still shows it. Where the target
   * has a SYN or FIN outstanding, its retransmission timer says nothing about the segment under
   * test; this is the one rule for telling the two apart.
   */
  public Arrival nextNewSegment(Within within) {
    return firstSegment(s -> !isRetransmission(s),
        "the next segment from " + remote + " other than a retransmission", within);
  }

  /**
   * The first segment on this flow that matches {@code pattern}, passing over others (they are
   * listed in a failure message). "Eventually", written out.
   */
  public Arrival firstSegmentMatching(SegmentPattern pattern, Within within) {
    return firstSegment(pattern::matches, "a segment from " + remote + " like " + pattern, within);
  }

  /** The first segment {@code wanted} takes; every other one is taken into the state, and kept. */
  private Arrival firstSegment(Predicate<Segment> wanted, String awaited, Within within) {
    long start = Captured.nowNanos();
    long deadline = within.deadlineNanos();
    List<Captured> skipped = new ArrayList<>();
    while (true) {
      Captured c = flow.poll(deadline);
      if (c == null) {
        wire.vouchForSilence();
        return new Arrival(null, key, awaited, within, start, lastInjectedNanos, skipped, wire);
      }
      Segment s = ((Frame.Tcp) c.frame()).segment();
      boolean taken = wanted.test(s); // before received(s): it may remember s
      received(s);
      if (taken) {
        return new Arrival(c, key, awaited, within, start, lastInjectedNanos, skipped, wire);
      }
      skipped.add(c);
    }
  }

  private boolean isRetransmission(Segment s) {
    return rcvNxt != null && s.segLen() > 0 && !s.has(TcpFlag.RST)
        && s.seq().plus(s.segLen()).isAtOrBefore(rcvNxt) && seenBefore.contains(shape(s));
  }

  /**
   * Every segment of this flow until none has come for {@code quiet} (or {@code within} ends),
   * each taken into the state; the arrivals in order. A fact: a flight, a burst of ACKs.
   */
  public List<Arrival> segmentsUntilQuiet(Duration quiet, Within within) {
    long end = within.deadlineNanos();
    List<Arrival> got = new ArrayList<>();
    while (true) {
      long now = System.nanoTime(); // the clock of Within's deadlines
      Arrival a = nextSegment(
          new Within(Duration.ofNanos(Math.max(0, Math.min(end, now + quiet.toNanos()) - now))));
      if (!a.isPresent()) {
        return got;
      }
      got.add(a);
      if (System.nanoTime() >= end) {
        return got;
      }
    }
  }

  /**
   * Tells the peer that it has sent, by segments whose sequence numbers the test chose, every
   * octet up to {@code end} (out-of-order sends, gap fills): SND.NXT becomes {@code end} if that is
   * later.
   */
  public TcpPeer sentUpTo(SeqNum end) {
    if (end.isAfter(sndNxt)) {
      sndNxt = end;
    }
    return this;
  }

  /** Asserts that the next segment of this flow matches {@code pattern}; returns it. */
  public Arrival expect(SegmentPattern pattern, Within within) {
    Arrival a = nextSegment(within);
    then(a).matches(pattern);
    return a;
  }

  /** Asserts that the target sends nothing on this flow for {@code duration}. */
  public void expectNothing(Duration duration) {
    then(nextSegment(Within.within(duration))).isAbsent();
  }

  /**
   * The MSS the harness's own SYNs offer unless a test says otherwise: a 1500-octet Ethernet MTU
   * less the fixed IP and TCP headers (RFC 9293 3.7.1, RFC 6691), 1460 over IPv4 and 1440 over
   * IPv6, so that a peer's full-sized segment fits the link either way.
   */
  public static int defaultMss(IpAddress address) {
    return address.version() == 6 ? 1500 - 40 - 20 : 1500 - 20 - 20;
  }

  /** {@link #defaultMss(IpAddress)} of this connection's IP version. */
  public int defaultMss() {
    return defaultMss(remote.address());
  }

  /**
   * Opens a connection to the target's listener the ordinary way (SYN with the default MSS, 1460
   * over IPv4 and 1440 over IPv6, SYN-ACK acking ISS+1, final ACK) and asserts each step; returns
   * the SYN-ACK's arrival.
   */
  public Arrival connect(Within within) {
    Segment.Builder synTemplate = Segments.syn().option(TcpOptions.mss(defaultMss()));
    if (timestamps) {
      synTemplate.option(nextTimestamps(false));
    }
    Segment syn = send(synTemplate);
    Arrival synAck =
        expect(SegmentPattern.withFlags(TcpFlag.SYN, TcpFlag.ACK).ack(syn.seq().plus(1)), within);
    send(Segments.ack());
    return synAck;
  }

  /** Resets the connection from the peer's side (RST at SND.NXT), e.g. to clean up after a test. */
  public void abort() {
    send(Segments.rst().seq(sndNxt));
  }

  /** Takes into the state a segment of this flow that was captured before the peer existed. */
  void receivedElsewhere(Segment s) {
    received(s);
  }

  /** What makes two of the target's segments the same transmission. */
  private static String shape(Segment s) {
    return s.seq() + "/" + s.segLen() + "/" + s.has(TcpFlag.SYN) + s.has(TcpFlag.FIN)
        + s.has(TcpFlag.ACK);
  }

  private void received(Segment s) {
    if (s.has(TcpFlag.RST)) {
      return;
    }
    if (s.segLen() > 0) {
      seenBefore.add(shape(s));
    }
    for (TcpOption o : s.options()) {
      // RFC 7323 4.3: TS.Recent takes SEG.TSval of the SYN, and later only of a segment at or
      // left of the last ACK the peer sent (SEG.SEQ <= Last.ACK.sent), never going back
      if (o instanceof Timestamps t && (s.has(TcpFlag.SYN)
          || (lastAckSent != null && s.seq().isAtOrBefore(lastAckSent)
              && (tsRecent == null || (int) (t.value() - tsRecent) >= 0)))) {
        tsRecent = t.value();
      }
    }
    lastReceived = s;
    if (s.has(TcpFlag.SYN)) {
      irs = s.seq();
      rcvNxt = s.seq().plus(s.segLen());
      wire.targetIsn(key, irs);
    } else if (rcvNxt != null && s.seq().equals(rcvNxt)) {
      rcvNxt = rcvNxt.plus(s.segLen());
    }
    if (s.has(TcpFlag.ACK) && s.ack().isAfter(sndUna) && s.ack().isAtOrBefore(sndNxt)) {
      sndUna = s.ack();
    }
  }

  /** Stops routing this flow's segments to the peer. */
  @Override
  public void close() {
    wire.closeFlow(key);
  }

  public Endpoint local() {
    return local;
  }

  public Endpoint remote() {
    return remote;
  }

  public SeqNum iss() {
    return iss;
  }

  public SeqNum sndUna() {
    return sndUna;
  }

  public SeqNum sndNxt() {
    return sndNxt;
  }

  /** The target's ISN, or null before its SYN was seen. */
  public SeqNum irs() {
    return irs;
  }

  /** The next sequence number expected from the target, or null before its SYN was seen. */
  public SeqNum rcvNxt() {
    return rcvNxt;
  }

  /** The last segment (other than a RST) the target sent on this flow, or null. */
  public Segment lastReceived() {
    return lastReceived;
  }

  /**
   * RFC 7323 timestamps from now on: every segment whose options the test left unset carries
   * {@code <TS val ecr>} (a RST none), TSval from a millisecond clock, TSecr TS.Recent when ACK is
   * set, else 0. A segment whose options the test set goes out as set; put
   * {@link #nextTimestamps(boolean)} among them to offer timestamps on a SYN.
   */
  public TcpPeer timestamps(boolean on) {
    this.timestamps = on;
    return this;
  }

  public boolean timestamps() {
    return timestamps;
  }

  /** The option the peer's next segment carries: a fresh TSval, and TSecr as above. */
  public Timestamps nextTimestamps(boolean ack) {
    long clock = 1_000_000L + (System.nanoTime() - tsOriginNanos) / 1_000_000L;
    lastTsVal = Math.max(clock, lastTsVal + 1) & 0xFFFF_FFFFL;
    return new Timestamps(lastTsVal, ack && tsRecent != null ? tsRecent : 0);
  }

  /** The last TSval the peer sent (the target's TS.Recent, if it took the segment). */
  public long lastTsVal() {
    return lastTsVal;
  }

  /** TS.Recent (RFC 7323 4.3): the target's TSval the peer echoes, or null before any. */
  public Long tsRecent() {
    return tsRecent;
  }

  /** The window the peer advertises unless a test sets one. */
  public TcpPeer window(int window) {
    this.window = window;
    return this;
  }

  @Override
  public String toString() {
    return "peer " + local + " -> " + remote + " (ISS " + iss + ", SND.NXT " + sndNxt
        + ", RCV.NXT " + rcvNxt + ")";
  }
}
