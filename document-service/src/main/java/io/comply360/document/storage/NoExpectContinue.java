package io.comply360.document.storage;

import io.quarkus.runtime.annotations.RegisterForReflection;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends uploads without {@code Expect: 100-continue}. The S3 client adds it to every PUT; with the JDK's URL connection
 * (our HTTP client) and S3-compatible stores that answer it late, writes then fail now and then with "Error writing
 * request body to server" — on every retry of the same request. Our bodies are small and signed; a refused one costs
 * one round trip more, not a failure. Registered by {@code quarkus.s3.interceptors}.
 */
@RegisterForReflection
public class NoExpectContinue implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(
            Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        return context.httpRequest().toBuilder().removeHeader("Expect").build();
    }
}
