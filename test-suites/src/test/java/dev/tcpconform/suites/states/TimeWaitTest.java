package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for TIME-WAIT: every segment class it answers, checked. */
public class TimeWaitTest extends StateMachineTest {

  public TimeWaitTest() {
    super(TcpState.TIME_WAIT);
  }
}
