package io.comply360.document.storage;

import java.util.UUID;

/**
 * Where things live in the bucket: under the tenant's prefix, named by ids only (never by a client's file name).
 * An original is written once and never changed; derived artefacts sit beside it under names of their own;
 * presigned uploads land in quarantine until they are checked.
 */
public final class ObjectKeys {

    private ObjectKeys() {}

    public static String original(UUID tenantId, UUID documentId) {
        return document(tenantId, documentId) + "original";
    }

    public static String text(UUID tenantId, UUID documentId) {
        return document(tenantId, documentId) + "text.txt";
    }

    public static String quarantine(UUID tenantId, UUID uploadId) {
        return "tenants/" + tenantId + "/quarantine/" + uploadId;
    }

    private static String document(UUID tenantId, UUID documentId) {
        return "tenants/" + tenantId + "/documents/" + documentId + "/";
    }
}
