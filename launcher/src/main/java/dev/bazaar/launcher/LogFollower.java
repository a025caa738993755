package dev.bazaar.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tail -f} over several logs at once: each line prefixed with its component when there is more
 * than one, files that appear later (a component started after) picked up, truncated ones reread.
 */
final class LogFollower {

    private final Map<String, Path> logs;
    private final PrintStream out;
    private final boolean prefixed;
    private final Map<String, Long> positions = new LinkedHashMap<>();
    private final Map<String, StringBuilder> partial = new LinkedHashMap<>();

    LogFollower(Map<String, Path> logs, PrintStream out) {
        this.logs = logs;
        this.out = out;
        this.prefixed = logs.size() > 1;
    }

    /** Shows the last {@code lines} of each log, then, if {@code follow}, new lines until interrupted. */
    void run(int lines, boolean follow) throws InterruptedException {
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            for (String line : OsProcesses.tail(log.getValue(), lines)) {
                print(log.getKey(), line);
            }
            positions.put(log.getKey(), size(log.getValue()));
            partial.put(log.getKey(), new StringBuilder());
        }
        out.flush();
        while (follow) {
            boolean any = false;
            for (Map.Entry<String, Path> log : logs.entrySet()) {
                any |= poll(log.getKey(), log.getValue());
            }
            if (any) {
                out.flush();
            } else {
                Thread.sleep(250);
            }
        }
    }

    private boolean poll(String name, Path file) {
        long size = size(file);
        long position = positions.get(name);
        if (size < position) {
            position = 0;
        }
        if (size == position) {
            positions.put(name, position);
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(position);
            byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
            raf.readFully(bytes);
            positions.put(name, position + bytes.length);
            StringBuilder text = partial.get(name).append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = text.indexOf("\n")) >= 0) {
                print(name, text.substring(0, newline));
                text.delete(0, newline + 1);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void print(String name, String line) {
        out.println(prefixed ? String.format("%-11s | %s", name, line) : line);
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
