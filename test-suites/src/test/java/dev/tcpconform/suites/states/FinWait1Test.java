package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for FIN-WAIT-1: every segment class it answers, checked. */
public class FinWait1Test extends StateMachineTest {

  public FinWait1Test() {
    super(TcpState.FIN_WAIT_1);
  }
}
