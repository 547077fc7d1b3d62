package dev.tcpconform.suites.states;

/** The target's connection states (RFC 9293 section 3.3.2) that the oracle covers so far. */
public enum TcpState {
  ESTABLISHED("ESTABLISHED"),
  CLOSE_WAIT("CLOSE-WAIT"),
  FIN_WAIT_2("FIN-WAIT-2");

  private final String rfcName;

  TcpState(String rfcName) {
    this.rfcName = rfcName;
  }

  /** As RFC 9293 writes it: {@code CLOSE-WAIT}. */
  public String rfcName() {
    return rfcName;
  }
}
