package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;

/** For the test of the preflight check: prints its one line and exits 2, or exits 0. */
public final class PreflightMain {

  private PreflightMain() {}

  public static void main(String[] args) {
    try {
      Preflight.check();
    } catch (HarnessException e) {
      System.out.println(e.getMessage());
      System.exit(2);
    }
  }
}
