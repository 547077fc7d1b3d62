package dev.tcpconform.core.link;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.testng.annotations.Test;

public class ArpResolverTest {

  private static final MacAddress PEER_MAC = MacAddress.parse("02:74:63:00:ff:01");
  private static final MacAddress DEVICE_MAC = MacAddress.parse("02:00:00:00:07:02");
  private static final Ipv4Address PEER = Ipv4Address.parse("198.18.7.1");
  private static final Ipv4Address DEVICE = Ipv4Address.parse("198.18.7.2");

  /** A device on a link: answers the n-th request (0: none), after other ARP traffic. */
  private static final class Device implements RawLink {
    private final int answers;
    private final List<byte[]> sent = new ArrayList<>();
    private Consumer<Captured> sink;

    Device(int answers) {
      this.answers = answers;
    }

    @Override
    public void start(Consumer<Captured> sink) {
      this.sink = sink;
    }

    @Override
    public long send(byte[] frame) {
      sent.add(frame.clone());
      ArpMessage asked = ((Frame.Arp) FrameDecoder.decode(frame)).arp();
      // noise first: a reply from another address, and a request of the device's own
      deliver(new ArpMessage(ArpMessage.REPLY, MacAddress.parse("02:00:00:00:07:09"),
          Ipv4Address.parse("198.18.7.9"), PEER_MAC, PEER).encode(PEER_MAC, DEVICE_MAC));
      deliver(ArpMessage.request(DEVICE_MAC, DEVICE, Ipv4Address.parse("198.18.7.3"))
          .encode(MacAddress.BROADCAST, DEVICE_MAC));
      if (sent.size() == answers) {
        deliver(asked.replyFrom(DEVICE_MAC).encode(asked.senderMac(), DEVICE_MAC));
      }
      return Captured.nowNanos();
    }

    private void deliver(byte[] frame) {
      sink.accept(new Captured(FrameDecoder.decode(frame), Captured.nowNanos(),
          Captured.Direction.FROM_TARGET));
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public void close() {}
  }

  @Test
  public void should_take_the_sender_mac_of_the_reply_from_the_address_asked_for() {
    // GIVEN a device that answers the second request
    Device device = new Device(2);
    // WHEN its MAC is asked for
    Optional<MacAddress> mac =
        ArpResolver.resolve(device, PEER, PEER_MAC, DEVICE, 3, Duration.ofMillis(600));
    // THEN the reply's sender MAC, after two broadcast requests who-has DEVICE tell PEER
    then(mac).contains(DEVICE_MAC);
    then(device.sent).hasSize(2);
    ArpMessage request = ((Frame.Arp) FrameDecoder.decode(device.sent.get(0))).arp();
    then(request).isEqualTo(ArpMessage.request(PEER_MAC, PEER, DEVICE));
    then(MacAddress.of(device.sent.get(0), 0)).isEqualTo(MacAddress.BROADCAST);
    then(MacAddress.of(device.sent.get(0), 6)).isEqualTo(PEER_MAC);
  }

  @Test
  public void should_be_empty_when_the_address_never_answers() {
    // GIVEN a link where only others speak
    Device silent = new Device(0);
    // WHEN
    long start = System.nanoTime();
    Optional<MacAddress> mac =
        ArpResolver.resolve(silent, PEER, PEER_MAC, DEVICE, 3, Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // THEN a fact: nothing, after every request was sent and the whole wait passed
    then(mac).isEmpty();
    then(silent.sent).hasSize(3);
    then(took).isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  public void should_refuse_to_ask_outside_the_benchmarking_range() {
    // GIVEN
    Device device = new Device(1);
    // WHEN an address outside 198.18.0.0/15 is asked for
    Throwable t = catchThrowable(() -> ArpResolver.resolve(device, PEER, PEER_MAC,
        Ipv4Address.parse("192.168.1.20"), 3, Duration.ofMillis(300)));
    // THEN it is refused in one line and nothing was sent
    then(t).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("refusing to use 192.168.1.20 as an ARP target address");
    then(device.sent).isEmpty();
  }
}
