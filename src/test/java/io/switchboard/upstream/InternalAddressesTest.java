package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InternalAddressesTest {

    @ParameterizedTest
    @CsvSource({
            // IPv4
            "0.0.0.0, true", "0.1.2.3, true", "10.1.2.3, true", "100.64.0.1, true", "100.127.255.255, true",
            "127.0.0.1, true", "127.255.255.254, true", "169.254.169.254, true", "172.16.0.1, true",
            "172.31.255.255, true", "192.0.0.8, true", "192.0.2.1, true", "192.88.99.1, true", "192.168.1.1, true",
            "198.18.0.1, true", "198.19.255.255, true", "198.51.100.7, true", "203.0.113.9, true", "224.0.0.1, true",
            "239.255.255.250, true", "240.0.0.1, true", "255.255.255.255, true",
            "100.63.255.255, false", "100.128.0.1, false", "172.15.255.255, false", "172.32.0.1, false",
            "198.17.255.255, false", "198.20.0.1, false", "93.184.216.34, false", "8.8.8.8, false",
            "1.1.1.1, false", "192.0.1.1, false", "223.255.255.254, false",
            // IPv6
            "::, true", "::1, true", "fd00::1, true", "fc00::1, true", "fe80::1, true", "febf::1, true",
            "fec0::1, true", "ff02::1, true", "2001:db8::1, true", "2001::1, true", "2001:10::1, true",
            "2001:20::1, true", "100::1, true", "64:ff9b:1::1, true",
            // IPv6 forms that carry an IPv4 address: judged by it
            "::ffff:127.0.0.1, true", "::ffff:10.0.0.1, true", "::ffff:8.8.8.8, false",
            "::127.0.0.1, true", "::10.0.0.1, true",
            "::ffff:0:127.0.0.1, true", "::ffff:0:169.254.169.254, true", "::ffff:0:8.8.8.8, false",
            "64:ff9b::127.0.0.1, true", "64:ff9b::10.0.0.1, true", "64:ff9b::198.18.0.1, true",
            "64:ff9b::8.8.8.8, false",
            "2002:7f00:1::1, true", "2002:a9fe:a9fe::1, true", "2002:c0a8:101::1, true", "2002:808:808::1, false",
            "::8.8.8.8, true",
            // public IPv6
            "2606:2800:220:1:248:1893:25c8:1946, false", "2a00:1450:4001:80b::200e, false"
    })
    void should_classify_every_address_that_is_not_plainly_public_as_internal(String address, boolean internal)
            throws Exception {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(address))).as(address)
                .isEqualTo(internal);
    }
}
