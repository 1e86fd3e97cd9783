package io.cutover.jdbc;

import io.cutover.rehearsal.pg.PgServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** An application that never stops writing: one committed row at a time into {@code table(id, note)}. */
final class RowWriter implements AutoCloseable {

    private final PgServer server;
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Exception failure;

    private final String table;

    RowWriter(PgServer server, String table) {
        this.server = server;
        this.table = table;
        this.thread = new Thread(this::write, "row-writer");
        thread.start();
    }

    private void write() {
        try (Connection c = server.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, note) VALUES (?, ?)")) {
            while (running.get()) {
                long id = written.get() + 1;
                ps.setLong(1, id);
                ps.setString(2, "order " + id);
                ps.executeUpdate();
                written.set(id);
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    long written() {
        return written.get();
    }

    /** Blocks until at least {@code more} further rows are committed. */
    void awaitMore(long more) throws InterruptedException {
        long target = written.get() + more;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (written.get() < target) {
            if (failure != null) throw new IllegalStateException("writer failed", failure);
            if (System.nanoTime() > deadline) throw new IllegalStateException("writer stalled at " + written.get());
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        if (failure != null) throw new IllegalStateException("writer failed", failure);
    }
}
