package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.SegmentPattern.withFlags;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.syn;
import static dev.tcpconform.crafter.TcpFlag.ACK;
import static dev.tcpconform.crafter.TcpFlag.SYN;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.crafter.option.TcpOptions.sackPermitted;
import static dev.tcpconform.crafter.option.TcpOptions.timestamps;
import static dev.tcpconform.crafter.option.TcpOptions.wscale;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import org.testng.annotations.Test;

/**
 * The MSS rules whose numbers IPv6 changes (RFC 9293 3.7.1, RFC 6691 2): the fixed IPv6 header
 * is 40 octets, so a 1500-octet link carries an MSS of 1500 - 40 - 20 = 1440, and a sender that
 * saw no MSS option assumes 1220 (the IPv6 minimum MTU, 1280, less 60) instead of IPv4's 536.
 * Skipped over IPv4, where {@link MssTest} and {@link AdvertisedMssTest} state the IPv4 numbers.
 */
public class Ipv6MssTest extends ConformanceTest {

  /** RFC 9293 3.7.1 (MUST-15): the send MSS when the SYN carried no MSS option, over IPv6. */
  static final int DEFAULT_IPV6_MSS = 1280 - 40 - 20;

  /** The lanes' links: 1500 octets. */
  private static final int LINK_MTU = 1500;

  @Requirement(id = "6691/mss-value", section = "2", level = SHOULD)
  @Requirement(id = "9293/MUST-67", section = "3.7.1", level = MUST)
  @Test(description = "Over IPv6 the advertised MSS leaves room for the 40-octet IPv6 header: a"
      + " SYN offering MSS 1460, SACK, timestamps and window scaling draws a SYN,ACK with an MSS"
      + " of at most the link MTU less 60 (1440 on a 1500-octet link)")
  public void syn_ack_over_ipv6_advertises_at_most_the_mtu_less_60() {
    requireIpVersion(IpVersion.V6, "the IPv6 MSS bound");
    // GIVEN a listening port
    agent().listen(8197);
    TcpPeer peer = lane.peerTo(8197);

    // WHEN a SYN offers more than the link carries over IPv6, and every option a SYN,ACK answers
    Segment syn = peer.send(syn().option(mss(1460)).option(sackPermitted())
        .option(timestamps(1, 0)).option(nop()).option(wscale(7)));

    // THEN the SYN,ACK's MSS is at most MTU - 40 (IPv6 header) - 20 (TCP header)
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    then(synAck).matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)).withOption(Mss.class));
    then(synAck.segment().option(Mss.class).get().value())
        .as("MSS of %s over IPv6 on a %d-octet link", synAck.segment(), LINK_MTU)
        .isBetween(1, IpVersion.V6.mssFor(LINK_MTU));
  }

  @Requirement(id = "9293/MUST-15", section = "3.7.1", level = MUST)
  @Test(description = "Over IPv6, without an MSS option in the SYN the send MSS is 1220: no data"
      + " segment carries more than 1220 octets")
  public void without_an_mss_option_the_send_mss_over_ipv6_is_1220() {
    requireIpVersion(IpVersion.V6, "the IPv6 default MSS of 1220");
    // GIVEN a connection whose SYN has four NOPs where an MSS could be, and no MSS
    Established c = Handshake.to(lane, agent(), 8106).offering(nop(), nop(), nop(), nop())
        .complete();

    // WHEN the application writes 10 KB at once
    Flight f = MssTest.receiveAppData(c);

    // THEN no data segment carries more than 1220 octets of payload and options
    MssTest.thenAtMost(f, DEFAULT_IPV6_MSS);
  }
}
