package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.link.PcapLink;
import dev.tcpconform.core.link.SafeRange;
import dev.tcpconform.core.link.Wire;
import dev.tcpconform.core.peer.Endpoint;
import dev.tcpconform.core.peer.PeerListener;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.ExternalTarget;
import dev.tcpconform.core.target.Target;
import dev.tcpconform.crafter.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One isolated place to run tests in: a target in its own namespace and /24 (and /64 on an IPv6
 * lane), the wire to it, and the emulated peer addresses. Its peers speak the lane's IP version
 * ({@link LanePlan#ipVersion()}). Closing a lane removes everything it created, in reverse order.
 */
public final class Lane implements AutoCloseable {

  private final LanePlan plan;
  private final Target target;
  private final Wire wire;
  private final AtomicInteger nextPort;
  private final List<TcpPeer> peers = new CopyOnWriteArrayList<>();
  private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
  /** Told on close whether everything the lane created is gone (its index may be used again). */
  private final java.util.function.Consumer<Boolean> onClose;
  private volatile boolean closed;

  private Lane(LanePlan plan, Target target, Wire wire,
      java.util.function.Consumer<Boolean> onClose) {
    this.plan = plan;
    this.target = target;
    this.wire = wire;
    this.onClose = onClose;
    this.nextPort = new AtomicInteger(20000 + ThreadLocalRandom.current().nextInt(20000));
  }

  /**
   * Brings up the wire of a lane whose target is up: capture armed before any stimulus, ARP
   * answered for the peer address (and Neighbor Solicitations on an IPv6 lane). Only on a link the run created, or the interface the user
   * named for an external device; the target is closed again if the wire does not come up.
   */
  static Lane open(Reaper reaper, LanePlan plan, Target target,
      java.util.function.Consumer<Boolean> onClose) {
    try {
      if (!(target instanceof ExternalTarget) && !reaper.ownsLink(target.wireInterface())) {
        throw new HarnessException("refusing to inject on " + target.wireInterface() + ": the"
            + " harness did not create it (only its own veth pairs and TAP devices carry tests)");
      }
      SafeRange.require(target.address(), "a target address");
      PcapLink link = PcapLink.open(target.wireInterface(), captureFilter(target));
      Wire wire = new Wire(link).start();
      if (plan.peerAddress() != null) { // an external device may have IPv6 alone
        wire.emulate(plan.peerAddress(), plan.peerMac());
      }
      if (plan.ipVersion() == IpVersion.V6) {
        wire.emulate(plan.peerAddress6(), plan.peerMac());
      }
      return new Lane(plan, target, wire, onClose);
    } catch (RuntimeException e) {
      try {
        target.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * What the lane captures: ARP, and what the target sends from its address; on an IPv6 lane
   * also Neighbor Solicitations from any of its addresses (a target may ask from its link-local
   * one). The kernel's other IPv6 chatter, MLD reports from {@code ::}, is not even captured.
   */
  static String captureFilter(Target target) {
    String f = "arp or host " + target.address();
    if (target.address().version() == 6) {
      f += " or (icmp6 and ip6[40] == 135)";
    }
    return f;
  }

  public LanePlan plan() {
    return plan;
  }

  public Target target() {
    return target;
  }

  public Wire wire() {
    return wire;
  }

  /** The lane's IP version. */
  public IpVersion ipVersion() {
    return plan.ipVersion();
  }

  /**
   * The address the harness emulates on the lane's IP version: where the target's application
   * connects to ({@code agent.tryConnect(lane.peerAddress().toString(), port)}).
   */
  public IpAddress peerAddress() {
    return plan.peerIp();
  }

  /** A fresh emulated peer, on a port not used before in this lane, towards {@code targetPort}. */
  public TcpPeer peerTo(int targetPort) {
    return track(new TcpPeer(wire, new Endpoint(plan.peerIp(), freshPort(), plan.peerMac()),
        new Endpoint(target.address(), targetPort, target.mac())));
  }

  /**
   * A passive peer on a fresh local port, waiting for the target's application to connect to it
   * ({@code agent.tryConnect(lane.peerAddress().toString(), listener.local().port())}).
   */
  public PeerListener listenOnFreshPort() {
    PeerListener l =
        new PeerListener(wire, new Endpoint(plan.peerIp(), freshPort(), plan.peerMac()),
            target.mac(), this::track);
    listeners.add(l);
    return l;
  }

  private TcpPeer track(TcpPeer peer) {
    peers.add(peer);
    return peer;
  }

  /**
   * Ends a test in this lane: resets every connection its peers synchronized (a RST at SND.NXT,
   * packetdrill's reset_connection) and stops routing their flows, so nothing leaks into the next
   * test. Call after the test's capture was written.
   */
  public void endTest() {
    for (TcpPeer p : peers) {
      try {
        if (p.irs() != null) {
          p.abort();
        }
      } catch (RuntimeException ignored) {
        // best effort: the lane may already be going away
      }
      p.close();
    }
    peers.clear();
    listeners.forEach(PeerListener::close);
    listeners.clear();
    target.agent().ifPresent(a -> {
      try {
        a.closeAll();
      } catch (RuntimeException ignored) {
        // a dead agent shows up in the next test that needs it
      }
    });
  }

  /** A port on the peer's side not used before in this lane. */
  public int freshPort() {
    int p = nextPort.getAndIncrement();
    if (p > 60999) {
      nextPort.set(20000);
      p = nextPort.getAndIncrement();
    }
    return p;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Teardown teardown = new Teardown().then(wire::close).then(target::close);
    onClose.accept(teardown.failure().isEmpty());
    if (teardown.failure().isPresent()) {
      throw teardown.failure().get();
    }
  }

  @Override
  public String toString() {
    return "lane " + plan.index() + " (" + target.name() + " " + target.address() + ")";
  }
}
