package dev.tcpconform.reports;

import dev.tcpconform.reports.determinism.RepeatedRuns;
import dev.tcpconform.reports.results.AllureResults;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code <dir>}: compares the Allure results of repeated runs of a suite, one subdirectory per run
 * ({@code run-1}, {@code run-2}, ... in name order), and prints the runs, the tests and every test
 * whose verdict was not the same in all of them. Exit 0 when there is none, 1 when a test is
 * flaky, 2 for a bad argument (one line saying what to do).
 */
public final class RepeatCommand {

  private RepeatCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("tcpconform: usage: RepeatCommand <directory of run-N result directories>");
      return 2;
    }
    Path dir = Path.of(args[0]);
    List<Path> runDirs;
    try (Stream<Path> s = Files.list(dir)) {
      runDirs = s.filter(Files::isDirectory).sorted(RepeatCommand::byRunNumber).toList();
    } catch (IOException e) {
      err.println("tcpconform: cannot read the runs in " + dir + ": " + e.getMessage());
      return 2;
    }
    if (runDirs.size() < 2) {
      err.println("tcpconform: " + dir + " holds " + runDirs.size() + " run(s); comparing needs"
          + " at least 2");
      return 2;
    }
    List<List<TestOutcome>> runs = new ArrayList<>();
    for (Path r : runDirs) {
      try {
        runs.add(AllureResults.read(r).outcomes());
      } catch (IOException e) {
        err.println("tcpconform: cannot read the results in " + r + ": " + e.getMessage());
        return 2;
      }
    }
    RepeatedRuns repeated = new RepeatedRuns(runs);
    List<RepeatedRuns.Verdicts> flaky = repeated.flaky();
    out.println("tcpconform: " + repeated.runs() + " runs, " + repeated.tests() + " tests, "
        + flaky.size() + " flaky (a verdict that was not the same in every run)");
    for (RepeatedRuns.Verdicts v : flaky) {
      out.println("  FLAKY " + v.key() + ": " + String.join(" ", v.perRun()));
    }
    return flaky.isEmpty() ? 0 : 1;
  }

  /** {@code run-2} before {@code run-10}. */
  private static int byRunNumber(Path a, Path b) {
    return Long.compare(number(a), number(b)) != 0 ? Long.compare(number(a), number(b))
        : a.compareTo(b);
  }

  private static long number(Path p) {
    String digits = p.getFileName().toString().replaceAll("\\D+", "");
    return digits.isEmpty() ? Long.MAX_VALUE : Long.parseLong(digits.substring(0,
        Math.min(digits.length(), 18)));
  }
}
