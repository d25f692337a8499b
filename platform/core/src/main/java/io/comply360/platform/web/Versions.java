package io.comply360.platform.web;

import jakarta.ws.rs.core.EntityTag;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;

/**
 * {@code ETag} / {@code If-Match} for versioned resources. The entity tag is the resource's version number,
 * strong ({@code "7"}); weak tags from caches ({@code W/"7"}) are accepted on {@code If-Match}. An update
 * without {@code If-Match} is refused with 428 so that lost updates cannot happen by omission.
 */
public final class Versions {

    private Versions() {}

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** {@link #requireMatch(String, long, boolean)} for a resource that exists. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        requireMatch(ifMatch, currentVersion, true);
    }

    /**
     * Passes when {@code ifMatch} names {@code currentVersion}; 428 when absent, 412 when stale. {@code *} ("any
     * version") names none: it is taken only for a resource that does not exist yet ({@code exists} false), where
     * there is no one else's change to overwrite; on an existing one it is 428 like a missing header.
     */
    public static void requireMatch(String ifMatch, long currentVersion, boolean exists) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(
                    ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you last read, so no one else's change is overwritten");
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                if (!exists) {
                    return;
                }
                throw new ProblemException(
                        ProblemType.PRECONDITION_REQUIRED,
                        "If-Match: * does not say which version you read; send the ETag you last read");
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("\"" + currentVersion + "\"")) {
                return;
            }
        }
        throw new ProblemException(
                ProblemType.PRECONDITION_FAILED,
                "The resource changed since you read it (now at version " + currentVersion
                        + "); read it again and reapply your change");
    }
}
