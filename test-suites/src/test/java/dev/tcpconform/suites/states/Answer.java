package dev.tcpconform.suites.states;

/**
 * What the oracle says the target must do with a segment: its immediate reply (or silence) and
 * what the connection is like afterwards. Where the RFCs allow more than one behaviour, a cell
 * lists several replies, each an accepted alternative.
 */
public record Answer(Reply reply, After after, boolean delivered) {

  /** The target's reply on the wire. */
  public enum Reply {
    /** Nothing at all, watched for one minimum RTO. */
    NOTHING("nothing"),
    /** An empty {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>} (also the RFC 5961 challenge ACK). */
    ACK_CURRENT("<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"),
    /** An ACK of the segment: {@code <SEQ=SND.NXT><ACK=RCV.NXT+SEG.LEN><CTL=ACK>}, within 500 ms. */
    ACK_OF_SEGMENT("<SEQ=SND.NXT><ACK=RCV.NXT+SEG.LEN><CTL=ACK>"),
    /** A listener's answer to a SYN: {@code <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>}. */
    SYN_ACK_OF_SYN("<SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>"),
    /**
     * The answer to a crossing SYN in SYN-SENT (simultaneous open): the target's own ISS again,
     * now acknowledging the peer's SYN: {@code <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>}.
     */
    SYN_ACK_AT_ISS("<SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK> (ISS unchanged)"),
    /** The reset for a segment with ACK where no connection is: {@code <SEQ=SEG.ACK><CTL=RST>}. */
    RST_AT_SEG_ACK("<SEQ=SEG.ACK><CTL=RST>"),
    /** The reset for a segment without ACK: {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}. */
    RST_ACK_ZERO("<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>");

    private final String notation;

    Reply(String notation) {
      this.notation = notation;
    }

    public String notation() {
      return notation;
    }

    /** A segment, not silence. */
    public boolean isSegment() {
      return this != NOTHING;
    }

    /** A RST (which need not carry timestamps, RFC 7323 3.2). */
    public boolean isReset() {
      return this == RST_AT_SEG_ACK || this == RST_ACK_ZERO;
    }
  }

  /** The connection after the segment. */
  public enum After {
    /** Still synchronized: new data is still accepted and acknowledged. */
    ALIVE("the connection goes on"),
    /** Aborted: the application sees "reset", and a segment on it draws a RST. */
    RESET("the connection is reset"),
    /** The peer's FIN was taken: the application reads to end-of-stream. */
    PEER_CLOSED("the application reads end-of-stream"),
    /** The listener is unharmed: a SYN from another port still draws a SYN-ACK. */
    LISTENING("the listener still answers a SYN"),
    /**
     * A passive SYN-RECEIVED went back to LISTEN: no connection reaches the application, the
     * handshake's ACK now draws a RST, and the listener still answers a SYN.
     */
    BACK_TO_LISTEN("the half-open connection is dropped and the listener stays"),
    /** The handshake is still pending: the acceptable ACK completes it afterwards. */
    HALF_OPEN("the handshake can still complete"),
    /** A passive open completed: the application accepts the connection and data flows. */
    ACCEPTED("the application accepts the connection"),
    /** An active open completed: the application's connect succeeds and data flows. */
    CONNECTED("the application's connect succeeds"),
    /** SYN-SENT holds: a correct SYN,ACK afterwards still establishes the connection. */
    STILL_CONNECTING("the connect is still pending"),
    /** The application's connect fails with "connection refused". */
    REFUSED("the application's connect fails 'refused'"),
    /** SYN-SENT moved to SYN-RECEIVED: the peer's ACK of the SYN,ACK completes the connect. */
    SIMULTANEOUS_OPEN("the connection goes to SYN-RECEIVED"),
    /** LAST-ACK ended: the connection is gone and a segment on it draws a RST. */
    CLOSED_NOW("the connection is closed"),
    /** Still in TIME-WAIT: a retransmission of the peer's FIN is acknowledged again. */
    TIME_WAIT_HOLDS("the connection stays in TIME-WAIT"),
    /** Nothing to check afterwards (no connection, no listener). */
    NO_CONNECTION("no connection exists");

    private final String text;

    After(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  static Answer reply(Reply reply, After after) {
    return new Answer(reply, after, false);
  }

  static Answer delivering(Reply reply, After after) {
    return new Answer(reply, after, true);
  }
}
