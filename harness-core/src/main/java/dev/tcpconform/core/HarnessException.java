package dev.tcpconform.core;

/**
 * The harness or its test bed could not run a check: the verdict is <em>broken</em>, never passed
 * or failed. The message is one line that says what is wrong and what to do about it.
 */
public class HarnessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
