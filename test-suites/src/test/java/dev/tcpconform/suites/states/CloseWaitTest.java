package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for CLOSE-WAIT: every segment class it answers, checked. */
public class CloseWaitTest extends StateMachineTest {

  public CloseWaitTest() {
    super(TcpState.CLOSE_WAIT);
  }
}
