package io.comply360.document.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Startup;

import io.comply360.document.config.DocumentConfig;
import io.comply360.document.tools.Tools;
import io.comply360.platform.concurrent.BlockingCalls;
import io.comply360.platform.health.TimedAsyncCheck;
import io.smallrye.mutiny.Uni;

/**
 * A worker has started once the tools it runs answer (tesseract with the configured languages, pdftoppm, pdftotext):
 * a startup check, as the tools do not come and go in a running image (readiness stays the service's own database).
 * An API process does not run them.
 */
@Startup
@ApplicationScoped
public class OcrToolsCheck extends TimedAsyncCheck {

    private final DocumentConfig config;
    private volatile boolean found;

    public OcrToolsCheck(DocumentConfig config) {
        this.config = config;
    }

    @Override
    protected String name() {
        return "ocr-tools";
    }

    @Override
    protected Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    protected Uni<?> probe() {
        if (!config.worker() || found) {
            return Uni.createFrom().item(true);
        }
        return BlockingCalls.run(() -> {
            Path here = Path.of(System.getProperty("java.io.tmpdir"));
            Tools.Run languages =
                    Tools.run(List.of("tesseract", "--list-langs"), here, Duration.ofSeconds(5), 64 * 1024);
            String listed = languages.text() + languages.stderr();
            for (String language : config.ocr().languages().split("\\+")) {
                if (!listed.lines().anyMatch(line -> line.strip().equals(language))) {
                    throw new IllegalStateException("tesseract has no " + language + " language data");
                }
            }
            for (String tool : List.of("pdftoppm", "pdftotext")) {
                Tools.run(List.of(tool, "-v"), here, Duration.ofSeconds(5), 64 * 1024);
            }
            found = true;
            return true;
        });
    }
}
