package dev.tcpconform.crafter.option;

/**
 * One TCP option (RFC 9293 section 3.1). Unknown kinds and malformed bytes are values like the
 * others, so a decoded segment keeps everything that was on the wire.
 */
public sealed interface TcpOption
    permits Mss, WindowScale, SackPermitted, Sack, Timestamps, Nop, Eol, UnknownOption,
        MalformedOption {

  /** The option's kind byte. */
  int kind();

  /** Its length on the wire in bytes, kind and length bytes included. */
  int length();

  /** Writes the option at {@code off}; returns the offset after it. */
  int writeTo(byte[] out, int off);

  /** {@code mss 1460}, {@code sackOK}, {@code TS val 1 ecr 0}... */
  String notation();
}
