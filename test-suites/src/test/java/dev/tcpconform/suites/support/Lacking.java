package dev.tcpconform.suites.support;

import dev.tcpconform.core.target.TargetProfile;
import org.testng.SkipException;

/**
 * What the target's profile says its stack does not implement ({@code lacks = ...}). A test that
 * needs such a feature only to reach its starting state is skipped with the reason; the tests of
 * the feature itself do not ask and fail on that target.
 */
public final class Lacking {

  /** Simultaneous open (RFC 9293 3.5, MUST-10): the way into SYN-RECEIVED from an active open. */
  public static final String SIMULTANEOUS_OPEN = "simultaneous-open";

  private Lacking() {}

  /** Skips the test if the target lacks {@code feature}, which {@code needer} needs. */
  public static void skipIfLacking(String feature, String needer) {
    TargetProfile profile = SharedTestbed.get().profile();
    if (profile.lacks().contains(feature)) {
      throw new SkipException(profile.name() + " does not implement " + feature + " (its"
          + " profile says so, and the feature's own tests fail there): " + needer
          + " cannot be reached");
    }
  }
}
