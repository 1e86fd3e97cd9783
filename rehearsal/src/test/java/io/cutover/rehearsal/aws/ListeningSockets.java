package io.cutover.rehearsal.aws;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets some processes listen on, from Linux's {@code /proc}: the LISTEN rows (state
 * {@code 0A}) of {@code /proc/net/tcp} and {@code tcp6}, matched by socket inode to the processes'
 * open file descriptors ({@code /proc/PID/fd/* -> socket:[INODE]}).
 */
public final class ListeningSockets {

    /** A listening socket of a process. */
    public record Socket(long pid, String command, InetAddress address, int port) {
        public boolean loopback() {
            return address.isLoopbackAddress() || isMappedLoopback(address);
        }

        @Override
        public String toString() {
            return command + " (pid " + pid + ") on " + address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    public static List<Socket> of(Collection<Long> pids) throws IOException {
        Map<Long, InetAddressPort> listening = new HashMap<>();
        read(Path.of("/proc/net/tcp"), listening);
        read(Path.of("/proc/net/tcp6"), listening);
        List<Socket> out = new ArrayList<>();
        for (long pid : pids) {
            Path fds = Path.of("/proc", Long.toString(pid), "fd");
            if (!Files.isDirectory(fds)) continue;
            String command = command(pid);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
                for (Path fd : entries) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(fd).toString();
                    } catch (IOException gone) {
                        continue;
                    }
                    if (!target.startsWith("socket:[")) continue;
                    long inode = Long.parseLong(target.substring(8, target.length() - 1));
                    InetAddressPort a = listening.get(inode);
                    if (a != null) out.add(new Socket(pid, command, a.address(), a.port()));
                }
            }
        }
        return out;
    }

    private record InetAddressPort(InetAddress address, int port) {
    }

    private static void read(Path table, Map<Long, InetAddressPort> listening) throws IOException {
        if (!Files.isRegularFile(table)) return;
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            if (f.length < 10 || !"0A".equals(f[3])) continue;
            String[] local = f[1].split(":");
            listening.put(Long.parseLong(f[9]), new InetAddressPort(address(local[0]), Integer.parseInt(local[1], 16)));
        }
    }

    /** /proc/net/tcp* hold addresses as 32-bit words in host (little-endian) order. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int from = (word * 4 + (3 - i)) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    private static boolean isMappedLoopback(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && new BigInteger(1, java.util.Arrays.copyOf(b, 10)).signum() == 0
                && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff && (b[12] & 0xff) == 127;
    }

    private static String command(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
