package dev.tcpconform.suites.data;

import static dev.tcpconform.core.assertion.TcpAssertions.then;
import static dev.tcpconform.core.expect.Within.within;
import static dev.tcpconform.crafter.Segments.data;
import static dev.tcpconform.suites.support.Level.MUST_STAR;

import dev.tcpconform.core.expect.Arrival;
import dev.tcpconform.core.peer.TcpPeer;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.suites.support.ConformanceTest;
import dev.tcpconform.suites.support.Established;
import dev.tcpconform.suites.support.Handshake;
import dev.tcpconform.suites.support.Requirement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.testng.annotations.Test;

/**
 * RFC 9293 3.10.7.4: in-order data is delivered to the application exactly once and in order,
 * and acknowledged. The peer sends a megabyte in segments of random sizes (a fixed seed, so every
 * run sends the same), never more than the target's window, while the application reads.
 */
public class InOrderDeliveryTest extends ConformanceTest {

  private static final int LENGTH = 1 << 20;
  private static final long SEED = 9293;
  /** How long the target may leave the peer without an ACK while its window is full. */
  private static final Duration STALL = Duration.ofSeconds(2);
  /** How long the application reads: the transfer takes well under a second on a veth. */
  private static final Duration READ_TIME = Duration.ofSeconds(5);

  @Requirement(id = "9293/EP-TEXT-1", section = "3.10.7.4", level = MUST_STAR)
  @Test(description = "A megabyte sent in segments of random sizes (1 octet to a full MSS, 1460"
      + " over IPv4, 1440 over IPv6) is read by"
      + " the application exactly as sent, and the last ACK is ISS+1+1048576")
  public void megabyte_in_random_segment_sizes_is_delivered_exactly_once_and_in_order() {
    // GIVEN an established connection whose application reads everything that arrives
    Established c = Handshake.to(lane, agent(), 8740).complete();
    TcpPeer peer = c.peer();
    Random random = new Random(SEED);
    byte[] stream = new byte[LENGTH];
    random.nextBytes(stream);
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(() -> c.appReads(LENGTH, READ_TIME));

    // WHEN the peer sends the stream in segments of random sizes, inside the target's window
    SeqNum base = peer.sndNxt();
    int sent = 0;
    long acked = 0;
    int window = c.synAck().segment().window();
    while (acked < LENGTH) {
      int size = 1 + random.nextInt(linkMss());
      while (sent < LENGTH && (sent - acked) + Math.min(size, LENGTH - sent) <= window) {
        int n = Math.min(size, LENGTH - sent);
        peer.send(data(Arrays.copyOfRange(stream, sent, sent + n)));
        sent += n;
        size = 1 + random.nextInt(linkMss());
      }
      Arrival ack = peer.nextSegment(within(STALL));
      then(ack).as("an ACK while %d of %d octets are acknowledged", acked, LENGTH).isPresent();
      acked = base.distanceTo(ack.segment().ack());
      window = ack.segment().window();
    }

    // THEN the last ACK covers the whole stream
    then(peer.sndUna()).as("SND.UNA after the transfer").isEqualTo(base.plus(LENGTH));
    // AND the application read exactly the stream
    byte[] got = read.join();
    then(got.length).as("octets the application read").isEqualTo(LENGTH);
    then(Arrays.mismatch(got, stream)).as("first octet the application read wrong").isEqualTo(-1);
  }
}
