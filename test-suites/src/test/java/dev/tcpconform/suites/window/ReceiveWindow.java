package dev.tcpconform.suites.window;

import static dev.tcpconform.core.expect.SegmentPattern.anySegment;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.suites.support.Octets;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The target as a receiver whose application reads nothing: the peer sends data into the window
 * the target advertises, in segments of at most the target's MSS, each acknowledged, until the
 * target advertises window 0 with everything acknowledged.
 */
final class ReceiveWindow {

  /** The application's receive buffer: a few segments' worth. */
  static final int BUFFER = 4096;

  /** Plenty for a small buffer; more means the target never closed its window. */
  private static final int MAX_SEGMENTS = 200;

  /** An ACK may be delayed, never by 500 ms or more (RFC 9293 3.8.6.3, MUST-40). */
  private static final Duration ACK_WAIT = Duration.ofMillis(600);

  private final Established connection;
  private final int mss;
  private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();

  private ReceiveWindow(Established connection) {
    this.connection = connection;
    Segment synAck = connection.synAck().segment();
    this.mss = Math.min(1460, synAck.option(Mss.class).map(Mss::value).orElse(536));
  }

  /**
   * The connection {@code handshake} opens, its application given a {@link #BUFFER}-octet
   * receive buffer.
   */
  static ReceiveWindow open(Handshake handshake) {
    return new ReceiveWindow(handshake.receiveBuffer(BUFFER).complete());
  }

  Established connection() {
    return connection;
  }

  TcpPeer peer() {
    return connection.peer();
  }

  /** The MSS the target announced, at most the peer's 1460: the size of the peer's segments. */
  int mss() {
    return mss;
  }

  /** Everything the peer sent so far that the target acknowledged, in order. */
  byte[] delivered() {
    return delivered.toByteArray();
  }

  /**
   * Sends data until the target acknowledges all of it with window 0; each of the target's ACKs
   * is handed to {@code eachAck} as it comes (a test may judge it there). A target that stops
   * acknowledging, or never closes its window, leaves the test broken: the rule under test is
   * another one.
   */
  ReceiveWindow fill(Consumer<Arrival> eachAck) {
    TcpPeer peer = peer();
    // the window the target advertised last (its SYN,ACK, an ACK, a window update)
    int window = peer.lastReceived().window();
    for (int i = 0; i < MAX_SEGMENTS && window > 0; i++) {
      byte[] chunk = Octets.of(0, Math.min(window, mss));
      Segment sent = peer.send(data(chunk));
      Arrival a = peer.firstSegmentMatching(
          anySegment().ack(sent.seq().plus(chunk.length)), within(ACK_WAIT));
      if (!a.isPresent()) {
        throw new HarnessException("the target did not acknowledge " + sent + " within "
            + ACK_WAIT.toMillis() + " ms while its window was being filled");
      }
      delivered.writeBytes(chunk);
      eachAck.accept(a);
      window = a.segment().window();
    }
    if (window > 0) {
      throw new HarnessException("the target's window did not close after " + delivered.size()
          + " octets with a " + BUFFER + "-octet receive buffer (last window " + window + ")");
    }
    return this;
  }

  ReceiveWindow fill() {
    return fill(a -> { });
  }
}
