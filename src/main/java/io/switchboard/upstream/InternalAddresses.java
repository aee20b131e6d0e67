package io.switchboard.upstream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The one answer to "may the gateway fetch from this address on a caller's behalf?": only when it is
 * plainly public. Internal here: IPv4 this-network, private (RFC 1918), shared (100.64/10), loopback,
 * link-local, IETF protocol assignments (192.0.0/24), the documentation and benchmarking nets
 * (192.0.2/24, 198.18/15, 198.51.100/24, 203.0.113/24), the 6to4 relay anycast, multicast, reserved
 * and broadcast; IPv6 {@code ::/96} (unspecified, loopback and IPv4-compatible {@code ::a.b.c.d}),
 * unique-local, link- and site-local, multicast, documentation, discard-only, Teredo, ORCHID and the
 * local-use NAT64 {@code 64:ff9b:1::/48}. An IPv6 form that carries an IPv4 address (IPv4-mapped,
 * IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is
 * judged by that IPv4 address.
 */
public final class InternalAddresses {

    private InternalAddresses() {
    }

    public static boolean isInternal(InetAddress address) {
        if (address instanceof Inet4Address) {
            return isInternalV4(address.getAddress(), 0);
        }
        if (address instanceof Inet6Address) {
            return isInternalV6(address.getAddress());
        }
        return true;
    }

    static boolean isInternalV4(byte[] b, int at) {
        int a0 = b[at] & 0xFF;
        int a1 = b[at + 1] & 0xFF;
        int a2 = b[at + 2] & 0xFF;
        return a0 == 0 // this network
                || a0 == 10 // private
                || a0 == 100 && a1 >= 64 && a1 < 128 // shared address space (carrier-grade NAT)
                || a0 == 127 // loopback
                || a0 == 169 && a1 == 254 // link-local
                || a0 == 172 && a1 >= 16 && a1 < 32 // private
                || a0 == 192 && a1 == 0 && a2 == 0 // IETF protocol assignments
                || a0 == 192 && a1 == 0 && a2 == 2 // documentation (TEST-NET-1)
                || a0 == 192 && a1 == 88 && a2 == 99 // 6to4 relay anycast
                || a0 == 192 && a1 == 168 // private
                || a0 == 198 && (a1 == 18 || a1 == 19) // benchmarking
                || a0 == 198 && a1 == 51 && a2 == 100 // documentation (TEST-NET-2)
                || a0 == 203 && a1 == 0 && a2 == 113 // documentation (TEST-NET-3)
                || a0 >= 224; // multicast, reserved, broadcast
    }

    static boolean isInternalV6(byte[] b) {
        if (zeros(b, 0, 10)) {
            if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                return isInternalV4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
            }
            // ::, ::1 and ::a.b.c.d (IPv4-compatible, deprecated and never routed publicly)
            return true;
        }
        if (zeros(b, 0, 8) && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && b[10] == 0 && b[11] == 0) {
            return isInternalV4(b, 12); // ::ffff:0:a.b.c.d, IPv4-translated
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            // 64:ff9b::/96 (NAT64, judged by the embedded IPv4); 64:ff9b:1::/48 is local-use
            return !zeros(b, 4, 12) || isInternalV4(b, 12);
        }
        if (w0 == 0x2002) {
            return isInternalV4(b, 2); // 6to4
        }
        if (w0 == 0x2001 && (w1 == 0x0000 || w1 == 0x0db8 || (w1 & 0xFFF0) == 0x0010 || (w1 & 0xFFF0) == 0x0020)) {
            return true; // Teredo, documentation, ORCHID and ORCHIDv2
        }
        if (w0 == 0x0100 && zeros(b, 2, 8)) {
            return true; // discard-only 100::/64
        }
        int first = b[0] & 0xFF;
        return (first & 0xFE) == 0xFC // unique-local fc00::/7
                || first == 0xFE && (b[1] & 0xC0) == 0x80 // link-local fe80::/10
                || first == 0xFE && (b[1] & 0xC0) == 0xC0 // site-local fec0::/10 (deprecated)
                || first == 0xFF; // multicast
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
