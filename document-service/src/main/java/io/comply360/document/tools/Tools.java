package io.comply360.document.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the service relies on (poppler's pdfinfo, pdftotext, pdftoppm; tesseract) as child
 * processes: never through a shell, with a time limit (the process is killed past it), bounded output (a tool that
 * writes more than {@code maxOutput} is killed: a decompression bomb never fills the heap), and tesseract held to one
 * thread per process ({@code OMP_THREAD_LIMIT=1}), so concurrency is ours to bound. Blocking: call it on a worker.
 */
public final class Tools {

    private Tools() {}

    /** What a tool printed and how it ended. */
    public record Run(int exitCode, byte[] stdout, String stderr) {

        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** A tool ran past its time and was killed. */
    public static final class TimedOut extends RuntimeException {
        public TimedOut(String tool, Duration limit) {
            super(tool + " did not finish within " + limit.toSeconds() + " s", null, false, false);
        }
    }

    /** A tool wrote more output than allowed and was killed. */
    public static final class TooMuchOutput extends RuntimeException {
        TooMuchOutput(String tool, long max) {
            super(tool + " wrote more than " + max / 1024 + " KB", null, false, false);
        }
    }

    public static Run run(List<String> command, Path workDir, Duration timeout, long maxOutput) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.environment().put("LC_ALL", "C.UTF-8");
        String tool = command.get(0);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(tool + " could not be started (is it installed?)", e);
        }
        try {
            process.getOutputStream().close();
            Drain out = new Drain(process, process.getInputStream(), maxOutput);
            Drain err = new Drain(process, process.getErrorStream(), 64 * 1024);
            Thread outThread = start(out, tool + "-out");
            Thread errThread = start(err, tool + "-err");
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new TimedOut(tool, timeout);
            }
            outThread.join(5000);
            errThread.join(5000);
            if (out.overflowed) {
                throw new TooMuchOutput(tool, maxOutput);
            }
            return new Run(process.exitValue(), out.bytes.toByteArray(), err.bytes.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(tool + " was interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static Thread start(Runnable drain, String name) {
        Thread thread = new Thread(drain, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Reads a stream to its end, keeping at most {@code max} bytes; past that the process is killed. */
    private static final class Drain implements Runnable {
        private final Process process;
        private final InputStream in;
        private final long max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean overflowed;

        Drain(Process process, InputStream in, long max) {
            this.process = process;
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (bytes.size() + n > max) {
                        overflowed = true;
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        return;
                    }
                    bytes.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }
    }
}
