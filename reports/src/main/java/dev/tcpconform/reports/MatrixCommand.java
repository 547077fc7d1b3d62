package dev.tcpconform.reports;

import dev.tcpconform.reports.compare.EvidenceLinks;
import dev.tcpconform.reports.compare.JunitXml;
import dev.tcpconform.reports.compare.MatrixHtml;
import dev.tcpconform.reports.compare.MatrixJson;
import dev.tcpconform.reports.compare.MatrixMarkdown;
import dev.tcpconform.reports.compare.TargetMatrix;
import dev.tcpconform.reports.compare.TargetRun;
import dev.tcpconform.reports.gate.Baseline;
import dev.tcpconform.reports.gate.CiGate;
import dev.tcpconform.reports.matrix.ComplianceJson;
import dev.tcpconform.reports.matrix.ComplianceMatrix;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.matrix.RequirementCatalogue;
import dev.tcpconform.reports.results.AllureResults;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The matrix of one run over several targets, and its CI gate:
 * <pre>
 * MatrixCommand --out DIR [--gate-level MUST|SHOULD|MAY]
 *               --target NAME=RESULTS_DIR[,BASELINE_FILE] ... [--unavailable NAME=REASON ...]
 * </pre>
 * {@code --target} names a target that ran, its Allure results directory and, after a comma,
 * its baseline (a results path cannot hold a comma). {@code --unavailable} names a target that
 * could not run and why, with the command that installs what it lacks; its column says so and
 * holds no verdict. Targets appear in the order given. The command writes
 * <ul>
 *   <li>{@code DIR/matrix.html} (self-contained) and {@code DIR/matrix.md}: a row per
 *       requirement, a column per target, totals per target and level group;
 *   <li>{@code DIR/compliance.json} (schema tcpconform-matrix/1) and, per available target,
 *       {@code DIR/<target>/compliance.json} (schema tcpconform-compliance/1);
 *   <li>{@code DIR/junit.xml}, a test suite per available target, for CI systems;
 * </ul>
 * prints a line per target and where it wrote, then holds the targets to the gate
 * ({@link CiGate}; {@code --gate-level} defaults to MUST).
 *
 * <p>Exit codes: 0 the gate passed; 1 the gate failed (the tests are listed), or no target was
 * available so nothing was checked; 2 a bad argument or an unreadable input, in one line, with
 * nothing written. The files are written before the gate is held, so whoever runs this through
 * Maven (profile {@code matrix} of this module, where exit 1 fails the build) reads a build
 * failure after {@code DIR/matrix.html} exists as the gate failing.
 */
public final class MatrixCommand {

