package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for CLOSING: every segment class it answers, checked. */
public class ClosingTest extends StateMachineTest {

  public ClosingTest() {
    super(TcpState.CLOSING);
  }
}
