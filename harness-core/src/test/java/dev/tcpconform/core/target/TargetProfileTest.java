package dev.tcpconform.core.target;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import java.util.List;
import org.testng.annotations.Test;

/** Target profiles: the shipped ones load, bad ones are refused in one line that says why. */
public class TargetProfileTest {

  @Test
  public void should_load_every_shipped_profile() {
    for (String name : TargetProfile.known()) {
      TargetProfile p = TargetProfile.load(name);
      then(p.name()).isEqualTo(name);
      then(p.attach()).isIn("netns", "tap", "proxy", "external");
      then(p.description()).isNotBlank();
    }
    then(TargetProfile.load("lwip-tap").lacks()).contains("simultaneous-open");
  }

  @Test
  public void should_name_the_known_targets_when_a_profile_does_not_exist() {
    Throwable t = catchThrowable(() -> TargetProfile.load("no-such-stack"));
    then(t).isInstanceOf(HarnessException.class)
        .hasMessage("no target profile 'no-such-stack': known targets are "
            + String.join(", ", TargetProfile.known()));
  }

  @Test
  public void should_refuse_a_name_that_is_not_a_profile_name() {
    Throwable t = catchThrowable(() -> TargetProfile.load("../etc/passwd"));
    then(t).hasMessageStartingWith("bad target name '../etc/passwd'");
  }

  @Test
  public void should_read_the_ip_versions_and_refuse_any_other() {
    then(TargetProfile.parse("x", "attach = netns\n").ipVersions()).containsExactly(4);
    then(TargetProfile.parse("x", "attach = netns\nip = 4 6\n").ipVersions())
        .containsExactly(4, 6);
    Throwable t = catchThrowable(() -> TargetProfile.parse("x", "attach = netns\nip = 4 5\n"));
    then(t).hasMessage("target profile 'x': ip lists the IP versions the target comes up with,"
        + " 4 and/or 6 (got '4 5')");
  }

  @Test
  public void should_refuse_a_profile_without_a_known_attachment() {
    Throwable t = catchThrowable(() -> TargetProfile.parse("x", "attach = serial\n"));
    then(t).hasMessage("target profile 'x': attach must be netns, tap, proxy or external"
        + " (got 'serial')");
  }

  @Test
  public void should_refuse_a_tap_profile_without_an_agent() {
    Throwable t = catchThrowable(() -> TargetProfile.parse("x", "attach = tap\n"));
    then(t).hasMessage("target profile 'x': a tap target needs an agent command");
  }

  @Test
  public void should_refuse_a_proxy_profile_without_a_stack() {
    Throwable t = catchThrowable(() -> TargetProfile.parse("x", "attach = proxy\n"));
    then(t).hasMessage("target profile 'x': a proxy target needs a stack command");
  }

  @Test
  public void should_fill_in_the_lane_in_the_stack_command() {
    TargetProfile p = TargetProfile.parse("x",
        "attach = proxy\nstack = slirp --cidr {network}/{prefix} -a {api} {netns} {tap}\n");
    then(p.stackCommand("/proc/1/ns/net", "tap0", "198.18.3.0", 24, "/run/x.api"))
        .containsExactly("slirp", "--cidr", "198.18.3.0/24", "-a", "/run/x.api", "/proc/1/ns/net",
            "tap0");
  }

  @Test
  public void should_say_what_is_missing_and_how_to_install_it() {
    TargetProfile p = TargetProfile.parse("x", "attach = tap\nagent = /bin/true\n"
        + "requires = /nonexistent/header.h\ninstall = apt-get install -y something\n");
    Throwable t = catchThrowable(p::checkAvailable);
    then(t).isInstanceOf(TargetUnavailableException.class)
        .hasMessage("target x is not available: /nonexistent/header.h is missing; run"
            + " 'apt-get install -y something'");
  }

  @Test
  public void should_fill_in_the_lane_in_the_agent_command() {
    TargetProfile p = TargetProfile.parse("x",
        "attach = tap\nagent = {agents}/a {tap} {address} {prefix} {mac}\n");
    List<String> c = p.agentCommand("tap0", "198.18.3.2", 24, "02:74:63:01:03:02");
    then(c.get(0)).endsWith("/a").doesNotContain("{agents}");
    then(c.subList(1, 5)).containsExactly("tap0", "198.18.3.2", "24", "02:74:63:01:03:02");
  }

  @Test
  public void should_tell_an_unsupported_operation_from_other_errors() {
    then(new AgentReply("err usage not supported by lwip (rcvbuf)").isUnsupported()).isTrue();
    then(new AgentReply("err usage setopt <id> <option> <value>").isUnsupported()).isFalse();
    then(new AgentReply("err reset not supported").isUnsupported()).isFalse();
    then(new AgentReply("ok").isUnsupported()).isFalse();
  }
}
