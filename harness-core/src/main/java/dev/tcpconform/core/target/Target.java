package dev.tcpconform.core.target;

import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.MacAddress;
import java.util.Optional;

/**
 * A TCP stack under test, up and reachable on a wire the harness owns: how it is reached (the
 * interface the harness injects on and captures from, the target's addresses) and how its
 * application is driven (the agent, when it has one).
 */
public interface Target extends AutoCloseable {

  /** Profile name, e.g. {@code linux-netns}; becomes the {@code target} label of every result. */
  String name();

  /** The interface, in the harness's namespace, on which frames are injected and captured. */
  String wireInterface();

  /**
   * The target's address on the lane's IP version ({@code LanePlan.targetIp()}): what the peer
   * sends to and the capture is filtered on.
   */
  IpAddress address();

  /** The target's MAC address on the wire. */
  MacAddress mac();

  /** The agent that drives the target's application, or empty for a wire-only target. */
  Optional<Agent> agent();

  /** A port on which nothing listens and nothing will listen during the run. */
  int closedPort();

  /** Applies a fault in the target (netfilter rule, sysctl, qdisc...); the fault lasts until close. */
  void apply(Fault fault);

  /** Removes everything the target created; idempotent; never hides a test's own verdict. */
  @Override
  void close();
}
