package dev.tcpconform.suites.support;

import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.Segments;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.TcpOptions;
import dev.tcpconform.crafter.option.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A passive open by the peer, with the SYN options a test chooses, completed and accepted by the
 * application: {@code Handshake.to(lane, agent, port).offering(mss(600), sackPermitted())
 * .complete()}. By default the SYN offers the peer's default MSS ({@link TcpPeer#defaultMss()}:
 * 1460 over IPv4, 1440 over IPv6, what a 1500-octet link carries) and nothing else. Offering
 * {@link #timestamps()} makes the peer carry RFC 7323 timestamps on every later segment. A target
 * that cannot be brought to ESTABLISHED makes the test broken, not failed: the rule under test is
 * another one.
 */
public final class Handshake {

  private static final Duration PROMPTLY = Duration.ofMillis(900);

  private final Lane lane;
  private final Agent agent;
  private final int port;
  private final List<TcpOption> options = new ArrayList<>();
  private boolean timestamps;
  private Integer window;
  private Integer receiveBuffer;
  private boolean offered;

  private Handshake(Lane lane, Agent agent, int port) {
    this.lane = lane;
    this.agent = agent;
    this.port = port;
  }

  public static Handshake to(Lane lane, Agent agent, int port) {
    return new Handshake(lane, agent, port);
  }

  /** The SYN's options, in this order (no MSS unless among them; none at all if empty). */
  public Handshake offering(TcpOption... synOptions) {
    offered = true;
    options.addAll(List.of(synOptions));
    return this;
  }

  /** The SYN also offers timestamps, and the peer uses them on every later segment. */
  public Handshake timestamps() {
    timestamps = true;
    return this;
  }

  /** The window the peer advertises, from the SYN on (the raw 16-bit field). */
  public Handshake window(int window) {
    this.window = window;
    return this;
  }

  /**
   * The application's receive buffer ({@code SO_RCVBUF}, set on the listener before the SYN, so
   * the accepted connection inherits it and its first window already reflects it).
   */
  public Handshake receiveBuffer(int bytes) {
    this.receiveBuffer = bytes;
    return this;
  }

  /** SYN, SYN,ACK, final ACK, and the application's accept. */
  public Established complete() {
    String listener = agent.listen(port);
    if (receiveBuffer != null) {
      agent.setopt(listener, "rcvbuf", String.valueOf(receiveBuffer));
    }
    TcpPeer peer = lane.peerTo(port);
    if (window != null) {
      peer.window(window);
    }
    Segment.Builder syn = Segments.syn();
    List<TcpOption> synOptions = new ArrayList<>(
        offered ? options : List.of(TcpOptions.mss(peer.defaultMss())));
    if (timestamps) {
      synOptions.add(peer.nextTimestamps(false));
    }
    syn.options(synOptions);
    Segment sent = peer.send(syn);
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    if (!synAck.isPresent()
        || !withFlags(SYN, ACK).ack(sent.seq().plus(1)).matches(synAck.segment())) {
      throw new HarnessException("could not open a connection to port " + port + ": expected a"
          + " SYN,ACK of " + sent + ", got "
          + (synAck.isPresent() ? synAck.segment() : "nothing within 900 ms"));
    }
    boolean agreed = timestamps && synAck.segment().option(Timestamps.class).isPresent();
    peer.timestamps(agreed);
    peer.send(Segments.ack());
    String id = agent.accept(listener, Duration.ofSeconds(2));
    agent.close(listener);
    return new Established(peer, agent, id, sent, synAck);
  }
}
