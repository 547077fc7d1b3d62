package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.LevelGroup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One requirement across the targets of a run.
 *
 * @param id the requirement's ID, as in the catalogue ({@code 9293/EP-CLOSED-1})
 * @param level its level from the catalogue, else as the results give it
 * @param text its short text from the catalogue, else {@code (not in the catalogue)}
 * @param inCatalogue whether the catalogue lists it
 * @param cells each target's cell, in the order the targets were given
 */
public record MatrixRow(
    String id, String level, String text, boolean inCatalogue, Map<String, Cell> cells) {

  public static final String NOT_IN_CATALOGUE = "(not in the catalogue)";

  public MatrixRow {
    cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
  }

  public LevelGroup group() {
    return LevelGroup.of(level);
  }

  public Cell cell(String target) {
    return cells.getOrDefault(target, Cell.notAvailable());
  }

  /**
   * Whether the targets disagree on the rule: one passed it where another broke it (failed, or
   * failed within its baseline). Skipped and not-available cells disagree with nothing.
   */
  public boolean differs() {
    boolean passed = cells.values().stream().anyMatch(c -> c.verdict().equals("passed"));
    boolean broke = cells.values().stream().anyMatch(
        c -> c.verdict().equals("failed") || c.verdict().equals("baseline-deviation"));
    return passed && broke;
  }
}
