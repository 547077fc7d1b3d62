package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for LISTEN: every segment class it answers, checked. */
public class ListenTest extends StateMachineTest {

  public ListenTest() {
    super(TcpState.LISTEN);
  }
}
