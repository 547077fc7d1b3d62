package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for FIN-WAIT-2: every segment class it answers, checked. */
public class FinWait2Test extends StateMachineTest {

  public FinWait2Test() {
    super(TcpState.FIN_WAIT_2);
  }
}
