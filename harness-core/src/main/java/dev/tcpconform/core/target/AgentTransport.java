package dev.tcpconform.core.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the lines of the agent protocol travel between the harness and an agent: the pipes to a
 * process's stdin and stdout ({@link OverPipes}), or a TCP connection to an agent that serves on a
 * management address ({@link OverTcp}). {@link Agent} speaks the protocol; this only carries it,
 * says what became of the other side, and ends it.
 */
sealed interface AgentTransport permits AgentTransport.OverPipes, AgentTransport.OverTcp {

  /** Where the harness writes requests. */
  OutputStream requests();

  /** Where the replies come from, one line each. */
  InputStream replies();

  /** Free-form diagnostics beside the replies (a process's stderr), when there are any. */
  Optional<InputStream> diagnostics();

  /**
   * What became of the other side, for messages ({@code it exited with code 3}, {@code it closed
   * the connection}), or empty while it is there; {@code repliesEnded} says whether the replies
   * reached their end (what a connection's closing looks like from here).
   */
  Optional<String> gone(boolean repliesEnded);

  /** The other side's state while it is there, for messages ({@code still running}). */
  String present();

  /** Ends the transport: requests closed, then the process waited for or the socket closed. */
  void end();

  /** How the agent is known in messages: {@code pid 1234} or {@code at 198.19.255.2:7000}. */
  String where();

  /** An agent process the harness started: requests on its stdin, replies on its stdout. */
  final class OverPipes implements AgentTransport {

    private final Process process;

    OverPipes(Process process) {
      this.process = process;
    }

    long pid() {
      return process.pid();
    }

    @Override
    public OutputStream requests() {
      return process.getOutputStream();
    }

    @Override
    public InputStream replies() {
      return process.getInputStream();
    }

    @Override
    public Optional<InputStream> diagnostics() {
      return Optional.of(process.getErrorStream());
    }

    @Override
    public Optional<String> gone(boolean repliesEnded) {
      if (repliesEnded && process.isAlive()) {
        try {
          process.waitFor(1, TimeUnit.SECONDS); // its stdout ended: it is most likely exiting
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!process.isAlive()) {
        return Optional.of("it exited with code " + process.exitValue());
      }
      return repliesEnded ? Optional.of("it closed its stdout") : Optional.empty();
    }

    @Override
    public String present() {
      return "still running";
    }

    /** stdin closed (the agent ends with its input), then TERM, then KILL if it lingers. */
    @Override
    public void end() {
      try {
        process.getOutputStream().close();
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

    @Override
    public String where() {
      return "pid " + process.pid();
    }
  }

  /**
   * A connection the harness opened to an agent serving on a management address. A plain TCP
   * client connection from the harness's own namespace: nothing is injected there.
   */
  final class OverTcp implements AgentTransport {

    private final Socket socket;
    private final String address;
    private final InputStream in;
    private final OutputStream out;

    private OverTcp(Socket socket, String address) throws IOException {
      this.socket = socket;
      this.address = address;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /**
     * A connection to {@code host:port} made within {@code timeout}, for agent {@code name}.
     *
     * @throws TargetLaunchException in one line, with the address and what to do, when the host
     *     is unknown or the connection is refused or not made in time
     */
    static OverTcp connect(String name, String host, int port, Duration timeout) {
      String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      String cannot = "cannot reach agent " + name + " at " + address + ": ";
      InetSocketAddress to = new InetSocketAddress(host, port);
      if (to.isUnresolved()) {
        throw new TargetLaunchException(cannot + "unknown host '" + host + "' (name the agent by"
            + " an address or a host name this machine resolves)");
      }
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(to, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return new OverTcp(socket, address);
      } catch (IOException e) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // it was never connected
        }
        String why;
        if (e instanceof SocketTimeoutException) {
          why = "no answer within " + timeout.toMillis() + " ms (is the device up, and is "
              + address + " its management address?)";
        } else if (e instanceof ConnectException
            && String.valueOf(e.getMessage()).contains("refused")) {
          why = "connection refused (nothing listens there: start the agent on the device, e.g."
              + " LinuxAgentMain --serve " + host + " " + port + ", or name the address it"
              + " serves on)";
        } else {
          why = e.getMessage() + " (check the management address and the route to it)";
        }
        throw new TargetLaunchException(cannot + why, e);
      }
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    String address() {
      return address;
    }

    @Override
    public OutputStream requests() {
      return out;
    }

    @Override
    public InputStream replies() {
      return in;
    }

    @Override
    public Optional<InputStream> diagnostics() {
      return Optional.empty();
    }

    @Override
    public Optional<String> gone(boolean repliesEnded) {
      if (repliesEnded || socket.isClosed()) {
        return Optional.of("it closed the connection");
      }
      return Optional.empty();
    }

    @Override
    public String present() {
      return "still connected";
    }

    @Override
    public void end() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }

    @Override
    public String where() {
      return "at " + address;
    }
  }
}
