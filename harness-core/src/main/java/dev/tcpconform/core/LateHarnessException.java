package dev.tcpconform.core;

/**
 * The harness acted too late for the check to mean anything: a stimulus left after the target's
 * own timer could have fired, or a segment was read outside the window it was awaited in (a busy
 * host stalled the harness). Broken, like any {@link HarnessException}; unlike most, running the
 * test again may well succeed, so the suites retry such a test (a few times at most).
 */
public class LateHarnessException extends HarnessException {

  private static final long serialVersionUID = 1L;

  public LateHarnessException(String message) {
    super(message);
  }
}
