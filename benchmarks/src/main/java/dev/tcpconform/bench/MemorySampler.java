package dev.tcpconform.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory of a whole suite run, sampled from {@code /proc} every {@link #PERIOD_MS} ms while
 * the Maven process given runs: the harness's JVM (surefire's fork) and every process it started
 * (the agents in their namespaces, the reaper's watchdog, {@code ip}) summed, as PSS (each shared
 * page split among the processes sharing it, so the JVMs' common libraries count once) and as
 * RSS (shared pages counted in every process: an over-estimate). Maven's own JVM is the build,
 * not the harness, and is reported apart. A peak shorter than the period can be missed.
 *
 * <p>{@code java ... MemorySampler MAVEN_PID FIGURES}
 */
public final class MemorySampler {

  static final int PERIOD_MS = 200;

  private MemorySampler() {}

  public static void main(String[] args) throws InterruptedException {
    long mavenPid = Long.parseLong(args[0]);
    Figures figures = new Figures(Path.of(args[1]));
    ProcessHandle maven = ProcessHandle.of(mavenPid).orElseThrow(
        () -> new IllegalArgumentException("no process " + mavenPid));
    long peakPss = 0;
    long peakRss = 0;
    long processesAtPeak = 0;
    long agentsAtPeak = 0;
    long harnessHwm = 0;
    long mavenHwm = 0;
    int samples = 0;
    while (maven.isAlive()) {
      long pss = 0;
      long rss = 0;
      long processes = 0;
      long agents = 0;
      for (ProcessHandle p : maven.descendants().toList()) {
        long pid = p.pid();
        // both from one walk of the page tables, so that they describe the same moment
        long[] m = rollup(pid);
        if (m == null) {
          continue; // gone meanwhile
        }
        rss += m[0];
        pss += m[1];
        processes++;
        String cmd = commandLine(pid);
        if (cmd.contains("LinuxAgentMain") || cmd.contains("/agents/")) {
          agents++;
        }
        if (cmd.contains("surefire")) {
          harnessHwm = Math.max(harnessHwm, kib(pid, "status", "VmHWM:"));
        }
      }
      mavenHwm = Math.max(mavenHwm, kib(mavenPid, "status", "VmHWM:"));
      if (pss > peakPss) {
        peakPss = pss;
        processesAtPeak = processes;
        agentsAtPeak = agents;
      }
      peakRss = Math.max(peakRss, rss);
      samples++;
      Thread.sleep(PERIOD_MS);
    }
    figures.put("memory.harness.peakPssKiB", peakPss);
    figures.put("memory.harness.peakRssKiB", peakRss);
    figures.put("memory.harness.processesAtPeak", String.valueOf(processesAtPeak));
    figures.put("memory.harness.agentsAtPeak", String.valueOf(agentsAtPeak));
    figures.put("memory.harness.jvmHwmKiB", harnessHwm);
    figures.put("memory.maven.hwmKiB", mavenHwm);
    figures.put("memory.samples", String.valueOf(samples));
  }

  /** {Rss, Pss} in KiB from {@code /proc/<pid>/smaps_rollup}, or null if it cannot be read. */
  private static long[] rollup(long pid) {
    long[] m = {-1, -1};
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"),
          StandardCharsets.US_ASCII)) {
        if (line.startsWith("Rss:")) {
          m[0] = value(line, "Rss:");
        } else if (line.startsWith("Pss:")) {
          m[1] = value(line, "Pss:");
        }
      }
    } catch (IOException | RuntimeException e) {
      return null; // the process ended between listing and reading
    }
    return m[0] < 0 || m[1] < 0 ? null : m;
  }

  private static long value(String line, String key) {
    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
  }

  /** The {@code key} line of {@code /proc/<pid>/<file>} in KiB, or -1 if it cannot be read. */
  private static long kib(long pid, String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), file),
          StandardCharsets.US_ASCII);
      for (String line : lines) {
        if (line.startsWith(key)) {
          return value(line, key);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading
    }
    return -1;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
