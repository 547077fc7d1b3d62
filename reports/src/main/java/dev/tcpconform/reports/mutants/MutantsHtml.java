package dev.tcpconform.reports.mutants;

import static dev.tcpconform.reports.page.HtmlPage.esc;

import dev.tcpconform.reports.compare.EvidenceLinks;
import dev.tcpconform.reports.mutants.MutationMatrix.MutantResult;
import dev.tcpconform.reports.mutants.MutationMatrix.TestRow;
import dev.tcpconform.reports.page.HtmlPage;
import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a {@link MutationMatrix} as {@code mutants.html}, in the look of the compliance matrix
 * ({@link HtmlPage}): the totals; a row per mutant (what it breaks, its kind, its verdict, the
 * tests that caught it, each linked to its ladder against the mutant); then a row per
 * conformance test (its verdict against the unmutated target, the mutants it catches, and, for
 * one no mutant catches, why it can fail). A checkbox (pure CSS) keeps only the tests no mutant
 * catches.
 */
public final class MutantsHtml {

  /** What only this page has, beside {@link HtmlPage#STYLE}. */
  private static final String STYLE = """
      .demonstrated{background:#dcecf9}
      tr.uncaught>td:first-child{border-left:4px solid #2c6fb7}
      td.what{max-width:36em}td.what code{white-space:normal}
      table.tests td:first-child{max-width:40em}
      table.tests td:first-child code{white-space:normal;overflow-wrap:anywhere}
      td.why{min-width:20em;max-width:40em;overflow-wrap:anywhere}
      #only-uncaught:checked~table.tests tbody tr:not(.uncaught){display:none}
      """;

  private MutantsHtml() {}

  /**
   * The page, linking {@code complianceMatrix} (a path relative to it, e.g. {@code matrix.html})
   * when it is not null.
   */
  public static String render(MutationMatrix m, MutantLinks links, Instant generatedAt,
      String complianceMatrix) {
    StringBuilder h = new StringBuilder();
    HtmlPage.begin(h, "tcpconform: mutation matrix", STYLE);
    h.append("<h1>Mutation matrix</h1>\n<p>").append(m.mutantCount())
        .append(" mutants of the Linux target and ").append(m.conformingCount())
        .append(" conforming variants against ").append(m.tests().size())
        .append(" conformance tests, ").append(m.passingOnReference())
        .append(" of which pass against the unmutated target (the reference). A test catches a")
        .append(" mutant when it fails against the mutant and passes against the reference; a")
        .append(" conforming variant only turns optional features off, and a test failing")
        .append(" against one is a false alarm. Generated ").append(esc(generatedAt.toString()))
        .append(".</p>\n");
    if (complianceMatrix != null) {
      h.append("<p>The verdicts of the suite's run: the <a href=\"")
          .append(esc(EvidenceLinks.href(complianceMatrix))).append("\">compliance matrix</a>.")
          .append("</p>\n");
    }
    totals(h, m);
    mutants(h, m, links);
    tests(h, m, links);
    HtmlPage.end(h);
    return h.toString();
  }

  /**
   * Writes the page; it links {@code matrix.html} beside it when that is there (the compliance
   * matrix of {@code ./tcpconform run}).
   */
  public static void write(MutationMatrix m, MutantLinks links, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String matrix = Files.isRegularFile(dir.resolve("matrix.html")) ? "matrix.html" : null;
    Files.writeString(file, render(m, links, Instant.now(), matrix), StandardCharsets.UTF_8);
  }

  private static void totals(StringBuilder h, MutationMatrix m) {
    int unexplained = m.unexplained().size();
    h.append("<h2>Totals</h2>\n<table class=\"totals\">\n<thead><tr><th>mutants</th>")
        .append("<th>caught</th><th>kill rate</th><th>conforming variants</th>")
        .append("<th>false alarms</th><th>conformance tests</th><th>passing on the reference</th>")
        .append("<th>caught by a mutant</th><th>shown failing by a fault demonstration</th>")
        .append("<th>through another case of their test</th>")
        .append("<th>no stated reason</th></tr></thead>\n<tbody><tr>");
    num(h, m.mutantCount(), null);
    num(h, m.caughtCount(), m.uncaughtMutants().isEmpty() ? "passed" : "failed");
    h.append("<td class=\"num").append(m.uncaughtMutants().isEmpty() ? " passed" : " failed")
        .append("\">").append(m.killRatePercent()).append(" %</td>");
    num(h, m.conformingCount(), null);
    num(h, m.falseAlarms().size(), m.falseAlarms().isEmpty() ? "passed" : "failed");
    num(h, m.tests().size(), null);
    num(h, m.passingOnReference(), null);
    num(h, m.count(Reason.Kind.MUTANT), null);
    num(h, m.count(Reason.Kind.FAULT_DEMONSTRATION), null);
    num(h, m.count(Reason.Kind.CASE_DEMONSTRATION), null);
    num(h, unexplained, unexplained == 0 ? "passed" : "failed");
    h.append("</tr></tbody>\n</table>\n");
    if (!m.hasDemonstrations()) {
      h.append("<p class=\"failed\">The reference's results hold no fault demonstration: run")
          .append(" the reference with the project suite (-Dtcpconform.suite=project).</p>\n");
    } else {
      h.append("<p>").append(m.demonstrationCount()).append(" fault demonstrations ran with")
          .append(" the reference.</p>\n");
    }
  }

