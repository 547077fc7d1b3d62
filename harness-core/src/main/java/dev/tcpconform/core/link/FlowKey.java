package dev.tcpconform.core.link;

import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Segment;

/**
 * One TCP connection seen from the harness: the emulated local end and the target's remote end.
 */
public record FlowKey(IpAddress local, int localPort, IpAddress remote, int remotePort) {

  /** The flow a segment sent by the target belongs to. */
  public static FlowKey ofSegmentFromTarget(Segment s) {
    return new FlowKey(s.dst(), s.dstPort(), s.src(), s.srcPort());
  }

  /** The flow a segment injected into the target belongs to. */
  public static FlowKey ofSegmentToTarget(Segment s) {
    return new FlowKey(s.src(), s.srcPort(), s.dst(), s.dstPort());
  }

  @Override
  public String toString() {
    return local + ":" + localPort + " <-> " + remote + ":" + remotePort;
  }
}
