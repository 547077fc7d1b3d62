package dev.tcpconform.suites.window;

import static dev.tcpconform.core.expect.Within.within;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import java.time.Duration;
import java.util.List;

/**
 * What the target sends while the peer lets it: every segment of the flow until the target has
 * been quiet for {@link #QUIET}, each taken into the peer's state (so RCV.NXT is the end of the
 * in-order data). A fact; the window tests use it to bring data into flight.
 *
 * @param segments the arrivals, in order
 */
record Flight(List<Arrival> segments) {

  /** Far longer than the target needs between two segments of one burst on a veth pair. */
  static final Duration QUIET = Duration.ofMillis(40);

  /** The flight that the application's write starts; none at all is a harness problem. */
  static Flight receive(TcpPeer peer) {
    List<Arrival> got = peer.segmentsUntilQuiet(QUIET, within(Duration.ofSeconds(2)));
    if (got.stream().noneMatch(a -> a.segment().payloadLength() > 0)) {
      throw new HarnessException("the target sent no data after the application's write"
          + " (got " + got + "): the window test cannot start");
    }
    return new Flight(got);
  }

  /** The sequence number just past the highest octet of the flight. */
  SeqNum end() {
    SeqNum end = null;
    for (Arrival a : segments) {
      Segment s = a.segment();
      SeqNum e = s.seq().plus(s.payloadLength());
      if (end == null || e.isAfter(end)) {
        end = e;
      }
    }
    return end;
  }

  /** The last segment of the flight. */
  Arrival last() {
    return segments.get(segments.size() - 1);
  }
}
