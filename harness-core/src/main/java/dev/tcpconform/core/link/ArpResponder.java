package dev.tcpconform.core.link;

import dev.tcpconform.crafter.ArpMessage;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.MacAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Answers ARP requests for the addresses the harness emulates, since the interface the harness
 * uses has no address of its own and the host kernel stays silent. Runs on the capture thread.
 */
public final class ArpResponder implements Consumer<Captured> {

  private final RawLink link;
  private final PcapRecorder recorder;
  private final Map<Ipv4Address, MacAddress> emulated = new ConcurrentHashMap<>();
  private final AtomicLong answered = new AtomicLong();

  public ArpResponder(RawLink link, PcapRecorder recorder) {
    this.link = link;
    this.recorder = recorder;
  }

  public void emulate(Ipv4Address address, MacAddress mac) {
    emulated.put(address, mac);
  }

  public long answered() {
    return answered.get();
  }

  @Override
  public void accept(Captured c) {
    if (!(c.frame() instanceof Frame.Arp arp)) {
      return;
    }
    ArpMessage m = arp.arp();
    if (m.operation() != ArpMessage.REQUEST) {
      return;
    }
    MacAddress mine = emulated.get(m.targetIp());
    if (mine == null) {
      return;
    }
    byte[] reply = m.replyFrom(mine).encode(m.senderMac(), mine);
    long sent = link.send(reply);
    answered.incrementAndGet();
    recorder.record(reply, sent, Captured.Direction.TO_TARGET);
  }
}
