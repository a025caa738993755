package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.util.FileUtils;

/**
 * What {@code ./bazaar check <path-or-git-url>} analyses: a path as it is, or a git URL cloned with JGit (the whole
 * history, for signs 3 and 7) into a temporary directory. Cloning is the only network access, and only when asked.
 */
public final class Sources {

    private static final Pattern GIT_URL = Pattern.compile("^(https?://|git@|ssh://|git://|file://).+|.+\\.git/?$");

    private Sources() {
    }

    /** Whether the argument names a repository to clone rather than a directory. */
    public static boolean isGitUrl(String argument) {
        return GIT_URL.matcher(argument).matches() && !Files.isDirectory(Path.of(argument.replaceFirst("/$", "")))
                || argument.startsWith("file://");
    }

    /**
     * The directory to analyse: the path itself, or a fresh clone of the URL in a folder named like the repository
     * (the scorecard is named after it), inside a temporary folder the caller may delete after.
     */
    public static Path resolve(String argument) throws IOException {
        if (!isGitUrl(argument)) {
            return Path.of(argument);
        }
        String name = argument.replaceFirst("/+$", "").replaceFirst("\\.git$", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
        Path dir = Files.createTempDirectory("bazaar-check-").resolve(name.isEmpty() ? "repository" : name);
        try (Git ignored = Git.cloneRepository().setURI(argument).setDirectory(dir.toFile()).call()) {
            return dir;
        } catch (GitAPIException e) {
            FileUtils.delete(dir.getParent().toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING); // what a failed clone left is of no use to anyone
            throw new IOException("cannot clone " + argument + ": " + e.getMessage(), e);
        }
    }
}
