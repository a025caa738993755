package dev.bazaar.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The git history of an analysed directory, read with JGit: the repository holding it may be above it (Bazaar's
 * {@code samples/distributed-monolith}), and then only paths under it count, relative to it.
 */
final class History implements AutoCloseable {

    /**
     * A non-merge commit that changes something under the analysed directory.
     *
     * @param id      its abbreviated id
     * @param paths   the files it adds, changes or deletes, relative to the analysed directory
     */
    record Commit(String id, String subject, Instant time, Set<String> paths, ObjectId tree, ObjectId parentTree) {
    }

    /** Why the history cannot be read, in words a person can act on. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private final Repository repository;
    private final String prefix;

    private History(Repository repository, String prefix) {
        this.repository = repository;
        this.prefix = prefix;
    }

    /** The repository holding {@code dir}; not a git repository, or a shallow clone, is {@link Unavailable}. */
    static History open(Path dir) throws Unavailable {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            throw new Unavailable("not a git repository");
        }
        try {
            Repository repository = builder.setMustExist(true).build();
            if (repository.isBare()) {
                repository.close();
                throw new Unavailable("not a git repository");
            }
            Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
            if (!shallow.isEmpty()) {
                repository.close();
                throw new Unavailable("a shallow clone: its history stops at " + shallow.size()
                        + " commit(s) whose parents were not fetched; run `git fetch --unshallow` for the whole history");
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            String prefix = workTree.relativize(dir.toRealPath()).toString().replace('\\', '/');
            return new History(repository, prefix);
        } catch (IOException e) {
            throw new Unavailable("cannot read its git repository: " + e.getMessage());
        }
    }

    /**
     * Every non-merge commit reachable from HEAD, newest first, that changes a file under the analysed directory (since
     * the start of {@code since}, when given). Root commits are left out: they import a tree, they change nothing.
     */
    List<Commit> commits(Optional<LocalDate> since) throws Unavailable {
        List<Commit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
             TreeWalk diff = new TreeWalk(repository, reader)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return out; // no commit yet
            }
            walk.markStart(walk.parseCommit(head));
            walk.setRevFilter(since.map(d -> AndRevFilter.create(RevFilter.NO_MERGES,
                            CommitTimeRevFilter.after(d.atStartOfDay(ZoneId.systemDefault()).toInstant())))
                    .orElse(RevFilter.NO_MERGES));
            diff.setRecursive(true);
            diff.setFilter(prefix.isEmpty() ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilter.create(prefix), TreeFilter.ANY_DIFF));
            for (RevCommit commit : walk) {
                if (commit.getParentCount() == 0) {
                    continue;
                }
                RevCommit parent = walk.parseCommit(commit.getParent(0));
                diff.reset(parent.getTree(), commit.getTree());
                Set<String> paths = new LinkedHashSet<>();
                while (diff.next()) {
                    paths.add(prefix.isEmpty() ? diff.getPathString()
                            : diff.getPathString().substring(prefix.length() + 1));
                }
                if (!paths.isEmpty()) {
                    out.add(new Commit(reader.abbreviate(commit).name(), commit.getShortMessage(),
                            commit.getAuthorIdent().getWhenAsInstant(), paths, commit.getTree().getId(),
                            parent.getTree().getId()));
                }
            }
        } catch (IOException e) {
            throw new Unavailable("cannot read its git history: " + e.getMessage());
        }
        return out;
    }

    /** A file's text in a tree (a commit's or its parent's); empty when the file is not there. */
    Optional<String> text(ObjectId tree, String path) {
        return bytes(tree, path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> bytes(ObjectId tree, String path) {
        String full = prefix.isEmpty() ? path : prefix + "/" + path;
        try (TreeWalk walk = TreeWalk.forPath(repository, full, tree)) {
            if (walk == null) {
                return Optional.empty();
            }
            return Optional.of(repository.open(walk.getObjectId(0)).getBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A region of a file that a commit changes: the lines it removes, the lines it puts in their place. */
    record Region(List<String> removed, List<String> added) {
    }

    /**
     * What a commit changes in a file, region by region, as JGit's histogram diff cuts it with whitespace ignored;
     * nothing for a binary file. Only the first {@code maxLines} lines of each side are compared: a generated or
     * vendored file of thousands of lines costs no more than a small one.
     */
    List<Region> regions(Commit commit, String path, int maxLines) {
        byte[] before = bytes(commit.parentTree(), path).orElse(new byte[0]);
        byte[] after = bytes(commit.tree(), path).orElse(new byte[0]);
        if (RawText.isBinary(before) || RawText.isBinary(after)) {
            return List.of();
        }
        RawText a = new RawText(head(before, maxLines));
        RawText b = new RawText(head(after, maxLines));
        List<Region> out = new ArrayList<>();
        for (Edit e : DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.WS_IGNORE_ALL, a, b)) {
            out.add(new Region(lines(a, e.getBeginA(), e.getEndA()), lines(b, e.getBeginB(), e.getEndB())));
        }
        return out;
    }

    private static byte[] head(byte[] text, int maxLines) {
        int lines = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && ++lines == maxLines) {
                return Arrays.copyOf(text, i + 1);
            }
        }
        return text;
    }

    private static List<String> lines(RawText text, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(text.getString(i));
        }
        return out;
    }

    @Override
    public void close() {
        repository.close();
    }
}
