package dev.tcpconform.reports.gate;

import dev.tcpconform.reports.results.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target's known, accepted deviations: one line each, {@code <test full name> = <reason>}
 * ({@code #} starts a comment). A test that fails and is listed here counts as a baseline
 * deviation, not a failure; one that is listed but passes is reported as a stale entry.
 */
public final class Baseline {

  private final Map<String, String> entries;

  private Baseline(Map<String, String> entries) {
    this.entries = entries;
  }

  public static Baseline none() {
    return new Baseline(Map.of());
  }

  public static Baseline load(Path file) throws IOException {
    Map<String, String> e = new LinkedHashMap<>();
    int n = 0;
    for (String raw : Files.readAllLines(file)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || line.substring(eq + 1).isBlank()) {
        throw new IOException(file + " line " + n + ": expected '<test full name> = <reason>'");
      }
      e.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return new Baseline(e);
  }

  /** The reason a test is allowed to fail on this target, if it is listed. */
  public Optional<String> reasonFor(TestOutcome test) {
    String r = entries.get(test.key());
    if (r == null) {
      r = entries.get(test.fullName());
    }
    return Optional.ofNullable(r);
  }

  public Map<String, String> entries() {
    return entries;
  }
}
