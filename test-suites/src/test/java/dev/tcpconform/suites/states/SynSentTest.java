package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for SYN-SENT: every segment class it answers, checked. */
public class SynSentTest extends StateMachineTest {

  public SynSentTest() {
    super(TcpState.SYN_SENT);
  }
}
