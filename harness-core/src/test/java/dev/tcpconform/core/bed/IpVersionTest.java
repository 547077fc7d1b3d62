package dev.tcpconform.core.bed;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.target.TargetProfile;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import org.testng.annotations.Test;

/** The IP version as a run dimension: parsing, a lane's addresses of each version, the MSS. */
public class IpVersionTest {

  @Test
  public void should_reject_a_bad_ip_version_in_one_line() {
    // WHEN
    Throwable t = catchThrowable(() -> IpVersion.parse("5"));
    // THEN
    then(t).isInstanceOf(HarnessException.class)
        .hasMessage("bad -Dtcpconform.ip=5: the IP version is 4 or 6 (e.g. -Dtcpconform.ip=6"
            + " runs every test over IPv6)");
    then(IpVersion.parse(" 6")).isEqualTo(IpVersion.V6);
    then(IpVersion.parse("4")).isEqualTo(IpVersion.V4);
  }

  @Test
  public void should_plan_both_versions_and_use_the_lanes_own() {
    // GIVEN
    RunId run = RunId.fresh();
    // WHEN lane 26 is planned over IPv6, and over IPv4
    LanePlan v6 = LanePlan.of(run, 26, IpVersion.V6);
    LanePlan v4 = LanePlan.of(run, 26);
    // THEN its /64 is 2001:2:0:1a::/64 and its /24 198.18.26.0/24, whichever it uses
    then(v6.peerIp()).isEqualTo(Ipv6Address.parse("2001:2:0:1a::1"));
    then(v6.targetIp()).isEqualTo(Ipv6Address.parse("2001:2:0:1a::2"));
    then(v6.targetAddress()).isEqualTo(Ipv4Address.parse("198.18.26.2"));
    then(v4.peerIp()).isEqualTo(Ipv4Address.parse("198.18.26.1"));
    then(v4.targetAddress6()).isEqualTo(v6.targetAddress6());
    then(v4.ipVersion()).isEqualTo(IpVersion.V4);
  }

  @Test
  public void should_give_the_mss_of_each_version() {
    then(IpVersion.V4.mssFor(1500)).isEqualTo(1460);
    then(IpVersion.V6.mssFor(1500)).isEqualTo(1440);
    then(IpVersion.V4.defaultMss()).isEqualTo(536);
    then(IpVersion.V6.defaultMss()).isEqualTo(1220);
  }

  @Test
  public void should_read_the_versions_a_profile_comes_up_with() {
    then(TargetProfile.load("linux-netns").offersIp(6)).isTrue();
    then(TargetProfile.load("lwip-tap").offersIp(6)).isTrue();
    then(TargetProfile.load("gvisor-tap").offersIp(6)).isTrue();
    then(TargetProfile.load("slirp-proxy").offersIp(6)).isFalse();
    then(TargetProfile.load("slirp-proxy").offersIp(4)).isTrue();
  }
}
