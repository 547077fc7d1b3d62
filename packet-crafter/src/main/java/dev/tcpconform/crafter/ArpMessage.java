package dev.tcpconform.crafter;

/** An ARP message for IPv4 over Ethernet (RFC 826). */
public record ArpMessage(
    int operation,
    MacAddress senderMac,
    Ipv4Address senderIp,
    MacAddress targetMac,
    Ipv4Address targetIp) {

  public static final int REQUEST = 1;
  public static final int REPLY = 2;

  public static ArpMessage request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
    return new ArpMessage(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
  }

  /** The reply to this request, from the owner of {@code targetIp} at {@code myMac}. */
  public ArpMessage replyFrom(MacAddress myMac) {
    return new ArpMessage(REPLY, myMac, targetIp, senderMac, senderIp);
  }

  /** Ethernet header plus the ARP message, padded to the 60-byte minimum frame. */
  public byte[] encode(MacAddress ethDst, MacAddress ethSrc) {
    byte[] f = new byte[60];
    ethDst.writeTo(f, 0); // destination
    ethSrc.writeTo(f, 6); // source
    f[12] = 0x08; // EtherType ARP
    f[13] = 0x06;
    f[14] = 0x00; // hardware type: Ethernet
    f[15] = 0x01;
    f[16] = 0x08; // protocol type: IPv4
    f[17] = 0x00;
    f[18] = 6; // hardware address length
    f[19] = 4; // protocol address length
    f[20] = (byte) (operation >>> 8); // operation
    f[21] = (byte) operation;
    senderMac.writeTo(f, 22); // sender hardware address
    System.arraycopy(senderIp.bytes(), 0, f, 28, 4); // sender protocol address
    targetMac.writeTo(f, 32); // target hardware address
    System.arraycopy(targetIp.bytes(), 0, f, 38, 4); // target protocol address
    return f;
  }

  @Override
  public String toString() {
    if (operation == REQUEST) {
      return "arp who-has " + targetIp + " tell " + senderIp;
    }
    if (operation == REPLY) {
      return "arp reply " + senderIp + " is-at " + senderMac;
    }
    return "arp op " + operation + " " + senderIp + " -> " + targetIp;
  }
}
