package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Removes whatever a run created, whatever happens to the run (Testcontainers' Ryuk). Three lines
 * of defence:
 *
 * <ol>
 *   <li>a watchdog process in its own session (so Ctrl-C to the terminal does not reach it) reads
 *       registrations from a pipe held by the JVM; when the pipe ends (the JVM exited, even by
 *       {@code kill -9}) it kills the registered processes and deletes the registered namespaces
 *       and links;
 *   <li>at start, leftovers of earlier runs whose JVM is dead are swept: namespaces and links
 *       named with the run ID, and processes given such a name as an argument (the agents of TAP
 *       targets); {@code /run/tcpconform/<run>.pid} names the JVM that owns them;
 *   <li>a JVM shutdown hook, last and weakest.
 * </ol>
 *
 * Register first, then create: a resource is known to the reaper before it exists.
 */
public final class Reaper implements AutoCloseable {

  static final Path REGISTRY = Path.of("/run/tcpconform");

  private static final String WATCHDOG =
      "declare -A NS LINK PID\n"
          + "while read -r kind name; do\n"
          + "  case \"$kind\" in\n"
          + "    ns) NS[$name]=1;; link) LINK[$name]=1;; pid) PID[$name]=1;;\n"
          + "    -ns) unset \"NS[$name]\";; -link) unset \"LINK[$name]\";; -pid) unset \"PID[$name]\";;\n"
          + "    done) exit 0;;\n"
          + "  esac\n"
          + "done\n"
          + "for p in \"${!PID[@]}\"; do kill -9 \"$p\" 2>/dev/null; done\n"
          + "for n in \"${!NS[@]}\"; do\n"
          + "  for p in $(ip netns pids \"$n\" 2>/dev/null); do kill -9 \"$p\" 2>/dev/null; done\n"
          + "  ip netns del \"$n\" 2>/dev/null\n"
          + "done\n"
          + "for l in \"${!LINK[@]}\"; do ip link del \"$l\" 2>/dev/null; done\n"
          + "rm -f \"${1%/*}/tc$(basename \"$1\" .pid)-\"*\n"
          + "rm -f \"$1\"\n";

  private final RunId run;
  private final Process watchdog;
  private final OutputStream toWatchdog;
  private final Path registryFile;
  private final Set<String> namespaces = new LinkedHashSet<>();
  private final Set<String> links = new LinkedHashSet<>();
  private final Set<Long> pids = new LinkedHashSet<>();
  private final Thread hook;
  private boolean closed;

  private Reaper(RunId run, Process watchdog, Path registryFile) {
    this.run = run;
    this.watchdog = watchdog;
    this.toWatchdog = watchdog.getOutputStream();
    this.registryFile = registryFile;
    this.hook = new Thread(this::cleanUp, "tcpconform-reaper-" + run.hex());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * A file a run keeps beside its registry entry (a proxy target's control socket), named
   * {@code name}, which must start with one of the run's resource names ({@code tc<run>-...}):
   * its reaper, its watchdog and the next run's sweep remove it with the rest.
   */
  public static Path fileBeside(String name) {
    if (!RunId.RESOURCE.matcher(name.contains(".") ? name.substring(0, name.indexOf('.'))
        : name).matches()) {
      throw new IllegalArgumentException("not named after a run's resource: " + name);
    }
    return REGISTRY.resolve(name);
  }

  /** Sweeps dead runs' leftovers, records this run, starts the watchdog. */
  public static Reaper arm(RunId run) {
    sweepDeadRuns(run);
    Path file = REGISTRY.resolve(run.hex() + ".pid");
    try {
      Files.createDirectories(REGISTRY);
      Files.writeString(file, ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      throw new HarnessException("cannot write " + file + ": " + e.getMessage()
          + " (tcpconform needs root)");
    }
    Process p;
    try {
      p = new ProcessBuilder("setsid", "bash", "-c", WATCHDOG, "tcpconform-watchdog",
              file.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new HarnessException("cannot start the clean-up watchdog (setsid bash): "
          + e.getMessage());
    }
    return new Reaper(run, p, file);
  }

  public RunId run() {
    return run;
  }

  /** PID of the watchdog process (for tests). */
  public long watchdogPid() {
    return watchdog.pid();
  }

  public synchronized void registerNamespace(String name) {
    namespaces.add(name);
    tell("ns " + name);
  }

  /** Whether {@code name} is a link this run created (and will remove). */
  public synchronized boolean ownsLink(String name) {
    return links.contains(name);
  }

  public synchronized void registerLink(String name) {
    links.add(name);
    tell("link " + name);
  }

  public synchronized void registerPid(long pid) {
    pids.add(pid);
    tell("pid " + pid);
  }

  /** The namespace was removed by its owner. */
  public synchronized void forgetNamespace(String name) {
    namespaces.remove(name);
    tell("-ns " + name);
  }

  public synchronized void forgetLink(String name) {
    links.remove(name);
    tell("-link " + name);
  }

  /** The process ended; its PID may be reused and must not be killed any more. */
  public synchronized void forgetPid(long pid) {
    pids.remove(pid);
    tell("-pid " + pid);
  }

  private void tell(String line) {
    try {
      toWatchdog.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      toWatchdog.flush();
    } catch (IOException e) {
      throw new HarnessException("the clean-up watchdog is gone (" + e.getMessage()
          + "): refusing to create resources it could not remove");
    }
  }

  /** Removes everything still registered, then lets the watchdog go. Idempotent. */
  @Override
  public void close() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // already shutting down
    }
  }

  private synchronized void cleanUp() {
    if (closed) {
      return;
    }
    closed = true;
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (String ns : namespaces) {
      removeNamespace(ns);
    }
    for (String link : links) {
      Sh.tryRun("ip", "link", "del", link);
    }
    try {
      toWatchdog.write("done\n".getBytes(StandardCharsets.US_ASCII));
      toWatchdog.close();
    } catch (IOException ignored) {
      // the watchdog is gone already
    }
    try (var files = Files.list(REGISTRY)) {
      // files the run kept beside its registry entry (a proxy target's control socket)
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(run.prefix() + "-"))
          .toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException ignored) {
      // best effort: the next run's sweep removes what is left
    }
    try {
      Files.deleteIfExists(registryFile);
    } catch (IOException ignored) {
      // nothing more to do
    }
  }

  /** Kills what runs in the namespace, then deletes it. */
  static void removeNamespace(String ns) {
    Sh.Result pidsIn = Sh.tryRun("ip", "netns", "pids", ns);
    if (pidsIn.ok()) {
      for (String p : pidsIn.stdout().split("\\s+")) {
        if (!p.isBlank()) {
          ProcessHandle.of(Long.parseLong(p.trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
    Sh.tryRun("ip", "netns", "del", ns);
  }

  /**
   * Removes what runs whose JVM no longer lives left: first their processes in this namespace
   * (a TAP target's agent runs here, beside the harness, and is given its device's name; one that
   * hangs instead of ending with its input outlives a run whose watchdog died too), then their
   * namespaces (with what runs in them), then their links, then the files they kept beside their
   * registry entries ({@code /run/tcpconform/tc<run>-*}).
   */
  static List<String> sweepDeadRuns(RunId self) {
    List<String> removed = new ArrayList<>();
    Set<String> live = new HashSet<>();
    live.add(self.hex());
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      String owner = p.info().arguments().stream().flatMap(Arrays::stream)
          .map(Reaper::owner).filter(Objects::nonNull).findFirst().orElse(null);
      if (owner != null && !live.contains(owner) && dead(owner, live)) {
        p.destroyForcibly();
        removed.add("pid " + p.pid());
      }
    }
    for (String ns : Sh.tryRun("ip", "netns", "list").stdout().lines()
        .map(l -> l.split("\\s+")[0]).toList()) {
      String owner = owner(ns);
      if (owner != null && !live.contains(owner) && dead(owner, live)) {
        removeNamespace(ns);
        removed.add(ns);
      }
    }
    for (String line : Sh.tryRun("ip", "-o", "link", "show").stdout().lines().toList()) {
      String[] parts = line.split(":\\s+", 3);
      if (parts.length < 2) {
        continue;
      }
      String link = parts[1].split("@")[0].trim();
      String owner = owner(link);
      if (owner != null && !live.contains(owner) && dead(owner, live)) {
        Sh.tryRun("ip", "link", "del", link);
        removed.add(link);
      }
    }
    // files a run keeps beside its registry entry (a proxy target's control socket)
    try (var files = Files.list(REGISTRY)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        String owner = owner(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        if (owner != null && !live.contains(owner) && dead(owner, live)) {
          Files.deleteIfExists(f);
          removed.add(f.toString());
        }
      }
    } catch (IOException e) {
      // no registry yet, or unreadable: nothing of ours there
    }
    return removed;
  }

  private static String owner(String name) {
    Matcher m = RunId.RESOURCE.matcher(name);
    return m.matches() ? m.group(1) : null;
  }

  private static boolean dead(String runHex, Set<String> live) {
    Path file = REGISTRY.resolve(runHex + ".pid");
    try {
      long pid = Long.parseLong(Files.readString(file).trim());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        live.add(runHex);
        return false;
      }
    } catch (IOException | NumberFormatException e) {
      // no registry file: the run is dead (or was never ours to keep)
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort
    }
    return true;
  }
}
