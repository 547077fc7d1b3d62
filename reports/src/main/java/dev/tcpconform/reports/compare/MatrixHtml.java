package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.ComplianceMatrix.TestRow;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.page.HtmlPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link TargetMatrix} as {@code matrix.html}: one self-contained page in the report's
 * look ({@link HtmlPage}), readable offline. Totals per target and level group come first, then
 * one row per requirement with a column per target; a cell opens onto the tests behind its
 * verdict, each linked to its ladder and to its entry in the target's Allure report. What each
 * target is, and what its tests mean there, heads the page. Rows where the targets
 * differ are marked, and a checkbox (pure CSS) hides the others.
 */
public final class MatrixHtml {

  /** What only the matrix has, beside {@link HtmlPage#STYLE}. */
  private static final String STYLE = """
      th.na{background:#f4f4f8;color:#666;font-weight:normal;max-width:22em}
      tr.differs>td:first-child{border-left:4px solid #c0392b}
      td.mark{color:#c0392b;font-weight:600;text-align:center}
      dl.targets dd{margin:0 0 .6em 1.5em} span.notes{color:#555;font-size:92%}
      a.allure{font-size:85%}
      #only-differs:checked~table.matrix tbody tr:not(.differs){display:none}
      """;

  /** The mutation matrix's page, written beside the matrix by {@code MutantsCommand}. */
  public static final String MUTANTS_PAGE = "mutants.html";

  private MatrixHtml() {}

  public static String render(TargetMatrix m, EvidenceLinks links, Instant generatedAt) {
    return render(m, links, generatedAt, null);
  }

