package dev.tcpconform.reports.mutants;

import static dev.tcpconform.reports.page.MarkdownText.code;
import static dev.tcpconform.reports.page.MarkdownText.esc;

import dev.tcpconform.reports.mutants.MutationMatrix.MutantResult;
import dev.tcpconform.reports.mutants.MutationMatrix.TestRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a {@link MutationMatrix} as {@code mutants.md}: the totals, each mutant with what it
 * breaks and the tests that caught it, then every conformance test no mutant catches with the
 * reason it can fail (or that it has none). Which mutants catch each test is in mutants.html and
 * mutants.json.
 */
public final class MutantsMarkdown {

  private MutantsMarkdown() {}

  public static String render(MutationMatrix m, Instant generatedAt) {
    StringBuilder md = new StringBuilder("# Mutation matrix\n\n");
    md.append("Each mutant is the Linux target broken one way; a test catches it when it fails")
        .append(" against the mutant and passes against the unmutated target (the reference).")
        .append(" A conforming variant only turns optional features off: no test may fail")
        .append(" against it. Generated ").append(generatedAt).append(".\n\n## Totals\n\n")
        .append("| mutants | caught | kill rate | conforming variants | false alarms |")
        .append(" conformance tests | passing on the reference | caught by a mutant |")
        .append(" shown failing by a fault demonstration | through another case of their test |")
        .append(" no stated reason |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| ")
        .append(m.mutantCount()).append(" | ").append(m.caughtCount()).append(" | ")
        .append(m.killRatePercent()).append(" % | ").append(m.conformingCount()).append(" | ")
        .append(m.falseAlarms().size()).append(" | ").append(m.tests().size()).append(" | ")
        .append(m.passingOnReference()).append(" | ").append(m.count(Reason.Kind.MUTANT))
        .append(" | ").append(m.count(Reason.Kind.FAULT_DEMONSTRATION)).append(" | ")
        .append(m.count(Reason.Kind.CASE_DEMONSTRATION)).append(" | ")
        .append(m.unexplained().isEmpty() ? "0" : "**" + m.unexplained().size() + "**")
        .append(" |\n\n## Mutants\n\n")
        .append("| mutant | kind | what it breaks | verdict | tests that caught it |\n")
        .append("|---|---|---|---|---|\n");
    for (MutantResult r : m.mutants()) {
      String verdict = r.verdict().replace('-', ' ');
      md.append("| ").append(esc(r.name())).append(" | ").append(r.kind()).append(" | ")
          .append(what(r)).append(" | ").append(r.isGood() ? verdict : "**" + verdict + "**")
          .append(" | ").append(r.failed().size());
      if (!r.failed().isEmpty()) {
        md.append(": ").append(String.join("<br>",
            r.failed().stream().map(o -> code(shortName(o.key()))).toList()));
      }
      md.append(" |\n");
    }
    List<TestRow> uncaught = m.tests().stream().filter(TestRow::isUncaught).toList();
    md.append("\n## Conformance tests no mutant catches (").append(uncaught.size())
        .append(")\n\nEach passes against the reference and fails against no mutant. Its reason")
        .append(" to be trusted: its fault demonstration (`FaultDemonstrationTest`, run with the")
        .append(" reference) ended passed, that is the test failed against a Linux target made")
        .append(" to break its rule. A test with neither is listed as having **no stated")
        .append(" reason**, and the command fails.\n\n");
    if (!m.hasDemonstrations()) {
      md.append("**The reference's results hold no fault demonstration** (the reference runs")
          .append(" the project suite: `-Dtcpconform.suite=project`).\n\n");
    }
    if (!uncaught.isEmpty()) {
      md.append("| test | why it can fail |\n|---|---|\n");
      for (TestRow t : uncaught) {
        md.append("| ").append(code(shortName(t.key()))).append(" | ");
        if (t.reason().kind() == Reason.Kind.FAULT_DEMONSTRATION) {
          md.append("shown failing by fault demonstration ")
              .append(code(t.reason().demonstration()));
        } else if (t.reason().kind() == Reason.Kind.CASE_DEMONSTRATION) {
          md.append(esc(t.reason().text()));
        } else {
          md.append("**no stated reason**: ").append(esc(t.reason().text()));
        }
        md.append(" |\n");
      }
    }
    return md.toString();
  }

  public static void write(MutationMatrix m, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(m, Instant.now()), StandardCharsets.UTF_8);
  }

  private static String what(MutantResult r) {
    if (r.run().what() == null) {
      return "(not recorded in its results)";
    }
    return esc(r.run().what())
        + (r.run().faults() == null ? "" : " (" + code(r.run().faults()) + ")");
  }

  /** A test's key without the suites' package. */
  static String shortName(String key) {
    return key.startsWith("dev.tcpconform.suites.")
        ? key.substring("dev.tcpconform.suites.".length()) : key;
  }
}
