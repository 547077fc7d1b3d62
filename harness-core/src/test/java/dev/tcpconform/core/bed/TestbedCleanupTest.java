package dev.tcpconform.core.bed;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.link.PcapLink;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/**
 * Real namespaces, real processes: whatever a run creates is gone after it ends normally, after
 * Ctrl-C (SIGINT), and after {@code kill -9} (the watchdog), and the next run sweeps what a dead
 * run left.
 */
@Test(groups = "bed")
public class TestbedCleanupTest {

  private static boolean exists(String namespace, String hostInterface) {
    boolean ns = Sh.tryRun("ip", "netns", "list").stdout().contains(namespace);
    boolean link = Sh.tryRun("ip", "link", "show", hostInterface).ok();
    return ns || link;
  }

  private static boolean gone(String namespace, String hostInterface, long agentPid,
      Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!exists(namespace, hostInterface) && ProcessHandle.of(agentPid).isEmpty()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  public void should_remove_namespace_link_and_agent_when_a_lane_closes() throws Exception {
    // GIVEN
    String ns;
    String host;
    long agent;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(20));
        Lane lane = bed.openLane()) {
      ns = lane.plan().namespace();
      host = lane.plan().hostInterface();
      agent = lane.target().agent().orElseThrow().pid();
      // THEN while it is up: the harness side has no IPv4 address and IPv6 off
      then(exists(ns, host)).isTrue();
      then(Sh.run("ip", "-4", "-o", "addr", "show", "dev", host)).isBlank();
      then(Sh.run("sysctl", "-n", "net.ipv6.conf." + host + ".disable_ipv6").trim())
          .isEqualTo("1");
      then(Sh.run("ip", "netns", "exec", ns, "ethtool", "-k", lane.plan().targetInterface()))
          .contains("tx-checksumming: off");
    }
    // THEN after close
    then(gone(ns, host, agent, Duration.ofSeconds(5))).as("everything of %s removed", ns).isTrue();
  }

  @Test(groups = "bed")
  public void should_clean_up_after_kill_9_through_the_watchdog() throws Exception {
    assertChildCleanedUpAfter("KILL");
  }

  @Test(groups = "bed")
  public void should_clean_up_after_ctrl_c() throws Exception {
    assertChildCleanedUpAfter("INT");
  }

  private void assertChildCleanedUpAfter(String signal) throws Exception {
    // GIVEN a child JVM holding a lane
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LaneHolder.class.getName())
        .redirectErrorStream(true).start();
    String up;
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      up = r.lines().filter(l -> l.startsWith("up ")).findFirst().orElse("");
    } catch (RuntimeException e) {
      up = "";
    }
    then(up).as("child lane came up").startsWith("up ");
    String[] p = up.split(" ");
    then(exists(p[1], p[2])).isTrue();

    // WHEN it is killed
    Sh.run("kill", "-" + signal, String.valueOf(child.pid()));
    child.waitFor(10, TimeUnit.SECONDS);

    // THEN its namespace, link and agent disappear
    then(gone(p[1], p[2], Long.parseLong(p[3]), Duration.ofSeconds(10)))
        .as("leftovers of %s after SIG%s", p[1], signal).isTrue();
  }

  @Test(groups = "bed")
  public void should_sweep_leftovers_of_a_dead_run_at_start() {
    // GIVEN a namespace named like a run's whose JVM is gone (no registry file)
    String leftover = "tcdead00-00-ns";
    Sh.tryRun("ip", "netns", "add", leftover);
    // WHEN a new run arms its reaper
    try (Reaper reaper = Reaper.arm(RunId.fresh())) {
      // THEN the leftover is gone
      then(Sh.run("ip", "netns", "list")).doesNotContain(leftover);
    }
  }

  @Test(groups = "bed")
  public void should_say_in_one_line_what_is_wrong_with_an_interface_name() {
    Throwable t = catchThrowable(() -> PcapLink.open("tcnosuch0", null));
    then(t).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("cannot open tcnosuch0: no such interface");
    then(t.getMessage()).doesNotContain("\n");
  }

  @Test(groups = "bed")
  public void should_say_in_one_line_when_a_command_fails() {
    Throwable t = catchThrowable(() -> Sh.run("ip", "netns", "del", "tcnosuch-00-ns"));
    then(t).isInstanceOf(HarnessException.class)
        .hasMessageContaining("'ip netns del tcnosuch-00-ns' failed (exit 1)");
    then(catchThrowable(() -> Sh.run("tcpconform-no-such-tool")))
        .hasMessageContaining("cannot run 'tcpconform-no-such-tool'");
  }

  @Test(groups = "bed")
  public void should_refuse_to_run_without_root_in_one_line() throws Exception {
    // GIVEN the preflight check in a JVM that runs as nobody (its classes copied where nobody
    // can read them: the build directory may sit under a private temporary directory)
    Path classes = Files.createTempDirectory("tcpconform-preflight");
    for (Class<?> c : List.of(PreflightMain.class, Preflight.class, HarnessException.class)) {
      String file = c.getName().replace('.', '/') + ".class";
      Path to = classes.resolve(file);
      Files.createDirectories(to.getParent());
      try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
        Files.copy(in, to);
      }
    }
    Sh.run("chmod", "-R", "a+rX", classes.toString());
    Process p = new ProcessBuilder(List.of("setpriv", "--reuid=65534", "--regid=65534",
        "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classes.toString(), PreflightMain.class.getName()))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(20, TimeUnit.SECONDS);
    // THEN it says so in one line and exits non-zero
    then(out).isEqualTo(
        "tcpconform needs root to create network namespaces and capture frames: run it as root");
    then(p.exitValue()).isNotZero();
    Sh.run("rm", "-rf", classes.toString());
  }
}
