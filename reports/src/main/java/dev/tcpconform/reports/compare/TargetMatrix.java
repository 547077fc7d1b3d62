package dev.tcpconform.reports.compare;

import dev.tcpconform.reports.matrix.ComplianceMatrix;
import dev.tcpconform.reports.matrix.ComplianceMatrix.RequirementRow;
import dev.tcpconform.reports.matrix.LevelGroup;
import dev.tcpconform.reports.matrix.RequirementCatalogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One run over several targets, side by side: a {@link MatrixRow} for every requirement that
 * any available target's tests touched, in catalogue order (IDs the catalogue lacks come last,
 * in ID order), with one {@link Cell} per target.
 */
public final class TargetMatrix {

  private final List<TargetRun> targets;
  private final List<MatrixRow> rows;

  private TargetMatrix(List<TargetRun> targets, List<MatrixRow> rows) {
    this.targets = targets;
    this.rows = rows;
  }

  public static TargetMatrix of(List<TargetRun> targets, RequirementCatalogue catalogue) {
    TreeSet<String> ids = new TreeSet<>();
    Map<String, String> resultLevels = new LinkedHashMap<>();
    for (TargetRun t : targets) {
      if (t.isAvailable()) {
        for (RequirementRow r : t.matrix().requirements()) {
          ids.add(r.id());
          resultLevels.putIfAbsent(r.id(), r.level());
        }
      }
    }
    List<String> ordered = new ArrayList<>(ids);
    ordered.sort(Comparator.comparingInt(catalogue::position));
    List<MatrixRow> rows = new ArrayList<>();
    for (String id : ordered) {
      Map<String, Cell> cells = new LinkedHashMap<>();
      for (TargetRun t : targets) {
        cells.put(t.name(), t.isAvailable() ? cell(t.matrix(), id) : Cell.notAvailable());
      }
      rows.add(catalogue.find(id)
          .map(e -> new MatrixRow(id, e.level(), e.text(), true, cells))
          .orElseGet(() -> new MatrixRow(id, resultLevels.get(id), MatrixRow.NOT_IN_CATALOGUE,
              false, cells)));
    }
    return new TargetMatrix(List.copyOf(targets), List.copyOf(rows));
  }

  private static Cell cell(ComplianceMatrix m, String id) {
    for (RequirementRow r : m.requirements()) {
      if (r.id().equals(id)) {
        return new Cell(r.verdict(), m.tests().stream()
            .filter(t -> t.outcome().requirements().contains(id)).toList());
      }
    }
    return Cell.notAvailable();
  }

  public List<TargetRun> targets() {
    return targets;
  }

  public List<MatrixRow> rows() {
    return rows;
  }

  /**
   * How many requirements got each verdict on {@code target}, per level group: MUST, SHOULD and
   * MAY always, OTHER only when a row has a level outside them. Every verdict of
   * {@link Cell#VERDICTS} is present, zero or not.
   */
  public Map<LevelGroup, Map<String, Integer>> totals(String target) {
    Map<LevelGroup, Map<String, Integer>> totals = new EnumMap<>(LevelGroup.class);
    for (LevelGroup g : LevelGroup.values()) {
      if (g != LevelGroup.OTHER || rows.stream().anyMatch(r -> r.group() == g)) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Cell.VERDICTS.forEach(v -> counts.put(v, 0));
        totals.put(g, counts);
      }
    }
    for (MatrixRow r : rows) {
      totals.get(r.group()).merge(r.cell(target).verdict(), 1, Integer::sum);
    }
    return totals;
  }

  /** How many rows have targets that disagree ({@link MatrixRow#differs()}). */
  public long differing() {
    return rows.stream().filter(MatrixRow::differs).count();
  }
}
