package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host command (argv, never a shell string) with a timeout. A failure becomes one line: the
 * command, the first line of what it printed on stderr, and what to do.
 */
public final class Sh {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Sh() {}

  /** What a finished command left behind. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    public String firstErrorLine() {
      String text = stderr.isBlank() ? stdout : stderr;
      return text.strip().lines().findFirst().orElse("(no output)");
    }
  }

  /** Runs {@code argv}; a non-zero exit is a {@link HarnessException}. Returns stdout. */
  public static String run(String... argv) {
    Result r = tryRunWithInput(null, argv);
    if (!r.ok()) {
      throw new HarnessException("'" + String.join(" ", argv) + "' failed (exit " + r.exitCode()
          + "): " + r.firstErrorLine());
    }
    return r.stdout();
  }

  /** Runs {@code argv} with {@code input} on its stdin; a non-zero exit is a HarnessException. */
  public static String runWithInput(String input, String... argv) {
    Result r = tryRunWithInput(input, argv);
    if (!r.ok()) {
      throw new HarnessException("'" + String.join(" ", argv) + "' failed (exit " + r.exitCode()
          + "): " + r.firstErrorLine());
    }
    return r.stdout();
  }

  public static Result tryRun(String... argv) {
    return tryRunWithInput(null, argv);
  }

  /** Runs {@code argv}; never throws for a non-zero exit, only when it cannot run at all. */
  public static Result tryRunWithInput(String input, String... argv) {
    Process p;
    try {
      p = new ProcessBuilder(List.of(argv)).start();
    } catch (IOException e) {
      throw new HarnessException("cannot run '" + argv[0] + "': " + e.getMessage()
          + " (is it installed? ./tcpconform installs iproute2, ethtool and nftables)");
    }
    try (OutputStream in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException ignored) {
      // the command did not read its input; its exit code says the rest
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread o = drain(p.getInputStream(), out);
    Thread e = drain(p.getErrorStream(), err);
    try {
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new HarnessException("'" + String.join(" ", argv) + "' did not finish within "
            + TIMEOUT.toSeconds() + " s");
      }
      o.join(1000);
      e.join(1000);
    } catch (InterruptedException ex) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while running '" + String.join(" ", argv) + "'");
    }
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      try {
        in.transferTo(sink);
      } catch (IOException ignored) {
        // process gone
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
