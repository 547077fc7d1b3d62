package dev.tcpconform.core.bed;

import java.util.Optional;

/**
 * Clean-up steps run in order, each one even when an earlier one failed (a lane whose capture
 * would not close still removes its namespace). The first failure is kept, later ones are added
 * to it as suppressed; the caller decides what to throw.
 */
public final class Teardown {

  private RuntimeException failure;

  /** Runs {@code step}, keeping its failure instead of throwing it. */
  public Teardown then(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    return this;
  }

  /** The first failure of the steps run so far, the later ones suppressed in it. */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }
}
