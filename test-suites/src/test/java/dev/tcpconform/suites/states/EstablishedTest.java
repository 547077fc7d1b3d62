package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for ESTABLISHED: every segment class it answers, checked. */
public class EstablishedTest extends StateMachineTest {

  public EstablishedTest() {
    super(TcpState.ESTABLISHED);
  }
}
