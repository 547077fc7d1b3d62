package dev.tcpconform.suites.options;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.crafter.option.TcpOptions.eol;
import static dev.tcpconform.crafter.option.TcpOptions.mss;
import static dev.tcpconform.crafter.option.TcpOptions.nop;
import static dev.tcpconform.suites.support.Level.MUST;

import dev.tcpconform.core.bed.IpVersion;
import dev.tcpconform.crafter.option.Mss;
import dev.tcpconform.crafter.option.TcpOption;
import dev.tcpconform.crafter.option.Timestamps;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import io.qameta.allure.Allure;
import java.time.Duration;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.7.1 and RFC 6691 2: the send MSS. The peer's SYN names an MSS (or none); the
 * application writes 10 KB at once; no data segment of the target may carry more than the send
 * MSS, counted as RFC 6691 counts it: TCP payload plus the TCP option bytes of that segment.
 */
public class MssTest extends ConformanceTest {

  /** What the application writes: several flights whatever the MSS. */
  static final int BYTES = 10 * 1024;

  /** RFC 9293 3.7.1 (MUST-15): the send MSS when the SYN carried no MSS option (IPv4). */
  static final int DEFAULT_IPV4_MSS = 536;

  @Requirement(id = "9293/MUST-4", section = "3.1", level = MUST)
  @Test(description = "EOL, NOP and MSS are always understood: after a SYN with"
      + " <nop,nop,mss 1000,eol> no data segment carries more than 1000 octets")
  public void nop_mss_and_eol_are_understood_and_the_mss_honoured() {
    thenNoSegmentAbove(8100, 1000, nop(), nop(), mss(1000), eol());
  }

  @Requirement(id = "9293/MUST-14", section = "3.7.1", level = MUST)
  @Test(description = "The stack sends and honours the MSS option: its SYN,ACK carries an MSS,"
      + " and after the peer's MSS 600 no data segment carries more than 600 octets")
  public void peer_mss_bounds_every_data_segment() {
    Established c = thenNoSegmentAbove(8101, 600, mss(600));
    then(c.synAck().segment().option(Mss.class))
        .as("MSS option of the SYN,ACK %s", c.synAck().segment()).isPresent();
  }

  @Requirement(id = "9293/MUST-15", section = "3.7.1", level = MUST)
  @Test(description = "Without an MSS option in the SYN the send MSS is 536 (IPv4): no data"
      + " segment carries more than 536 octets")
  public void without_an_mss_option_the_send_mss_is_536() {
    requireIpVersion(IpVersion.V4, "the default MSS of 536"); // IPv6's: Ipv6MssTest
    // four NOPs stand where an MSS could be: the SYN carries no MSS
    thenNoSegmentAbove(8102, DEFAULT_IPV4_MSS, nop(), nop(), nop(), nop());
  }

  @Requirement(id = "9293/MUST-16", section = "3.7.1", level = MUST)
  @Test(description = "The send MSS is the smaller of the peer's MSS and what IP can send: after"
      + " MSS 9000 on a 1500-byte link, payload plus options is at most 1460 octets (1440 over"
      + " IPv6)")
  public void mss_above_the_link_is_cut_to_what_the_link_carries() {
    thenNoSegmentAbove(8103, linkMss(), mss(9000));
  }

  @Requirement(id = "9293/MUST-16", section = "3.7.1", level = MUST)
  @Test(description = "The send MSS is the smaller of the peer's MSS and what IP can send: after"
      + " MSS 300, payload plus options is at most 300 octets")
  public void small_peer_mss_bounds_every_data_segment() {
    thenNoSegmentAbove(8104, 300, mss(300));
  }

  @Requirement(id = "6691/sender-trim", section = "2", level = MUST)
  @Test(description = "The sender shrinks its data to make room for the options it adds: with"
      + " timestamps agreed and MSS 1460, payload plus options is at most 1460 (1448 of data;"
      + " over IPv6 MSS 1440, 1428 of data)")
  public void data_shrinks_to_make_room_for_timestamps() {
    Established c = Handshake.to(lane, agent(), 8105).offering(mss(linkMss())).timestamps()
        .complete()
        .requireTimestamps("no options are added to its data, there is nothing to trim");
    Flight f = receiveAppData(c);
    then(f.largest().option(Timestamps.class))
        .as("timestamps on the data segment %s", f.largest()).isPresent();
    thenAtMost(f, linkMss());
  }

  /**
   * The peer opens with {@code synOptions}, the application writes {@link #BYTES}, and no data
   * segment may carry more than {@code mss} octets of payload and options.
   */
  private Established thenNoSegmentAbove(int port, int mss, TcpOption... synOptions) {
    // GIVEN a connection whose SYN offered synOptions
    Established c = Handshake.to(lane, agent(), port).offering(synOptions).complete();

    // WHEN the application writes 10 KB at once
    Flight f = receiveAppData(c);

    // THEN no data segment carries more than the send MSS (payload plus TCP options)
    thenAtMost(f, mss);
    return c;
  }

  static Flight receiveAppData(Established c) {
    c.appSends(new byte[BYTES]);
    return Flight.receive(c.peer(), BYTES, Duration.ofSeconds(5));
  }

  static void thenAtMost(Flight f, int mss) {
    Allure.addAttachment("data segments", "text/plain",
        "send MSS expected at most: " + mss + " (payload + TCP option bytes)\n"
            + "largest seen: " + f.largestPayloadWithOptions() + " in " + f.largest() + "\n\n"
            + f.ladder(), ".txt");
    then(f.largestPayloadWithOptions())
        .as("payload + option bytes of the largest data segment %s (send MSS %d)",
            f.largest(), mss)
        .isLessThanOrEqualTo(mss);
  }
}
