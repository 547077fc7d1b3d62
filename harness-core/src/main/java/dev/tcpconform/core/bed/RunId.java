package dev.tcpconform.core.bed;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity of one harness run: six hex digits. Every host resource the run creates is named
 * {@code tc<run>-<lane>-<role>} (at most 15 characters, as Linux allows for interface names), so
 * the reaper can find exactly what belongs to a run, and to no one else.
 */
public record RunId(String hex) {

  /** Names of resources made by any run: {@code tc3f9a1c-07-ns}. */
  public static final Pattern RESOURCE = Pattern.compile("tc([0-9a-f]{6})-[0-9a-f]{2}-[a-z0-9]+");

  public RunId {
    if (!hex.matches("[0-9a-f]{6}")) {
      throw new IllegalArgumentException("run id: " + hex + " (expected: 6 hex digits)");
    }
  }

  public static RunId fresh() {
    return new RunId(String.format(Locale.ROOT, "%06x", new SecureRandom().nextInt(1 << 24)));
  }

  /** {@code tc3f9a1c} */
  public String prefix() {
    return "tc" + hex;
  }
}
