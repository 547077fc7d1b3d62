package dev.tcpconform.core.target;

import dev.tcpconform.core.HarnessException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The harness's side of an agent: a process beside the target that speaks the line protocol of
 * {@code docs/agent-protocol.md} on its stdin and stdout. Calls come in pairs (packetimpact): a
 * plain method treats an {@code err} reply as a harness problem ({@link HarnessException},
 * broken); a {@code try...} method returns the {@link AgentReply} for tests in which an error is
 * the outcome under test.
 */
public final class Agent implements AutoCloseable {

  /** How long any request may take beyond its own timeout before the agent counts as hung. */
  private static final Duration SLACK = Duration.ofSeconds(5);
  private static final int TAIL = 40;

  private final String name;
  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Deque<String> transcript = new ArrayDeque<>();
  /** Lines ever logged; {@link #mark()} and {@link #transcriptSince(long)} count in it. */
  private long logged;
  private final String banner;
  private volatile boolean closed;

  private Agent(String name, Process process, Duration readyTimeout) {
    this.name = name;
    this.process = process;
    this.stdin = process.getOutputStream();
    pump(process.getInputStream(), line -> replies.add(line), "agent-" + name + "-out");
    pump(process.getErrorStream(), this::keepStderr, "agent-" + name + "-err");
    String ready = poll(readyTimeout);
    if (ready == null || !ready.startsWith("ready")) {
      String why = ready == null
          ? (process.isAlive() ? "no ready line within " + readyTimeout.toMillis() + " ms"
              : "it exited with code " + exitCode())
          : "it printed '" + ready + "' instead of a ready line";
      destroy();
      throw new TargetLaunchException("agent " + name + " did not come up: " + why
          + stderrSummary());
    }
    this.banner = ready;
    log("< " + ready);
  }

  /**
   * Starts an agent and waits for its ready line.
   *
   * @throws TargetLaunchException with what was awaited and the tail of the agent's stderr
   */
  public static Agent launch(String name, List<String> command, Duration readyTimeout) {
    return launch(name, command, readyTimeout, pid -> { });
  }

  /**
   * Starts an agent, tells {@code started} its PID at once (register it for removal there: it
   * exists from now on, ready or not), then waits for its ready line. When it does not come up
   * it is destroyed before this throws.
   *
   * @throws TargetLaunchException with what was awaited and the tail of the agent's stderr
   */
  public static Agent launch(String name, List<String> command, Duration readyTimeout,
      LongConsumer started) {
    Process p;
    try {
      p = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new TargetLaunchException("agent " + name + " could not be started ("
          + String.join(" ", command.subList(0, Math.min(3, command.size()))) + "): "
          + e.getMessage());
    }
    try {
      started.accept(p.pid());
    } catch (RuntimeException e) {
      p.destroyForcibly(); // it could not be registered: it must not outlive this call
      throw e;
    }
    return new Agent(name, p, readyTimeout);
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  /** The agent's ready line, e.g. {@code ready linux 6.1.0 agent 1}. */
  public String banner() {
    return banner;
  }

  /** The last requests and replies, with times, for attaching to a result. */
  public String transcript() {
    synchronized (transcript) {
      return String.join("\n", transcript) + "\n";
    }
  }

  /** A point in the transcript, to be passed to {@link #transcriptSince(long)}. */
  public long mark() {
    synchronized (transcript) {
      return logged;
    }
  }

  /**
   * The requests and replies logged since {@code mark} (one test's share of the agent's
   * life), with a note when older lines of that span were already dropped.
   */
  public String transcriptSince(long mark) {
    synchronized (transcript) {
      long first = logged - transcript.size();
      long skip = Math.max(0, mark - first);
      StringBuilder b = new StringBuilder();
      if (mark < first) {
        b.append("(").append(first - mark).append(" earlier line(s) of this test dropped)\n");
      }
      transcript.stream().skip(skip).forEach(l -> b.append(l).append('\n'));
      return b.toString();
    }
  }

  /** Sends one request line and returns its reply; a hung or dead agent is a HarnessException. */
  public synchronized AgentReply request(String line, Duration timeout) {
    if (closed) {
      throw new HarnessException("agent " + name + " is closed; cannot send '" + line + "'");
    }
    replies.clear();
    log("> " + line);
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      stdin.flush();
    } catch (IOException e) {
      throw new HarnessException("agent " + name + " does not take requests (" + e.getMessage()
          + "; exit code " + exitCode() + ")" + stderrSummary());
    }
    String reply = poll(timeout.plus(SLACK));
    if (reply == null) {
      throw new HarnessException("agent " + name + " did not answer '" + line + "' within "
          + timeout.plus(SLACK).toMillis() + " ms" + (process.isAlive() ? "" : " (it exited)")
          + stderrSummary());
    }
    log("< " + reply);
    return new AgentReply(reply);
  }

