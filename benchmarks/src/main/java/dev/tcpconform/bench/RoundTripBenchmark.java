package dev.tcpconform.bench;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.syn;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.bed.Testbed;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.TcpFlag;
import dev.tcpconform.crafter.codec.FrameEncoder;
import java.time.Duration;

/**
 * The round trip of a real exchange with a real target, as a test makes it: on a Linux lane (the
 * kernel in its namespace), a fresh {@link TcpPeer} sends a SYN to the closed port and awaits the
 * RST,ACK with {@code nextSegment}. For each of {@link #EXCHANGES} exchanges (after {@link
 * #WARMUP} not counted):
 *
 * <ul>
 *   <li><b>round trip</b>: {@code System.nanoTime} before {@code send} to the return of {@code
 *       nextSegment} (crafting, injection, the target's stack, capture, matching);
 *   <li><b>harness-added</b>: the wall clock when {@code nextSegment} returned minus the kernel's
 *       capture timestamp of the RST (libpcap's ring, the reader thread, decoding,
 *       demultiplexing, waking the test thread);
 *   <li><b>on the wire</b>: the RST's capture timestamp minus the SYN's send time.
 * </ul>
 *
 * Each harness exchange is followed by one of plain libpcap on the same lane, so that load from
 * other processes falls on both alike: a prepared SYN sent with {@code sendPacket} and the RST
 * read back by {@code getNextRawPacketEx} on the same thread. Its added latency (return minus
 * capture timestamp) is what the machine's scheduler and libpcap cost before the harness does
 * anything.
 */
final class RoundTripBenchmark {

  static final int WARMUP = 300;
  static final int EXCHANGES = 2000;

  private final Figures figures;

  RoundTripBenchmark(Figures figures) {
    this.figures = figures;
  }

  void run() {
    long[] roundTrip = new long[EXCHANGES];
    long[] added = new long[EXCHANGES];
    long[] wire = new long[EXCHANGES];
    long[] plainRoundTrip = new long[EXCHANGES];
    long[] plainAdded = new long[EXCHANGES];
    int missed = 0;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(30));
        Lane lane = bed.openLane();
        Pcap plain = Pcap.receiver(lane.plan().hostInterface(),
            "tcp and src host " + lane.target().address() + " and tcp[13] & 4 != 0")) {
      int port = lane.target().closedPort();
      for (int i = 0; i < WARMUP + EXCHANGES; i++) {
        lane.wire().beginTest("bench", "rtt.pcap");
        TcpPeer peer = lane.peerTo(port);
        long t0 = System.nanoTime();
        peer.send(syn());
        Arrival a = peer.nextSegment(within(Duration.ofSeconds(1)));
        long t1 = System.nanoTime();
        long matched = Captured.nowNanos();
        if (!a.isPresent() || !a.segment().has(TcpFlag.RST)) {
          missed++;
          if (missed > 10) {
            throw new HarnessException("more than 10 SYNs to the closed port drew no RST: " + a);
          }
          i--;
          continue;
        }
        long[] p = plainExchange(lane, plain, port);
        if (p == null) {
          missed++;
          i--;
          continue;
        }
        if (i >= WARMUP) {
          int k = i - WARMUP;
          roundTrip[k] = t1 - t0;
          added[k] = matched - a.epochNanos();
          wire[k] = a.epochNanos() - a.stimulusNanos();
          plainRoundTrip[k] = p[0];
          plainAdded[k] = p[1];
        }
        if (i % 100 == 99) {
          lane.endTest(); // forgets the peers, as the end of a test does
        }
      }
    }
    put("rtt.roundTrip", new Stats(roundTrip));
    put("rtt.added", new Stats(added));
    put("rtt.wire", new Stats(wire));
    put("rtt.plain.roundTrip", new Stats(plainRoundTrip));
    put("rtt.plain.added", new Stats(plainAdded));
    figures.put("rtt.exchanges", EXCHANGES);
    figures.put("rtt.missed", missed);
  }

  /** {round trip, added} in nanoseconds of one plain libpcap exchange, or null if no RST came. */
  private static long[] plainExchange(Lane lane, Pcap plain, int port) {
    int local = lane.freshPort();
    byte[] frame = FrameEncoder.encode(Segments.syn()
        .srcMac(lane.plan().peerMac())
        .dstMac(lane.target().mac())
        .src(lane.plan().peerAddress())
        .dst(lane.target().address())
        .srcPort(local)
        .dstPort(port)
        .seq(1000)
        .window(65535)
        .build());
    long t0 = System.nanoTime();
    plain.send(frame);
    long deadline = t0 + Duration.ofSeconds(1).toNanos();
    byte[] raw;
    do {
      raw = plain.next(deadline);
    } while (raw != null && ((raw[36] & 0xFF) << 8 | raw[37] & 0xFF) != local); // TCP dst port
    long t1 = System.nanoTime();
    long matched = Captured.nowNanos();
    return raw == null ? null : new long[] {t1 - t0, matched - plain.lastEpochNanos()};
  }

  private void put(String key, Stats s) {
    figures.put(key + ".medianUs", s.median() / 1000.0);
    figures.put(key + ".p99Us", s.percentile(99) / 1000.0);
    figures.put(key + ".maxUs", s.max() / 1000.0);
  }
}
