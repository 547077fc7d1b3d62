package dev.tcpconform.core.bed;

import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.core.target.TargetUnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testng.SkipException;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The clean-up proofs of {@link TestbedCleanupTest} for the TAP targets, where the target is a
 * TAP device in the harness's own namespace and an agent process that is the stack (no
 * namespace to delete, no {@code ip netns pids} to find the agent by), and for the proxy target
 * (slirp: a TAP device here, the stack and its application in a namespace of their own, a
 * control socket beside the run's registry entry): whatever a run of lwip-tap, gvisor-tap or
 * slirp-proxy creates is gone after a lane closes, after Ctrl-C (SIGINT), after
 * {@code kill -9} (the watchdog), and after {@code kill -9} of the JVM and its watchdog both,
 * once the next run has swept; also when the agent hangs (it never reads the end of its input),
 * and when the JVM dies while its agent is still coming up. "Whatever it creates" is read from
 * the machine, not from the run's own records: every link and namespace named
 * {@code tc<run>-*}, every process whose command line names the run ({@code tc<run>}: the
 * agents, which are given their TAP device's name; {@code <run>.pid}: the watchdog), and the
 * run's registry file.
 *
 * <p>Skipped, with the reason and the install command, where the target's agent is not built.
 */
@Test(groups = "bed")
public class TapCleanupTest {

  private static final Duration CLEANUP = Duration.ofSeconds(10);

  /** The child runs this class started, removed after each test whatever its outcome. */
  private final List<Held> started = new CopyOnWriteArrayList<>();

  @DataProvider
  public Object[][] tapTargets() {
    return new Object[][] {{"lwip-tap"}, {"gvisor-tap"}, {"slirp-proxy"}};
  }

  @Test(dataProvider = "tapTargets")
  public void should_leave_no_tap_device_or_agent_when_a_lane_closes(String target)
      throws Exception {
    // GIVEN a lane of the TAP target, up
    String run;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(20), available(target));
        Lane lane = bed.openLane()) {
      run = bed.run().hex();
      then(lane.target().wireInterface()).startsWith("tc" + run + "-");
      then(leftovers(run)).as("what run %s holds while its lane is up", run)
          .anyMatch(l -> l.startsWith("link " + lane.target().wireInterface()))
          .anyMatch(l -> l.startsWith("process " + lane.target().agent().orElseThrow().pid()));
    }
    // WHEN it closes, THEN nothing of the run is left
    then(leftoversAfter(run, CLEANUP)).as("leftovers of run %s after it closed", run).isEmpty();
  }

  @Test(dataProvider = "tapTargets")
  public void should_leave_no_tap_device_or_agent_after_ctrl_c(String target) throws Exception {
    // GIVEN a child JVM holding a lane of the TAP target
    Held held = hold(available(target));

    // WHEN it gets SIGINT (its shutdown hook removes what the run registered)
    Sh.run("kill", "-INT", String.valueOf(held.jvm().pid()));
    held.jvm().waitFor(10, TimeUnit.SECONDS);

    // THEN neither its TAP device nor its agent is left
    then(leftoversAfter(held.run(), CLEANUP))
        .as("leftovers of %s run %s after SIGINT", target, held.run()).isEmpty();
  }

  @Test(dataProvider = "tapTargets")
  public void should_leave_no_tap_device_or_agent_after_kill_9_through_the_watchdog(
      String target) throws Exception {
    // GIVEN a child JVM holding a lane of the TAP target
    Held held = hold(available(target));

    // WHEN it is killed with SIGKILL (no hook runs; the watchdog sees its pipe end)
    Sh.run("kill", "-KILL", String.valueOf(held.jvm().pid()));
    held.jvm().waitFor(10, TimeUnit.SECONDS);

    // THEN neither its TAP device nor its agent is left
    then(leftoversAfter(held.run(), CLEANUP))
        .as("leftovers of %s run %s after SIGKILL", target, held.run()).isEmpty();
  }

  @Test(dataProvider = "tapTargets")
  public void should_sweep_the_tap_device_and_agent_of_a_run_killed_with_its_watchdog(
      String target) throws Exception {
    // GIVEN a child JVM holding a lane of the TAP target, killed with SIGKILL together with its
    // watchdog: nothing of that run cleans up after it
    Held held = hold(available(target));
    List<Long> watchdog = processesNaming(held.run() + ".pid");
    then(watchdog).as("the watchdog of run %s", held.run()).hasSize(1);
    Sh.run("kill", "-KILL", String.valueOf(watchdog.get(0)));
    Sh.run("kill", "-KILL", String.valueOf(held.jvm().pid()));
    held.jvm().waitFor(10, TimeUnit.SECONDS);
    then(leftovers(held.run())).as("what the dead run %s left", held.run())
        .anyMatch(l -> l.startsWith("link " + held.hostInterface()));

    // WHEN the next run starts (its reaper sweeps the leftovers of dead runs)
    try (Reaper next = Reaper.arm(RunId.fresh())) {
      // THEN neither the TAP device nor the agent of the dead run is left
      then(leftoversAfter(held.run(), CLEANUP))
          .as("leftovers of %s run %s after the next run's sweep", target, held.run())
          .isEmpty();
    }
  }

  @Test(dataProvider = "tapTargets")
  public void should_sweep_an_agent_that_hangs_instead_of_ending_with_its_run(String target)
      throws Exception {
    // GIVEN a child JVM holding a lane of the TAP target whose agent hangs (stopped: it never
    // reads the end of its input, as a stack deadlocked on its own lock would not), killed with
    // SIGKILL together with its watchdog
    Held held = hold(available(target));
    Sh.run("kill", "-STOP", String.valueOf(held.agentPid()));
    List<Long> watchdog = processesNaming(held.run() + ".pid");
    then(watchdog).as("the watchdog of run %s", held.run()).hasSize(1);
    Sh.run("kill", "-KILL", String.valueOf(watchdog.get(0)));
    Sh.run("kill", "-KILL", String.valueOf(held.jvm().pid()));
    held.jvm().waitFor(10, TimeUnit.SECONDS);
    then(ProcessHandle.of(held.agentPid()).map(ProcessHandle::isAlive).orElse(false))
        .as("agent %d of the dead run %s", held.agentPid(), held.run()).isTrue();

    // WHEN the next run starts
    try (Reaper next = Reaper.arm(RunId.fresh())) {
      // THEN the agent is gone with the TAP device
      then(leftoversAfter(held.run(), CLEANUP))
          .as("leftovers of %s run %s after the next run's sweep", target, held.run())
          .isEmpty();
    }
  }

  @Test
  public void should_kill_an_agent_that_hangs_before_its_ready_line_when_the_jvm_dies()
      throws Exception {
    // GIVEN a child JVM whose lane's agent hangs before its ready line (it neither prints one
    // nor reads its input), the JVM waiting for it
    Held held = hold(TargetProfile.load("hung-tap"), "run ");
    String agent = "sleep(600) tc" + held.run(); // its command line (hung-tap.profile)
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (processesNaming(agent).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    then(processesNaming(agent)).as("the hung agent of run %s", held.run()).hasSize(1);
    Thread.sleep(500); // the JVM registers the agent as soon as it exists; this is ample

    // WHEN the JVM is killed with SIGKILL while it waits
    Sh.run("kill", "-KILL", String.valueOf(held.jvm().pid()));
    held.jvm().waitFor(10, TimeUnit.SECONDS);

    // THEN the watchdog kills the agent and removes its TAP device
    then(leftoversAfter(held.run(), CLEANUP))
        .as("leftovers of run %s after SIGKILL during its agent's start", held.run()).isEmpty();
  }

  /** Whatever a test's child run left, even when the test failed: none of it is kept. */
  @AfterMethod(alwaysRun = true)
  public void removeWhatChildRunsLeft() {
    for (Held held : started) {
      held.jvm().destroyForcibly();
      for (String left : leftovers(held.run())) {
        String[] what = left.split(" ");
        switch (what[0]) {
          case "process" -> ProcessHandle.of(Long.parseLong(what[1]))
              .ifPresent(ProcessHandle::destroyForcibly);
          case "link" -> Sh.tryRun("ip", "link", "del", what[1]);
          case "namespace" -> Sh.tryRun("ip", "netns", "del", what[1]);
          default -> Sh.tryRun("rm", "-f", what[1]);
        }
      }
    }
    started.clear();
  }

  /** The profile, or the test skipped with what is missing and the install command. */
  private static TargetProfile available(String target) {
    TargetProfile profile = TargetProfile.load(target);
    try {
      profile.checkAvailable();
    } catch (TargetUnavailableException e) {
      throw new SkipException(e.getMessage());
    }
    return profile;
  }

  /** A child JVM holding a lane of {@code profile}, removed after the test. */
  private Held hold(TargetProfile profile) throws IOException {
    return hold(profile, "up ");
  }

  /** A child JVM of a run of {@code profile}, once it said {@code until}; removed after it. */
  private Held hold(TargetProfile profile, String until) throws IOException {
    Held held = Held.start(profile, until);
    started.add(held);
    return held;
  }

  /**
   * A child JVM ({@link LaneHolder}) of one run: its lane up once it said so, or still coming up.
   *
   * @param run the run's ID, in the name of everything it creates
   * @param hostInterface the lane's TAP device; null while the lane comes up
   * @param agentPid the lane's agent; -1 while the lane comes up
   */
  private record Held(Process jvm, String run, String hostInterface, long agentPid) {

    /** The child, once it printed a line starting with {@code until} ("run " or "up "). */
    static Held start(TargetProfile profile, String until) throws IOException {
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), LaneHolder.class.getName(),
          profile.name())
          .redirectErrorStream(true).start();
      List<String> said = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          said.add(line);
          if (line.startsWith(until)) {
            break;
          }
        }
      }
      if (said.stream().noneMatch(l -> l.startsWith(until))) {
        child.destroyForcibly();
      }
      then(said).as("what the child run of %s said before '%s'", profile.name(), until)
          .anyMatch(l -> l.startsWith(until));
      String run = said.stream().filter(l -> l.startsWith("run ")).findFirst().orElseThrow()
          .substring(4).strip();
      String up = said.stream().filter(l -> l.startsWith("up ")).findFirst().orElse(null);
      if (up == null) {
        return new Held(child, run, null, -1);
      }
      String[] p = up.split(" ");
      return new Held(child, run, p[2], Long.parseLong(p[3]));
    }
  }

  /** What of run {@code run} is still there once nothing more goes within {@code within}. */
  private static List<String> leftoversAfter(String run, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> left = leftovers(run);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = leftovers(run);
    }
    return left;
  }

  /**
   * Every link and namespace named {@code tc<run>-*}, every process whose command line names
   * the run, and the run's registry file, one line each.
   */
  static List<String> leftovers(String run) {
    String prefix = "tc" + run + "-";
    List<String> left = new ArrayList<>();
    for (String line : Sh.tryRun("ip", "-o", "link", "show").stdout().lines().toList()) {
      String[] parts = line.split(":\\s+", 3);
      if (parts.length >= 2 && parts[1].startsWith(prefix)) {
        left.add("link " + parts[1].split("@")[0]);
      }
    }
    Sh.tryRun("ip", "netns", "list").stdout().lines().map(l -> l.split("\\s+")[0])
        .filter(n -> n.startsWith(prefix)).forEach(n -> left.add("namespace " + n));
    Set<Long> processes = new TreeSet<>(processesNaming("tc" + run));
    processes.addAll(processesNaming(run + ".pid"));
    for (long pid : processes) {
      left.add("process " + pid + " (" + commandLine(pid) + ")");
    }
    if (Files.exists(Reaper.REGISTRY.resolve(run + ".pid"))) {
      left.add("file " + Reaper.REGISTRY.resolve(run + ".pid"));
    }
    try (Stream<Path> files = Files.list(Reaper.REGISTRY)) {
      files.filter(f -> f.getFileName().toString().startsWith(prefix))
          .forEach(f -> left.add("file " + f));
    } catch (IOException e) {
      // no registry directory: no file left there
    }
    return left;
  }

  /** Live processes but this one whose command line contains {@code text}. */
  static List<Long> processesNaming(String text) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (pid != ProcessHandle.current().pid() && commandLine(pid).contains(text)) {
          pids.add(pid);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return pids;
  }

  /** The process's arguments separated by spaces; empty for a zombie or a process gone. */
  static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }
}
