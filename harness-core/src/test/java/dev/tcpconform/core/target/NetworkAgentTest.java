package dev.tcpconform.core.target;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.target.linux.LinuxAgentMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * An agent reached over TCP: the Linux agent in {@code --serve} mode as a real subprocess on
 * loopback, driven by {@link Agent#connect}, and the ways a connection can go wrong, each one line.
 */
public class NetworkAgentTest {

  private static final Duration T = Duration.ofSeconds(2);
  private Process server;
  private int port;

  @BeforeClass
  public void serve() throws IOException {
    server = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LinuxAgentMain.class.getName(),
        "--serve", "127.0.0.1", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String serving = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    then(serving).as("the agent's first line").startsWith("serving 127.0.0.1 ");
    port = Integer.parseInt(serving.split(" ")[2]);
  }

  @AfterClass(alwaysRun = true)
  public void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  public void should_speak_the_protocol_on_the_connection_and_move_bytes_both_ways()
      throws Exception {
    // GIVEN an agent reached over TCP
    try (Agent agent = Agent.connect("net", "127.0.0.1", port, T)) {
      then(agent.banner()).startsWith("ready linux ");
      then(agent.toString()).isEqualTo("agent net at 127.0.0.1:" + port);
      String l = agent.listen(47011);
      try (Socket peer = new Socket()) {
        peer.connect(new InetSocketAddress("127.0.0.1", 47011));
        // WHEN
        String c = agent.accept(l, T);
        peer.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        byte[] got = agent.recv(c, 100, T);
        agent.send(c, "world".getBytes(StandardCharsets.US_ASCII));
        // THEN
        then(new String(got, StandardCharsets.US_ASCII)).isEqualTo("hello");
        then(new String(peer.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
            .isEqualTo("world");
        then(agent.transcript()).contains("> listen 47011", "< ok " + l);
        then(catchThrowable(agent::pid)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("reached over TCP");
      }
    }
  }

  @Test
  public void should_end_the_session_on_close_and_serve_the_next_harness_afresh() {
    // GIVEN a session that made a listener and a default option
    Agent first = Agent.connect("net", "127.0.0.1", port, T);
    then(first.listen(47012)).isEqualTo("l1");
    first.setopt("*", "nodelay", "1");
    // WHEN it is closed and another harness connects
    first.close();
    try (Agent second = Agent.connect("net", "127.0.0.1", port, T)) {
      // THEN the first is closed for good; the second session starts afresh: the port is free
      // again (the first session's listener was closed) and ids begin at l1
      then(catchThrowable(() -> first.listen(47013))).hasMessageContaining("is closed");
      then(second.listen(47012)).isEqualTo("l1");
    }
  }

  @Test
  public void should_say_in_one_line_when_the_connection_is_refused() throws IOException {
    // GIVEN a port where nothing listens
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    // WHEN
    Throwable t = catchThrowable(() -> Agent.connect("net", "127.0.0.1", closed, T));
    // THEN
    then(t).isInstanceOf(TargetLaunchException.class).hasMessage("cannot reach agent net at"
        + " 127.0.0.1:" + closed + ": connection refused (nothing listens there: start the agent"
        + " on the device, e.g. LinuxAgentMain --serve 127.0.0.1 " + closed + ", or name the"
        + " address it serves on)");
  }

  @Test
  public void should_say_in_one_line_when_what_answers_is_not_an_agent() throws Exception {
    // GIVEN a server that greets like something else, one that closes at once, one that is mute
    for (String greeting : List.of("SSH-2.0-OpenSSH_9.2\n", "", "mute")) {
      try (ServerSocket s = new ServerSocket(0)) {
        Thread answer = new Thread(() -> {
          try (Socket c = s.accept()) {
            OutputStream out = c.getOutputStream();
            if (greeting.equals("mute")) {
              c.getInputStream().read(); // until the harness gives up and closes
            } else {
              out.write(greeting.getBytes(StandardCharsets.US_ASCII));
              out.flush();
            }
          } catch (IOException ignored) {
            // the harness closed
          }
        });
        answer.start();
        // WHEN the harness connects
        Throwable t = catchThrowable(() -> Agent.connect("net", "127.0.0.1", s.getLocalPort(),
            Duration.ofMillis(500)));
        answer.join(5000);
        // THEN one line that says what came instead of the ready line, and where
        String why = greeting.isEmpty() ? "it closed the connection"
            : greeting.equals("mute") ? "no ready line within 500 ms"
            : "it printed 'SSH-2.0-OpenSSH_9.2' instead of a ready line";
        then(t).isInstanceOf(TargetLaunchException.class)
            .hasMessageStartingWith("agent net at 127.0.0.1:" + s.getLocalPort()
                + " did not come up: " + why + " (an agent serving over TCP says 'ready' first");
        then(t.getMessage()).doesNotContain("\n");
      }
    }
  }
}
