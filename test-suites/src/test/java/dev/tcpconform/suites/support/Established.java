package dev.tcpconform.suites.support;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.core.target.Agent;
import dev.tcpconform.core.target.AgentReply;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.SackPermitted;
import java.time.Duration;
import org.testng.SkipException;

/**
 * A connection the peer opened to the target's listener and the application accepted: the
 * starting point of the data-transfer, retransmission, window and option tests.
 *
 * @param peer the peer of the connection (it has sent the final ACK of the handshake)
 * @param agent the target's agent
 * @param connection the agent's id of the accepted connection
 * @param syn the peer's SYN, exactly as sent (the options it offered)
 * @param synAck the target's SYN,ACK (the options it answered with)
 */
public record Established(
    TcpPeer peer, Agent agent, String connection, Segment syn, Arrival synAck) {

  /** Large enough that an application write of a test's data never waits for ACKs. */
  public static final int SEND_BUFFER = 4 << 20;

  /**
   * The application writes {@code data} at once: the send buffer is first made large enough that
   * the write returns without waiting for the peer's ACKs (the peer may withhold them).
   */
  public Established appSends(byte[] data) {
    agent.setopt(connection, "sndbuf", String.valueOf(SEND_BUFFER));
    AgentReply r = agent.trySend(connection, data);
    if (!r.isOk() || r.fields().contains("partial")) {
      throw new dev.tcpconform.core.HarnessException(
          "the application could not write " + data.length + " bytes at once: " + r);
    }
    return this;
  }

  /**
   * This connection, if the target agreed to RFC 7323 timestamps; otherwise the test is skipped:
   * a rule for connections with timestamps does not apply ({@code why} says what it needed them
   * for).
   */
  public Established requireTimestamps(String why) {
    if (!peer.timestamps()) {
      throw new SkipException("the target's SYN,ACK " + synAck.segment()
          + " agrees to no timestamps: " + why);
    }
    return this;
  }

  /** This connection, if the target agreed to SACK (RFC 2018); otherwise the test is skipped. */
  public Established requireSack(String why) {
    if (synAck.segment().option(SackPermitted.class).isEmpty()) {
      throw new SkipException("the target's SYN,ACK " + synAck.segment()
          + " has no SACK-permitted: " + why);
    }
    return this;
  }

  /** What the application reads, up to {@code length} bytes within {@code timeout}. A fact. */
  public byte[] appReads(int length, Duration timeout) {
    return agent.recvAll(connection, length, timeout);
  }
}
