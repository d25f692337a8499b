package io.comply360.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/**
 * Requests RestAssured cannot make — a body without a length, a stream that never ends — sent over plain HTTP/1.1
 * (as the gateway forwards; java.net.http would otherwise try an h2c upgrade), and their answers as RestAssured
 * responses, so the same problem assertions apply.
 */
final class RawHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RawHttp() {}

    static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response response(int status, String contentType, String body) {
        return new ResponseBuilder()
                .setStatusCode(status)
                .setStatusLine("HTTP/1.1 " + status)
                .setContentType(contentType)
                .setBody(body)
                .build();
    }
}
