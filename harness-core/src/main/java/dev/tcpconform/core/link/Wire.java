package dev.tcpconform.core.link;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.expect.Evidence;
import dev.tcpconform.crafter.Frame;
import dev.tcpconform.crafter.IpAddress;
import dev.tcpconform.crafter.Ipv4Address;
import dev.tcpconform.crafter.Ipv6Address;
import dev.tcpconform.crafter.MacAddress;
import dev.tcpconform.crafter.Segment;
import dev.tcpconform.crafter.SeqNum;
import dev.tcpconform.crafter.codec.FrameDecoder;
import dev.tcpconform.crafter.codec.FrameEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lane's wire: injects segments, routes captured frames to their flows, answers ARP and IPv6
 * Neighbor Solicitations for the emulated addresses and records every frame of the current test
 * (the pcap and the ladder).
 */
public final class Wire implements Evidence, AutoCloseable {

  private final RawLink link;
  private final FlowDemux demux = new FlowDemux();
  private final PcapRecorder recorder = new PcapRecorder();
  private final ArpResponder arp;
  private final NdResponder nd;
  private final Map<FlowKey, SeqNum> targetIsns = new ConcurrentHashMap<>();
  private volatile String rule = "";
  private volatile String captureName = "capture.pcap";
  private volatile long droppedAtStart;

  public Wire(RawLink link) {
    this.link = link;
    this.arp = new ArpResponder(link, recorder);
    demux.observe(recorder);
    demux.observe(arp);
    this.nd = new NdResponder(link, recorder);
    demux.observe(nd);
  }

  /** Starts capturing; call once, before any stimulus. */
  public Wire start() {
    link.start(demux);
    return this;
  }

  /** Answers ARP for {@code address} with {@code mac}. */
  public void emulate(Ipv4Address address, MacAddress mac) {
    SafeRange.require(address, "an emulated peer address");
    arp.emulate(address, mac);
  }

  /** Answers Neighbor Solicitations for {@code address} with {@code mac}. */
  public void emulate(Ipv6Address address, MacAddress mac) {
    SafeRange.require(address, "an emulated peer address");
    nd.emulate(address, mac);
  }

  /** Encodes, injects and records one segment; returns it as it went on the wire, with its time. */
  public Captured inject(Segment segment) {
    return injectRaw(FrameEncoder.encode(segment));
  }

  /**
   * Injects a raw frame as is (for frames the crafter cannot express), and records it. The range
   * check reads the bytes to be sent; the frame is decoded for the record once it has left, so
   * the decoding does not delay the stimulus.
   */
  public Captured injectRaw(byte[] raw) {
    SafeRange.require(raw);
    long sent = link.send(raw);
    Captured c = new Captured(FrameDecoder.decode(raw), sent, Captured.Direction.TO_TARGET);
    recorder.accept(c);
    return c;
  }

  public Flow openFlow(FlowKey key) {
    return demux.open(key);
  }

  public Flow openListener(IpAddress local, int localPort) {
    return demux.openListener(local, localPort);
  }

  public void closeListener(IpAddress local, int localPort) {
    demux.closeListener(local, localPort);
  }

  public void closeFlow(FlowKey key) {
    demux.close(key);
    targetIsns.remove(key);
  }

  public void targetIsn(FlowKey flow, SeqNum isn) {
    targetIsns.put(flow, isn);
  }

  /** Starts the evidence of a new test: forgets the previous frames, names the rule and capture. */
  public void beginTest(String rule, String captureName) {
    recorder.clear();
    droppedAtStart = link.dropped();
    this.rule = rule == null ? "" : rule;
    this.captureName = captureName;
  }

  public void writeCapture(Path file) {
    recorder.write(file);
  }

  /**
   * Throws {@link HarnessException} when the wire cannot vouch for what it did not see: capture
   * stopped or failed, or the kernel dropped frames during this test. Called before a silence is
   * turned into a verdict.
   */
  public void vouchForSilence() {
    String failure = link.failure();
    if (failure != null) {
      throw new HarnessException(failure + " (the verdict cannot rest on frames not seen)");
    }
    long dropped = link.dropped();
    if (droppedAtStart >= 0 && dropped > droppedAtStart) {
      throw new HarnessException("the capture dropped " + (dropped - droppedAtStart)
          + " frame(s) during this test: a silence cannot be trusted");
    }
  }

  public long arpAnswered() {
    return arp.answered();
  }

  /** Neighbor Solicitations answered so far. */
  public long ndAnswered() {
    return nd.answered();
  }

  public long dropped() {
    return link.dropped();
  }

  @Override
  public String rule() {
    return rule;
  }

  @Override
  public List<Captured> frames() {
    return recorder.frames();
  }

  @Override
  public SeqNum targetIsn(FlowKey flow) {
    return targetIsns.get(flow);
  }

  @Override
  public String captureName() {
    return captureName;
  }

  @Override
  public List<Captured> ignoredSince(long epochNanos) {
    return demux.straysSince(epochNanos);
  }

  /** Frames of the current test that the target sent, of any kind. */
  public List<Captured> fromTarget() {
    return recorder.frames().stream()
        .filter(c -> c.direction() == Captured.Direction.FROM_TARGET)
        .filter(c -> c.frame() instanceof Frame.Tcp)
        .toList();
  }

  @Override
  public void close() {
    link.close();
  }
}
