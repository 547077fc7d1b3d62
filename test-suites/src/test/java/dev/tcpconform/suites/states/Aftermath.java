package dev.tcpconform.suites.states;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.ack;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.Segments.synAck;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.suites.states.Scenario.ACK_DELAY;
import static dev.tcpconform.suites.states.Scenario.PROMPTLY;

import dev.tcpconform.core.bed.Lane;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.Within;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.states.Scenario.Connection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What became of the connection after the segment under test, checked on the wire and through
 * the application: each {@link Answer.After} of the oracle is one method here.
 */
final class Aftermath {

  private static final String PROBE = "!";
  private static final Duration APP_WAIT = Duration.ofSeconds(2);
  /** Long enough for a connection to be accepted if one were there; short, since none should. */
  private static final Duration NO_ACCEPT = Duration.ofMillis(300);

  private final Lane lane;
  private final Agent agent;
  private final Connection conn;
  private final TcpPeer peer;
  private final TcpState state;
  private final TargetView v;
  private final Segment sent;

  Aftermath(Lane lane, Agent agent, Connection conn, TcpState state, TargetView v, Segment sent) {
    this.lane = lane;
    this.agent = agent;
    this.conn = conn;
    this.peer = conn.peer();
    this.state = state;
    this.v = v;
    this.sent = sent;
  }

  void check(Answer answer) {
    switch (answer.after()) {
      case ALIVE -> alive(answer, conn.id());
      case RESET -> reset();
      case PEER_CLOSED -> peerClosed(answer);
      case LISTENING -> listening();
      case BACK_TO_LISTEN -> backToListen();
      case HALF_OPEN -> halfOpen();
      case ACCEPTED -> alive(answer, accepted());
      case CONNECTED -> connected(answer);
      case STILL_CONNECTING -> stillConnecting();
      case REFUSED -> refused();
      case SIMULTANEOUS_OPEN -> simultaneousOpen();
      case CLOSED_NOW -> closed();
      case TIME_WAIT_HOLDS -> timeWaitHolds();
      case NO_CONNECTION -> { }
      default -> throw new IllegalStateException(answer.after().name());
    }
  }

  /** Data still flows: a probe is acknowledged, and the application reads what it should. */
  private void alive(Answer answer, String id) {
    switch (state) {
      case CLOSE_WAIT -> {
        // the peer has closed its side: the target's application can still send
        AgentReply out = agent.trySend(id, PROBE.getBytes(StandardCharsets.US_ASCII));
        then(out.isOk()).as("the application's send after the segment: %s", out).isTrue();
        then(peer.nextNewSegment(within(PROMPTLY)))
            .matches(withFlags(PSH, ACK).seq(v.sndNxt()).payloadLength(1));
      }
      case CLOSING, LAST_ACK ->
        // both FINs are out: the peer's FIN again draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        finAgainIsAcknowledged();
      default -> {
        Segment probe = peer.send(data(PROBE));
        then(peer.nextNewSegment(within(ACK_DELAY)))
            .matches(withFlags(ACK).ack(probe.seq().plus(probe.segLen())).noPayload());
        String expected = (answer.delivered() ? SegmentClass.DATA : "") + PROBE;
        then(read(id, expected.length())).as("bytes the application read").isEqualTo(expected);
      }
    }
  }

  /** The connection is gone: the application sees "reset", and a segment on it draws a RST. */
  private void reset() {
    AgentReply app = switch (state) {
      case CLOSE_WAIT -> agent.trySend(conn.id(), PROBE.getBytes(StandardCharsets.US_ASCII));
      case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> agent.tryRecv(conn.id(), 10, Duration.ofSeconds(1));
      default -> null; // CLOSING, LAST-ACK: the application has nothing left to be told
    };
    if (app != null) {
      then(app.isError("reset")).as("the application's view after the RST: %s", app).isTrue();
    }
    closed();
  }

  /** No connection: a segment on it draws <SEQ=SEG.ACK><CTL=RST>. */
  private void closed() {
    Segment probe = peer.send(data(PROBE));
    then(peer.nextNewSegment(within(PROMPTLY))).matches(withFlags(RST).seq(probe.ack()));
  }

  /** A retransmission of the peer's FIN is acknowledged again (RFC 9293 3.10.7.4, TIME-WAIT). */
  private void timeWaitHolds() {
    finAgainIsAcknowledged();
  }

  /**
   * The peer's FIN again draws {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}. RFC 5961 7 lets a
   * stack throttle the ACKs it sends to unacceptable segments (gVisor: one per 500 ms, FINs
   * included), and the segment under test may just have drawn one: unanswered, the FIN is sent
   * once more after the wait, when the throttle has passed.
   */
  private void finAgainIsAcknowledged() {
    peer.send(SegmentClass.FIN_RETRANSMITTED.build(v));
    Arrival answer = peer.nextNewSegment(within(PROMPTLY));
    if (!answer.isPresent()) {
      peer.send(SegmentClass.FIN_RETRANSMITTED.build(v));
      answer = peer.nextNewSegment(within(PROMPTLY));
    }
    then(answer).matches(withFlags(ACK).seq(v.sndNxt()).ack(v.rcvNxt()).noPayload());
  }

