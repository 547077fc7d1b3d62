package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.bed.NetNamespace;
import dev.tcpconform.core.bed.Reaper;
import dev.tcpconform.core.bed.Sh;
import dev.tcpconform.core.bed.Teardown;
import dev.tcpconform.core.bed.VethPair;
import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.MacAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Linux kernel's TCP stack in a network namespace of its own, joined to the harness by a veth
 * pair, with the Java agent running inside the namespace.
 */
public final class LinuxNetnsTarget implements Target {

  /** Nothing listens on the discard port in a fresh namespace, and the agent never listens there. */
  static final int CLOSED_PORT = 9;

  private final Reaper reaper;
  private final LanePlan plan;
  private final NetNamespace ns;
  private final VethPair veth;
  private final Agent agent;
  private boolean closed;

  private LinuxNetnsTarget(
      Reaper reaper, LanePlan plan, NetNamespace ns, VethPair veth, Agent agent) {
    this.reaper = reaper;
    this.plan = plan;
    this.ns = ns;
    this.veth = veth;
    this.agent = agent;
  }

  /**
   * The congestion control of the stock kernel. A new namespace inherits the host's choice (BBR on
   * some machines), which would make the RFC 5681 verdicts, and the baseline, depend on the machine
   * the run happens on; the target is the kernel as it ships. Set on the target's routes
   * ({@code congctl}): a namespace may only choose what the host's
   * {@code tcp_allowed_congestion_control} lists, a route any algorithm the kernel has.
   */
  public static final String CONGESTION_CONTROL = "cubic";

  /** Namespace, veth and agent, in that order; anything made is removed again if a step fails. */
  public static LinuxNetnsTarget create(Reaper reaper, LanePlan plan, Duration readyTimeout) {
    NetNamespace ns = NetNamespace.create(reaper, plan.namespace());
    VethPair veth = null;
    try {
      boolean v6 = plan.ipVersion() == IpVersion.V6;
      veth = VethPair.create(reaper, plan.hostInterface(), plan.targetInterface(), ns,
          plan.targetAddress(), plan.prefixLength(), v6 ? plan.targetAddress6() : null,
          LanePlan.PREFIX_LENGTH_6);
      if (List.of(ns.sysctl("net.ipv4.tcp_available_congestion_control").split("\\s+"))
          .contains(CONGESTION_CONTROL)) {
        addToRoutes(ns, veth.targetEnd(), List.of("congctl", CONGESTION_CONTROL));
      }
      Agent agent = Agent.launch("linux@" + plan.namespace(), ns.command(agentCommand()),
          readyTimeout);
      reaper.registerPid(agent.pid());
      return new LinuxNetnsTarget(reaper, plan, ns, veth, agent);
    } catch (RuntimeException e) {
      if (veth != null) {
        veth.close();
      }
      ns.close();
      throw e;
    }
  }

  static List<String> agentCommand() {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx48m",
        "-cp", System.getProperty("java.class.path"),
        "dev.tcpconform.core.target.linux.LinuxAgentMain"));
    return c;
  }

  @Override
  public String name() {
    return "linux-netns";
  }

  @Override
  public String wireInterface() {
    return veth.hostEnd();
  }

  @Override
  public IpAddress address() {
    return plan.targetIp();
  }

  @Override
  public MacAddress mac() {
    return veth.targetMac();
  }

  @Override
  public Optional<Agent> agent() {
    return Optional.of(agent);
  }

  @Override
  public int closedPort() {
    return CLOSED_PORT;
  }

  public NetNamespace namespace() {
    return ns;
  }

  @Override
  public void apply(Fault fault) {
    switch (fault.kind()) {
      case SYSCTL:
        ns.sysctl(fault.arguments().get(0), fault.arguments().get(1));
        break;
      case NFT:
        ns.execWithInput(fault.arguments().get(0), "nft", "-f", "-");
        break;
      case TC:
        List<String> argv = new ArrayList<>(List.of("tc"));
        fault.arguments().forEach(a -> argv.add(a.replace("{dev}", veth.targetEnd())));
        ns.exec(argv.toArray(new String[0]));
        break;
      case ROUTE:
        addToRoutes(ns, veth.targetEnd(), fault.arguments());
        break;
      case AGENT:
        AgentReply r = agent.request(fault.arguments().get(0), Duration.ofSeconds(2));
        if (!r.isOk()) {
          throw new HarnessException("agent refused the fault '" + fault + "': " + r);
        }
        break;
      case LINK_MTU:
        // the harness's end already takes frames up to HARNESS_END_MTU, and its capture ring was
        // sized for them when it opened: a larger MTU could not be captured whole
        String mtu = fault.arguments().get(0);
        if (Integer.parseInt(mtu) > VethPair.HARNESS_END_MTU) {
          throw new HarnessException("the fault '" + fault + "' asks for more than the harness's"
              + " end of the link takes (" + VethPair.HARNESS_END_MTU + "): its frames could not"
              + " be captured whole; use at most " + VethPair.HARNESS_END_MTU);
        }
        ns.exec("ip", "link", "set", "dev", veth.targetEnd(), "mtu", mtu);
        break;
      case IP:
        List<String> ip = new ArrayList<>(List.of("ip"));
        fault.arguments().forEach(a -> ip.add(a.replace("{dev}", veth.targetEnd())
            .replace("{peer}", plan.peerIp().toString())));
        ns.exec(ip.toArray(new String[0]));
        break;
      default:
        throw new HarnessException("fault kind " + fault.kind() + " is not supported");
    }
  }

  /**
   * Every route of {@code dev}, IPv4 and IPv6 (an IPv6 lane's /64), gets {@code attributes}
   * besides those it has.
   */
  private static void addToRoutes(NetNamespace ns, String dev, List<String> attributes) {
    for (String family : List.of("-4", "-6")) {
      for (String route : ns.exec("ip", family, "-o", "route", "show", "dev", dev).strip()
          .lines().toList()) {
        List<String> change = new ArrayList<>(List.of("ip", family, "route", "change"));
        change.addAll(List.of(route.strip().split("\\s+")));
        change.addAll(List.of("dev", dev));
        change.addAll(attributes);
        ns.exec(change.toArray(new String[0]));
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    new Teardown().then(() -> {
      agent.close();
      reaper.forgetPid(agent.pid());
    }).then(veth::close).then(ns::close).failure().ifPresent(f -> {
      throw new HarnessException("cleaning up " + plan.namespace() + ": " + f.getMessage(), f);
    });
  }

  @Override
  public String toString() {
    return name() + " " + address() + " in " + plan.namespace();
  }
}
