package dev.bazaar.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Processes, pid files, ports and log tails, as Linux shows them. */
final class OsProcesses {

    private static final Path SETSID = find("setsid");
    private static final Path NICE = find("nice");

    private OsProcesses() {
    }

    /** The live process behind a pid file, if its command line carries every marker. */
    static Optional<ProcessHandle> fromPidFile(Path pidFile, String... markers) {
        OptionalLong pid = readPid(pidFile);
        return pid.isPresent() ? live(pid.getAsLong(), markers) : Optional.empty();
    }

    /** The live process with this pid, if its command line carries every marker (pids are reused). */
    static Optional<ProcessHandle> live(long pid, String... markers) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(process -> !exited(process));
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        String commandLine = commandLine(pid);
        return Arrays.stream(markers).allMatch(commandLine::contains) ? handle : Optional.empty();
    }

    /** The command line of a process, arguments separated by spaces; empty when it is gone. */
    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    static OptionalLong readPid(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static void writePid(Path pidFile, long pid) {
        write(pidFile, pid + "\n");
    }

    /** Leaves an empty file whose presence says something (a part killed on purpose, say). */
    static void writeMarker(Path marker) {
        write(marker, "");
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale pid file is checked against the live process anyway.
        }
    }

    /**
     * Stops a process politely (SIGTERM), and outright (SIGKILL) if it has not exited within {@code grace}.
     * Returns whether it had to be killed.
     */
    static boolean terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        if (awaitExit(process, grace)) {
            return false;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return true;
    }

    /** SIGKILL, and wait until the process is gone. */
    static void kill(ProcessHandle process) {
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
    }

    /** Polls: a process the launcher did not start gives no signal when it ends. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        return Poll.until(timeout, Duration.ofMillis(50), () -> exited(process));
    }

    /**
     * Whether a process has ended: gone, or a zombie that its parent has not reaped yet. The applications' parent is
     * the machine's init once the launcher that started them exits, and an init may take a second or more to reap;
     * {@link ProcessHandle#isAlive()} counts a zombie as alive, and {@link ProcessHandle#onExit()} polls a process that
     * is not a child from 300 ms apart upwards.
     */
    static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ')'.
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    /** Sends a signal by name ({@code INT}, {@code KILL} …) with the system's {@code kill}. */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not signal process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A field of {@code /proc/<pid>/status} in bytes, e.g. {@code VmRSS}; 0 when unknown. */
    static long statusBytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return parseKilobytes(line.substring(field.length() + 1)) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // The process exited while being looked at.
        }
        return 0;
    }

    static long parseKilobytes(String value) {
        String digits = value.trim().split("\\s+")[0];
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    /** Whether something accepts connections on this local port. */
    static boolean listening(int port) {
        return listening("127.0.0.1", port);
    }

    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The end of a log as a person wants to see it when something failed: without stack frames, which
     * would push the messages (the "Caused by" chain) out of view.
     */
    static List<String> failureTail(Path file, int count) {
        List<String> lines = tail(file, 400).stream()
                .filter(line -> !line.matches("^\\s+(at |\\.\\.\\. \\d+ (common frames|more)).*"))
                .toList();
        return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Keeps one previous generation of a log that has grown past 20 MiB: {@code x.log} becomes {@code x.log.1}. */
    static void rotate(Path log) {
        try {
            if (Files.isRegularFile(log) && Files.size(log) > 20L * 1024 * 1024) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Rotation is a courtesy; the log keeps growing otherwise.
        }
    }

    /** The last {@code count} lines of a text file (read from its end, so logs of any size are cheap). */
    static List<String> tail(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0);
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Spawns a command, its output appended to a log, and returns its pid without waiting for it. It runs in a session
     * of its own ({@code setsid}), so that Ctrl-C in the terminal reaches only the launcher (which then stops everything
     * in order) and a detached platform outlives the terminal; and at a nice value (0: the launcher's own) through
     * {@code nice}. Both replace themselves with the command, so the pid is the command's; each is left out where it
     * is missing.
     */
    static long spawn(List<String> command, int nice, Path directory, Path log, Map<String, String> environment) throws IOException {
        List<String> line = new ArrayList<>();
        if (SETSID != null) {
            line.add(SETSID.toString());
        }
        if (nice != 0 && NICE != null) {
            line.addAll(List.of(NICE.toString(), "-n", Integer.toString(nice)));
        }
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start().pid();
    }

    /**
     * Runs a command to its end, its output appended to a log: its exit code, or empty when it took longer than
     * {@code timeout} and was killed.
     *
     * @param what what it does, for the message when the launcher is interrupted meanwhile: {@code formatting ...}
     */
    static OptionalInt run(String what, List<String> command, Path directory, Path log, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while " + what);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Path find(String program) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
