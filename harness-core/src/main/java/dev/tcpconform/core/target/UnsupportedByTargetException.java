package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;

/**
 * The target's application cannot do what the test asks of it (its agent answered {@code err
 * usage not supported by <stack>}): the test does not apply to that target and is skipped with
 * the reason, neither failed nor broken.
 */
public class UnsupportedByTargetException extends HarnessException {

  private static final long serialVersionUID = 1L;

  public UnsupportedByTargetException(String message) {
    super(message);
  }
}
