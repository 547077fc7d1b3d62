package dev.tcpconform.bench;

import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.bed.Testbed;
import dev.tcpconform.core.link.Captured;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Harness start-up, in a JVM of its own started for it: from the moment the script launched
 * {@code java} (system property {@code tcpconform.bench.launchedEpochNanos}, taken by {@code date
 * +%s%N} just before) to {@code main}, to the test bed up (preflight, run ID, reaper and its
 * watchdog armed) and to the first lane ready (namespace, veth, the agent JVM started and
 * ready, capture armed, ARP answered).
 */
public final class StartupBenchmark {

  private StartupBenchmark() {}

  public static void main(String[] args) {
    long main = Captured.nowNanos();
    long launched = Long.parseLong(System.getProperty("tcpconform.bench.launchedEpochNanos",
        String.valueOf(main)));
    Figures figures = new Figures(Path.of(args[0]));
    long bedUp;
    long laneReady;
    try (Testbed bed = Testbed.start(1, Duration.ofSeconds(30))) {
      bedUp = Captured.nowNanos();
      Lane lane = bed.openLane();
      laneReady = Captured.nowNanos();
      lane.close();
    }
    figures.put("startup.mainMs", (main - launched) / 1e6);
    figures.put("startup.bedUpMs", (bedUp - launched) / 1e6);
    figures.put("startup.laneReadyMs", (laneReady - launched) / 1e6);
  }
}
