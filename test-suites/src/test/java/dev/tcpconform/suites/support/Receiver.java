package dev.tcpconform.suites.support;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Within;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.TcpFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer as a plain receiver of the target's data: every data segment is acknowledged at once
 * (ACK = RCV.NXT), until {@code length} octets have arrived in order. What arrived is a fact the
 * test judges; only a transfer that stops altogether ends the wait.
 */
public final class Receiver {

  private Receiver() {}

  /**
   * The target's data segments, in arrival order (retransmissions included), until RCV.NXT is
   * {@code length} octets past where it was.
   *
   * @param stall how long the target may stay silent before the transfer counts as stalled
   */
  public static List<Arrival> receive(TcpPeer peer, int length, Duration stall) {
    SeqNum end = peer.rcvNxt().plus(length);
    List<Arrival> data = new ArrayList<>();
    while (peer.rcvNxt().isBefore(end)) {
      Arrival a = peer.nextSegment(Within.within(stall));
      if (!a.isPresent()) {
        throw new AssertionError("the target's data stopped: " + (length
            - peer.rcvNxt().distanceTo(end)) + " of " + length + " octets arrived, then nothing"
            + " for " + stall.toMillis() + " ms although every segment was acknowledged");
      }
      if (a.segment().has(TcpFlag.RST)) {
        throw new HarnessException("the connection was reset during the transfer: " + a.segment());
      }
      if (a.segment().payloadLength() > 0) {
        data.add(a);
        peer.send(Segments.ack());
      }
    }
    return data;
  }
}
