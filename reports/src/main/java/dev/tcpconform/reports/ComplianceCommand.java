package dev.tcpconform.reports;

import dev.tcpconform.reports.gate.Baseline;
import dev.tcpconform.reports.matrix.ComplianceJson;
import dev.tcpconform.reports.matrix.ComplianceMatrix;
import dev.tcpconform.reports.results.AllureResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --results DIR --out DIR [--target NAME] [--baseline FILE] [--gate]}: reads a run's Allure
 * results, writes {@code <out>/compliance.json}, prints one line per requirement and the totals.
 * With {@code --gate}, exits 1 when a test failed or broke outside the target's baseline.
 * Exit 2 for bad arguments, with one line saying what to do.
 */
public final class ComplianceCommand {

  private ComplianceCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path results = null;
    Path outDir = null;
    Path baselineFile = null;
    String target = "linux-netns";
    boolean gate = false;
    boolean mark = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--gate")) {
        gate = true;
        continue;
      }
      if (a.equals("--mark-baseline")) {
        mark = true;
        continue;
      }
      if (i + 1 >= args.length) {
        err.println("tcpconform report: " + a + " needs a value (usage: " + USAGE + ")");
        return 2;
      }
      String v = args[++i];
      switch (a) {
        case "--results" -> results = Path.of(v);
        case "--out" -> outDir = Path.of(v);
        case "--target" -> target = v;
        case "--baseline" -> baselineFile = Path.of(v);
        default -> {
          err.println("tcpconform report: unknown option " + a + " (usage: " + USAGE + ")");
          return 2;
        }
      }
    }
    if (results == null || outDir == null) {
      err.println("tcpconform report: --results and --out are required (usage: " + USAGE + ")");
      return 2;
    }
    if (!Files.isDirectory(results)) {
      err.println("tcpconform report: no results directory " + results
          + " (run the suite first: ./tcpconform run)");
      return 2;
    }
    try {
      Baseline baseline = baselineFile == null ? Baseline.none() : Baseline.load(baselineFile);
      if (mark) {
        // before the HTML report is made: baselined results shown as known deviations
        int n = dev.tcpconform.reports.gate.BaselineMarks.mark(results, baseline);
        out.println("marked " + n + " result(s) as baseline deviations of " + target);
        return 0;
      }
      AllureResults read = AllureResults.read(results);
      read.problems().forEach(p -> err.println("tcpconform report: skipped " + p));
      ComplianceMatrix m = ComplianceMatrix.of(target, read.outcomes(), baseline);
      ComplianceJson.write(m, outDir.resolve("compliance.json"));
      print(m, out);
      if (gate) {
        List<String> v = m.gateViolations();
        if (!v.isEmpty()) {
          out.println("GATE FAILED: " + v.size() + " test(s) failed or broke outside the "
              + target + " baseline:");
          v.forEach(x -> out.println("  " + x));
          return 1;
        }
        out.println("gate passed: no failure outside the " + target + " baseline");
      }
      return 0;
    } catch (IOException e) {
      err.println("tcpconform report: " + e.getMessage());
      return 2;
    }
  }

  static final String USAGE =
      "--results DIR --out DIR [--target NAME] [--baseline FILE] [--gate | --mark-baseline]";

  private static void print(ComplianceMatrix m, PrintStream out) {
    out.println("compliance of " + m.target() + ":");
    for (ComplianceMatrix.RequirementRow r : m.requirements()) {
      out.println(String.format(Locale.ROOT, "  %-18s %-8s %-22s %d test(s)",
          r.verdict(), r.level(), r.id(), r.tests().size()));
    }
    for (ComplianceMatrix.TestRow t : m.tests()) {
      if (t.baselineReason() != null) {
        out.println("  baseline deviation: " + t.outcome().key() + ": " + t.baselineReason());
      }
    }
    for (String s : m.staleBaseline()) {
      out.println("  stale baseline entry (the test passes now): " + s);
    }
    long passed = m.tests().stream().filter(t -> t.status().equals("passed")).count();
    out.println(String.format(Locale.ROOT,
        "%d conformance tests: %d passed, %d failed, %d broken, %d skipped, %d baseline deviations;"
            + " %d requirements; %d other tests",
        m.tests().size(), passed, count(m, "failed"), count(m, "broken"), count(m, "skipped"),
        count(m, "baseline-deviation"), m.requirements().size(), m.otherTests().size()));
  }

  private static long count(ComplianceMatrix m, String status) {
    return m.tests().stream().filter(t -> t.status().equals(status)).count();
  }
}
