package io.comply360.commission.odoo.xmlrpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails with an {@link IOException} once more than {@code maxBytes} have been read, and remembers that it
 * did, so that the caller can tell "too large" apart from other failures even after the XML parser has
 * wrapped the exception. Does not close or otherwise own the wrapped stream beyond delegation.
 */
final class BoundedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;
    private boolean exceeded;

    BoundedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    boolean exceeded() {
        return exceeded;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        account(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void account(long n) throws IOException {
        count += n;
        if (count > maxBytes) {
            exceeded = true;
            throw new IOException("XML-RPC document exceeds the limit of " + maxBytes + " bytes");
        }
    }
}
