package io.comply360.platform.broker;

/**
 * A kind of event: the exchange it is published to, its type (also the routing key) and its schema version
 * ({@code docs/events/<type>.v<version>.schema.json}).
 */
public record EventType(String exchange, String type, int version) {

    public String dataschema() {
        return type + "/v" + version;
    }
}
