package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;

/** A target or its agent did not come up: what was awaited, and the tail of what it printed. */
public class TargetLaunchException extends HarnessException {

  private static final long serialVersionUID = 1L;

  public TargetLaunchException(String message) {
    super(message);
  }

  public TargetLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
