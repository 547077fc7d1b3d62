package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for CLOSED: every segment class it answers, checked. */
public class ClosedTest extends StateMachineTest {

  public ClosedTest() {
    super(TcpState.CLOSED);
  }
}