  private AgentReply must(String line, Duration timeout) {
    AgentReply r = request(line, timeout);
    if (r.isError("crashed")) {
      // the stack under test failed (a panic in it), not the harness: a verdict, not broken
      throw new AssertionError("the target's stack crashed doing '" + line + "': " + r);
    }
    if (r.isUnsupported()) {
      throw new UnsupportedByTargetException("the target's application cannot '" + line
          + "': " + r);
    }
    if (!r.isOk()) {
      throw new HarnessException("agent " + name + " refused '" + line + "': " + r);
    }
    return r;
  }

  private static final Duration QUICK = Duration.ofSeconds(2);

  /** Listens on {@code port}; returns the listener's id. */
  public String listen(int port) {
    return must("listen " + port, QUICK).field(0);
  }

  public AgentReply tryListen(int port) {
    return request("listen " + port, QUICK);
  }

  /** Accepts a connection on a listener; returns the connection's id. */
  public String accept(String listener, Duration timeout) {
    return must("accept " + listener + " " + timeout.toMillis(), timeout).field(0);
  }

  public AgentReply tryAccept(String listener, Duration timeout) {
    return request("accept " + listener + " " + timeout.toMillis(), timeout);
  }

  /** Starts a connect without waiting for its outcome: {@code ok <id>}. */
  public AgentReply tryConnect(String ip, int port) {
    return request("connect " + ip + " " + port, QUICK);
  }

  /** Waits for the outcome of a connect: {@code ok connected ...} or {@code err refused} etc. */
  public AgentReply awaitConnect(String connection, Duration timeout) {
    return request("await " + connection + " " + timeout.toMillis(), timeout);
  }

  public void send(String connection, byte[] data) {
    must("send " + connection + " " + HexFormat.of().formatHex(data), QUICK);
  }

  public AgentReply trySend(String connection, byte[] data) {
    return request("send " + connection + " " + HexFormat.of().formatHex(data), QUICK);
  }

  /** Reads up to {@code max} bytes; at least one must arrive within the timeout. */
  public byte[] recv(String connection, int max, Duration timeout) {
    AgentReply r = must("recv " + connection + " " + max + " " + timeout.toMillis(), timeout);
    return HexFormat.of().parseHex(r.field(0));
  }

  public AgentReply tryRecv(String connection, int max, Duration timeout) {
    return request("recv " + connection + " " + max + " " + timeout.toMillis(), timeout);
  }

  /**
   * Reads until {@code length} bytes have arrived, the peer closed its side, or {@code timeout}
   * passed; returns what the application read, in order (a fact: fewer bytes than asked for is
   * for the caller to judge). A reset or another error of the connection ends the read too.
   */
  public byte[] recvAll(String connection, int length, Duration timeout) {
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (got.size() < length) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      AgentReply r = tryRecv(connection, length - got.size(), Duration.ofMillis(left));
      if (!r.isOk()) {
        break;
      }
      got.writeBytes(HexFormat.of().parseHex(r.field(0)));
    }
    return got.toByteArray();
  }

  public void shutdown(String connection, String how) {
    must("shutdown " + connection + " " + how, QUICK);
  }

  /** Closes a connection or listener the ordinary way (FIN). */
  public void close(String id) {
    must("close " + id, QUICK);
  }

  /** Aborts a connection (RST). */
  public void abort(String connection) {
    must("abort " + connection, QUICK);
  }

  /**
   * Closes every connection and listener the agent holds (between tests: a connect still in
   * SYN-SENT stops retransmitting, listening ports are free again).
   */
  public void closeAll() {
    must("closeall", QUICK);
  }

  public void setopt(String id, String option, String value) {
    must("setopt " + id + " " + option + " " + value, QUICK);
  }

  /** Ends the agent: {@code quit}, stdin closed, then the process destroyed if need be. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (process.isAlive()) {
        request("quit", Duration.ofMillis(500));
      }
    } catch (RuntimeException ignored) {
      // it is going away anyway
    }
    closed = true;
    destroy();
  }

  private void destroy() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // nothing to do
    }
    try {
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String poll(Duration timeout) {
    try {
      return replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for agent " + name, e);
    }
  }

  private String exitCode() {
    return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
  }

  private void keepStderr(String line) {
    synchronized (stderrTail) {
      stderrTail.addLast(line);
      while (stderrTail.size() > TAIL) {
        stderrTail.removeFirst();
      }
    }
  }

  /** {@code ; stderr: <last line>} or empty. */
  private String stderrSummary() {
    synchronized (stderrTail) {
      if (stderrTail.isEmpty()) {
        return "";
      }
      return "; its stderr ends: " + stderrTail.peekLast();
    }
  }

  /** The last lines the agent wrote to stderr. */
  public String stderrTail() {
    synchronized (stderrTail) {
      return String.join("\n", stderrTail);
    }
  }

  private void log(String line) {
    synchronized (transcript) {
      transcript.addLast(Instant.now() + " " + line);
      logged++;
      while (transcript.size() > 200) {
        transcript.removeFirst();
      }
    }
  }

  private static void pump(java.io.InputStream in, java.util.function.Consumer<String> sink,
      String threadName) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, threadName);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public String toString() {
    return "agent " + name + " (pid " + pid() + ")";
  }
}
