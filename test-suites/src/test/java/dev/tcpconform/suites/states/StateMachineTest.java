package dev.tcpconform.suites.states;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.RST;
import static dev.tcpconform.crafter.TcpFlag.SYN;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.expect.SegmentPattern;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.suites.states.Answer.Reply;
import dev.tcpconform.suites.states.Scenario.Connection;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.RequirementLabels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Every segment class in every state the {@link Oracle} has a row for: the target is brought into
 * the state (a fresh connection per case), the segment is sent, and the answer is checked against
 * the oracle's cell: the immediate reply (or silence), then what became of the connection, on the
 * wire and through the application ({@link Aftermath}).
 *
 * <p>A retransmission by the target's own timer (its SYN, SYN,ACK or FIN again, while one is
 * outstanding) is neither a reply nor a breach of silence: it is passed over and shown in the
 * failure message ({@code TcpPeer.nextNewSegment}).
 */
public abstract class StateMachineTest extends ConformanceTest {

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
      case SYN_SENT -> SynSentTest.class;
      case SYN_RECEIVED -> SynReceivedTest.class;
      case SYN_RECEIVED_ACTIVE -> SimultaneousSynReceivedTest.class;
      case ESTABLISHED -> EstablishedTest.class;
      case FIN_WAIT_1 -> FinWait1Test.class;
      case FIN_WAIT_2 -> FinWait2Test.class;
      case CLOSE_WAIT -> CloseWaitTest.class;
      case CLOSING -> ClosingTest.class;
      case LAST_ACK -> LastAckTest.class;
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
    Connection conn =
        Scenario.reach(c.state(), c.variant(), lane, agent(), ports.getAndIncrement());
    TcpPeer peer = conn.peer();
    TargetView v = TargetView.of(c.state(), peer);

    // WHEN the peer sends a segment of the class
    Segment sent = peer.send(c.segment().build(v));

    // THEN the target replies as the oracle says (or stays silent where it says so)
    Answer answer = thenReplyIsOneOf(c.cell().answers(), peer, v, sent, c.variant());
    // AND the connection is what the oracle says it is afterwards
    try {
      new Aftermath(lane, agent(), conn, c.state(), v, sent).check(answer);
    } catch (AssertionError e) {
      throw withRule(c, answer, e);
    }
  }

  /** An afterwards check that failed through the application names the rule and the exchange. */
  private AssertionError withRule(StateCase c, Answer answer, AssertionError e) {
    String rule = RequirementLabels.rule(c.requirements(), c.rule());
    String message = String.valueOf(e.getMessage()).strip();
    if (message.startsWith(rule)) {
      return e;
    }
    AssertionError wrapped = new AssertionError(rule + "\nafterwards (" + answer.after().text()
        + "): " + message + "\nexchange (times from the first frame):\n" + lane.wire().ladder(null));
    wrapped.setStackTrace(e.getStackTrace());
    return wrapped;
  }

  /** Checks the reply; returns the alternative that matched. */
  private Answer thenReplyIsOneOf(
      List<Answer> answers, TcpPeer peer, TargetView v, Segment sent, Variant variant) {
    boolean silenceAllowed = answers.stream().anyMatch(a -> a.reply() == Reply.NOTHING);
    List<Answer> speaking = answers.stream().filter(a -> a.reply() != Reply.NOTHING).toList();
    Duration wait = silenceAllowed ? SILENCE
        : speaking.stream().anyMatch(a -> a.reply() == Reply.ACK_OF_SEGMENT)
            ? Scenario.ACK_DELAY : PROMPTLY;
    Arrival reply = peer.nextNewSegment(within(wait));
    if (speaking.isEmpty()) {
      then(reply).isAbsent();
      return answers.get(0);
    }
    if (!reply.isPresent() && silenceAllowed) {
      return answers.stream().filter(a -> a.reply() == Reply.NOTHING).findFirst().orElseThrow();
    }
    if (variant == Variant.TIMESTAMPS && reply.isPresent() && reply.segment().has(SYN)
        && reply.segment().option(Timestamps.class).isEmpty() && peer.tsRecent() == null) {
      // the target's first word on the connection: a SYN,ACK without the timestamps offered
      throw new SkipException("the target does not implement RFC 7323 timestamps (optional):"
          + " its SYN,ACK " + reply.segment() + " to a SYN offering them carries none, so the"
          + variant.suffix() + " variant does not apply");
    }
    for (Answer a : speaking) {
      if (reply.isPresent() && pattern(a.reply(), v, sent, variant).matches(reply.segment())) {
        return a;
      }
    }
    then(reply).matches(pattern(speaking.get(0).reply(), v, sent, variant));
    return speaking.get(0);
  }

  /** The reply's pattern; with timestamps agreed, a reply other than a RST carries them. */
  private static SegmentPattern pattern(Reply reply, TargetView v, Segment sent, Variant variant) {
    SegmentPattern p = pattern(reply, v, sent);
    return variant == Variant.TIMESTAMPS && !reply.isReset() ? p.withOption(Timestamps.class) : p;
  }

  private static SegmentPattern pattern(Reply reply, TargetView v, Segment sent) {
    return switch (reply) {
      case ACK_CURRENT -> withFlags(ACK).seq(v.sndNxt()).ack(v.rcvNxt()).noPayload();
      case ACK_OF_SEGMENT ->
          withFlags(ACK).seq(v.sndNxt()).ack(v.rcvNxt().plus(sent.segLen())).noPayload();
      case SYN_ACK_OF_SYN -> withFlags(SYN, ACK).ack(sent.seq().plus(1)).noPayload();
      case SYN_ACK_AT_ISS ->
          withFlags(SYN, ACK).seq(v.iss()).ack(sent.seq().plus(1)).noPayload();
      case RST_AT_SEG_ACK -> withFlags(RST).seq(sent.ack()).noPayload();
      case RST_ACK_ZERO -> withFlags(RST, ACK).seq(0).ack(sent.seq().plus(sent.segLen())).noPayload();
      default -> throw new IllegalArgumentException(reply.name());
    };
  }
}
