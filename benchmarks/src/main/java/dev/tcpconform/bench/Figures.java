package dev.tcpconform.bench;

import dev.tcpconform.core.HarnessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The facts a bench run measured, one {@code key=value} line each, appended as they are taken by
 * each stage (the benchmark JVMs and the script's memory sampler). Verdicts are drawn from them
 * only at the end, by {@link BenchReport}.
 */
final class Figures {

  private final Path file;

  Figures(Path file) {
    this.file = file;
  }

  void put(String key, String value) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, key + "=" + value + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new HarnessException("cannot write the figures to " + file + ": " + e.getMessage(), e);
    }
  }

  void put(String key, double value) {
    put(key, String.format(Locale.ROOT, "%.3f", value));
  }

  /** Every figure in the file; a key written twice keeps its last value. */
  static Map<String, String> read(Path file) {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new HarnessException("cannot read the figures in " + file + ": " + e.getMessage(), e);
    }
    return m;
  }
}
