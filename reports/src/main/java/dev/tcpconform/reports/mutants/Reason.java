package dev.tcpconform.reports.mutants;

/**
 * Why a conformance test is known able to fail, in a mutation matrix: a mutant catches it, or its
 * fault demonstration shows it failing, or it does not pass against the unmutated target (there
 * is nothing to catch), or nothing does: a test the suite cannot show failing.
 *
 * @param kind which of these
 * @param text the reason in words, e.g. {@code shown failing by fault demonstration X vs [...]}
 * @param demonstration the fault demonstration's row, for {@link Kind#FAULT_DEMONSTRATION} and
 *     {@link Kind#CASE_DEMONSTRATION} (and
 *     for {@link Kind#NONE} when its row did not pass); else null
 */
public record Reason(Kind kind, String text, String demonstration) {

  public enum Kind {
    /** Failed against a mutant and passed against the reference. */
    MUTANT("mutant"),
    /** Caught by no mutant; its fault demonstration ended passed (the test failed there). */
    FAULT_DEMONSTRATION("fault-demonstration"),
    /**
     * Caught by no mutant and without a demonstration of its own, a case of a test (a data
     * provider's row: a {@code +TS} state-machine case, another number of lost segments) whose
     * other case is shown failing by its demonstration: the same method, the same checks; the
     * {@code +TS} case's twin without timestamps first. The test's own rows say why its other
     * cases have no demonstration of their own.
     */
    CASE_DEMONSTRATION("case-demonstration"),
    /** Did not pass against the reference: no mutant can catch it, none needs to. */
    NOT_PASSING_ON_REFERENCE("not-passing-on-reference"),
    /** Passes against the reference, and neither a mutant nor a demonstration shows it failing. */
    NONE("none");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** As written in mutants.json. */
    public String label() {
      return label;
    }
  }

  /** Whether the test is shown able to fail, or needs not be. */
  public boolean isStated() {
    return kind != Kind.NONE;
  }
}
