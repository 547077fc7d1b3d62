package dev.tcpconform.core.target;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.target.linux.LinuxAgentMain;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The Linux agent as a real subprocess, driven against plain JDK sockets on loopback. */
public class LinuxAgentTest {

  private static final Duration T = Duration.ofSeconds(2);
  private Agent agent;

  @BeforeMethod
  public void launch() {
    agent = Agent.launch("test", List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LinuxAgentMain.class.getName()),
        Duration.ofSeconds(10));
  }

  @AfterMethod(alwaysRun = true)
  public void close() {
    agent.close();
  }

  @Test
  public void should_accept_and_move_bytes_both_ways() throws Exception {
    // GIVEN
    String l = agent.listen(47001);
    try (Socket peer = new Socket()) {
      peer.connect(new InetSocketAddress("127.0.0.1", 47001));
      // WHEN
      String c = agent.accept(l, T);
      peer.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
      byte[] got = agent.recv(c, 100, T);
      agent.send(c, "world".getBytes(StandardCharsets.US_ASCII));
      byte[] back = peer.getInputStream().readNBytes(5);
      // THEN
      then(new String(got, StandardCharsets.US_ASCII)).isEqualTo("hello");
      then(new String(back, StandardCharsets.US_ASCII)).isEqualTo("world");
      peer.close();
      then(agent.tryRecv(c, 10, T).isError("eof")).isTrue();
    }
  }

  @Test
  public void should_take_default_options_for_later_connections_and_refuse_unknown_ones_at_once()
      throws Exception {
    // GIVEN a default option for later connections, and a bad one
    AgentReply set = agent.request("setopt * nodelay 1", T);
    AgentReply bad = agent.request("setopt * nosuchoption 1", T);
    String l = agent.listen(47003);
    try (Socket peer = new Socket()) {
      peer.connect(new InetSocketAddress("127.0.0.1", 47003));
      // WHEN a connection is accepted
      String c = agent.accept(l, T);
      // THEN the default was taken and the connection works; the bad default was refused at once
      // (that the option reaches the socket shows in the SHLD-27 fault demonstration)
      then(set.isOk()).isTrue();
      then(bad.isError("usage")).as("%s", bad).isTrue();
      then(agent.request("status " + c, T).isOk()).isTrue();
    }
  }

  @Test
  public void should_report_refused_for_a_closed_port() {
    // WHEN
    AgentReply started = agent.tryConnect("127.0.0.1", 47009);
    AgentReply outcome = agent.awaitConnect(started.field(0), T);
    // THEN
    then(outcome.isError("refused")).as(outcome.toString()).isTrue();
  }

  @Test
  public void should_report_reset_and_send_one_on_abort() throws Exception {
    try (ServerSocket server = new ServerSocket(47002)) {
      // GIVEN a connection from the agent
      String c = agent.tryConnect("127.0.0.1", 47002).field(0);
      try (Socket accepted = server.accept()) {
        then(agent.awaitConnect(c, T).fields().get(0)).isEqualTo("connected");
        // WHEN the agent aborts
        agent.abort(c);
        // THEN the peer sees a reset
        InputStream in = accepted.getInputStream();
        then(catchThrowable(in::read)).hasMessageContaining("reset");
      }
      // AND the other way round: the peer aborts, the agent reads "reset"
      String c2 = agent.tryConnect("127.0.0.1", 47002).field(0);
      try (Socket accepted = server.accept()) {
        agent.awaitConnect(c2, T);
        accepted.setSoLinger(true, 0);
        accepted.close();
        then(agent.tryRecv(c2, 10, T).isError("reset")).isTrue();
      }
    }
  }

  @Test
  public void should_answer_bad_requests_without_dying() {
    then(agent.request("frobnicate", T).isError("usage")).isTrue();
    then(agent.request("recv c99 10 10", T).isError("usage")).isTrue();
    then(agent.request("listen notaport", T).toString()).contains("not a number");
    then(agent.request("closeall", T).isOk()).isTrue();
  }

  @Test
  public void should_fail_to_launch_in_one_line_with_what_it_awaited() {
    Throwable t = catchThrowable(() -> Agent.launch("broken",
        List.of("sh", "-c", "echo 'no such stack' >&2; exit 3"), Duration.ofSeconds(5)));
    then(t).isInstanceOf(TargetLaunchException.class)
        .hasMessageContaining("agent broken did not come up")
        .hasMessageContaining("no such stack");
    then(t.getMessage()).doesNotContain("\n");
  }

  @Test
  public void should_leave_no_process_after_close() throws Exception {
    long pid = agent.pid();
    agent.close();
    then(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
