package dev.tcpconform.suites.states;

/**
 * How the connection under test was opened: the same oracle cells run once without options but
 * MSS, and once with RFC 7323 timestamps agreed, where every segment carries them and PAWS
 * (RFC 7323 5) guards the window as well.
 */
public enum Variant {
  PLAIN(""),
  TIMESTAMPS(" +TS");

  private final String suffix;

  Variant(String suffix) {
    this.suffix = suffix;
  }

  /** Appended to a case's name: {@code ESTABLISHED RST_IN_WINDOW +TS}. */
  public String suffix() {
    return suffix;
  }
}
