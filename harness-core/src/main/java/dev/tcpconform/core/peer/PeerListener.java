package dev.tcpconform.core.peer;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Within;
import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.link.Flow;
import dev.tcpconform.core.link.FlowKey;
import dev.tcpconform.core.link.Wire;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import java.util.List;

/**
 * A passive emulated host: waits on a local port for the target's SYN (an active open by the
 * target's application) and hands out the {@link TcpPeer} of that connection.
 */
public final class PeerListener implements AutoCloseable {

  private final Wire wire;
  private final Endpoint local;
  private final MacAddress targetMac;
  private final Flow queue;
  private final java.util.function.UnaryOperator<TcpPeer> onPeer;
  private final long openedNanos = Captured.nowNanos();

  public PeerListener(
      Wire wire, Endpoint local, MacAddress targetMac,
      java.util.function.UnaryOperator<TcpPeer> onPeer) {
    this.wire = wire;
    this.onPeer = onPeer;
    this.local = local;
    this.targetMac = targetMac;
    this.queue = wire.openListener(local.address(), local.port());
  }

  public Endpoint local() {
    return local;
  }

  /**
   * The next segment the target sends to this port from a connection no peer owns yet, or
   * nothing by the deadline. A fact; usually the target's SYN.
   */
  public Arrival nextSegment(Within within) {
    long start = Captured.nowNanos();
    Captured c = queue.poll(within.deadlineNanos());
    if (c == null) {
      wire.vouchForSilence();
    }
    FlowKey key = c == null ? new FlowKey(local.address(), local.port(), null, 0)
        : FlowKey.ofSegmentFromTarget(((Frame.Tcp) c.frame()).segment());
    if (c != null && ((Frame.Tcp) c.frame()).segment().has(dev.tcpconform.crafter.TcpFlag.SYN)) {
      // the target's ISN: from here on its numbers print relative to it
      wire.targetIsn(key, ((Frame.Tcp) c.frame()).segment().seq());
    }
    return new Arrival(c, key, "a segment to " + local + " (the target's SYN)", within, start,
        openedNanos, List.of(), wire);
  }

  /**
   * The peer of the connection the arrived segment belongs to; the segment itself (the SYN) is
   * taken into the peer's state, so IRS and RCV.NXT are known.
   */
  public TcpPeer peerFor(Arrival syn) {
    Segment s = syn.segment();
    TcpPeer peer =
        new TcpPeer(wire, local, new Endpoint(s.src(), s.srcPort(), targetMac));
    peer.receivedElsewhere(s);
    return onPeer.apply(peer);
  }

  @Override
  public void close() {
    wire.closeListener(local.address(), local.port());
  }
}
