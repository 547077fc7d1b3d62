package dev.tcpconform.core.target.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent for the Linux kernel target: runs inside the target's network namespace and makes the
 * kernel's sockets act on requests read one line each, answering one line each (see {@code
 * docs/agent-protocol.md}). Plain JDK, no dependencies, so it starts fast. It never dies on a bad
 * request. Three ways to run it:
 *
 * <ul>
 *   <li>no arguments: one session on stdin and stdout; it exits when stdin ends or on
 *       {@code quit}, closing everything;
 *   <li>{@code --proxy slirp <control socket>}: the same, as the application of slirp (see
 *       {@link SlirpForwards});
 *   <li>{@code --serve <address> <port>}: a network agent for a device running Linux, reached by
 *       the harness's external target ({@code -Dtcpconform.external.agent}). It listens on that
 *       management address (port 0: any free one) and prints {@code serving <address> <port>} on
 *       stdout once it does; then it takes one connection at a time and holds on it the session
 *       it would hold on stdin and stdout (the ready line first). {@code quit} or the end of the
 *       connection ends the session, closing every socket it opened, and the agent waits for the
 *       next connection; it runs until it is killed. Whoever connects drives the device's
 *       sockets, and nothing authenticates them: serve on a management network only.
 * </ul>
 */
public final class LinuxAgentMain {

  private static final String USAGE = "usage: LinuxAgentMain [--proxy slirp <control socket> |"
      + " --serve <address> <port>]";

  private final Map<String, ServerSocketChannel> listeners = new HashMap<>();
  private final Map<String, SocketChannel> connections = new HashMap<>();
  private int nextListener = 1;
  private int nextConnection = 1;
  /** {@code setopt * <option> <value>}: options every connection accepted or opened later gets. */
  private final List<String[]> defaults = new java.util.ArrayList<>();
  /**
   * Set when the agent is the application of slirp ({@code --proxy slirp <control socket>}): its
   * sockets are in slirp's outer namespace, and connections to the harness go through slirp's
   * host forwards.
   */
  private final SlirpForwards slirp;

  private LinuxAgentMain(SlirpForwards slirp) {
    this.slirp = slirp;
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("--proxy") && args[1].equals("slirp")) {
      session(new LinuxAgentMain(new SlirpForwards(Path.of(args[2]))), System.in, System.out);
    } else if (args.length == 3 && args[0].equals("--serve")) {
      serve(args[1], args[2]);
    } else if (args.length == 0) {
      session(new LinuxAgentMain(null), System.in, System.out);
    } else {
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  /**
   * Listens on {@code address:port} and holds one session per connection, one connection at a
   * time, each with an agent of its own (ids start again at {@code l1} and {@code c1}, and no
   * default option of an earlier session applies).
   */
  private static void serve(String address, String port) throws IOException {
    InetSocketAddress at;
    try {
      int p = Integer.parseInt(port);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      at = new InetSocketAddress(InetAddress.getByName(address), p);
    } catch (NumberFormatException e) {
      System.err.println("bad port '" + port + "' (expected: 0-65535); " + USAGE);
      System.exit(2);
      return;
    } catch (java.net.UnknownHostException e) {
      System.err.println("bad address '" + address + "': " + oneLine(e.getMessage()) + "; "
          + USAGE);
      System.exit(2);
      return;
    }
    try (ServerSocket server = new ServerSocket()) {
      try {
        server.setReuseAddress(true);
        server.bind(at, 1);
      } catch (IOException e) {
        System.err.println("cannot serve on " + address + " port " + port + ": "
            + oneLine(e.getMessage()) + " (name an address of this machine and a free port)");
        System.exit(2);
        return;
      }
      System.out.println("serving " + at.getAddress().getHostAddress() + " "
          + server.getLocalPort());
      System.out.flush();
      while (true) {
        try (Socket s = server.accept()) {
          s.setTcpNoDelay(true);
          System.err.println("session from " + s.getRemoteSocketAddress());
          session(new LinuxAgentMain(null), s.getInputStream(), s.getOutputStream());
          System.err.println("session from " + s.getRemoteSocketAddress() + " ended");
        } catch (IOException e) {
          System.err.println("session ended: " + oneLine(e.getMessage()));
        }
      }
    }
  }

  /**
   * One harness's session: the ready line, then one reply per request until {@code quit} or the
   * end of {@code in}; every socket the session opened is closed at its end.
   */
  private static void session(LinuxAgentMain agent, InputStream in, OutputStream to)
      throws IOException {
    PrintStream out = new PrintStream(to, true, StandardCharsets.US_ASCII);
    try {
      out.println("ready " + (agent.slirp == null ? "linux " + kernelRelease() + " agent 1"
          : "slirp proxy, application on linux " + kernelRelease() + " agent 1"));
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String line;
      while ((line = lines.readLine()) != null) {
        String reply = agent.handle(line.trim());
        out.println(reply);
        if (reply.equals("ok bye")) {
          break;
        }
      }
    } finally {
      out.flush();
      agent.closeAll();
    }
  }

  private static String kernelRelease() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }

