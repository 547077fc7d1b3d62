package dev.tcpconform.suites.states;

/** The target's connection states (RFC 9293 section 3.3.2) that the oracle covers. */
public enum TcpState {
  /** No connection and no listener on the port. */
  CLOSED("CLOSED", Numbers.NONE),
  LISTEN("LISTEN", Numbers.NONE),
  /** The application connected; its SYN is unanswered. */
  SYN_SENT("SYN-SENT", Numbers.SYN_OUTSTANDING),
  /** Passive: a SYN reached a listener and was answered; the final ACK is withheld. */
  SYN_RECEIVED("SYN-RECEIVED", Numbers.SYN_OUTSTANDING),
  /** Active: a simultaneous open (the peer's SYN crossed the target's); not yet acknowledged. */
  SYN_RECEIVED_ACTIVE("SYN-RECEIVED (simultaneous open)", Numbers.SYN_OUTSTANDING),
  ESTABLISHED("ESTABLISHED", Numbers.ALL_ACKED),
  /** The application shut down writing; its FIN is not acknowledged. */
  FIN_WAIT_1("FIN-WAIT-1", Numbers.FIN_OUTSTANDING),
  FIN_WAIT_2("FIN-WAIT-2", Numbers.ALL_ACKED),
  CLOSE_WAIT("CLOSE-WAIT", Numbers.ALL_ACKED),
  /** Simultaneous close: both FINs sent, the target acknowledged the peer's, not the reverse. */
  CLOSING("CLOSING", Numbers.FIN_OUTSTANDING),
  /** From CLOSE-WAIT the application closed; its FIN is not acknowledged. */
  LAST_ACK("LAST-ACK", Numbers.FIN_OUTSTANDING),
  TIME_WAIT("TIME-WAIT", Numbers.ALL_ACKED);

  /** What the target's sequence space looks like in the state, seen from the peer. */
  enum Numbers {
    /** No connection: the target has no sequence numbers for the peer. */
    NONE,
    /** Everything the target sent is acknowledged: SND.UNA = SND.NXT. */
    ALL_ACKED,
    /** The target's SYN is unacknowledged: SND.UNA = ISS, SND.NXT = ISS+1. */
    SYN_OUTSTANDING,
    /** The target's FIN is unacknowledged: SND.UNA = SND.NXT-1. */
    FIN_OUTSTANDING
  }

  private final String rfcName;
  private final Numbers numbers;

  TcpState(String rfcName, Numbers numbers) {
    this.rfcName = rfcName;
    this.numbers = numbers;
  }

  /** A synchronized state (RFC 9293 3.5.2): past SYN-RECEIVED. */
  public boolean isSynchronized() {
    return numbers == Numbers.ALL_ACKED || numbers == Numbers.FIN_OUTSTANDING;
  }

  /** A connection exists (there are sequence numbers to name: RCV.NXT, SND.NXT). */
  public boolean hasConnection() {
    return numbers != Numbers.NONE;
  }

  Numbers numbers() {
    return numbers;
  }

  /** As RFC 9293 writes it: {@code CLOSE-WAIT}. */
  public String rfcName() {
    return rfcName;
  }
}