  private MatrixCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    MatrixArguments a;
    try {
      a = MatrixArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("tcpconform matrix: " + e.getMessage() + " (usage: " + MatrixArguments.USAGE
          + ")");
      return 2;
    }
    try {
      List<TargetRun> targets = new ArrayList<>();
      for (MatrixArguments.Target t : a.targets()) {
        targets.add(t.unavailableReason() != null
            ? TargetRun.unavailable(t.name(), t.unavailableReason())
            : TargetRun.available(read(t, err), environment(t.results())));
      }
      RequirementCatalogue catalogue = RequirementCatalogue.load();
      TargetMatrix matrix = TargetMatrix.of(targets, catalogue);
      write(matrix, a.out());
      summary(matrix, a.out(), out);
      return gate(CiGate.at(a.gateLevel(), catalogue), targets, out);
    } catch (IOException e) {
      err.println("tcpconform matrix: " + e.getMessage());
      return 2;
    }
  }

  /**
   * What the run said about its target in Allure's {@code environment.properties}; empty when
   * there is none.
   */
  static Map<String, String> environment(Path results) throws IOException {
    Path file = results.resolve("environment.properties");
    Map<String, String> env = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.stringPropertyNames().stream().sorted().forEach(k -> env.put(k, p.getProperty(k)));
    }
    return env;
  }

  /** A target's verdicts, from its results and baseline. */
  private static ComplianceMatrix read(MatrixArguments.Target t, PrintStream err)
      throws IOException {
    if (!Files.isDirectory(t.results())) {
      throw new IOException("no results directory " + t.results() + " for target " + t.name()
          + " (run the suite against it first, or name it with --unavailable)");
    }
    if (t.baseline() != null && !Files.isRegularFile(t.baseline())) {
      throw new IOException("no baseline file " + t.baseline() + " for target " + t.name());
    }
    Baseline baseline = t.baseline() == null ? Baseline.none() : Baseline.load(t.baseline());
    AllureResults results = AllureResults.read(t.results());
    results.problems().forEach(p -> err.println("tcpconform matrix: " + t.name() + ": skipped "
        + p));
    if (results.outcomes().isEmpty()) {
      throw new IOException("no Allure results in " + t.results() + " for target " + t.name()
          + " (the run wrote none: see its log)");
    }
    results.outcomes().stream().map(TestOutcome::target).filter(Objects::nonNull)
        .filter(n -> !n.equals(t.name())).distinct().forEach(n -> err.println(
            "tcpconform matrix: " + t.name() + ": warning: " + t.results()
                + " holds results of target " + n));
    return ComplianceMatrix.of(t.name(), results.outcomes(), baseline);
  }

  private static void write(TargetMatrix m, Path dir) throws IOException {
    EvidenceLinks links = EvidenceLinks.in(dir);
    for (TargetRun t : m.targets()) {
      if (t.isAvailable()) {
        ComplianceJson.write(t.matrix(), dir.resolve(t.name()).resolve("compliance.json"));
      }
    }
    MatrixHtml.write(m, links, dir.resolve("matrix.html"));
    MatrixMarkdown.write(m, links, dir.resolve("matrix.md"));
    MatrixJson.write(m, links, dir.resolve("compliance.json"));
    JunitXml.write(m, links, dir.resolve("junit.xml"));
  }

  private static void summary(TargetMatrix m, Path dir, PrintStream out) {
    for (TargetRun t : m.targets()) {
      if (!t.isAvailable()) {
        out.println(t.name() + ": not available: " + t.unavailableReason());
        continue;
      }
      StringBuilder line = new StringBuilder(t.name()).append(": ").append(t.matrix().tests()
          .size()).append(" tests:");
      counts(line, t.testCounts());
      line.append("; requirements");
      for (Map.Entry<LevelGroup, Map<String, Integer>> g : m.totals(t.name()).entrySet()) {
        line.append(' ').append(g.getKey());
        counts(line, g.getValue());
        line.append(';');
      }
      out.println(line.substring(0, line.length() - 1));
      if (!t.matrix().staleBaseline().isEmpty()) {
        out.println(t.name() + ": " + t.matrix().staleBaseline().size() + " stale baseline"
            + " entries (the test passes now), listed in " + t.name() + "/compliance.json");
      }
    }
    out.println(m.rows().size() + " requirements, " + m.differing()
        + " where one target passed and another failed");
    out.println("wrote " + dir.resolve("matrix.html") + ", matrix.md, compliance.json,"
        + " junit.xml and <target>/compliance.json");
  }

  /** {@code  225 passed, 0 failed, ...}, leaving out zero counts. */
  private static void counts(StringBuilder line, Map<String, Integer> counts) {
    String sep = " ";
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      if (c.getValue() > 0) {
        line.append(sep).append(c.getValue()).append(' ').append(c.getKey());
        sep = ", ";
      }
    }
    if (sep.equals(" ")) {
      line.append(" none");
    }
  }

  private static int gate(CiGate gate, List<TargetRun> targets, PrintStream out) {
    List<String> checked = targets.stream().filter(TargetRun::isAvailable)
        .map(TargetRun::name).toList();
    List<String> unchecked = targets.stream().filter(t -> !t.isAvailable())
        .map(TargetRun::name).toList();
    String notChecked = unchecked.isEmpty() ? ""
        : " (not checked, not available: " + String.join(", ", unchecked) + ")";
    if (checked.isEmpty()) {
      out.println("GATE FAILED: no target was available, nothing was checked" + notChecked);
      return 1;
    }
    List<CiGate.Violation> below = gate.belowLevel(targets);
    if (!below.isEmpty()) {
      out.println(below.size() + " failure(s) outside the baseline below the " + gate.level()
          + " gate (in junit.xml):");
      below.forEach(v -> out.println("  " + v.line()));
    }
    List<CiGate.Violation> v = gate.violations(targets);
    if (!v.isEmpty()) {
      out.println("GATE FAILED at " + gate.level() + ": " + v.size() + " test(s) failed outside"
          + " their target's baseline or broke" + notChecked + ":");
      v.forEach(x -> out.println("  " + x.line()));
      return 1;
    }
    out.println("gate passed at " + gate.level() + ": no test failed outside its target's"
        + " baseline or broke on " + String.join(", ", checked) + notChecked);
    return 0;
  }
}
