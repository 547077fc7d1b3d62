package dev.tcpconform.reports.matrix;

import java.util.Locale;

/**
 * The three strengths a requirement level belongs to, strongest first: {@code MUST} (MUST,
 * MUST NOT, MUST*), {@code SHOULD} (SHOULD, SHOULD NOT, SHOULD*, REC, and qualified forms such
 * as "SHOULD (mitigation)"), {@code MAY}; {@code OTHER} for a level the catalogue does not use.
 */
public enum LevelGroup {
  MUST,
  SHOULD,
  MAY,
  OTHER;

  /** The group of a level label as the catalogue or the results write it. */
  public static LevelGroup of(String level) {
    String l = level == null ? "" : level.replace("\\", "").strip().toUpperCase(Locale.ROOT);
    if (l.startsWith("MUST")) {
      return MUST;
    }
    if (l.startsWith("SHOULD") || l.equals("REC")) {
      return SHOULD;
    }
    if (l.startsWith("MAY")) {
      return MAY;
    }
    return OTHER;
  }

  /**
   * A gate level as given on the command line: MUST, SHOULD or MAY, in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static LevelGroup gateLevel(String name) {
    for (LevelGroup g : new LevelGroup[] {MUST, SHOULD, MAY}) {
      if (g.name().equalsIgnoreCase(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException("gate level " + name + " (expected: MUST, SHOULD or MAY)");
  }

  /**
   * Whether a requirement of this group counts for a gate at {@code gate}: MUST counts for every
   * gate, SHOULD for the SHOULD and MAY gates, MAY for the MAY gate. An unrecognised level counts
   * for every gate: a failure is never let through because its level was misspelt.
   */
  public boolean countsFor(LevelGroup gate) {
    return this == OTHER || ordinal() <= gate.ordinal();
  }
}
