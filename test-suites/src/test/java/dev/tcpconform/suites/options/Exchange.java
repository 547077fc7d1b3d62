package dev.tcpconform.suites.options;

import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole connection, lived so that the target sends every kind of segment it can: the peer
 * opens offering MSS, SACK-permitted, timestamps and window scaling; the application writes
 * 5000 octets (data segments); the peer withholds its ACK of 100 more (a retransmission); the
 * peer sends data past a hole and then fills it (a duplicate ACK, with SACK blocks, and an ACK
 * of data); the peer closes and the application closes (ACK of a FIN, FIN). A fact: the target's
 * segments, in order, the SYN,ACK first.
 *
 * @param connection the connection as opened
 * @param targetSegments every segment the target sent on it, the SYN,ACK first
 * @param peerSegments every segment the peer sent on it after the handshake, as sent
 * @param retransmission the target's retransmission of the unacknowledged 100 octets
 */
record Exchange(Established connection, List<Segment> targetSegments, List<Segment> peerSegments,
    Segment retransmission) {

  private static final Duration STEP = Duration.ofSeconds(1);

  /** Lives a connection to {@code port} as above; the peer uses timestamps if the target agrees. */
  static Exchange live(Lane lane, Agent agent, int port) {
    Established c = Handshake.to(lane, agent, port)
        .offering(mss(1460), sackPermitted(), nop(), wscale(7)).timestamps().complete();
    TcpPeer peer = c.peer();
    List<Segment> target = new ArrayList<>();
    List<Segment> sent = new ArrayList<>();
    target.add(c.synAck().segment());

    // data segments
    c.appSends(new byte[5000]);
    Flight flight = Flight.receive(peer, 5000, Duration.ofSeconds(5));
    target.addAll(flight.seen());

    // a retransmission: 100 octets the peer does not acknowledge
    c.appSends(new byte[100]);
    Arrival first = peer.nextSegment(within(STEP));
    Arrival again = peer.nextSegment(within(Duration.ofSeconds(3)));
    if (!first.isPresent() || !again.isPresent()
        || !again.segment().seq().equals(first.segment().seq())) {
      throw new HarnessException("the target did not send and then retransmit 100 octets: got "
          + (first.isPresent() ? first.segment() : "nothing") + " then "
          + (again.isPresent() ? again.segment() : "nothing"));
    }
    target.add(first.segment());
    target.add(again.segment());
    sent.add(peer.send(Segments.ack()));
    target.addAll(quiet(peer));

    // a hole, then its filling: a duplicate ACK (with SACK blocks), then an ACK of all
    SeqNum hole = peer.sndNxt();
    sent.add(peer.send(Segments.data(new byte[100]).seq(hole.plus(100))));
    target.addAll(quiet(peer));
    sent.add(peer.send(Segments.data(new byte[100]).seq(hole)));
    peer.sentUpTo(hole.plus(200));
    target.addAll(quiet(peer));

    // both FINs
    sent.add(peer.send(Segments.fin()));
    target.addAll(quiet(peer));
    byte[] read = c.appReads(200, STEP); // unread data would turn the close into a RST
    if (read.length != 200) {
      throw new HarnessException("the application read " + read.length + " of the peer's 200"
          + " octets: the close would not be an ordinary one");
    }
    agent.close(c.connection());
    target.addAll(quiet(peer));
    sent.add(peer.send(Segments.ack()));
    return new Exchange(c, List.copyOf(target), List.copyOf(sent), again.segment());
  }

  private static List<Segment> quiet(TcpPeer peer) {
    return peer.segmentsUntilQuiet(Flight.QUIET, within(STEP)).stream()
        .map(Arrival::segment).toList();
  }

  /** The exchange in the one notation, one segment a line, for an attachment. */
  String ladder() {
    StringBuilder b = new StringBuilder();
    targetSegments.forEach(s -> b.append("> ").append(s).append('\n'));
    return b.toString();
  }
}
