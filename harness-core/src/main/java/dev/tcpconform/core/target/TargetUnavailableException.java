package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;

/** A target whose prerequisites this machine lacks: what is missing and how to install it. */
public class TargetUnavailableException extends HarnessException {

  private static final long serialVersionUID = 1L;

  public TargetUnavailableException(String message) {
    super(message);
  }
}
