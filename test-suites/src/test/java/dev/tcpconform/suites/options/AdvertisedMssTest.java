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
import static dev.tcpconform.suites.support.Level.MAY;
import static dev.tcpconform.suites.support.Level.MUST;
import static dev.tcpconform.suites.support.Level.SHOULD;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.suites.support.ActiveOpen;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.7.1 and RFC 6691 2: the MSS the target advertises on the lanes' 1500-octet links:
 * the MTU less the fixed IP and TCP headers (1460 over IPv4, 1440 over IPv6: {@link
 * #linkMss()}), options not subtracted: 40 octets less over IPv4, 60 over IPv6 (Ipv6MssTest
 * states the IPv6 bound on its own).
 */
public class AdvertisedMssTest extends ConformanceTest {

  @Requirement(id = "6691/mss-value", section = "2", level = SHOULD)
  @Requirement(id = "9293/MUST-67", section = "3.7.1", level = MUST)
  @Test(description = "The advertised MSS is the MTU less the fixed IP and TCP headers, options"
      + " not subtracted: a SYN offering SACK, timestamps and window scaling draws a SYN,ACK"
      + " with MSS 1460 (1500 - 20 - 20, within the 65535 reassembly limit; 1440 over IPv6)")
  public void syn_ack_advertises_the_mtu_less_the_fixed_headers_whatever_the_options() {
    // GIVEN a listening port
    agent().listen(8196);
    TcpPeer peer = lane.peerTo(8196);

    // WHEN a SYN offers SACK-permitted, timestamps and window scaling (all answered on the
    // SYN,ACK, none subtracted from its MSS)
    Segment syn = peer.send(syn().option(mss(1460)).option(sackPermitted())
        .option(timestamps(1, 0)).option(nop()).option(wscale(7)));

    // THEN the SYN,ACK's MSS is 1500 - 20 - 20 (1500 - 40 - 20 over IPv6)
    Arrival synAck = peer.nextSegment(within(PROMPTLY));
    then(synAck).matches(withFlags(SYN, ACK).ack(syn.seq().plus(1)).withOption(Mss.class));
    then(synAck.segment().option(Mss.class).get().value())
        .as("MSS of %s", synAck.segment()).isEqualTo(linkMss());
  }

  @Requirement(id = "9293/SHLD-5", section = "3.7.1", level = SHOULD)
  @Requirement(id = "9293/MAY-3", section = "3.7.1", level = MAY)
  @Requirement(id = "9293/MUST-67", section = "3.7.1", level = MUST)
  @Test(description = "A SYN carries an MSS option when the receive MSS differs from 536: the"
      + " SYN of the application's connect advertises MSS 1460, 1440 over IPv6 (presence recorded"
      + " for MAY-3)")
  public void active_open_syn_advertises_the_mtu_less_the_fixed_headers() {
    // GIVEN the application connects to the peer
    ActiveOpen open = ActiveOpen.inSynSent(lane, agent());
    Segment syn = open.syn();
    Allure.addAttachment("MSS on SYN segments", "text/plain",
        "the target's SYN " + syn + ": MSS option " + (syn.option(Mss.class).isPresent()
            ? "present" : "absent") + "\n", ".txt");

    // THEN it carries an MSS of 1500 - 20 - 20 (1500 - 40 - 20 over IPv6)
    then(syn.option(Mss.class)).as("MSS option of the target's SYN %s", syn).isPresent();
    then(syn.option(Mss.class).get().value()).as("MSS of %s", syn).isEqualTo(linkMss());
  }
}
