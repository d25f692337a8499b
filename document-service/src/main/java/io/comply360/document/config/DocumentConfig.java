package io.comply360.document.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** document-service's settings ({@code comply360.document.*}); the README lists them with their defaults. */
@ConfigMapping(prefix = "comply360.document")
public interface DocumentConfig {

    /** The S3 bucket of originals and derived artefacts. */
    String bucket();

    /** Whether to create the bucket at start when it is missing (dev and tests; production provisions it). */
    @WithDefault("false")
    boolean createBucket();

    /**
     * Where clients reach S3 for presigned URLs, when that differs from the service's own endpoint (a cluster's
     * internal name versus the public one). Empty: the service's endpoint.
     */
    java.util.Optional<String> publicS3Url();

    /** Largest file sent through the API ({@code POST /api/v1/documents}); larger ones use a presigned upload. */
    @WithDefault("20M")
    MemorySize maxUploadSize();

    /** Largest file a presigned upload may announce. */
    @WithDefault("100M")
    MemorySize maxPresignedSize();

    /** How long a presigned PUT may be used; an upload not completed by then is swept. */
    @WithDefault("15M")
    Duration presignedUploadTtl();

    /** How long a download link works. */
    @WithDefault("5M")
    Duration downloadTtl();

    /** Files above this size go to S3 as a multipart upload of parts this large. */
    @WithDefault("8M")
    MemorySize multipartPartSize();

    /** Most pages a PDF may have. */
    @WithDefault("50")
    int maxPages();

    /** Most pixels an image, or a PDF page rendered for OCR, may have (before anything is decoded). */
    @WithDefault("60000000")
    long maxPixels();

    /** Whether this process runs the OCR worker (the worker profile; tests run both in one process). */
    @WithDefault("false")
    boolean worker();

    Ocr ocr();

    Uploads uploads();

    Verification verification();

    interface Ocr {
        /** Jobs run at once by this worker; 0 = one per core. */
        @WithDefault("0")
        int concurrency();

        /** The whole job (every page, every tool) must finish within this. */
        @WithDefault("5M")
        Duration jobTimeout();

        /** One tool run (a page's OCR) must finish within this. */
        @WithDefault("90S")
        Duration toolTimeout();

        /** How long a worker's claim on a job holds without being extended (a dead worker's job returns then). */
        @WithDefault("60S")
        Duration lease();

        /** Attempts before a job ends FAILED (a crash or a transient failure each count one). */
        @WithDefault("4")
        int maxAttempts();

        /** Resolution pages are rendered at for OCR. */
        @WithDefault("300")
        int dpi();

        /** Tesseract's languages. */
        @WithDefault("eng+afr")
        String languages();

        /** A PDF's text layer is used when it has at least this many letters or digits per page. */
        @WithDefault("40")
        int textLayerMinChars();

        /** How often the sweeper looks for jobs whose worker died ("off" disables it). */
        @WithDefault("30s")
        String sweepEvery();
    }

    interface Uploads {
        /** How often abandoned presigned uploads are deleted ("off" disables it). */
        @WithDefault("5m")
        String sweepEvery();
    }

    interface Verification {
        /** A field read with less confidence than this (0–100) is not trusted: the document needs review. */
        @WithDefault("70")
        int minConfidence();
    }
}
