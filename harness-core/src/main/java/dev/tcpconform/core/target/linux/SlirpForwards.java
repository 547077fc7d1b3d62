package dev.tcpconform.core.target.linux;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * slirp's host forwards, asked for on its control socket ({@code slirp4netns --api-socket}): the
 * way an application in slirp's outer namespace opens a connection to the guest side, where the
 * harness's emulated peer is. A connection to the loopback port of a forward makes slirp open a
 * TCP connection of its own to the guest address and port. One forward per guest endpoint, kept
 * for the agent's life.
 */
final class SlirpForwards {

  private static final Pattern ERROR = Pattern.compile("\"desc\"\\s*:\\s*\"([^\"]*)\"");
  /** Host ports handed out: above the loopback's ephemeral range's usual start, below its end. */
  private static final int FIRST_PORT = 20000;

  private final Path api;
  private final Map<String, Integer> forwards = new HashMap<>();
  private int nextPort = FIRST_PORT;

  SlirpForwards(Path api) {
    this.api = api;
  }

  /** The loopback port whose connections slirp carries on to {@code guestAddress:guestPort}. */
  int portFor(String guestAddress, int guestPort) throws IOException {
    String key = guestAddress + ":" + guestPort;
    Integer known = forwards.get(key);
    if (known != null) {
      return known;
    }
    IOException last = null;
    for (int attempt = 0; attempt < 16; attempt++) {
      int port = nextPort++;
      String reply = request("{\"execute\":\"add_hostfwd\",\"arguments\":{\"proto\":\"tcp\","
          + "\"host_addr\":\"127.0.0.1\",\"host_port\":" + port + ",\"guest_addr\":\""
          + guestAddress + "\",\"guest_port\":" + guestPort + "}}");
      if (reply.contains("\"return\"")) {
        forwards.put(key, port);
        return port;
      }
      Matcher m = ERROR.matcher(reply);
      last = new IOException("slirp refused a host forward to " + key + " on port " + port + ": "
          + (m.find() ? m.group(1) : reply.strip()));
    }
    throw last;
  }

  private String request(String json) throws IOException {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(api));
      ByteBuffer out = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        c.write(out);
      }
      c.shutdownOutput();
      ByteBuffer in = ByteBuffer.allocate(4096);
      while (c.read(in) >= 0 && in.hasRemaining()) {
        // until slirp closes its side
      }
      in.flip();
      return StandardCharsets.UTF_8.decode(in).toString();
    }
  }
}
