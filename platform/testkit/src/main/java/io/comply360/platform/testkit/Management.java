package io.comply360.platform.testkit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the running test application's management interface (health, metrics, OpenAPI), not its API port. */
public final class Management {

    private Management() {}

    /** The management interface's port once the application started (tests configure a free one). */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
