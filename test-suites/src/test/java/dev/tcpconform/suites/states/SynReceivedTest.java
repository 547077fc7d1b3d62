package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for SYN-RECEIVED (passive open): every segment class it answers, checked. */
public class SynReceivedTest extends StateMachineTest {

  public SynReceivedTest() {
    super(TcpState.SYN_RECEIVED);
  }
}