  private static void num(StringBuilder h, int n, String verdict) {
    h.append("<td class=\"num").append(verdict == null ? "" : " " + verdict).append("\">")
        .append(n).append("</td>");
  }

  private static void mutants(StringBuilder h, MutationMatrix m, MutantLinks links) {
    h.append("<h2>Mutants</h2>\n<table class=\"mutants\">\n<thead><tr><th>mutant</th>")
        .append("<th>kind</th><th>what it breaks</th><th>verdict</th>")
        .append("<th>tests that caught it (failed against it, passed against the reference)</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (MutantResult r : m.mutants()) {
      h.append("<tr><td class=\"id\">").append(esc(r.name())).append("</td><td>")
          .append(r.kind()).append("</td><td class=\"what\">");
      if (r.run().what() == null) {
        h.append("(not recorded in its results)");
      } else {
        h.append(esc(r.run().what()));
        if (r.run().faults() != null) {
          h.append("<br><code>").append(esc(r.run().faults())).append("</code>");
        }
      }
      h.append("</td><td class=\"").append(r.isGood() ? "passed" : "failed").append("\">")
          .append(r.verdict().replace('-', ' ')).append("</td><td>");
      if (r.failed().isEmpty()) {
        h.append('0');
      } else {
        h.append("<details><summary>").append(r.failed().size())
            .append(r.failed().size() == 1 ? " test" : " tests").append("</summary><ul>");
        for (TestOutcome o : r.failed()) {
          h.append("<li>").append(testLink(links.ladder(r.name(), o), o)).append("</li>");
        }
        h.append("</ul></details>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void tests(StringBuilder h, MutationMatrix m, MutantLinks links) {
    Map<String, MutantResult> byName = m.mutants().stream()
        .collect(Collectors.toMap(MutantResult::name, Function.identity()));
    long uncaught = m.tests().stream().filter(TestRow::isUncaught).count();
    h.append("<h2>Conformance tests</h2>\n<p>Which mutants each test catches; for each of the ")
        .append(uncaught).append(" that pass against the reference and catch no mutant, why it")
        .append(" can fail: its fault demonstration (a run against a Linux target made to break")
        .append(" its rule) ended with the test failed.</p>\n")
        .append("<input type=\"checkbox\" id=\"only-uncaught\"><label for=\"only-uncaught\">")
        .append(" only the tests no mutant catches</label>\n<table class=\"tests\">\n<thead><tr>")
        .append("<th>test</th><th>reference</th><th>mutants it catches</th>")
        .append("<th>why it can fail</th></tr></thead>\n<tbody>\n");
    for (TestRow t : m.tests()) {
      String status = t.reference().status();
      h.append(t.isUncaught() ? "<tr class=\"uncaught\">" : "<tr>").append("<td>")
          .append(testLink(links.ladder(MutantRun.REFERENCE, t.reference()), t.reference()))
          .append("</td><td class=\"")
          .append(esc(status)).append("\">").append(esc(status)).append("</td><td>");
      h.append(t.caughtBy().size());
      if (!t.caughtBy().isEmpty()) {
        h.append(": ").append(mutantLinks(t.caughtBy(), t.reference(), byName, links));
      }
      if (!t.falseAlarmOf().isEmpty()) {
        h.append("<br><span class=\"failed\">false alarm of ")
            .append(mutantLinks(t.falseAlarmOf(), t.reference(), byName, links))
            .append("</span>");
      }
      h.append("</td><td class=\"why ").append(reasonClass(t.reason())).append("\">")
          .append(esc(t.reason().text())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  /** The mutants, each linked to the test's ladder against it where that is there. */
  private static String mutantLinks(List<String> names, TestOutcome test,
      Map<String, MutantResult> byName, MutantLinks links) {
    return names.stream().map(n -> {
      TestOutcome against = byName.get(n).failed().stream()
          .filter(o -> o.key().equals(test.key())).findFirst().orElse(test);
      String name = "<span class=\"id\">" + esc(n) + "</span>";
      return links.ladder(n, against).map(l -> "<a href=\"" + esc(EvidenceLinks.href(l))
          + "\">" + name + "</a>").orElse(name);
    }).collect(Collectors.joining(", "));
  }

  private static String reasonClass(Reason r) {
    return switch (r.kind()) {
      case MUTANT -> "passed";
      case FAULT_DEMONSTRATION, CASE_DEMONSTRATION -> "demonstrated";
      case NOT_PASSING_ON_REFERENCE -> "skipped";
      case NONE -> "failed";
    };
  }

  /** The test's short name (its key and first message line as a title), linked to a ladder. */
  private static String testLink(Optional<String> ladder, TestOutcome o) {
    String title = o.key() + (o.message() == null ? "" : "\n" + o.message());
    String name = "<code>" + esc(MutantsMarkdown.shortName(o.key())) + "</code>";
    return ladder.map(l -> "<a href=\"" + esc(EvidenceLinks.href(l)) + "\" title=\""
        + esc(title) + "\">" + name + "</a>")
        .orElse("<span title=\"" + esc(title) + "\">" + name + "</span>");
  }
}
