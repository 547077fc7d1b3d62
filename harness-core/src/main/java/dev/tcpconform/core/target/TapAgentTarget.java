package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.bed.Reaper;
import dev.tcpconform.core.bed.TapDevice;
import dev.tcpconform.core.bed.Teardown;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.MacAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A user-space TCP stack on a TAP device: the agent process is the stack (lwIP, gVisor's
 * netstack), it owns the target's address and MAC, and speaks the agent protocol for its
 * application. Faults are the Linux target's (netfilter, sysctls); here there are none.
 *
 * <p>The agent is given the target's address of the lane's IP version and its prefix (a /24, or
 * the /64 of an IPv6 lane), as its profile's {@code {address} {prefix}}: an agent brought up
 * over IPv6 has that one address, valid at once (no duplicate address detection), and finds the
 * peer's MAC by Neighbor Discovery, which the lane's {@code NdResponder} answers.
 */
public final class TapAgentTarget implements Target {

  private final TargetProfile profile;
  private final Reaper reaper;
  private final LanePlan plan;
  private final TapDevice tap;
  private final Agent agent;
  private final MacAddress mac;
  private boolean closed;

  private TapAgentTarget(TargetProfile profile, Reaper reaper, LanePlan plan, TapDevice tap,
      Agent agent, MacAddress mac) {
    this.profile = profile;
    this.reaper = reaper;
    this.plan = plan;
    this.tap = tap;
    this.agent = agent;
    this.mac = mac;
  }

  /**
   * The TAP device, then the stack on it, then the wait for the kernel to have the device up (the
   * first frames would be lost otherwise); the device is removed again if any of it fails. The
   * agent's process is registered with the reaper as soon as it exists, before its ready line:
   * one that hangs while it comes up is killed with the run, whatever ends the run.
   */
  public static TapAgentTarget create(TargetProfile profile, Reaper reaper, LanePlan plan,
      Duration readyTimeout) {
    profile.checkAvailable();
    TapDevice tap = TapDevice.create(reaper, plan.hostInterface());
    long[] started = {-1};
    try {
      MacAddress mac = MacAddress.parse(String.format("02:74:63:01:%02x:02", plan.index()));
      Agent agent = Agent.launch(profile.name() + "@" + tap.name(), profile.agentCommand(
          tap.name(), plan.targetIp().toString(), prefixLength(plan), mac.toString()),
          readyTimeout, pid -> {
            started[0] = pid;
            reaper.registerPid(pid);
          });
      if (!tap.awaitOperational(readyTimeout)) {
        String state = tap.operstate();
        agent.close();
        throw new TargetLaunchException("agent " + agent.name() + " is ready but " + tap.name()
            + " did not come up within " + readyTimeout.toMillis() + " ms (operstate " + state
            + "): frames sent to it would be dropped");
      }
      return new TapAgentTarget(profile, reaper, plan, tap, agent, mac);
    } catch (RuntimeException e) {
      if (started[0] >= 0) {
        // the agent was destroyed (and waited for) before the exception reached here
        reaper.forgetPid(started[0]);
      }
      tap.close();
      throw e;
    }
  }

  /** The prefix of the lane's network of its IP version: 24, or 64 on an IPv6 lane. */
  static int prefixLength(LanePlan plan) {
    return plan.ipVersion() == IpVersion.V6 ? LanePlan.PREFIX_LENGTH_6 : plan.prefixLength();
  }

  @Override
  public String name() {
    return profile.name();
  }

  @Override
  public String wireInterface() {
    return tap.name();
  }

  @Override
  public IpAddress address() {
    return plan.targetIp();
  }

  @Override
  public MacAddress mac() {
    return mac;
  }

  @Override
  public Optional<Agent> agent() {
    return Optional.of(agent);
  }

  @Override
  public int closedPort() {
    return LinuxNetnsTarget.CLOSED_PORT;
  }

  @Override
  public void apply(Fault fault) {
    throw Fault.refusedBy("target " + name(), fault);
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
    }).then(tap::close).failure().ifPresent(f -> {
      throw new HarnessException("cleaning up " + tap.name() + ": " + f.getMessage(), f);
    });
  }

  @Override
  public String toString() {
    return name() + " " + address() + " on " + tap.name();
  }
}