  String handle(String line) {
    String[] a = line.isEmpty() ? new String[0] : line.split("\\s+");
    if (a.length == 0) {
      return "err usage empty request";
    }
    try {
      switch (a[0]) {
        case "listen":
          return listen(a);
        case "accept":
          return accept(a);
        case "connect":
          return connect(a);
        case "await":
          return await(a);
        case "send":
          return send(a);
        case "recv":
          return recv(a);
        case "shutdown":
          return shutdown(a);
        case "close":
          return close(a);
        case "abort":
          return abort(a);
        case "setopt":
          return setopt(a);
        case "status":
          return status(a);
        case "closeall":
          closeAll();
          connections.clear();
          listeners.clear();
          return "ok";
        case "quit":
          return "ok bye";
        default:
          return "err usage unknown request '" + a[0] + "'";
      }
    } catch (UsageException e) {
      return "err usage " + e.getMessage();
    } catch (IOException e) {
      return "err " + word(e) + " " + oneLine(e.getMessage());
    } catch (RuntimeException e) {
      return "err internal " + oneLine(e.toString());
    }
  }

  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String m) {
      super(m);
    }
  }

  private static void need(String[] a, int n, String form) throws UsageException {
    if (a.length < n) {
      throw new UsageException("expected: " + form);
    }
  }

  private static int number(String s, String what) throws UsageException {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new UsageException(what + " '" + s + "' is not a number");
    }
  }

  private String listen(String[] a) throws UsageException, IOException {
    need(a, 2, "listen <port> [<backlog>] [<address>]");
    int port = number(a[1], "port");
    int backlog = a.length > 2 ? number(a[2], "backlog") : 16;
    InetAddress addr = a.length > 3 ? InetAddress.getByName(a[3]) : null;
    ServerSocketChannel s = ServerSocketChannel.open();
    try {
      s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      s.bind(new InetSocketAddress(addr, port), backlog);
      s.configureBlocking(false);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    String id = "l" + nextListener++;
    listeners.put(id, s);
    return "ok " + id;
  }

  private String accept(String[] a) throws UsageException, IOException {
    need(a, 3, "accept <listener> <timeout_ms>");
    ServerSocketChannel s = listener(a[1]);
    long timeout = number(a[2], "timeout");
    try (Selector sel = Selector.open()) {
      s.register(sel, SelectionKey.OP_ACCEPT);
      long deadline = System.currentTimeMillis() + timeout;
      while (true) {
        SocketChannel c = s.accept();
        if (c != null) {
          c.configureBlocking(false);
          applyDefaults(c);
          String id = "c" + nextConnection++;
          connections.put(id, c);
          InetSocketAddress r = (InetSocketAddress) c.getRemoteAddress();
          return "ok " + id + " " + r.getAddress().getHostAddress() + " " + r.getPort();
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return "err timeout no connection to accept within " + timeout + " ms";
        }
        sel.select(left);
        sel.selectedKeys().clear();
      }
    }
  }

  private String connect(String[] a) throws UsageException, IOException {
    need(a, 3, "connect <ip> <port> [<local_port>]");
    InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(a[1]), number(a[2], "port"));
    if (slirp != null) {
      if (a.length > 3) {
        return "err usage not supported by slirp (the source port of its connections is its own"
            + " choice)";
      }
      to = new InetSocketAddress(InetAddress.getLoopbackAddress(),
          slirp.portFor(a[1], number(a[2], "port")));
    }
    SocketChannel c = SocketChannel.open();
    try {
      c.configureBlocking(false);
      applyDefaults(c);
      if (a.length > 3) {
        c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        c.bind(new InetSocketAddress(number(a[3], "local port")));
      }
      c.connect(to);
    } catch (IOException e) {
      c.close();
      throw e;
    }
    String id = "c" + nextConnection++;
    connections.put(id, c);
    return "ok " + id;
  }

  private String await(String[] a) throws UsageException, IOException {
    need(a, 3, "await <connection> <timeout_ms>");
    SocketChannel c = connection(a[1]);
    long timeout = number(a[2], "timeout");
    if (c.isConnected()) {
      return connected(c);
    }
    try (Selector sel = Selector.open()) {
      c.register(sel, SelectionKey.OP_CONNECT);
      long deadline = System.currentTimeMillis() + timeout;
      while (true) {
        if (c.finishConnect()) {
          return connected(c);
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return "err timeout still connecting after " + timeout + " ms";
        }
        sel.select(left);
        sel.selectedKeys().clear();
      }
    } catch (IOException e) {
      connections.remove(a[1]);
      c.close();
      throw e;
    }
  }

  private static String connected(SocketChannel c) throws IOException {
    InetSocketAddress l = (InetSocketAddress) c.getLocalAddress();
    return "ok connected " + l.getAddress().getHostAddress() + " " + l.getPort();
  }

  private String send(String[] a) throws UsageException, IOException {
    need(a, 3, "send <connection> <hex>");
    SocketChannel c = connection(a[1]);
    byte[] data;
    try {
      data = HexFormat.of().parseHex(a[2]);
    } catch (IllegalArgumentException e) {
      throw new UsageException("data is not hex: " + e.getMessage());
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    try (Selector sel = Selector.open()) {
      c.register(sel, SelectionKey.OP_WRITE);
      long deadline = System.currentTimeMillis() + 5000;
      while (b.hasRemaining()) {
        c.write(b);
        if (!b.hasRemaining()) {
          break;
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return "ok " + b.position() + " partial";
        }
        sel.select(left);
        sel.selectedKeys().clear();
      }
    }
    return "ok " + data.length;
  }

  private String recv(String[] a) throws UsageException, IOException {
    need(a, 4, "recv <connection> <max> <timeout_ms>");
    SocketChannel c = connection(a[1]);
    int max = number(a[2], "max");
    long timeout = number(a[3], "timeout");
    ByteBuffer b = ByteBuffer.allocate(Math.max(1, max));
    try (Selector sel = Selector.open()) {
      c.register(sel, SelectionKey.OP_READ);
      long deadline = System.currentTimeMillis() + timeout;
      while (true) {
        int n = c.read(b);
        if (n < 0) {
          return "err eof the peer closed its side";
        }
        if (n > 0) {
          b.flip();
          byte[] got = new byte[b.remaining()];
          b.get(got);
          return "ok " + HexFormat.of().formatHex(got);
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return "err timeout nothing to read within " + timeout + " ms";
        }
        sel.select(left);
        sel.selectedKeys().clear();
      }
    }
  }

  private String shutdown(String[] a) throws UsageException, IOException {
    need(a, 3, "shutdown <connection> rd|wr|rdwr");
    SocketChannel c = connection(a[1]);
    if (slirp != null && !a[2].equals("wr")) {
      return "err usage not supported by slirp (shutdown " + a[2] + " of the application's socket"
          + " does not reach slirp's TCP)";
    }
    switch (a[2]) {
      case "rd":
        c.shutdownInput();
        break;
      case "wr":
        c.shutdownOutput();
        break;
      case "rdwr":
        c.shutdownInput();
        c.shutdownOutput();
        break;
      default:
        throw new UsageException("shutdown how '" + a[2] + "' (expected: rd, wr or rdwr)");
    }
    return "ok";
  }

  private String close(String[] a) throws UsageException, IOException {
    need(a, 2, "close <id>");
    if (listeners.containsKey(a[1])) {
      listeners.remove(a[1]).close();
    } else {
      connection(a[1]);
      connections.remove(a[1]).close();
    }
    return "ok";
  }

  private String abort(String[] a) throws UsageException, IOException {
    need(a, 2, "abort <connection>");
    SocketChannel c = connection(a[1]);
    c.setOption(StandardSocketOptions.SO_LINGER, 0);
    connections.remove(a[1]);
    c.close();
    return "ok";
  }

  private String setopt(String[] a) throws UsageException, IOException {
    need(a, 4, "setopt <id>|* rcvbuf|sndbuf|nodelay|linger <value>");
    if (slirp != null && !a[2].equals("sndbuf")) {
      // sndbuf keeps its purpose (the application hands its data over at once: slirp reads it
      // from the socket as its own buffer allows); the others would shape the application's
      // socket, not slirp's TCP, and a verdict drawn from them would be about the wrong stack
      return "err usage not supported by slirp (" + a[2] + " would act on the application's"
          + " socket in the outer namespace, not on slirp's TCP)";
    }
    if (a[1].equals("*")) {
      try (SocketChannel probe = SocketChannel.open()) {
        setOption(probe, a); // checks the option and its value now
      }
      defaults.add(a);
      return "ok";
    }
    return setOption(listeners.containsKey(a[1]) ? listeners.get(a[1]) : connection(a[1]), a);
  }

  private void applyDefaults(SocketChannel c) throws UsageException, IOException {
    for (String[] a : defaults) {
      setOption(c, a);
    }
  }

  private String setOption(java.nio.channels.NetworkChannel ch, String[] a)
      throws UsageException, IOException {
    switch (a[2]) {
      case "rcvbuf":
        ch.setOption(StandardSocketOptions.SO_RCVBUF, number(a[3], "rcvbuf"));
        break;
      case "sndbuf":
        ch.setOption(StandardSocketOptions.SO_SNDBUF, number(a[3], "sndbuf"));
        break;
      case "nodelay":
        ch.setOption(StandardSocketOptions.TCP_NODELAY, a[3].equals("1") || a[3].equals("on"));
        break;
      case "linger":
        ch.setOption(StandardSocketOptions.SO_LINGER, number(a[3], "linger"));
        break;
      default:
        throw new UsageException("unknown option '" + a[2] + "'");
    }
    return "ok";
  }

  private String status(String[] a) throws UsageException, IOException {
    need(a, 2, "status <connection>");
    SocketChannel c = connection(a[1]);
    return "ok " + (c.isConnectionPending() ? "connecting" : c.isConnected() ? "connected"
        : "unconnected");
  }

  private ServerSocketChannel listener(String id) throws UsageException {
    ServerSocketChannel s = listeners.get(id);
    if (s == null) {
      throw new UsageException("no listener '" + id + "'");
    }
    return s;
  }

  private SocketChannel connection(String id) throws UsageException {
    SocketChannel c = connections.get(id);
    if (c == null) {
      throw new UsageException("no connection '" + id + "'");
    }
    return c;
  }

  /** The protocol's error word for an I/O failure of the stack. */
  static String word(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (m.contains("refused")) {
      return "refused";
    }
    if (m.contains("reset") || m.contains("broken pipe")) {
      return "reset";
    }
    if (m.contains("timed out")) {
      return "timedout";
    }
    if (m.contains("unreachable") || m.contains("no route")) {
      return "unreachable";
    }
    if (m.contains("address already in use")) {
      return "inuse";
    }
    if (e instanceof SocketException) {
      return "socket";
    }
    return "io";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ");
  }

  private void closeAll() {
    for (SocketChannel c : connections.values()) {
      try {
        c.close();
      } catch (IOException ignored) {
        // exiting
      }
    }
    for (ServerSocketChannel s : listeners.values()) {
      try {
        s.close();
      } catch (IOException ignored) {
        // exiting
      }
    }
  }
}
