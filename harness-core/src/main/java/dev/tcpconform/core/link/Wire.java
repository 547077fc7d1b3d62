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
import dev.tcpconform.crafter.codec.SentFrame;
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

  /**
   * Encodes, injects and records one segment; returns it as it went on the wire, with its time.
   * What it returns is what decoding the bytes sent would give, made by {@link SentFrame} after
   * the frame has left (without decoding, unless the segment is a fault that needs it).
   */
  public Captured inject(Segment segment) {
    byte[] raw = FrameEncoder.encode(segment);
    long sent = send(raw);
    return record(SentFrame.of(segment, raw), sent);
  }

  /**
   * Injects a raw frame as is (for frames the crafter cannot express), and records it. The frame
   * is decoded for the record once it has left, so the decoding does not delay the stimulus.
   */
  public Captured injectRaw(byte[] raw) {
    long sent = send(raw);
    return record(FrameDecoder.decode(raw), sent);
  }

  /** The range check reads the bytes about to be sent, whatever built them. */
  private long send(byte[] raw) {
    SafeRange.require(raw);
    return link.send(raw);
  }

  private Captured record(Frame frame, long sent) {
    Captured c = new Captured(frame, sent, Captured.Direction.TO_TARGET);
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
