package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.target.linux.LinuxAgentMain;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a device on a cable, made by hand for the external target's tests: the kernel's
 * stack in a namespace of its own with {@link #ADDRESS} on the far end of a veth pair (the cable;
 * the harness's end has no address, as a NIC given to tcpconform would not), optionally also
 * {@link #ADDRESS6} there, with IPv6 on that end alone as {@link VethPair} sets it up for the
 * Linux target (the address {@code nodad}, no link-local address, no router solicitations), and
 * optionally a second pair as its management network, with an address at both ends (a test-only setup: the
 * harness's side of it is the only address this puts in the harness's namespace), and the Linux
 * agent serving there ({@code --serve}). Everything is named with a run ID of its own, registered
 * with a reaper of its own before it is made, and removed on close, or by that reaper's watchdog
 * if the JVM dies.
 */
final class CabledDevice implements AutoCloseable {

  /** The device's address on the cable. */
  static final Ipv4Address ADDRESS = Ipv4Address.parse("198.18.0.2");
  /** Its IPv6 address on the cable, on a /64, when it has one. */
  static final Ipv6Address ADDRESS6 = Ipv6Address.parse("2001:2::2");
  /** The port its agent serves on. */
  static final int AGENT_PORT = 7000;

  private final Reaper reaper;
  private final Teardown made = new Teardown();
  private NetNamespace ns;
  private VethPair cable;
  private VethPair management;
  private String managementAddress;
  private Process agent;

  private CabledDevice(Reaper reaper) {
    this.reaper = reaper;
  }

  /**
   * A device that answers ARP on its cable or not ({@code ip link set ... arp off}), with a
   * management network or not, and with the agent serving on it or not.
   */
  static CabledDevice create(boolean answersArp, boolean withManagement, boolean withAgent) {
    return create(answersArp, false, withManagement, withAgent);
  }

  /** As above, with {@link #ADDRESS6} on the cable too or not. */
  static CabledDevice create(boolean answersArp, boolean withIpv6, boolean withManagement,
      boolean withAgent) {
    RunId run = RunId.fresh();
    CabledDevice d = new CabledDevice(Reaper.arm(run));
    try {
      d.ns = NetNamespace.create(d.reaper, run.prefix() + "-00-ns");
      d.cable = VethPair.create(d.reaper, run.prefix() + "-00-h", run.prefix() + "-00-t", d.ns,
          ADDRESS, 24, withIpv6 ? ADDRESS6 : null, LanePlan.PREFIX_LENGTH_6);
      if (!answersArp) {
        d.ns.exec("ip", "link", "set", "dev", d.cable.targetEnd(), "arp", "off");
      }
      if (withManagement || withAgent) {
        // a /30 of its own per run: another run of this test may hold one at the same time
        int r = Integer.parseInt(run.hex(), 16);
        String net = "198.19." + (128 + ((r >> 8) & 0x7f)) + ".";
        int base = r & 0xfc;
        d.managementAddress = net + (base + 2);
        d.management = VethPair.create(d.reaper, run.prefix() + "-01-h", run.prefix() + "-01-t",
            d.ns, Ipv4Address.parse(d.managementAddress), 30);
        Sh.run("ip", "addr", "add", net + (base + 1) + "/30", "dev", d.management.hostEnd());
      }
      if (withAgent) {
        d.serve();
      }
      return d;
    } catch (RuntimeException e) {
      try {
        d.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void serve() {
    List<String> command = ns.command(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx48m",
        "-cp", System.getProperty("java.class.path"), LinuxAgentMain.class.getName(),
        "--serve", managementAddress, String.valueOf(AGENT_PORT)));
    try {
      agent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new HarnessException("cannot start the device's agent: " + e.getMessage());
    }
    reaper.registerPid(agent.pid()); // 'ip netns exec' execs: this is the agent's own PID
    String serving;
    try {
      serving = new BufferedReader(new InputStreamReader(agent.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
    } catch (IOException e) {
      serving = null;
    }
    if (serving == null || !serving.equals("serving " + managementAddress + " " + AGENT_PORT)) {
      throw new HarnessException("the device's agent did not serve on " + managementAddress + ":"
          + AGENT_PORT + " (it printed '" + serving + "')");
    }
  }

  /** The harness's end of the cable: the interface the user would name. */
  String wire() {
    return cable.hostEnd();
  }

  VethPair cable() {
    return cable;
  }

  NetNamespace namespace() {
    return ns;
  }

  /** {@code <management address>:<agent port>}. */
  String agentAddress() {
    return managementAddress + ":" + AGENT_PORT;
  }

  String managementAddress() {
    return managementAddress;
  }

  long agentPid() {
    return agent.pid();
  }

  /** Agent, links, namespace, reaper: each removed even if an earlier step fails. */
  @Override
  public void close() {
    made.then(() -> {
      if (agent != null) {
        agent.destroy();
        try {
          if (!agent.waitFor(5, TimeUnit.SECONDS)) {
            agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          agent.destroyForcibly();
          Thread.currentThread().interrupt();
        }
        reaper.forgetPid(agent.pid());
      }
    }).then(() -> {
      if (management != null) {
        management.close();
      }
    }).then(() -> {
      if (cable != null) {
        cable.close();
      }
    }).then(() -> {
      if (ns != null) {
        ns.close();
      }
    }).then(reaper::close);
    made.failure().ifPresent(f -> {
      throw f;
    });
  }

  RunId run() {
    return reaper.run();
  }
}
