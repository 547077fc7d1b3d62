package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for LAST-ACK: every segment class it answers, checked. */
public class LastAckTest extends StateMachineTest {

  public LastAckTest() {
    super(TcpState.LAST_ACK);
  }
}
