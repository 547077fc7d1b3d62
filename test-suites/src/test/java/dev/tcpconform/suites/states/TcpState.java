package dev.tcpconform.suites.states;

/** The target's connection states (RFC 9293 section 3.3.2) that the oracle covers so far. */
public enum TcpState {
  /** No connection and no listener on the port. */
  CLOSED("CLOSED", false),
  LISTEN("LISTEN", false),
  ESTABLISHED("ESTABLISHED", true),
  CLOSE_WAIT("CLOSE-WAIT", true),
  FIN_WAIT_2("FIN-WAIT-2", true),
  TIME_WAIT("TIME-WAIT", true);

  private final String rfcName;
  private final boolean synchronizedState;

  TcpState(String rfcName, boolean synchronizedState) {
    this.rfcName = rfcName;
    this.synchronizedState = synchronizedState;
  }

  /** A synchronized state (RFC 9293 3.5.2): both sequence numbers known. */
  public boolean isSynchronized() {
    return synchronizedState;
  }

  /** As RFC 9293 writes it: {@code CLOSE-WAIT}. */
  public String rfcName() {
    return rfcName;
  }
}
