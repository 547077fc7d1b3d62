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
    ACK_OF_SEGMENT("<SEQ=SND.NXT><ACK=RCV.NXT+SEG.LEN><CTL=ACK>");

    private final String notation;

    Reply(String notation) {
      this.notation = notation;
    }

    public String notation() {
      return notation;
    }
  }

  /** The connection after the segment. */
  public enum After {
    /** Still synchronized: new data is still accepted and acknowledged. */
    ALIVE("the connection goes on"),
    /** Aborted: the application sees "reset", and a segment on it draws a RST. */
    RESET("the connection is reset"),
    /** The peer's FIN was taken: the application reads to end-of-stream. */
    PEER_CLOSED("the application reads end-of-stream");

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
