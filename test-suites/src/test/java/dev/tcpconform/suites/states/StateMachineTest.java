package dev.tcpconform.suites.states;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.PSH;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.suites.states.Answer.Reply;
import dev.tcpconform.suites.states.Scenario.Connection;
import dev.tcpconform.suites.support.ConformanceTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Every segment class in every state the {@link Oracle} has a row for: the target is brought into
 * the state (a fresh connection per case), the segment is sent, and the answer is checked against
 * the oracle's cell: the immediate reply (or silence), then what became of the connection, on the
 * wire and through the application.
 */
public abstract class StateMachineTest extends ConformanceTest {

  private static final String PROBE = "!";
  private final AtomicInteger ports = new AtomicInteger(9000);
  private final TcpState state;

  /** One subclass per state, each in a lane of its own, so the states run in parallel. */
  protected StateMachineTest(TcpState state) {
    this.state = state;
  }

  /** The test class that runs a state's cases. */
  public static Class<? extends StateMachineTest> classFor(TcpState state) {
    return switch (state) {
      case CLOSED -> ClosedTest.class;
      case LISTEN -> ListenTest.class;
      case ESTABLISHED -> EstablishedTest.class;
      case CLOSE_WAIT -> CloseWaitTest.class;
      case FIN_WAIT_2 -> FinWait2Test.class;
      case TIME_WAIT -> TimeWaitTest.class;
    };
  }

  /** The oracle's cases for this class's state, one after another in its lane. */
  @DataProvider
  public Object[][] cases() {
    return Oracle.cases().stream().filter(c -> c.state() == state)
        .map(c -> new Object[] {c}).toArray(Object[][]::new);
  }

  @Test(dataProvider = "cases",
      description = "A segment arriving in a TCP state draws the answer RFC 9293 and 5961 give")
  public void segment_in_a_state_draws_the_answer_the_oracle_gives(StateCase c) {
    // GIVEN the target in the state, on a fresh connection
    Agent agent = agent();
    Connection conn = Scenario.reach(c.state(), lane, agent, ports.getAndIncrement());
    TcpPeer peer = conn.peer();
    TargetView v = c.state().isSynchronized() ? TargetView.of(peer) : TargetView.unsynchronized(peer);

    // WHEN the peer sends a segment of the class
    Segment sent = peer.send(c.segment().build(v));

    // THEN the target replies as the oracle says (or stays silent where it says so)
    Answer answer = thenReplyIsOneOf(c.cell().answers(), peer, v, sent);
    // AND the connection is what the oracle says it is afterwards
    switch (answer.after()) {
      case ALIVE -> thenAlive(c.state(), answer, peer, agent, conn.id());
      case RESET -> thenReset(c.state(), peer, agent, conn.id());
      case PEER_CLOSED -> thenPeerClosed(answer, agent, conn.id());
      case LISTENING -> thenStillListening(peer.remote().port());
      case TIME_WAIT_HOLDS -> thenStillInTimeWait(peer, v);
      case NO_CONNECTION -> { }
      default -> throw new IllegalStateException(answer.after().name());
    }
  }

  /** Checks the reply; returns the alternative that matched (all share the same after). */
  private Answer thenReplyIsOneOf(List<Answer> answers, TcpPeer peer, TargetView v, Segment sent) {
    boolean silenceAllowed = answers.stream().anyMatch(a -> a.reply() == Reply.NOTHING);
    List<Answer> speaking = answers.stream().filter(a -> a.reply() != Reply.NOTHING).toList();
    Duration wait = silenceAllowed ? SILENCE
        : speaking.stream().anyMatch(a -> a.reply() == Reply.ACK_OF_SEGMENT)
            ? Scenario.ACK_DELAY : PROMPTLY;
    Arrival reply = peer.nextSegment(within(wait));
    if (speaking.isEmpty()) {
      then(reply).isAbsent();
      return answers.get(0);
    }
    if (!reply.isPresent() && silenceAllowed) {
      return answers.stream().filter(a -> a.reply() == Reply.NOTHING).findFirst().orElseThrow();
    }
    for (Answer a : speaking) {
      if (reply.isPresent() && pattern(a.reply(), v, sent).matches(reply.segment())) {
        return a;
      }
    }
    then(reply).matches(pattern(speaking.get(0).reply(), v, sent));
    return speaking.get(0);
  }

