package dev.tcpconform.suites.retransmission;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.suites.support.Established;
import java.time.Duration;

/**
 * A passive open in which the SYN,ACK is "lost": the peer ignores the target's first {@code n}
 * SYN,ACKs and acknowledges the next one, a retransmission (RFC 6298 5.7, RFC 5681 3.1). The SYN
 * offers MSS 1460 and nothing else. Each retransmission is awaited for 7 s (a backed-off 3 s
 * initial RTO), or for 2.5 times the interval before it when that is longer (a stack with a longer
 * initial RTO, backing off); a target that does not retransmit its SYN,ACK within that makes the
 * test broken: the rule under test is what happens after.
 */
final class LostSynAcks {

  /** The longest wait for one SYN,ACK retransmission: 2 x 3 s (a backed-off 3 s initial RTO). */
  private static final Duration LONGEST_SYN_ACK_RTO = Duration.ofSeconds(7);

  private LostSynAcks() {}

  static Established handshake(Lane lane, Agent agent, int port, int lost) {
    String listener = agent.listen(port);
    TcpPeer peer = lane.peerTo(port);
    Segment syn = peer.send(Segments.syn().option(TcpOptions.mss(1460)));
    SegmentPattern synAck = withFlags(SYN, ACK).ack(syn.seq().plus(1)).noPayload();
    Arrival last = null;
    Arrival before = null;
    for (int i = 0; i <= lost; i++) {
      Duration wait = Duration.ofMillis(900);
      if (i > 0) {
        wait = LONGEST_SYN_ACK_RTO;
        if (before != null && last.since(before).multipliedBy(5).dividedBy(2).compareTo(wait) > 0) {
          wait = last.since(before).multipliedBy(5).dividedBy(2);
        }
      }
      before = last;
      last = peer.nextSegment(within(wait));
      if (!last.isPresent() || !synAck.matches(last.segment())) {
        throw new HarnessException("could not open a connection to port " + port + " with "
            + lost + " SYN,ACK(s) ignored: expected SYN,ACK number " + (i + 1) + " (" + synAck
            + "), got " + (last.isPresent() ? last.segment() : "nothing"));
      }
    }
    peer.send(Segments.ack());
    String id = agent.accept(listener, Duration.ofSeconds(2));
    agent.close(listener);
    return new Established(peer, agent, id, syn, last);
  }
}
