package dev.tcpconform.reports;

import dev.tcpconform.reports.matrix.LevelGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link MatrixCommand}'s command line, parsed and checked (not yet against the file system).
 *
 * @param out the run's output directory
 * @param gateLevel the level the CI gate holds the targets to
 * @param targets the targets in the order given, each available or not
 */
record MatrixArguments(Path out, LevelGroup gateLevel, List<Target> targets) {

  static final String USAGE = "--out DIR [--gate-level MUST|SHOULD|MAY]"
      + " --target NAME=RESULTS_DIR[,BASELINE_FILE] ... [--unavailable NAME=REASON ...]";

  /**
   * One target as the command line names it.
   *
   * @param name the target's name: letters, digits, {@code _ . -}
   * @param results its Allure results directory, or null when it was not available
   * @param baseline its baseline file, or null for none
   * @param unavailableReason why it was not available, or null when it was
   */
  record Target(String name, Path results, Path baseline, String unavailableReason) {}

  /**
   * The arguments, checked.
   *
   * @throws IllegalArgumentException saying, in one line, what is wrong
   */
  static MatrixArguments parse(String[] args) {
    Path out = null;
    LevelGroup level = LevelGroup.MUST;
    List<Target> targets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!List.of("--out", "--gate-level", "--target", "--unavailable").contains(option)) {
        throw new IllegalArgumentException("unknown option " + option);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--out" -> out = Path.of(value);
        case "--gate-level" -> level = LevelGroup.gateLevel(value);
        default -> {
          Target t = option.equals("--target") ? target(value) : unavailable(value);
          if (!names.add(t.name())) {
            throw new IllegalArgumentException("target " + t.name() + " is named twice");
          }
          targets.add(t);
        }
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("name at least one target (--target or --unavailable)");
    }
    return new MatrixArguments(out, level, List.copyOf(targets));
  }

  /** {@code NAME=RESULTS_DIR[,BASELINE_FILE]}. */
  private static Target target(String value) {
    String name = name(value, "--target NAME=RESULTS_DIR[,BASELINE_FILE]");
    String rest = value.substring(value.indexOf('=') + 1);
    int comma = rest.indexOf(',');
    String results = comma < 0 ? rest : rest.substring(0, comma);
    String baseline = comma < 0 ? null : rest.substring(comma + 1);
    if (results.isBlank() || (baseline != null && baseline.isBlank())) {
      throw new IllegalArgumentException("--target " + value
          + ": expected NAME=RESULTS_DIR[,BASELINE_FILE]");
    }
    return new Target(name, Path.of(results), baseline == null ? null : Path.of(baseline), null);
  }

  /** {@code NAME=REASON}. */
  private static Target unavailable(String value) {
    String name = name(value, "--unavailable NAME=REASON");
    String reason = value.substring(value.indexOf('=') + 1).strip();
    if (reason.isEmpty()) {
      throw new IllegalArgumentException("--unavailable " + name
          + ": say why, and how to install what is missing (NAME=REASON)");
    }
    return new Target(name, null, null, reason);
  }

  private static String name(String value, String form) {
    int eq = value.indexOf('=');
    String name = eq < 0 ? "" : value.substring(0, eq);
    if (!name.matches("[A-Za-z0-9_.-]+") || name.matches("\\.+")) {
      throw new IllegalArgumentException("'" + value + "': expected " + form
          + ", NAME of letters, digits, _ . -");
    }
    return name;
  }
}
