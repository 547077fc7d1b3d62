package dev.tcpconform.bench;

import dev.tcpconform.core.bed.Reaper;
import dev.tcpconform.core.bed.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The measuring part of {@code ./tcpconform bench}: the crafter under JMH, then injection,
 * capture and round trip on the machine's own veth pairs and a Linux lane. Appends what it
 * measured to the figures file; {@link BenchReport} prints the table.
 *
 * <p>{@code java ... BenchCommand FIGURES WORKDIR [PARTS]}, PARTS a comma-separated subset of
 * {@code codec,inject,capture,rtt} (all by default).
 */
public final class BenchCommand {

  private BenchCommand() {}

  public static void main(String[] args) throws Exception {
    Figures figures = new Figures(Path.of(args[0]));
    Path work = Path.of(args[1]);
    Files.createDirectories(work);
    Set<String> parts = Set.copyOf(List.of(
        (args.length > 2 ? args[2] : "codec,inject,capture,rtt").split(",")));
    if (parts.contains("codec")) {
      System.err.println("bench: crafting and parsing (JMH, one fork, about 40 s)");
      codec(figures, work);
    }
    if (parts.contains("inject") || parts.contains("capture")) {
      try (Reaper reaper = Reaper.arm(RunId.fresh());
          BenchVeth veth = BenchVeth.create(reaper)) {
        if (parts.contains("inject")) {
          System.err.println("bench: injection on " + veth.a() + " (harness, plain pcap, Scapy)");
          new InjectionBenchmark(veth, figures, work).run();
        }
        if (parts.contains("capture")) {
          System.err.println("bench: capture on " + veth.b() + " at " + CaptureBenchmark.RATE
              + " frames/s");
          new CaptureBenchmark(veth, figures).run("capture");
          veth.laneSettingsAtB();
          new CaptureBenchmark(veth, figures).run("capture.lane");
          new CaptureBenchmark(veth, figures).runLinkAlone("capture.link");
        }
      }
    }
    if (parts.contains("rtt")) {
      System.err.println("bench: round trips SYN -> RST on a Linux lane");
      new RoundTripBenchmark(figures).run();
    }
  }

  private static void codec(Figures figures, Path work) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(CodecBenchmark.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(5)
        .measurementTime(TimeValue.seconds(1))
        .output(work.resolve("jmh.log").toString())
        .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String method = name.substring(name.lastIndexOf('.') + 1);
      figures.put("codec." + method, r.getPrimaryResult().getScore());
      figures.put("codec." + method + ".error", r.getPrimaryResult().getScoreError());
    }
  }
}
