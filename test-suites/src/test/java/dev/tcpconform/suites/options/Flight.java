package dev.tcpconform.suites.options;

import static dev.tcpconform.core.expect.Within.within;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.SeqNum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the peer saw of the application's bytes: every data segment of the target, in order, and
 * the largest flight (octets sent beyond the peer's last ACK, SND.NXT - SND.UNA as the target
 * saw it). The peer acknowledges everything it has once the target falls quiet, as a receiver
 * that ACKs a whole flight at a time, until the expected bytes have come.
 *
 * @param segments the target's segments that carried data, as captured
 * @param seen every segment of the target meanwhile, data or not
 * @param largestFlight the most octets the target had sent beyond the peer's last ACK
 * @param received how many in-order octets the peer got
 */
record Flight(List<Segment> segments, List<Segment> seen, long largestFlight, long received) {

  /** How long the target's silence means its flight is out (far below its RTO of 200 ms+). */
  static final Duration QUIET = Duration.ofMillis(120);

  /**
   * Receives {@code length} octets of the application's data on {@code peer}'s connection,
   * acknowledging each flight; fewer within {@code limit} makes the test broken: the rule under
   * test (a size, a window) cannot be judged on data that never came.
   */
  static Flight receive(TcpPeer peer, int length, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    SeqNum start = peer.rcvNxt();
    SeqNum acked = start;
    List<Segment> segments = new ArrayList<>();
    List<Segment> seen = new ArrayList<>();
    long largest = 0;
    while (start.distanceTo(peer.rcvNxt()) < length) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new HarnessException("the application's " + length + " bytes did not all reach the"
            + " peer within " + limit.toMillis() + " ms (got " + start.distanceTo(peer.rcvNxt())
            + "): the target's segments cannot be judged");
      }
      List<Arrival> got = peer.segmentsUntilQuiet(QUIET, within(Duration.ofNanos(left)));
      for (Arrival a : got) {
        Segment s = a.segment();
        seen.add(s);
        if (s.payloadLength() > 0) {
          segments.add(s);
          largest = Math.max(largest, acked.distanceTo(s.seq().plus(s.payloadLength())));
        }
      }
      if (!peer.rcvNxt().equals(acked)) {
        peer.send(Segments.ack());
        acked = peer.rcvNxt();
      }
    }
    return new Flight(List.copyOf(segments), List.copyOf(seen), largest, start.distanceTo(peer.rcvNxt()));
  }

  /** The largest TCP payload plus TCP option bytes among the data segments (RFC 6691's MSS use). */
  int largestPayloadWithOptions() {
    return segments.stream().mapToInt(s -> s.payloadLength() + s.optionsLength()).max().orElse(0);
  }

  /** The data segment that carries the most payload plus option bytes. */
  Segment largest() {
    return segments.stream()
        .max(java.util.Comparator.comparingInt(s -> s.payloadLength() + s.optionsLength()))
        .orElseThrow();
  }

  /** One line per data segment, for the attachment: {@code P. 1:601(600) <TS ...>}. */
  String ladder() {
    StringBuilder b = new StringBuilder();
    segments.forEach(s -> b.append(s).append('\n'));
    return b.toString();
  }
}
