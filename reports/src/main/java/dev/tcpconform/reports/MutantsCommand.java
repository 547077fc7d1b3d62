package dev.tcpconform.reports;

import dev.tcpconform.reports.mutants.MutantLinks;
import dev.tcpconform.reports.mutants.MutantRun;
import dev.tcpconform.reports.mutants.MutantsHtml;
import dev.tcpconform.reports.mutants.MutantsJson;
import dev.tcpconform.reports.mutants.MutantsMarkdown;
import dev.tcpconform.reports.mutants.MutationMatrix;
import dev.tcpconform.reports.mutants.MutationMatrix.MutantResult;
import dev.tcpconform.reports.mutants.MutationMatrix.TestRow;
import dev.tcpconform.reports.mutants.Reason;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The mutation matrix: {@code MutantsCommand --runs DIR --out FILE [--evidence DIR]}.
 * {@code DIR/reference} holds the Allure results of the suite against the unmutated Linux target
 * and of the fault demonstrations run with it, {@code DIR/<mutant>} those against each mutant
 * (see the test-suites' {@code Mutants}); {@code --evidence} (default {@code DIR.evidence} when
 * it is there) the captures of each run, {@code <evidence>/<run>/captures/}. See
 * {@link MutationMatrix} for what catches what.
 *
 * <p>Writes {@code FILE} (Markdown, e.g. {@code mutants.md}) and, beside it, the same name with
 * {@code .html} (a self-contained page, linking {@code matrix.html} when that is there) and
 * {@code .json} (schema tcpconform-mutants/1). Exit 1 when a mutant was caught by no test, a
 * conforming variant drew a failure, or a conformance test that passes against the reference is
 * caught by no mutant and shown failing by no fault demonstration (each listed by name); 2 on bad
 * input, in one line.
 */
public final class MutantsCommand {

  private static final String USAGE = "MutantsCommand --runs DIR --out FILE [--evidence DIR]";

  private MutantsCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path runs = null;
    Path file = null;
    Path evidence = null;
    boolean bad = args.length % 2 != 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> runs = Path.of(args[i + 1]);
        case "--out" -> file = Path.of(args[i + 1]);
        case "--evidence" -> evidence = Path.of(args[i + 1]);
        default -> bad = true;
      }
    }
    if (bad || runs == null || file == null) {
      err.println("tcpconform mutants: usage: " + USAGE);
      return 2;
    }
    try {
      MutantRun reference = MutantRun.read(runs.resolve(MutantRun.REFERENCE));
      List<MutantRun> mutants = new ArrayList<>();
      try (Stream<Path> dirs = Files.list(runs)) {
        for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
          if (!d.getFileName().toString().equals(MutantRun.REFERENCE)) {
            mutants.add(MutantRun.read(d));
          }
        }
      }
      MutationMatrix m = MutationMatrix.of(reference, mutants);
      if (evidence == null) {
        Path beside = runs.resolveSibling(runs.getFileName() + ".evidence");
        evidence = Files.isDirectory(beside) ? beside : null;
      }
      Path dir = file.toAbsolutePath().getParent();
      MutantLinks links = evidence == null ? MutantLinks.none() : MutantLinks.of(dir, evidence);
      String base = file.getFileName().toString().replaceFirst("\\.md$", "");
      Path html = dir.resolve(base + ".html");
      Path json = dir.resolve(base + ".json");
      MutantsMarkdown.write(m, file);
      MutantsHtml.write(m, links, html);
      MutantsJson.write(m, links, json);
      summary(m, out);
      out.println("wrote " + file + ", " + html.getFileName() + " and " + json.getFileName());
      return m.holds() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      err.println("tcpconform mutants: " + e.getMessage());
      return 2;
    }
  }

  private static void summary(MutationMatrix m, PrintStream out) {
    for (MutantResult r : m.mutants()) {
      out.printf("  %-34s %s by %d test(s)%s%n", r.name(),
          r.isConformingVariant() ? "failed" : "caught", r.failed().size(),
          r.isGood() ? "" : r.isConformingVariant() ? ": FALSE ALARM" : ": NOT CAUGHT");
    }
    out.printf("%d mutants, %d caught (kill rate %d %%); %d conforming variants, %d false"
        + " alarms; %d of %d conformance tests that pass on the reference caught at least one"
        + " mutant, %d more are shown failing by their fault demonstration, %d through another"
        + " case of their test, %d have no stated reason%n", m.mutantCount(), m.caughtCount(),
        m.killRatePercent(), m.conformingCount(), m.falseAlarms().size(),
        m.count(Reason.Kind.MUTANT), m.passingOnReference(),
        m.count(Reason.Kind.FAULT_DEMONSTRATION), m.count(Reason.Kind.CASE_DEMONSTRATION),
        m.unexplained().size());
    if (!m.uncaughtMutants().isEmpty()) {
      out.println("MUTANTS NO TEST CAUGHT: " + String.join(", ", m.uncaughtMutants()));
    }
    if (!m.falseAlarms().isEmpty()) {
      out.println("FALSE ALARMS (tests failing against a conforming variant): "
          + String.join(", ", m.falseAlarms()));
    }
    if (!m.hasDemonstrations()) {
      out.println("the reference's results hold no fault demonstration (run the reference with"
          + " -Dtcpconform.suite=project): no test can be shown failing by one");
    }
    if (!m.unexplained().isEmpty()) {
      out.println("CONFORMANCE TESTS NO MUTANT CATCHES AND NO FAULT DEMONSTRATION SHOWS FAILING ("
          + m.unexplained().size() + "):");
      for (TestRow t : m.unexplained()) {
        out.println("  " + t.key() + ": " + t.reason().text());
      }
    }
  }
}
