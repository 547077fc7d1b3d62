package dev.tcpconform.suites.support;

/**
 * Requirement levels as the catalogue counts them: the RFC keywords, plus MUST* and SHOULD* for
 * RFC 9293's unlabelled functional-specification rules (section 3.10).
 */
public enum Level {
  MUST("MUST"),
  SHOULD("SHOULD"),
  MAY("MAY"),
  REC("REC"),
  MUST_STAR("MUST*"),
  SHOULD_STAR("SHOULD*");

  private final String label;

  Level(String label) {
    this.label = label;
  }

  /** As written in the catalogue and the reports: {@code MUST*}. */
  public String label() {
    return label;
  }
}
