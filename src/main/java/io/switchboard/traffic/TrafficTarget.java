package io.switchboard.traffic;

/** Something a request can be sent to, with the traffic state of the provider behind it. */
public interface TrafficTarget {

    ProviderTraffic traffic();
}