  /**
   * The page, linking {@code mutationMatrix} (a path relative to it, e.g. {@code mutants.html})
   * when it is not null.
   */
  public static String render(TargetMatrix m, EvidenceLinks links, Instant generatedAt,
      String mutationMatrix) {
    StringBuilder h = new StringBuilder();
    HtmlPage.begin(h, "tcpconform: conformance matrix", STYLE);
    h.append("<h1>TCP conformance matrix</h1>\n<p>")
        .append(m.rows().size()).append(" requirements on ").append(m.targets().size())
        .append(" target(s); ").append(m.differing())
        .append(" where one target passed and another failed. Generated ")
        .append(esc(generatedAt.toString())).append(".</p>\n");
    if (mutationMatrix != null) {
      h.append("<p>How the suite is shown able to fail: the <a href=\"")
          .append(esc(EvidenceLinks.href(mutationMatrix)))
          .append("\">mutation matrix</a> (the Linux target broken one way per mutant, the tests"
              + " that catch each, and why each test no mutant catches can fail).</p>\n");
    }
    legend(h);
    targets(h, m);
    totals(h, m, links);
    h.append("<h2>Requirements</h2>\n<input type=\"checkbox\" id=\"only-differs\">")
        .append("<label for=\"only-differs\"> only the rows where the targets differ</label>\n")
        .append("<table class=\"matrix\">\n<thead><tr><th>requirement</th><th>level</th>")
        .append("<th>rule</th><th title=\"one target passed, another failed\">differs</th>");
    for (TargetRun t : m.targets()) {
      if (t.isAvailable()) {
        h.append("<th>").append(esc(t.name())).append("<br><a href=\"")
            .append(esc(EvidenceLinks.href(links.report(t.name()))))
            .append("\">Allure report</a></th>");
      } else {
        h.append("<th class=\"na\">").append(esc(t.name())).append("<br>not available: ")
            .append(esc(t.unavailableReason())).append("</th>");
      }
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (MatrixRow r : m.rows()) {
      row(h, r, m, links);
    }
    h.append("</tbody>\n</table>\n");
    HtmlPage.end(h);
    return h.toString();
  }

  /**
   * Writes the page; it links {@code mutants.html} beside it when that is there (the mutation
   * matrix of {@code ./tcpconform mutants}).
   */
  public static void write(TargetMatrix m, EvidenceLinks links, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String mutants = Files.isRegularFile(dir.resolve(MUTANTS_PAGE)) ? MUTANTS_PAGE : null;
    Files.writeString(file, render(m, links, Instant.now(), mutants), StandardCharsets.UTF_8);
  }

  private static void legend(StringBuilder h) {
    h.append("<p class=\"legend\">");
    for (String v : Cell.VERDICTS) {
      h.append("<span class=\"").append(v).append("\">").append(v).append("</span>");
    }
    h.append("<br>failed: broke the rule outside the target's baseline; baseline-deviation:"
        + " broke it as the baseline accepts; broken: the harness could not check;"
        + " not-available: the target did not run, or ran no test of the rule.</p>\n");
  }

  private static void totals(StringBuilder h, TargetMatrix m, EvidenceLinks links) {
    h.append("<h2>Totals</h2>\n<table class=\"totals\">\n<thead><tr><th>target</th>")
        .append("<th>tests</th><th>requirements</th>");
    for (String v : Cell.VERDICTS) {
      h.append("<th class=\"").append(v).append("\">").append(v).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (TargetRun t : m.targets()) {
      Map<LevelGroup, Map<String, Integer>> totals = m.totals(t.name());
      boolean first = true;
      for (Map.Entry<LevelGroup, Map<String, Integer>> g : totals.entrySet()) {
        h.append("<tr>");
        if (first) {
          h.append("<td rowspan=\"").append(totals.size()).append("\"><b>")
              .append(esc(t.name())).append("</b>");
          if (t.isAvailable()) {
            h.append("<br><a href=\"").append(esc(EvidenceLinks.href(links.compliance(t.name()))))
                .append("\">compliance.json</a>");
          }
          h.append("</td><td rowspan=\"").append(totals.size()).append("\">")
              .append(t.isAvailable() ? esc(testCounts(t)) : "not available: "
                  + esc(t.unavailableReason())).append("</td>");
          first = false;
        }
        h.append("<td>").append(g.getKey()).append("</td>");
        for (String v : Cell.VERDICTS) {
          int n = g.getValue().get(v);
          h.append("<td class=\"num").append(n > 0 ? " " + v : "").append("\">").append(n)
              .append("</td>");
        }
        h.append("</tr>\n");
      }
    }
    h.append("</tbody>\n</table>\n<p>Requirement groups: MUST = MUST, MUST NOT, MUST*;"
        + " SHOULD = SHOULD, SHOULD NOT, SHOULD*, REC; MAY.</p>\n");
  }

  /** {@code 545 tests: 225 passed, 0 failed, ...}. */
  static String testCounts(TargetRun t) {
    StringBuilder b = new StringBuilder().append(t.matrix().tests().size()).append(" tests: ");
    String sep = "";
    for (Map.Entry<String, Integer> c : t.testCounts().entrySet()) {
      b.append(sep).append(c.getValue()).append(' ').append(c.getKey());
      sep = ", ";
    }
    return b.toString();
  }

  private static void row(StringBuilder h, MatrixRow r, TargetMatrix m, EvidenceLinks links) {
    h.append(r.differs() ? "<tr class=\"differs\">" : "<tr>")
        .append("<td class=\"id\">").append(esc(r.id())).append("</td><td class=\"id\">")
        .append(esc(r.level())).append("</td><td>").append(esc(r.text())).append("</td>")
        .append(r.differs() ? "<td class=\"mark\">differs</td>" : "<td></td>");
    for (TargetRun t : m.targets()) {
      Cell c = r.cell(t.name());
      h.append("<td class=\"").append(c.verdict()).append("\">");
      if (c.tests().isEmpty()) {
        h.append(c.verdict());
      } else {
        h.append("<details><summary>").append(c.verdict()).append(" (")
            .append(c.tests().size()).append(c.tests().size() == 1 ? " test" : " tests")
            .append(")</summary><ul>");
        for (TestRow test : c.tests()) {
          test(h, t.name(), test, links);
        }
        h.append("</ul></details>");
      }
      h.append("</td>");
    }
    h.append("</tr>\n");
  }

  private static void test(StringBuilder h, String target, TestRow t, EvidenceLinks links) {
    String key = t.outcome().key();
    String shown = key.substring(t.outcome().fullName().lastIndexOf('.') + 1);
    String title = key + (t.outcome().message() == null ? "" : "\n" + t.outcome().message())
        + (t.baselineReason() == null ? "" : "\nbaseline: " + t.baselineReason());
    h.append("<li><span class=\"st ").append(t.status()).append("\">").append(t.status())
        .append("</span> <a href=\"").append(esc(EvidenceLinks.href(links.of(target,
            t.outcome())))).append("\" title=\"").append(esc(title)).append("\"><code>")
        .append(esc(shown)).append("</code></a> <a class=\"allure\" href=\"")
        .append(esc(links.allureEntry(target, t.outcome()))).append("\">Allure</a></li>");
  }

  /**
   * What each target is and what its tests mean there, as its run said
   * ({@code environment.properties}): the stack, what it lacks, the profile's notes.
   */
  private static void targets(StringBuilder h, TargetMatrix m) {
    h.append("<h2>Targets</h2>\n<dl class=\"targets\">\n");
    for (TargetRun t : m.targets()) {
      h.append("<dt>").append(esc(t.name())).append("</dt><dd>");
      if (!t.isAvailable()) {
        h.append("not available: ").append(esc(t.unavailableReason()));
      } else {
        Map<String, String> env = t.environment();
        h.append(esc(env.getOrDefault("target.description", "(the run did not describe it)")));
        if (env.containsKey("target.lacks")) {
          h.append("<br>does not implement: ").append(esc(env.get("target.lacks")));
        }
        if (env.containsKey("target.notes")) {
          h.append("<br><span class=\"notes\">").append(esc(env.get("target.notes")))
              .append("</span>");
        }
      }
      h.append("</dd>\n");
    }
    h.append("</dl>\n");
  }

  private static String esc(String s) {
    return HtmlPage.esc(s);
  }
}
