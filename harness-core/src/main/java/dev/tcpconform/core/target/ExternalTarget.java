package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.link.ArpResolver;
import dev.tcpconform.core.link.NdResolver;
import dev.tcpconform.core.link.PcapLink;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A device the harness did not make: a box on a cable, a VM, a board, reached on an interface the
 * user names ({@link ExternalDevice} holds what the user said). Only what the user states is
 * used: the interface, the device's address (inside 198.18.0.0/15 or 2001:2::/48, like every
 * address tcpconform sends to), the address the harness plays on that link, a port where nothing listens, the ports
 * of its services, and optionally its MAC and its agent.
 *
 * <ul>
 *   <li><b>IP version.</b> The run's ({@code -Dtcpconform.ip}): the device's IPv4 address ({@code
 *       .address}) or its IPv6 one ({@code .address6}, inside 2001:2::/48), whichever the run
 *       needs; the lane carries its tests over that version alone.
 *   <li><b>MAC.</b> When the user does not give it, the harness learns it for each lane. Over
 *       IPv4 by ARP: {@value #ARP_REQUESTS} requests {@code who-has <device> tell <peer>} on the
 *       named interface within {@link #ARP_WAIT}, and the sender MAC of the reply. Over IPv6 by
 *       Neighbor Discovery (RFC 4861 section 7.2): {@value #ND_SOLICITATIONS} Neighbor
 *       Solicitations from the peer's address to the device's solicited-node multicast group,
 *       with the peer's link-layer address, within {@link #ND_WAIT}, and the target link-layer
 *       address of the device's advertisement ({@link NdResolver}). Nothing else is asked, and
 *       nowhere else.
 *   <li><b>Agent.</b> With {@code -Dtcpconform.external.agent=HOST:PORT} the harness connects to
 *       an agent serving there (the Linux agent's {@code --serve} mode on a device running Linux)
 *       for each lane and closes the connection with the lane. That is a plain TCP client
 *       connection from the harness's own namespace to exactly the address the user named, which
 *       is why it may lie outside 198.18.0.0/15: nothing is injected there. Without an agent the
 *       tests that drive the application are skipped with that reason; the wire-only ones run.
 * </ul>
 *
 * Faults are the Linux target's; this target takes none. The harness creates and removes nothing
 * on the device or its interface.
 */
public final class ExternalTarget implements Target {

  /** How many ARP requests ask for the device's MAC over IPv4 when it is not given. */
  public static final int ARP_REQUESTS = 3;
  /** How long they wait, all together, for a reply. */
  public static final Duration ARP_WAIT = Duration.ofSeconds(2);
  /** How many Neighbor Solicitations ask for the device's MAC over IPv6 when it is not given. */
  public static final int ND_SOLICITATIONS = 3;
  /** How long they wait, all together, for an advertisement. */
  public static final Duration ND_WAIT = Duration.ofSeconds(2);

  private final ExternalDevice device;
  private final MacAddress mac;
  private final Agent agent;

  private ExternalTarget(ExternalDevice device, MacAddress mac, Agent agent) {
    this.device = device;
    this.mac = mac;
    this.agent = agent;
  }

  /**
   * The device for one lane: its MAC (as given, or learned by ARP or, over IPv6, by a Neighbor
   * Solicitation), then its agent's connection
   * (when it has one) with the ready line awaited for up to {@code readyTimeout}.
   *
   * @throws TargetLaunchException in one line when the device does not answer ARP (or Neighbor
   *     Discovery) or its agent
   *     cannot be reached; nothing is left open then
   */
  public static ExternalTarget open(ExternalDevice device, Duration readyTimeout) {
    LanePlan plan = device.plan();
    MacAddress mac = device.mac().orElseGet(() -> learnMac(device, plan));
    Agent agent = device.agent().map(a -> connect(a, readyTimeout)).orElse(null);
    return new ExternalTarget(device, mac, agent);
  }

  private static MacAddress learnMac(ExternalDevice device, LanePlan plan) {
    return device.ipVersion() == IpVersion.V6 ? solicit(device, plan) : arp(device, plan);
  }

  private static MacAddress arp(ExternalDevice device, LanePlan plan) {
    Optional<MacAddress> mac;
    try (PcapLink link = PcapLink.open(device.wire(), "arp")) {
      mac = ArpResolver.resolve(link, plan.peerAddress(), plan.peerMac(), plan.targetAddress(),
          ARP_REQUESTS, ARP_WAIT);
    }
    return mac.orElseThrow(() -> new TargetLaunchException("the external device did not"
        + " answer ARP: no reply on " + device.wire() + " to 'who-has " + plan.targetAddress()
        + " tell " + plan.peerAddress() + "' (" + ARP_REQUESTS + " requests in "
        + ARP_WAIT.toSeconds() + " s); give its MAC with -Dtcpconform.external.mac, or check"
        + " that it is up on that link with that address"));
  }

  private static MacAddress solicit(ExternalDevice device, LanePlan plan) {
    Optional<MacAddress> mac;
    try (PcapLink link = PcapLink.open(device.wire(), NdResolver.CAPTURE_FILTER)) {
      mac = NdResolver.resolve(link, plan.peerAddress6(), plan.peerMac(), plan.targetAddress6(),
          ND_SOLICITATIONS, ND_WAIT);
    }
    return mac.orElseThrow(() -> new TargetLaunchException("the external device did not"
        + " answer Neighbor Discovery: no advertisement on " + device.wire() + " to 'ns who-has "
        + plan.targetAddress6() + " tell " + plan.peerAddress6() + "' (" + ND_SOLICITATIONS
        + " solicitations to " + plan.targetAddress6().solicitedNodeMulticast() + " in "
        + ND_WAIT.toSeconds() + " s); give its MAC with -Dtcpconform.external.mac, or check"
        + " that it is up on that link with that address"));
  }

  private static Agent connect(ExternalDevice.AgentAddress at, Duration readyTimeout) {
    try {
      return Agent.connect("external", at.host(), at.port(), readyTimeout);
    } catch (TargetLaunchException e) {
      throw new TargetLaunchException(e.getMessage() + "; the address is"
          + " -Dtcpconform.external.agent", e);
    }
  }

  /** What the user said about the device. */
  public ExternalDevice device() {
    return device;
  }

  /**
   * The ports where the device has listening services, as the user named them
   * ({@code -Dtcpconform.external.ports}); empty when none were named.
   */
  public List<Integer> servicePorts() {
    return device.servicePorts();
  }

  /** Whether the MAC was learned (by ARP or a Neighbor Solicitation) rather than given. */
  public boolean macLearned() {
    return device.mac().isEmpty();
  }

  @Override
  public String name() {
    return "external";
  }

  @Override
  public String wireInterface() {
    return device.wire();
  }

  @Override
  public IpAddress address() {
    return device.address();
  }

  @Override
  public MacAddress mac() {
    return mac;
  }

  @Override
  public Optional<Agent> agent() {
    return Optional.ofNullable(agent);
  }

  @Override
  public int closedPort() {
    return device.closedPort();
  }

  @Override
  public void apply(Fault fault) {
    throw Fault.refusedBy("the external device", fault);
  }

  /** Closes the agent's connection ({@code quit} first), if there is one; nothing else was made. */
  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
  }

  @Override
  public String toString() {
    String learned = device.ipVersion() == IpVersion.V6 ? ", by ND" : ", by ARP";
    return "external device " + address() + " (" + mac + (macLearned() ? learned : "")
        + ") on " + wireInterface() + (agent == null ? ", no agent" : ", " + agent);
  }
}
