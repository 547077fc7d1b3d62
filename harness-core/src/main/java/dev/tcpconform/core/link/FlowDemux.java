package dev.tcpconform.core.link;

import dev.tcpconform.crafter.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Routes every captured frame: first to the observers (recorder, ARP and Neighbor Discovery
 * responders), then a TCP segment, over IPv4 or IPv6, to the flow that owns its 4-tuple (a {@link
 * FlowKey} of {@code IpAddress}es: the two versions never meet in one key). Frames no flow owns
 * are kept as strays, so a failure can say what was ignored meanwhile.
 *
 * <p>This is where the kernel's IPv6 chatter stays out of every verdict: ICMPv6 (Neighbor
 * Discovery, router solicitations, MLD reports, DAD probes) is never a {@code Frame.Tcp}, so it
 * reaches no flow, no peer's {@code nextSegment} and no count of segments; the responders see it
 * and it is kept as a stray (a failure lists it under "ignored meanwhile").
 */
public final class FlowDemux implements Consumer<Captured> {

  private static final int STRAY_LIMIT = 256;

  private final Map<FlowKey, Flow> flows = new ConcurrentHashMap<>();
  private final Map<FlowKey, Flow> listeners = new ConcurrentHashMap<>();
  private final List<Consumer<Captured>> observers = new CopyOnWriteArrayList<>();
  private final List<Captured> strays = new ArrayList<>();

  public void observe(Consumer<Captured> observer) {
    observers.add(observer);
  }

  /** Opens (or returns) the flow for {@code key}. */
  public Flow open(FlowKey key) {
    return flows.computeIfAbsent(key, Flow::new);
  }

  public void close(FlowKey key) {
    flows.remove(key);
  }

  /**
   * Opens a queue for segments to a local address and port from any remote end (a passive peer
   * waiting for the target's SYN). Segments a specific flow owns never reach it.
   */
  public Flow openListener(dev.tcpconform.crafter.IpAddress local, int localPort) {
    return listeners.computeIfAbsent(new FlowKey(local, localPort, null, 0), Flow::new);
  }

  public void closeListener(dev.tcpconform.crafter.IpAddress local, int localPort) {
    listeners.remove(new FlowKey(local, localPort, null, 0));
  }

  @Override
  public void accept(Captured c) {
    for (Consumer<Captured> o : observers) {
      o.accept(c);
    }
    if (c.frame() instanceof Frame.Tcp tcp) {
      Flow flow = flows.get(FlowKey.ofSegmentFromTarget(tcp.segment()));
      if (flow == null) {
        flow = listeners.get(new FlowKey(tcp.segment().dst(), tcp.segment().dstPort(), null, 0));
      }
      if (flow != null) {
        flow.offer(c);
        return;
      }
    }
    synchronized (strays) {
      if (strays.size() >= STRAY_LIMIT) {
        strays.remove(0);
      }
      strays.add(c);
    }
  }

  /** Frames that no flow owned, captured at or after {@code sinceEpochNanos}. */
  public List<Captured> straysSince(long sinceEpochNanos) {
    synchronized (strays) {
      return strays.stream().filter(c -> c.epochNanos() >= sinceEpochNanos).toList();
    }
  }
}