  private static SegmentPattern pattern(Reply reply, TargetView v, Segment sent) {
    return switch (reply) {
      case ACK_CURRENT -> withFlags(ACK).seq(v.sndNxt()).ack(v.rcvNxt()).noPayload();
      case ACK_OF_SEGMENT ->
          withFlags(ACK).seq(v.sndNxt()).ack(v.rcvNxt().plus(sent.segLen())).noPayload();
      case SYN_ACK_OF_SYN -> withFlags(SYN, ACK).ack(sent.seq().plus(1)).noPayload();
      case RST_AT_SEG_ACK -> withFlags(RST).seq(sent.ack()).noPayload();
      case RST_ACK_ZERO -> withFlags(RST, ACK).seq(0).ack(sent.seq().plus(sent.segLen())).noPayload();
      default -> throw new IllegalArgumentException(reply.name());
    };
  }

  /** Data still flows: a probe byte is acknowledged, and the application reads what it should. */
  private void thenAlive(TcpState state, Answer answer, TcpPeer peer, Agent agent, String id) {
    if (state == TcpState.CLOSE_WAIT) {
      // the peer has closed its side: the target's application can still send
      AgentReply sent = agent.trySend(id, PROBE.getBytes(StandardCharsets.US_ASCII));
      then(sent.isOk()).as("the application's send after the segment: %s", sent).isTrue();
      then(peer.nextSegment(within(PROMPTLY)))
          .matches(withFlags(PSH, ACK).seq(peer.rcvNxt().minus(1)).payloadLength(1));
      return;
    }
    Segment probe = peer.send(data(PROBE));
    then(peer.nextSegment(within(Scenario.ACK_DELAY)))
        .matches(withFlags(ACK).ack(probe.seq().plus(probe.segLen())).noPayload());
    String expected = (answer.delivered() ? SegmentClass.DATA : "") + PROBE;
    then(read(agent, id, expected.length())).as("bytes the application read").isEqualTo(expected);
  }

  /** The connection is gone: the application sees "reset", and a segment on it draws a RST. */
  private void thenReset(TcpState state, TcpPeer peer, Agent agent, String id) {
    AgentReply app = state == TcpState.CLOSE_WAIT
        ? agent.trySend(id, PROBE.getBytes(StandardCharsets.US_ASCII))
        : agent.tryRecv(id, 10, Duration.ofSeconds(1));
    then(app.isError("reset")).as("the application's view after the RST: %s", app).isTrue();
    Segment probe = peer.send(data(PROBE));
    then(peer.nextSegment(within(PROMPTLY))).matches(withFlags(RST).seq(probe.ack()));
  }

  /** A retransmission of the peer's FIN is acknowledged again (RFC 9293 3.10.7.4, TIME-WAIT). */
  private void thenStillInTimeWait(TcpPeer peer, TargetView v) {
    peer.send(SegmentClass.FIN_RETRANSMITTED.build(v));
    then(peer.nextSegment(within(PROMPTLY)))
        .matches(withFlags(ACK).seq(v.sndNxt()).ack(v.rcvNxt()).noPayload());
  }

  /** The listener is unharmed: a SYN from a fresh port draws a SYN-ACK. */
  private void thenStillListening(int port) {
    TcpPeer other = lane.peerTo(port);
    Segment syn = other.send(dev.tcpconform.crafter.Segments.syn());
    then(other.nextSegment(within(PROMPTLY))).matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)));
  }

  /** The application reads what was delivered, then end-of-stream. */
  private void thenPeerClosed(Answer answer, Agent agent, String id) {
    String expected = answer.delivered() ? SegmentClass.DATA : "";
    then(read(agent, id, expected.length())).as("bytes the application read").isEqualTo(expected);
    AgentReply eof = agent.tryRecv(id, 10, Duration.ofSeconds(1));
    then(eof.isError("eof")).as("the application's read after the FIN: %s", eof).isTrue();
  }

  /** Reads until {@code n} bytes came, an error, or a second of nothing. */
  private static String read(Agent agent, String id, int n) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < n) {
      AgentReply r = agent.tryRecv(id, n - got.size(), Duration.ofSeconds(1));
      if (!r.isOk()) {
        break;
      }
      got.writeBytes(java.util.HexFormat.of().parseHex(r.field(0)));
    }
    return got.toString(StandardCharsets.US_ASCII);
  }
}
