package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.LanePlan;
import dev.tcpconform.core.bed.NetNamespace;
import dev.tcpconform.core.bed.Reaper;
import dev.tcpconform.core.bed.TapDevice;
import dev.tcpconform.core.bed.Teardown;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A proxying user-space stack (slirp): it terminates TCP on a TAP device in the harness's
 * namespace and opens a socket of its own, in an outer namespace with nothing but a loopback, for
 * each connection. Its application is the Linux agent in that outer namespace, which listens
 * there and reaches the harness's emulated peer through the stack's host forwards.
 *
 * <p>The target's address is the stack's gateway address, the lane's {@code .2}; its MAC is the
 * one slirp derives from it ({@code 52:55} and the four address bytes).
 */
public final class ProxyTarget implements Target {

  private final TargetProfile profile;
  private final Reaper reaper;
  private final LanePlan plan;
  private final NetNamespace outer;
  private final TapDevice tap;
  private final Process stack;
  private final Agent agent;
  private final Path api;
  private boolean closed;

  private ProxyTarget(TargetProfile profile, Reaper reaper, LanePlan plan, NetNamespace outer,
      TapDevice tap, Process stack, Agent agent, Path api) {
    this.profile = profile;
    this.reaper = reaper;
    this.plan = plan;
    this.outer = outer;
    this.tap = tap;
    this.stack = stack;
    this.agent = agent;
    this.api = api;
  }

  /**
   * The outer namespace, the TAP device, the stack attached to it from the outer namespace, then
   * the application agent beside the stack; what was made is removed again if a step fails.
   */
  public static ProxyTarget create(TargetProfile profile, Reaper reaper, LanePlan plan,
      Duration readyTimeout) {
    profile.checkAvailable();
    Path api = Reaper.fileBeside(plan.namespace() + ".api");
    NetNamespace outer = NetNamespace.create(reaper, plan.namespace());
    TapDevice tap = null;
    Process stack = null;
    try {
      tap = TapDevice.create(reaper, plan.hostInterface());
      Files.deleteIfExists(api);
      String network = new Ipv4Address(plan.targetAddress().bits()
          & (-1 << (32 - plan.prefixLength()))).toString();
      List<String> command = outer.command(profile.stackCommand(
          "/proc/" + ProcessHandle.current().pid() + "/ns/net", tap.name(), network,
          plan.prefixLength(), api.toString()));
      stack = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      reaper.registerPid(stack.pid());
      if (!tap.awaitOperational(readyTimeout) || !awaitFile(api, readyTimeout)) {
        throw new TargetLaunchException(profile.name() + " on " + tap.name() + " did not come up"
            + " within " + readyTimeout.toMillis() + " ms (" + (stack.isAlive()
                ? "operstate " + tap.operstate() + ", control socket " + (Files.exists(api)
                    ? "there" : "missing")
                : "it exited with code " + stack.exitValue()) + "): " + String.join(" ", command));
      }
      List<String> app = new ArrayList<>(LinuxNetnsTarget.agentCommand());
      app.addAll(List.of("--proxy", "slirp", api.toString()));
      Agent agent = Agent.launch(profile.name() + "@" + plan.namespace(), outer.command(app),
          readyTimeout);
      reaper.registerPid(agent.pid());
      return new ProxyTarget(profile, reaper, plan, outer, tap, stack, agent, api);
    } catch (IOException e) {
      cleanUp(reaper, outer, tap, stack, api);
      throw new TargetLaunchException(profile.name() + " could not be started: " + e.getMessage());
    } catch (RuntimeException e) {
      cleanUp(reaper, outer, tap, stack, api);
      throw e;
    }
  }

  private static boolean awaitFile(Path file, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Stack first (its TAP is then free), the TAP, the namespace with whatever runs in it. */
  private static void cleanUp(Reaper reaper, NetNamespace outer, TapDevice tap, Process stack,
      Path api) {
    Teardown t = new Teardown();
    if (stack != null) {
      t.then(() -> {
        stack.destroyForcibly();
        try {
          stack.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reaper.forgetPid(stack.pid());
      });
    }
    if (tap != null) {
      t.then(tap::close);
    }
    t.then(outer::close).then(() -> {
      try {
        Files.deleteIfExists(api);
      } catch (IOException e) {
        throw new HarnessException("cannot remove " + api + ": " + e.getMessage());
      }
    });
    t.failure().ifPresent(f -> {
      throw new HarnessException("cleaning up " + outer.name() + ": " + f.getMessage(), f);
    });
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
  public Ipv4Address address() {
    return plan.targetAddress();
  }

  /** slirp's own MAC: {@code 52:55} followed by its IPv4 address. */
  @Override
  public MacAddress mac() {
    return new MacAddress(0x5255_0000_0000L | (plan.targetAddress().bits() & 0xFFFF_FFFFL));
  }

  @Override
  public Optional<Agent> agent() {
    return Optional.of(agent);
  }

  /** Nothing listens on it in the outer namespace: slirp's connect() is refused, it resets. */
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
    Teardown t = new Teardown().then(() -> {
      agent.close();
      reaper.forgetPid(agent.pid());
    });
    t.then(() -> cleanUp(reaper, outer, tap, stack, api));
    t.failure().ifPresent(f -> {
      throw new HarnessException("cleaning up " + plan.namespace() + ": " + f.getMessage(), f);
    });
  }

  @Override
  public String toString() {
    return name() + " " + address() + " on " + tap.name() + ", its application in "
        + outer.name() + " (stack pid " + stack.pid() + ")";
  }
}
