package dev.tcpconform.core.link;

import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Icmpv6Message;
import dev.tcpconform.crafter.Icmpv6Packet;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.codec.FrameDecoder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The IPv6 counterpart of {@link ArpResponder}: answers Neighbor Solicitations for the addresses
 * the harness emulates (RFC 4861 section 7.2.4) with a Neighbor Advertisement, Solicited and
 * Override set, the emulated MAC in the target link-layer address option, since the interface the
 * harness uses has IPv6 off and the host kernel stays silent. Runs on the capture thread.
 *
 * <p>Only a solicitation the crafter decoded without fault is answered (checksum right, hop
 * limit 255, RFC 4861 section 7.1's other rules), and never one from the unspecified address:
 * that is duplicate address detection, and the harness does not defend its addresses (the
 * target's own DAD is off and its address is not the peer's). Every other ICMPv6 message (router
 * solicitations, MLD reports, solicitations for other addresses) is left alone here; {@link
 * FlowDemux} keeps them out of every flow.
 */
public final class NdResponder implements Consumer<Captured> {

  private final RawLink link;
  private final Consumer<Captured> recorder;
  private final Map<Ipv6Address, MacAddress> emulated = new ConcurrentHashMap<>();
  private final AtomicLong answered = new AtomicLong();

  public NdResponder(RawLink link, Consumer<Captured> recorder) {
    this.link = link;
    this.recorder = recorder;
  }

  public void emulate(Ipv6Address address, MacAddress mac) {
    emulated.put(address, mac);
  }

  public long answered() {
    return answered.get();
  }

  @Override
  public void accept(Captured c) {
    if (!(c.frame() instanceof Frame.Icmpv6 i) || !i.checksumOk()
        || !i.malformations().isEmpty()) {
      return;
    }
    Icmpv6Packet p = i.packet();
    if (!(p.message() instanceof Icmpv6Message.NeighborSolicitation ns)
        || p.src().equals(Ipv6Address.UNSPECIFIED)) {
      return;
    }
    MacAddress mine = emulated.get(ns.target());
    if (mine == null) {
      return;
    }
    byte[] reply = p.advertisementFrom(mine).encode();
    Frame frame = FrameDecoder.decode(reply);
    SafeRange.require(frame);
    long sent = link.send(reply);
    answered.incrementAndGet();
    recorder.accept(new Captured(frame, sent, Captured.Direction.TO_TARGET));
  }
}
