package dev.tcpconform.suites.states;

/** The {@link Oracle}'s row for SYN-RECEIVED (simultaneous open): every segment class it answers, checked. */
public class SimultaneousSynReceivedTest extends StateMachineTest {

  public SimultaneousSynReceivedTest() {
    super(TcpState.SYN_RECEIVED_ACTIVE);
  }
}