  /** No connection reached the application, and the listener still answers a SYN. */
  private void listening() {
    AgentReply none = agent.tryAccept(conn.listener(), NO_ACCEPT);
    then(none.isError("timeout")).as("the application's accept: %s", none).isTrue();
    TcpPeer other = lane.peerTo(peer.remote().port());
    Segment s = other.send(syn());
    then(other.nextSegment(within(PROMPTLY))).matches(withFlags(SYN, ACK).ack(s.seq().plus(1)));
  }

  /** The half-open connection is gone: the ACK that would complete it draws a RST. */
  private void backToListen() {
    Segment completing = peer.send(ack().seq(v.rcvNxt()).ack(v.sndNxt()));
    then(peer.nextNewSegment(within(PROMPTLY)))
        .matches(withFlags(RST).seq(completing.ack()).noPayload());
    listening();
  }

  /** The handshake is still pending: the acceptable ACK completes it now. */
  private void halfOpen() {
    peer.send(ack().seq(v.rcvNxt()).ack(v.sndNxt()));
    if (conn.listener() != null) {
      accepted();
    } else {
      thenConnectSucceeds();
    }
    // AND the wire agrees: the connection is established, so a probe is acknowledged (the
    // application's view alone does not show it on a proxy, whose application connected, or
    // accepted, on the first SYN, whatever became of the connection on the wire)
    Segment probe = peer.send(data(PROBE).seq(v.rcvNxt()).ack(v.sndNxt()));
    then(answerAfterInjection(within(ACK_DELAY)))
        .matches(withFlags(ACK).ack(probe.seq().plus(probe.segLen())).noPayload());
  }

  /**
   * The next new segment that left the target after the peer's last injection: what it sent
   * before (its answer to the segment before) is no answer to the probe.
   */
  private Arrival answerAfterInjection(Within within) {
    Arrival a = peer.nextNewSegment(within);
    while (a.isPresent() && a.epochNanos() < a.stimulusNanos()) {
      a = peer.nextNewSegment(within);
    }
    return a;
  }

  /** The application accepts the connection; returns its id. */
  private String accepted() {
    AgentReply r = agent.tryAccept(conn.listener(), APP_WAIT);
    then(r.isOk()).as("the application's accept: %s", r).isTrue();
    return r.field(0);
  }

  private void thenConnectSucceeds() {
    AgentReply r = agent.awaitConnect(conn.id(), APP_WAIT);
    then(r.isOk()).as("the application's connect: %s", r).isTrue();
  }

  /** The connect succeeded: the application reads what was delivered, and its data goes out. */
  private void connected(Answer answer) {
    thenConnectSucceeds();
    if (answer.delivered()) {
      then(read(conn.id(), SegmentClass.DATA.length())).as("bytes the application read")
          .isEqualTo(SegmentClass.DATA);
    }
    AgentReply out = agent.trySend(conn.id(), PROBE.getBytes(StandardCharsets.US_ASCII));
    then(out.isOk()).as("the application's send: %s", out).isTrue();
    then(peer.nextNewSegment(within(PROMPTLY)))
        .matches(withFlags(PSH, ACK).seq(v.sndNxt()).payloadLength(1));
  }

  /** SYN-SENT holds: a correct SYN,ACK now is acknowledged and the connect succeeds. */
  private void stillConnecting() {
    Segment synAck = peer.send(synAck().seq(v.rcvNxt()).ack(v.sndNxt()));
    then(peer.nextNewSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).seq(v.sndNxt()).ack(synAck.seq().plus(1)).noPayload());
    thenConnectSucceeds();
  }

  private void refused() {
    AgentReply r = agent.awaitConnect(conn.id(), APP_WAIT);
    then(r.isError("refused")).as("the application's connect: %s", r).isTrue();
  }

  /** SYN-RECEIVED after crossing SYNs: the peer's ACK of the target's SYN,ACK completes it. */
  private void simultaneousOpen() {
    peer.send(ack().seq(sent.seq().plus(1)).ack(v.sndNxt()));
    thenConnectSucceeds();
  }

  /** The application reads what was delivered, then end-of-stream. */
  private void peerClosed(Answer answer) {
    String id = conn.id();
    if (conn.listener() != null && id == null) {
      id = accepted();
    } else if (state == TcpState.SYN_RECEIVED_ACTIVE) {
      thenConnectSucceeds();
    }
    String expected = answer.delivered() ? SegmentClass.DATA : "";
    then(read(id, expected.length())).as("bytes the application read").isEqualTo(expected);
    AgentReply eof = agent.tryRecv(id, 10, Duration.ofSeconds(1));
    then(eof.isError("eof")).as("the application's read after the FIN: %s", eof).isTrue();
  }

  /** Reads until {@code n} bytes came, an error, or a second of nothing. */
  private String read(String id, int n) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < n) {
      AgentReply r = agent.tryRecv(id, n - got.size(), Duration.ofSeconds(1));
      if (!r.isOk()) {
        break;
      }
      got.writeBytes(HexFormat.of().parseHex(r.field(0)));
    }
    return got.toString(StandardCharsets.US_ASCII);
  }
}
