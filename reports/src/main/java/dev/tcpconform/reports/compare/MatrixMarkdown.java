package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.ComplianceMatrix.TestRow;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.page.MarkdownText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link TargetMatrix} as {@code matrix.md} (GitHub-flavoured tables): the targets with
 * their test counts, the totals per level group, then one row per requirement with a column per
 * target. A cell links its verdict to the tests that decided it (at most {@value #LINKS}, the
 * rest are in the target's Allure report and in matrix.html).
 */
public final class MatrixMarkdown {

  static final int LINKS = 5;

  private MatrixMarkdown() {}

  public static String render(TargetMatrix m, EvidenceLinks links, Instant generatedAt) {
    StringBuilder md = new StringBuilder("# TCP conformance matrix\n\n");
    md.append(m.rows().size()).append(" requirements on ").append(m.targets().size())
        .append(" target(s); ").append(m.differing())
        .append(" where one target passed and another failed (marked **differs**). Generated ")
        .append(generatedAt).append(".\n\n## Targets\n\n| target | tests |\n|---|---|\n");
    for (TargetRun t : m.targets()) {
      md.append("| ").append(esc(t.name()));
      if (t.isAvailable()) {
        md.append(" ([report](").append(EvidenceLinks.href(links.report(t.name()))).append("))")
            .append(" | ").append(esc(MatrixHtml.testCounts(t)));
      } else {
        md.append(" | not available: ").append(esc(t.unavailableReason()));
      }
      md.append(" |\n");
    }
    for (TargetRun t : m.targets()) {
      Map<String, String> env = t.environment();
      if (env.containsKey("target.description")) {
        md.append("\n**").append(esc(t.name())).append("**: ")
            .append(esc(env.get("target.description"))).append('.');
        if (env.containsKey("target.lacks")) {
          md.append(" Does not implement: ").append(esc(env.get("target.lacks"))).append('.');
        }
        if (env.containsKey("target.notes")) {
          md.append(' ').append(esc(env.get("target.notes")));
        }
        md.append('\n');
      }
    }
    md.append("\n## Totals (requirements per level group)\n\n| target | group |");
    Cell.VERDICTS.forEach(v -> md.append(' ').append(v).append(" |"));
    md.append("\n|---|---|").append("---:|".repeat(Cell.VERDICTS.size())).append('\n');
    for (TargetRun t : m.targets()) {
      for (Map.Entry<LevelGroup, Map<String, Integer>> g : m.totals(t.name()).entrySet()) {
        md.append("| ").append(esc(t.name())).append(" | ").append(g.getKey()).append(" |");
        Cell.VERDICTS.forEach(v -> md.append(' ').append(g.getValue().get(v)).append(" |"));
        md.append('\n');
      }
    }
    md.append("\nMUST = MUST, MUST NOT, MUST\\*; SHOULD = SHOULD, SHOULD NOT, SHOULD\\*, REC;")
        .append(" MAY.\n\n## Requirements\n\n| requirement | level | rule | differs |");
    for (TargetRun t : m.targets()) {
      md.append(' ').append(esc(t.name()));
      if (!t.isAvailable()) {
        md.append(" (not available: ").append(esc(t.unavailableReason())).append(')');
      }
      md.append(" |");
    }
    md.append("\n|---|---|---|---|").append("---|".repeat(m.targets().size())).append('\n');
    for (MatrixRow r : m.rows()) {
      md.append("| ").append(esc(r.id())).append(" | ").append(esc(r.level())).append(" | ")
          .append(esc(r.text())).append(" | ").append(r.differs() ? "**differs**" : "")
          .append(" |");
      for (TargetRun t : m.targets()) {
        md.append(' ').append(cell(r.cell(t.name()), t.name(), links)).append(" |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  public static void write(TargetMatrix m, EvidenceLinks links, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(m, links, Instant.now()), StandardCharsets.UTF_8);
  }

  private static String cell(Cell c, String target, EvidenceLinks links) {
    List<TestRow> deciding = c.decidingTests();
    String verdict = c.verdict().equals("failed") ? "**failed**" : c.verdict();
    if (deciding.isEmpty()) {
      return verdict;
    }
    StringBuilder b = new StringBuilder(verdict);
    for (int i = 0; i < Math.min(LINKS, deciding.size()); i++) {
      b.append(i == 0 ? " " : ", ").append('[').append(i + 1).append("](")
          .append(EvidenceLinks.href(links.of(target, deciding.get(i).outcome()))).append(')');
    }
    if (deciding.size() > LINKS) {
      b.append(", [+").append(deciding.size() - LINKS).append("](")
          .append(EvidenceLinks.href(links.report(target))).append(')');
    }
    return b.toString();
  }

  private static String esc(String s) {
    return MarkdownText.esc(s);
  }
}
