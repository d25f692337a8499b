package io.comply360.platform.web.internal;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of what a service reads from a request ({@code comply360.http.*}). */
@ConfigMapping(prefix = "comply360.http")
public interface WebConfig {

    /**
     * The largest JSON body a service reads. Request records are forms, not files: 256 KB holds any of them many
     * times over. Uploads are not JSON and have limits of their own ({@code quarkus.http.limits.max-body-size}).
     */
    @WithDefault("256K")
    MemorySize maxJsonBody();
}
