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
 * The harness's side of an agent: a program beside the target that speaks the line protocol of
 * {@code docs/agent-protocol.md}, either a process the harness starts (on its stdin and stdout,
 * {@link #launch}) or an agent that serves on a management address the user names (on a TCP
 * connection, {@link #connect}). Calls come in pairs (packetimpact): a plain method treats an
 * {@code err} reply as a harness problem ({@link HarnessException}, broken); a {@code try...}
 * method returns the {@link AgentReply} for tests in which an error is the outcome under test.
 *
 * <p>Over 400 lines because the protocol has that many requests: each has its pair here, and the
 * rest (start, transcript, the stderr tail) is what every one of them reports with.
 */
public final class Agent implements AutoCloseable {

  /** How long any request may take beyond its own timeout before the agent counts as hung. */
  private static final Duration SLACK = Duration.ofSeconds(5);
  private static final int TAIL = 40;

  private final String name;
  /** {@code agent <name>}, and where it serves for an agent reached over TCP: for messages. */
  private final String label;
  private final AgentTransport transport;
  private final OutputStream requests;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Deque<String> transcript = new ArrayDeque<>();
  /** Lines ever logged; {@link #mark()} and {@link #transcriptSince(long)} count in it. */
  private long logged;
  private final String banner;
  private volatile boolean repliesEnded;
  /** Put after the last reply when the replies end (compared by identity): nobody waits in vain. */
  private static final String END = new String("end of replies");
  /** Reads the diagnostics (a process's stderr), or null. */
  private final Thread diagnosticsReader;
  private volatile boolean closed;

  /**
   * Starts reading the agent's replies (and diagnostics) and waits for its ready line; when none
   * comes the transport is ended and this throws, with {@code remedy} (what to check) appended.
   */
  private Agent(String name, AgentTransport transport, Duration readyTimeout, String remedy) {
    this.name = name;
    this.label = "agent " + name
        + (transport instanceof AgentTransport.OverTcp ? " " + transport.where() : "");
    this.transport = transport;
    this.requests = transport.requests();
    pump(transport.replies(), replies::add, () -> {
      repliesEnded = true;
      replies.add(END);
    }, "agent-" + name + "-out");
    this.diagnosticsReader = transport.diagnostics()
        .map(err -> pump(err, this::keepStderr, () -> { }, "agent-" + name + "-err"))
        .orElse(null);
    String ready = poll(readyTimeout);
    if (ready == null || !ready.startsWith("ready")) {
      String why = ready == null
          ? transport.gone(repliesEnded).orElse(
              "no ready line within " + readyTimeout.toMillis() + " ms")
          : "it printed '" + ready + "' instead of a ready line";
      transport.end();
      throw new TargetLaunchException(label + " did not come up: " + why + remedy
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
    return new Agent(name, new AgentTransport.OverPipes(p), readyTimeout, "");
  }

  /**
   * Connects to an agent that serves on {@code host:port} (a management address the user named,
   * e.g. the Linux agent's {@code --serve} mode on a device) and waits for its ready line. A plain
   * TCP client connection from the harness's own namespace, to exactly that address: nothing is
   * injected there, so the address need not be in 198.18.0.0/15. Closing the agent sends
   * {@code quit} and closes the connection.
   *
   * @param timeout for the connection to be made, and again for the ready line
   * @throws TargetLaunchException in one line, with the address and what to do, when the host is
   *     unknown, the connection is refused or not made in time, or no ready line comes on it
   */
  public static Agent connect(String name, String host, int port, Duration timeout) {
    AgentTransport.OverTcp transport = AgentTransport.OverTcp.connect(name, host, port, timeout);
    return new Agent(name, transport, timeout, " (an agent serving over TCP says 'ready' first"
        + " and takes one harness at a time: is " + transport.address() + " the agent's, and is"
        + " no other run connected to it?)");
  }

  /** The agent process's PID; an agent reached over TCP has none here (IllegalStateException). */
  public long pid() {
    if (transport instanceof AgentTransport.OverPipes pipes) {
      return pipes.pid();
    }
    throw new IllegalStateException(this + " is reached over TCP: it has no process here");
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
      throw new HarnessException(label + " is closed; cannot send '" + line + "'");
    }
    replies.removeIf(r -> r != END);
    log("> " + line);
    try {
      requests.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      requests.flush();
    } catch (IOException e) {
      throw new HarnessException(label + " does not take requests (" + e.getMessage()
          + "; " + transport.gone(repliesEnded).orElse(transport.present()) + ")"
          + stderrSummary());
    }
    String reply = poll(timeout.plus(SLACK));
    if (reply == null) {
      throw new HarnessException(label + " did not answer '" + line + "' within "
          + timeout.plus(SLACK).toMillis() + " ms"
          + transport.gone(repliesEnded).map(g -> " (" + g + ")").orElse("") + stderrSummary());
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
      throw new HarnessException(label + " refused '" + line + "': " + r);
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

  /**
   * Ends the agent: {@code quit}, then its transport: a process's stdin is closed and the process
   * destroyed if need be; a TCP connection is closed (an agent serving over TCP then waits for
   * the next harness).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (transport.gone(repliesEnded).isEmpty()) {
        request("quit", Duration.ofMillis(500));
      }
    } catch (RuntimeException ignored) {
      // it is going away anyway
    }
    closed = true;
    transport.end();
  }

  /** The next reply within {@code timeout}; null if none came, at once if the replies ended. */
  private String poll(Duration timeout) {
    try {
      String r = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r == END) {
        replies.add(END); // the replies stay ended for whoever asks next
        return null;
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for agent " + name, e);
    }
  }

  private void keepStderr(String line) {
    synchronized (stderrTail) {
      stderrTail.addLast(line);
      while (stderrTail.size() > TAIL) {
        stderrTail.removeFirst();
      }
    }
  }

  /**
   * {@code ; its stderr ends: <last line>} or empty; when the replies have ended, what the agent
   * wrote last on stderr is awaited for a moment first (it may still be on its way).
   */
  private String stderrSummary() {
    if (repliesEnded && diagnosticsReader != null) {
      try {
        diagnosticsReader.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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

  /** Reads lines of {@code in} into {@code sink} on a thread of its own; {@code atEnd} after. */
  private static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink,
      Runnable atEnd, String threadName) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // the process ended, or the connection
      } finally {
        atEnd.run();
      }
    }, threadName);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public String toString() {
    return transport instanceof AgentTransport.OverTcp ? label
        : label + " (" + transport.where() + ")";
  }
}
