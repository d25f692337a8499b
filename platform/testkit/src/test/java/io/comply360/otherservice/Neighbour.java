package io.comply360.otherservice;

/** A class of another service: {@link io.comply360.fixture.bad.Reaching} must not use it. */
public class Neighbour {

    public static String name() {
        return "neighbour";
    }
}
